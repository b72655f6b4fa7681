import type { CompiledTwinModel } from './compiled-model.js';
import type { Gaussian } from './gaussian.js';
import {
  B_AGE,
  B_CATEGORY,
  B_COMORBID,
  B_FERRITIN0,
  B_FRAILTY_DEATH,
  B_FRAILTY_INFECTION,
  B_HLA_INF,
  B_HLA_RHO,
  B_KAPPA,
  B_LY_INF,
  B_LY_RHO,
  B_MALE,
  B_MALS,
  B_PRE_ICU_HOURS,
  B_RENDER_SEED,
  B_SEPSIS_LEAD_HOURS,
  B_SEPSIS_SITE,
  B_SITE,
  B_SITE_DEATH,
  B_SITE_INFECTION,
  B_SOFA0,
  B_VIA_ED,
  B_WEIGHT,
  COMORBIDITY_BITS,
  NB,
  NS,
  ORGANS,
  RENAL,
  RESP,
  S_ACUTE,
  S_CHRONIC,
  S_DAY,
  S_DEATH_DAY,
  S_HLA_DEV,
  S_HOSP_OUT_DAY,
  S_ICU_OUT_DAY,
  S_IMV,
  S_LAST_INFECTION_DAY,
  S_LOCATION,
  S_LY_DEV,
  S_NOISE,
} from './layout.js';

const SEPSIS = 0;
const MEDICAL = 1;
const TRAUMA = 3;

const LN_8000 = Math.log(8000);

function pick(cumulativeShares: readonly number[], u: number): number {
  for (let i = 0; i < cumulativeShares.length; i++) if (u < (cumulativeShares[i] ?? 1)) return i;
  return cumulativeShares.length - 1;
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/**
 * Draws one ICU admission: who the patient is (category, sepsis source, age, sex, weight, comorbidities),
 * how sick on arrival (admission SOFA split among the organs, ventilation, MALS), the immune trajectory's
 * parameters (mHLA-DR and lymphocytes at admission and at recovery, recovery rates) and the frailties.
 * Writes the constants into `baseline` at `b` and day 0's starting state into `state` at `s`. The site and
 * its effects are left at 0 for the caller.
 * @param m - Compiled model.
 * @param g - The patient's stream.
 * @param baseline - Constants buffer (NB per patient).
 * @param b - Offset of this patient's row.
 * @param state - State buffer (NS per patient).
 * @param s - Offset of this patient's state row.
 */
export function drawPatient(
  m: CompiledTwinModel,
  g: Gaussian,
  baseline: Float64Array,
  b: number,
  state: Float64Array,
  s: number,
): void {
  baseline.fill(0, b, b + NB);
  state.fill(0, s, s + NS);
  const category = pick(m.categoryCumulative, g.uniform());
  const septic = category === SEPSIS;
  const site = septic ? pick(m.sepsisSiteCumulative, g.uniform()) : -1;
  const age = clamp(m.ageMean + m.ageSd * g.next(), 18, 95);
  const male = g.uniform() < m.maleShare ? 1 : 0;
  const viaEd = g.uniform() < (m.edShare[category] ?? 0) ? 1 : 0;
  // Through the ED or theatre: hours to the ICU; otherwise days on a ward first.
  const preIcuHours = viaEd
    ? 1 + m.hospitalToIcuHoursMean * -Math.log(1 - g.uniform())
    : 24 * (0.5 + m.wardToIcuDaysMean * -Math.log(1 - g.uniform()));
  let comorbid = 0;
  for (const c of m.comorbidities) if (g.uniform() < c.share) comorbid |= c.bit;
  const cancer =
    (comorbid & (COMORBIDITY_BITS.solid_cancer | COMORBIDITY_BITS.haematological_malignancy)) !== 0;
  if (cancer && g.uniform() < shareOf(m, 'recent_chemotherapy'))
    comorbid |= COMORBIDITY_BITS.recent_chemotherapy;
  if (category === TRAUMA && g.uniform() < shareOf(m, 'tbi')) comorbid |= COMORBIDITY_BITS.tbi;
  if (category === MEDICAL && g.uniform() < shareOf(m, 'stroke')) comorbid |= COMORBIDITY_BITS.stroke;
  if (!male && age < 45 && g.uniform() < shareOf(m, 'pregnancy')) comorbid |= COMORBIDITY_BITS.pregnancy;
  const stressSteroids = g.uniform() < shareOf(m, 'stress_steroids');
  if (stressSteroids) comorbid |= COMORBIDITY_BITS.stress_steroids;

  // Admission SOFA, split among the organs (+0.5: a latent in [k, k + 1) scores k).
  const sofa0 = Math.max(0, (m.sofaMean[category] ?? 0) + m.sofaSd * g.next());
  const ferritin0 = (m.ferritin0[category] ?? 0) + (m.ferritin0Sd[category] ?? 0) * g.next();
  const mals = ferritin0 > m.lnMals ? 1 : 0;
  const shares = m.organShares[category] ?? [];
  for (let o = 0; o < ORGANS; o++) {
    const acute = sofa0 * (shares[o] ?? 0) + 0.5 + m.organSpreadSd * g.next() + mals * m.malsLoad;
    state[s + S_ACUTE + o] = Math.max(0, acute);
    state[s + S_NOISE + o] = m.organNoiseSd * g.next();
  }
  if ((comorbid & COMORBIDITY_BITS.ckd_dialysis) !== 0) state[s + S_CHRONIC + RENAL] = m.chronicRenalLoad;
  const respX = (state[s + S_ACUTE + RESP] ?? 0) + (state[s + S_NOISE + RESP] ?? 0);
  const imvLogit = (m.imvLogit[category] ?? 0) + m.imvLogitPerResp * (respX - 2);
  state[s + S_IMV] = g.uniform() < 1 / (1 + Math.exp(-imvLogit)) ? 1 : 0;

  const hla0 = (m.hla0[category] ?? 0) + m.hla0Sd * g.next() + m.hlaSeverity * (sofa0 - 7);
  const hlaInf = m.hlaInf + m.hlaInfSd * g.next();
  const ly0 = (m.ly0[category] ?? 0) + m.ly0Sd * g.next();
  const lyInf = m.lyInf + m.lyInfSd * g.next();

  baseline[b + B_CATEGORY] = category;
  baseline[b + B_SEPSIS_SITE] = site;
  baseline[b + B_AGE] = age;
  baseline[b + B_MALE] = male;
  baseline[b + B_WEIGHT] = clamp(m.weightMean + m.weightSd * g.next(), 38, 180);
  baseline[b + B_SITE] = 0;
  baseline[b + B_VIA_ED] = viaEd;
  baseline[b + B_PRE_ICU_HOURS] = preIcuHours;
  // Septic patients: sepsis onset a few hours before the ICU, within the hospital stay.
  baseline[b + B_SEPSIS_LEAD_HOURS] = septic ? Math.min(preIcuHours - 0.5, 2 + 10 * g.uniform()) : Number.NaN;
  // Organ recovery is slower in immunoparalysis (low admission mHLA-DR) and hyperinflammation (MALS).
  baseline[b + B_KAPPA] = Math.exp(
    (m.kappaLogMedian[category] ?? 0) +
      m.kappaSdLog * g.next() +
      m.kappaPerLogHla * (hla0 - LN_8000) +
      m.kappaMals * mals,
  );
  baseline[b + B_HLA_INF] = hlaInf;
  baseline[b + B_HLA_RHO] = Math.exp(m.hlaRhoLog + m.hlaRhoSdLog * g.next());
  baseline[b + B_LY_INF] = lyInf;
  baseline[b + B_LY_RHO] = Math.exp(m.lyRhoLog + m.lyRhoSdLog * g.next());
  baseline[b + B_FRAILTY_DEATH] = m.deathFrailtySd * g.next();
  baseline[b + B_FRAILTY_INFECTION] = m.infectionFrailtySd * g.next();
  baseline[b + B_COMORBID] = comorbid;
  baseline[b + B_FERRITIN0] = ferritin0;
  baseline[b + B_MALS] = mals;
  baseline[b + B_SOFA0] = sofa0;
  baseline[b + B_SITE_INFECTION] = 0;
  baseline[b + B_SITE_DEATH] = 0;
  baseline[b + B_RENDER_SEED] = g.uniform();

  state[s + S_HLA_DEV] = hla0 - hlaInf;
  state[s + S_LY_DEV] = ly0 - lyInf;
  state[s + S_LAST_INFECTION_DAY] = -1000;
  state[s + S_DAY] = 0;
  state[s + S_DEATH_DAY] = -1;
  state[s + S_ICU_OUT_DAY] = -1;
  state[s + S_HOSP_OUT_DAY] = -1;
  state[s + S_LOCATION] = 0;
}

function shareOf(m: CompiledTwinModel, name: keyof CompiledTwinModel['conditionalShares']): number {
  return m.conditionalShares[name];
}
