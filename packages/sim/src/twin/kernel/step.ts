import type { CompiledTwinModel } from './compiled-model.js';
import type { Gaussian } from './gaussian.js';
import {
  AT_HOME,
  AT_ICU,
  AT_WARD,
  B_AGE,
  B_FERRITIN0,
  B_FRAILTY_DEATH,
  B_FRAILTY_INFECTION,
  B_HLA_INF,
  B_HLA_RHO,
  B_KAPPA,
  B_LY_INF,
  B_LY_RHO,
  B_MALS,
  B_SITE_DEATH,
  B_SITE_INFECTION,
  CARDIO,
  CNS,
  DEAD,
  ORGANS,
  organPoints,
  RENAL,
  RESP,
  S_ACUTE,
  S_ANAKINRA,
  S_CHRONIC,
  S_DAY,
  S_DEATH_DAY,
  S_DEATH_HOUR,
  S_FERRITIN_NOISE,
  S_HLA_DEV,
  S_HLA_NOISE,
  S_HOSP_OUT_DAY,
  S_HOSP_OUT_HOUR,
  S_ICU_OUT_DAY,
  S_ICU_OUT_HOUR,
  S_IFN,
  S_IL7,
  S_IMV,
  S_INFECTIONS,
  S_LAST_INFECTION_DAY,
  S_LOCATION,
  S_LY_DEV,
  S_LY_NOISE,
  S_NOISE,
  V_IMV,
  V_INFECTION,
  V_LN_FERRITIN,
  V_LN_LYMPHOCYTES,
  V_LN_MHLA_DR,
  V_LOCATION,
  V_X,
} from './layout.js';

/**
 * The size of each drug's effect (a scenario's parameters, docs/twin.md); all zero is the null scenario.
 * Log scale: 0 = no effect.
 */
export interface DrugEffects {
  /** IFN-gamma: ln of the fold rise of mHLA-DR at full exposure (S28 observed 2666 -> 12,451: ln 4.67). */
  readonly ifnLogFold: number;
  /** IFN-gamma: ln of the direct hazard ratio of infection at full exposure (besides mHLA-DR's own). */
  readonly ifnLogHr: number;
  /** Anakinra: SOFA points removed per day of full exposure, in patients with MALS. */
  readonly anakinraSofaPerDay: number;
  /** IFN-gamma: SOFA points removed per day of full exposure (immune restoration speeding organ recovery). */
  readonly ifnSofaPerDay: number;
  /** IL-7: ln of the fold rise of lymphocytes at full exposure (S8: 3-4-fold). */
  readonly il7LogFold: number;
}

/** No drug effect: placebo, and every arm of the null scenario. */
export const NO_EFFECTS: DrugEffects = {
  ifnLogFold: 0,
  ifnLogHr: 0,
  anakinraSofaPerDay: 0,
  ifnSofaPerDay: 0,
  il7LogFold: 0,
};

/** Exposure bits of a day (a dose acting during it). */
export const EXPOSED_IFN = 1;
export const EXPOSED_ANAKINRA = 2;
export const EXPOSED_IL7 = 4;

/** Buffers and offsets of one patient: constants, state, and optionally where to write the day's record. */
export interface PatientRows {
  readonly baseline: Float64Array;
  readonly b: number;
  readonly state: Float64Array;
  readonly s: number;
}

/**
 * The log daily hazard of death after hospital discharge: constant in time for a patient (age, frailty).
 * @param m - Compiled model.
 * @param p - The patient's rows.
 */
export function homeDeathLogHazard(m: CompiledTwinModel, p: PatientRows): number {
  const age = p.baseline[p.b + B_AGE] ?? 65;
  return m.deathHome + (m.deathPerDecade * (age - 65)) / 10 + (p.baseline[p.b + B_FRAILTY_DEATH] ?? 0);
}

/**
 * The hour of a death within its day, after the day's measurements.
 * @param m - Compiled model.
 * @param u - A uniform in [0, 1).
 */
export function deathHour(m: CompiledTwinModel, u: number): number {
  return m.labOffsetHours + 1 + (22.9 - m.labOffsetHours) * u;
}

function approach(current: number, target: number, rate: number): number {
  return target + (current - target) * rate;
}

/**
 * Simulates one day (the 24 h from ICU admission + 24 x day) of one patient: drug exposure, the day's
 * measurements (written to `record` at `r` when given), then what happens during the day (an ICU-acquired
 * infection, death, ICU or hospital discharge, intubation or extubation) and the move to the next day's
 * latent state (organ recovery and noise, mHLA-DR and lymphocyte recovery).
 *
 * Hazards per day: infection `exp(a + b_hla (ln ref - ln mHLA-DR)+ + b_ly (ln ref - ln ALC)+ + ...)`, death
 * `exp(c + c_sofa SOFA + c_age (age - 65) / 10 + ...)` as cloglog probabilities, ICU discharge logistic in the
 * SOFA when off invasive ventilation.
 * @param m - Compiled model.
 * @param g - The patient's stream.
 * @param p - The patient's rows.
 * @param effects - Drug effect sizes of the scenario.
 * @param exposed - EXPOSED_* bits: drugs given during this day.
 * @param record - Day records (NV per day), or undefined to skip writing.
 * @param r - Offset of this day's record.
 */
export function stepDay(
  m: CompiledTwinModel,
  g: Gaussian,
  p: PatientRows,
  effects: DrugEffects,
  exposed: number,
  record: Float32Array | undefined,
  r: number,
): void {
  const { baseline, b, state, s } = p;
  const day = state[s + S_DAY] ?? 0;
  const location = state[s + S_LOCATION] ?? DEAD;
  // Pharmacodynamics: exposure moves toward 1 while dosed (onset), toward 0 after (offset).
  const onRate = Math.exp(-1 / m.onsetDays);
  const offRate = Math.exp(-1 / m.offsetDays);
  const ifn = approach(
    state[s + S_IFN] ?? 0,
    exposed & EXPOSED_IFN ? 1 : 0,
    exposed & EXPOSED_IFN ? onRate : offRate,
  );
  const anakinra = approach(
    state[s + S_ANAKINRA] ?? 0,
    exposed & EXPOSED_ANAKINRA ? 1 : 0,
    exposed & EXPOSED_ANAKINRA ? onRate : offRate,
  );
  const il7 = approach(
    state[s + S_IL7] ?? 0,
    exposed & EXPOSED_IL7 ? 1 : 0,
    exposed & EXPOSED_IL7 ? onRate : offRate,
  );
  state[s + S_IFN] = ifn;
  state[s + S_ANAKINRA] = anakinra;
  state[s + S_IL7] = il7;

  const imv = state[s + S_IMV] ?? 0;
  const lnHla =
    (baseline[b + B_HLA_INF] ?? 0) +
    (state[s + S_HLA_DEV] ?? 0) +
    (state[s + S_HLA_NOISE] ?? 0) +
    ifn * effects.ifnLogFold;
  const lnLy =
    (baseline[b + B_LY_INF] ?? 0) +
    (state[s + S_LY_DEV] ?? 0) +
    (state[s + S_LY_NOISE] ?? 0) +
    il7 * effects.il7LogFold;
  const lnFerritin =
    (baseline[b + B_FERRITIN0] ?? 0) + m.ferritinChange * day + (state[s + S_FERRITIN_NOISE] ?? 0);
  let sofa = 0;
  let respX = 0;
  let cnsX = 0;
  for (let o = 0; o < ORGANS; o++) {
    const x = (state[s + S_CHRONIC + o] ?? 0) + (state[s + S_ACUTE + o] ?? 0) + (state[s + S_NOISE + o] ?? 0);
    if (o === RESP) respX = x;
    if (o === CNS) cnsX = x;
    sofa += organPoints(x, o, imv === 1);
    if (record !== undefined) record[r + V_X + o] = x;
  }
  if (record !== undefined) {
    record[r + V_IMV] = imv;
    record[r + V_LOCATION] = location;
    record[r + V_LN_MHLA_DR] = lnHla;
    record[r + V_LN_LYMPHOCYTES] = lnLy;
    record[r + V_LN_FERRITIN] = lnFerritin;
    record[r + V_INFECTION] = 0;
  }

  if (location !== DEAD) {
    const age = baseline[b + B_AGE] ?? 65;
    const lastInfection = state[s + S_LAST_INFECTION_DAY] ?? -1000;
    const infectionActive = day - lastInfection <= m.infectionActiveDays ? 1 : 0;
    // An ICU-acquired (or ward) infection with its date of event today.
    if ((location === AT_ICU || location === AT_WARD) && day >= m.infectionFirstDay) {
      const below = m.infectionHlaRef - lnHla;
      const lyBelow = m.infectionLyRef - lnLy;
      const logHazard =
        m.infectionLogBase +
        (below > 0 ? m.infectionHlaSlope * below : 0) +
        (lyBelow > 0 ? m.infectionLySlope * lyBelow : 0) +
        (imv === 1 ? m.infectionLogImv : 0) +
        (location === AT_WARD ? m.infectionLogWard : 0) +
        (baseline[b + B_FRAILTY_INFECTION] ?? 0) +
        (baseline[b + B_SITE_INFECTION] ?? 0) +
        ifn * effects.ifnLogHr;
      if (g.uniform() < -Math.expm1(-Math.exp(logHazard))) infect(m, g, p, imv === 1, day, record, r);
    }
    const mals = baseline[b + B_MALS] ?? 0;
    const common =
      (m.deathPerDecade * (age - 65)) / 10 +
      (baseline[b + B_FRAILTY_DEATH] ?? 0) +
      (baseline[b + B_SITE_DEATH] ?? 0) +
      infectionActive * m.deathInfection;
    const logDeath =
      location === AT_ICU
        ? m.deathIcu + m.deathPerSofa * sofa + mals * m.deathMals + common
        : location === AT_WARD
          ? m.deathWard + common
          : homeDeathLogHazard(m, p);
    if (g.uniform() < -Math.expm1(-Math.exp(logDeath))) {
      state[s + S_LOCATION] = DEAD;
      state[s + S_DEATH_DAY] = day;
      state[s + S_DEATH_HOUR] = deathHour(m, g.uniform());
      state[s + S_IMV] = 0;
    } else if (location === AT_ICU) {
      if (imv === 0 && day >= m.icuOutMinDay) {
        const logit = m.icuOutLogit + m.icuOutPerSofa * sofa;
        if (g.uniform() < 1 / (1 + Math.exp(-logit))) {
          state[s + S_LOCATION] = AT_WARD;
          state[s + S_ICU_OUT_DAY] = day;
          state[s + S_ICU_OUT_HOUR] = 13 + 8 * g.uniform();
        }
      }
      if (state[s + S_LOCATION] === AT_ICU) {
        if (imv === 1) {
          if (respX < m.extubationBelowResp && cnsX < 3 && g.uniform() < m.extubation) state[s + S_IMV] = 0;
        } else if (respX >= 3 && g.uniform() < m.intubation) state[s + S_IMV] = 1;
      }
    } else if (location === AT_WARD && g.uniform() < m.hospitalOut) {
      state[s + S_LOCATION] = AT_HOME;
      state[s + S_HOSP_OUT_DAY] = day;
      state[s + S_HOSP_OUT_HOUR] = 11 + 8 * g.uniform();
    }
  }

  state[s + S_DAY] = day + 1;
  if (state[s + S_LOCATION] === DEAD) return;
  // To the next day: organ failure recovers at the patient's rate, anakinra removes SOFA in MALS, and the
  // noise terms move as AR(1) processes. Out of the ICU organ function is no longer measured and does not
  // act on any hazard: its noise is not drawn.
  const decay = Math.exp(-(baseline[b + B_KAPPA] ?? 0));
  let acuteTotal = 0;
  for (let o = 0; o < ORGANS; o++) {
    const a = (state[s + S_ACUTE + o] ?? 0) * decay;
    state[s + S_ACUTE + o] = a;
    acuteTotal += a;
  }
  const removed =
    (baseline[b + B_MALS] ?? 0) * anakinra * effects.anakinraSofaPerDay + ifn * effects.ifnSofaPerDay;
  if (removed > 0 && acuteTotal > 0) {
    const keep = Math.max(0, 1 - removed / acuteTotal);
    for (let o = 0; o < ORGANS; o++) state[s + S_ACUTE + o] = (state[s + S_ACUTE + o] ?? 0) * keep;
  }
  if (state[s + S_LOCATION] === AT_ICU) {
    const phi = m.organNoisePhi;
    const innovation = m.organNoiseSd * Math.sqrt(1 - phi * phi);
    for (let o = 0; o < ORGANS; o++)
      state[s + S_NOISE + o] = phi * (state[s + S_NOISE + o] ?? 0) + innovation * g.next();
  }
  state[s + S_HLA_DEV] = (state[s + S_HLA_DEV] ?? 0) * Math.exp(-(baseline[b + B_HLA_RHO] ?? 0));
  state[s + S_HLA_NOISE] =
    m.hlaNoisePhi * (state[s + S_HLA_NOISE] ?? 0) +
    m.hlaNoiseSd * Math.sqrt(1 - m.hlaNoisePhi * m.hlaNoisePhi) * g.next();
  state[s + S_LY_DEV] = (state[s + S_LY_DEV] ?? 0) * Math.exp(-(baseline[b + B_LY_RHO] ?? 0));
  state[s + S_LY_NOISE] =
    m.lyNoisePhi * (state[s + S_LY_NOISE] ?? 0) +
    m.lyNoiseSd * Math.sqrt(1 - m.lyNoisePhi * m.lyNoisePhi) * g.next();
  state[s + S_FERRITIN_NOISE] =
    0.5 * (state[s + S_FERRITIN_NOISE] ?? 0) + m.ferritinNoiseSd * 0.866 * g.next();
}

function infect(
  m: CompiledTwinModel,
  g: Gaussian,
  p: PatientRows,
  ventilated: boolean,
  day: number,
  record: Float32Array | undefined,
  r: number,
): void {
  const { state, s } = p;
  const pneumonia = ventilated ? m.pneumoniaVentilated : m.pneumoniaNotVentilated;
  const u = g.uniform();
  const rest = (1 - pneumonia - m.bloodstream) / 2;
  const type =
    u < pneumonia ? 0 : u < pneumonia + m.bloodstream ? 1 : u < pneumonia + m.bloodstream + rest ? 2 : 3;
  state[s + S_LAST_INFECTION_DAY] = day;
  state[s + S_INFECTIONS] = (state[s + S_INFECTIONS] ?? 0) + 1;
  const load = m.infectionOrganLoad;
  if (type === 0) state[s + S_ACUTE + RESP] = (state[s + S_ACUTE + RESP] ?? 0) + load;
  else state[s + S_ACUTE + RENAL] = (state[s + S_ACUTE + RENAL] ?? 0) + 0.5 * load;
  if (g.uniform() < m.infectionShock)
    state[s + S_ACUTE + CARDIO] = (state[s + S_ACUTE + CARDIO] ?? 0) + 1.5 * load;
  state[s + S_HLA_DEV] = (state[s + S_HLA_DEV] ?? 0) + m.hlaInfectionDrop;
  if (record !== undefined) record[r + V_INFECTION] = type + 1;
}
