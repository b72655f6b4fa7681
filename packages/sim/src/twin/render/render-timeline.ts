import type {
  MedicationRecord,
  ObservationRecord,
  PatientTimeline,
  ProcedureRecord,
} from '@immunotrial/core';
import type { CompiledTwinModel } from '../kernel/compiled-model.js';
import { Gaussian } from '../kernel/gaussian.js';
import {
  AT_ICU,
  AT_WARD,
  B_AGE,
  B_CATEGORY,
  B_COMORBID,
  B_MALE,
  B_PRE_ICU_HOURS,
  B_RENDER_SEED,
  B_SEPSIS_LEAD_HOURS,
  B_SEPSIS_SITE,
  B_VIA_ED,
  B_WEIGHT,
  CARDIO,
  COAG,
  CNS,
  COMORBIDITY_BITS,
  LIVER,
  NV,
  organPoints,
  RENAL,
  RESP,
  S_DEATH_DAY,
  S_DEATH_HOUR,
  S_HOSP_OUT_DAY,
  S_HOSP_OUT_HOUR,
  S_ICU_OUT_DAY,
  S_ICU_OUT_HOUR,
  V_IMV,
  V_INFECTION,
  V_LN_FERRITIN,
  V_LN_LYMPHOCYTES,
  V_LN_MHLA_DR,
  V_LOCATION,
  V_X,
} from '../kernel/layout.js';
import { STREAM_KIND, twinStream } from '../kernel/streams.js';
import {
  bilirubinOf,
  circulationOf,
  creatinineOf,
  gcsOf,
  pfRatioOf,
  plateletsOf,
  urineOutputOf,
} from './bands.js';
import { INFECTION_TYPE_CODES, renderHistory, SEPSIS_SITE_CODES } from './clinical-history.js';
import { RecordMaker } from './records.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const MINUTE_MS = 60_000;
/** Sites are in France: timestamps carry +01:00 (the ICU stay's offset gives local dates, FHIR-PROFILE.md §1). */
export const TWIN_OFFSET_MINUTES = 60;
const IMV_SNOMED = '1258985005';
const SEPSIS_CODE = 'A419';
const BACTERAEMIA = 1;
const SEPSIS = 0;

/** One patient as the renderer reads it: rows of the typed arrays and where the patient sits in time. */
export interface PatientSource {
  readonly patientId: string;
  /** Index of the patient in its seed's stream family (for the render stream). */
  readonly index: number;
  readonly seed: number;
  readonly baseline: Float64Array;
  readonly b: number;
  /** Day records from ICU day 0 (NV per day). */
  readonly records: Float32Array;
  readonly r0: number;
  /** Days available in `records`. */
  readonly days: number;
  /** State after the last simulated day: death and discharges (S_*). */
  readonly state: Float64Array;
  readonly s: number;
  /** ICU admission instant (epoch ms). */
  readonly icuStart: number;
}

/** Options of {@link renderTimeline}. */
export interface RenderOptions {
  /** Last ICU day rendered (default: every simulated day); nothing after its end is written. */
  readonly lastDay?: number;
  /** Extra mHLA-DR samples (a trial's screening samples), as instants. */
  readonly extraMhlaDr?: readonly number[];
}

/**
 * Writes a virtual patient as the patient timeline the eligibility engine reads (the same records `ingest`
 * makes from the FHIR bundle of `renderBundle`): the hospital and ICU encounters, daily ICU measurements
 * that give the model's SOFA organ by organ (bands.ts), vasoactive drugs, invasive ventilation, mHLA-DR on
 * the model's sampling days, lymphocytes, ferritin, neutrophils, vital signs, APACHE II, enzymes, the
 * admission infection and ICU-acquired infections, and the history (clinical-history.ts).
 *
 * Measurement noise comes from the patient's render stream, a fixed number of draws per day, so a timeline
 * rendered to day 7 is the start of the one rendered to day 90.
 * @param m - Compiled model.
 * @param p - The patient.
 * @param options - Last day, extra samples.
 * @example renderTimeline(m, source, { lastDay: 7 }).observations.length
 */
export function renderTimeline(
  m: CompiledTwinModel,
  p: PatientSource,
  options: RenderOptions = {},
): PatientTimeline {
  const { baseline, b, records, r0, state, s } = p;
  const lastDay = Math.min(options.lastDay ?? p.days - 1, p.days - 1);
  const horizon = p.icuStart + (lastDay + 1) * DAY_MS;
  const make = new RecordMaker(p.patientId);
  const g = new Gaussian(twinStream(p.seed, STREAM_KIND.render, p.index, 0));
  const tIcu = p.icuStart;
  const tHosp = tIcu - (baseline[b + B_PRE_ICU_HOURS] ?? 12) * HOUR_MS;
  const at = (day: number, hour: number): number => tIcu + day * DAY_MS + hour * HOUR_MS;
  const eventAt = (dayIndex: number, hourIndex: number): number | undefined => {
    const day = state[s + dayIndex] ?? -1;
    if (day < 0) return undefined;
    const t = at(day, state[s + hourIndex] ?? 12);
    return t < horizon ? t : undefined;
  };
  const death = eventAt(S_DEATH_DAY, S_DEATH_HOUR);
  const icuOut = eventAt(S_ICU_OUT_DAY, S_ICU_OUT_HOUR);
  const hospOut = eventAt(S_HOSP_OUT_DAY, S_HOSP_OUT_HOUR);
  const icuEnd = icuOut ?? death;
  const hospEnd = hospOut ?? death;
  const age = baseline[b + B_AGE] ?? 60;
  const male = baseline[b + B_MALE] === 1;
  const bits = baseline[b + B_COMORBID] ?? 0;
  const viaEd = baseline[b + B_VIA_ED] === 1;
  const septic = baseline[b + B_CATEGORY] === SEPSIS;

  const history = renderHistory(make, bits, tHosp);
  const observations: ObservationRecord[] = [...history.observations];
  const medications: MedicationRecord[] = [...history.medications];
  const conditions = [...history.conditions];
  const procedures: ProcedureRecord[] = [];

  if (septic) {
    const tSep = tIcu - (baseline[b + B_SEPSIS_LEAD_HOURS] ?? 2) * HOUR_MS;
    const site = baseline[b + B_SEPSIS_SITE] ?? 0;
    conditions.push(make.condition(SEPSIS_SITE_CODES[site] ?? 'J189', tSep - HOUR_MS));
    conditions.push(make.condition(SEPSIS_CODE, tSep));
    if (site === BACTERAEMIA) observations.push(make.coded('blood_culture', 'positive', tSep - 2 * HOUR_MS));
  }
  if (!male && age < 55) {
    const pregnant = (bits & COMORBIDITY_BITS.pregnancy) !== 0;
    observations.push(make.coded('hcg_qualitative', pregnant ? 'positive' : 'negative', tIcu + HOUR_MS));
  }
  observations.push(make.observation('weight', Math.round(baseline[b + B_WEIGHT] ?? 75), tIcu + HOUR_MS));
  // Patients who were on a ward before the ICU: one set of measurements on hospital admission (the
  // Sepsis-3 baseline of FHIR-PROFILE.md §9), organs at their chronic level.
  if (!viaEd)
    renderOrganSet(make, observations, medications, [0, 0, 0, 0, 0, 0], tHosp + 2 * HOUR_MS, undefined);

  let ventilatedSince: number | undefined;
  for (let d = 0; d <= lastDay; d++) {
    const r = r0 + d * NV;
    // Fixed draws per day, used or not: the render stream stays aligned whatever the last day.
    const noise = [
      g.next(),
      g.next(),
      g.next(),
      g.next(),
      g.next(),
      g.next(),
      g.next(),
      g.next(),
      g.next(),
      g.next(),
    ];
    const location = records[r + V_LOCATION] ?? 3;
    const imv = records[r + V_IMV] === 1;
    const dayStart = at(d, 0);
    if (imv && location === AT_ICU && ventilatedSince === undefined) {
      ventilatedSince = d === 0 ? tIcu + 30 * MINUTE_MS : at(d - 1, 18);
    }
    if (ventilatedSince !== undefined && (!imv || location !== AT_ICU)) {
      procedures.push(
        make.procedure('imv', IMV_SNOMED, ventilatedSince, Math.min(at(d - 1, 14), icuEnd ?? Infinity)),
      );
      ventilatedSince = undefined;
    }
    if (location !== AT_ICU && location !== AT_WARD) continue;
    const infectionType = records[r + V_INFECTION] ?? 0;
    if (infectionType > 0) {
      const onset = at(d, 12);
      if (onset < horizon) {
        conditions.push(make.condition(INFECTION_TYPE_CODES[infectionType - 1] ?? 'A499', onset));
        if (infectionType === 2) observations.push(make.coded('blood_culture', 'positive', onset - HOUR_MS));
      }
    }
    const lnHla = records[r + V_LN_MHLA_DR] ?? 9;
    if (m.mhlaDrDays.includes(d)) {
      observations.push(
        make.observation(
          'mhla_dr',
          Math.round(Math.exp(lnHla + m.hlaMeasurementCv * (noise[0] ?? 0))),
          at(d, m.mhlaDrOffsetHours),
        ),
      );
    }
    if (location !== AT_ICU) continue;
    const tLab = at(d, m.labOffsetHours);
    const x = [0, 1, 2, 3, 4, 5].map((o) => records[r + V_X + o] ?? 0);
    renderOrganSet(make, observations, medications, x, tLab, {
      start: dayStart,
      end: Math.min(at(d + 1, 0), icuEnd ?? Infinity),
    });
    let sofa = 0;
    for (let o = 0; o < 6; o++) sofa += organPoints(x[o] ?? 0, o, imv);
    const inflammation =
      (septic ? Math.exp(-0.3 * d) : 0.3 * Math.exp(-0.5 * d)) + (infectionType > 0 ? 0.8 : 0);
    const lymphocytes = Math.round(Math.exp((records[r + V_LN_LYMPHOCYTES] ?? 7) + 0.05 * (noise[1] ?? 0)));
    const neutropenic = (bits & COMORBIDITY_BITS.neutropenia) !== 0;
    const neutrophils = Math.round(
      Math.exp((neutropenic ? Math.log(900) : Math.log(8500) + 0.4 * inflammation) + 0.35 * (noise[2] ?? 0)),
    );
    observations.push(
      make.observation('lymphocytes', lymphocytes, tLab),
      make.observation('neutrophils', neutrophils, tLab),
      make.observation('wbc', Math.round((lymphocytes + neutrophils + 600) / 100) / 10, tLab),
      make.observation('ferritin', Math.round(Math.exp(records[r + V_LN_FERRITIN] ?? 6)), tLab),
      make.observation('temperature', round1(37 + 1.3 * inflammation + 0.5 * (noise[3] ?? 0)), tLab),
      make.observation(
        'heart_rate',
        Math.round(
          85 + 8 * organPoints(x[CARDIO] ?? 0, CARDIO, imv) + 15 * inflammation + 10 * (noise[4] ?? 0),
        ),
        tLab,
      ),
      make.observation(
        'respiratory_rate',
        Math.max(
          6,
          Math.round(18 + 2 * organPoints(x[RESP] ?? 0, RESP, imv) + 4 * inflammation + 3 * (noise[5] ?? 0)),
        ),
        tLab,
      ),
      make.observation(
        'apache2_total',
        Math.max(0, Math.min(71, Math.round(5 + 1.6 * sofa + apacheAgePoints(age) + 3 * (noise[6] ?? 0)))),
        tLab,
      ),
    );
    const enzyme = (bits & COMORBIDITY_BITS.enzyme_rise) !== 0 && d <= 10 ? Math.log(8) : 0;
    const liver = organPoints(x[LIVER] ?? 0, LIVER, imv);
    observations.push(
      make.observation(
        'ast',
        Math.round(35 * Math.exp(0.35 * liver + enzyme + 0.4 * (noise[7] ?? 0))),
        tLab,
        40,
      ),
      make.observation(
        'alt',
        Math.round(30 * Math.exp(0.3 * liver + enzyme + 0.4 * (noise[8] ?? 0))),
        tLab,
        40,
      ),
      make.observation('lipase', Math.round(40 * Math.exp(0.6 * enzyme + 0.4 * (noise[9] ?? 0))), tLab, 60),
    );
    if (
      d === 0 &&
      septic &&
      (bits & COMORBIDITY_BITS.stress_steroids) !== 0 &&
      organPoints(x[CARDIO] ?? 0, CARDIO, imv) >= 3
    ) {
      const end = Math.min(tIcu + 7 * DAY_MS, icuEnd ?? Infinity, horizon);
      medications.push(
        make.medication('MedicationAdministration', 'H02AB09', tIcu + 2 * HOUR_MS, end, {
          value: 200,
          unit: 'mg/d',
        }),
      );
    }
  }
  if (ventilatedSince !== undefined) {
    const end = icuEnd !== undefined && icuEnd < horizon ? icuEnd : undefined;
    procedures.push(make.procedure('imv', IMV_SNOMED, ventilatedSince, end));
  }
  for (const t of options.extraMhlaDr ?? []) {
    const d = Math.floor((t - tIcu) / DAY_MS);
    if (d < 0 || d > lastDay || t >= horizon) continue;
    const where = records[r0 + d * NV + V_LOCATION];
    if (where !== AT_ICU && where !== AT_WARD) continue;
    const lnHla = records[r0 + d * NV + V_LN_MHLA_DR] ?? 9;
    observations.push(make.observation('mhla_dr', Math.round(Math.exp(lnHla)), t));
  }
  observations.sort((a, c) => a.time - c.time);
  const birthDate = birthDateOf(tIcu, age, baseline[b + B_RENDER_SEED] ?? 0.5);
  return {
    patientId: p.patientId,
    patient: { ref: `Patient/${p.patientId}`, birthDate, sex: male ? 'male' : 'female' },
    encounters: [
      make.encounter('hosp', 'hospital', tHosp, hospEnd, TWIN_OFFSET_MINUTES, viaEd),
      make.encounter('icu', 'icu', tIcu, icuEnd, TWIN_OFFSET_MINUTES, false),
    ],
    observations,
    conditions,
    procedures,
    medications,
    allergies: history.allergies,
    attestations: [],
  };
}

function renderOrganSet(
  make: RecordMaker,
  observations: ObservationRecord[],
  medications: MedicationRecord[],
  x: readonly number[],
  t: number,
  drugPeriod: { readonly start: number; readonly end: number } | undefined,
): void {
  const circulation = circulationOf(x[CARDIO] ?? 0);
  observations.push(
    make.observation('pf_ratio', pfRatioOf(x[RESP] ?? 0), t),
    make.observation('platelets', plateletsOf(x[COAG] ?? 0), t),
    make.observation('bilirubin', bilirubinOf(x[LIVER] ?? 0), t),
    make.observation('map', circulation.mapMmHg, t),
    make.observation('gcs', gcsOf(x[CNS] ?? 0), t),
    make.observation('creatinine', creatinineOf(x[RENAL] ?? 0), t),
    make.observation('urine_output_24h', urineOutputOf(x[RENAL] ?? 0), t),
  );
  if (circulation.drug !== undefined && drugPeriod !== undefined) {
    // Inside the day's SOFA window, so that it scores that window only.
    const start = drugPeriod.start + 30 * MINUTE_MS;
    const end = drugPeriod.end - 30 * MINUTE_MS;
    if (end > start) {
      medications.push(
        make.medication('MedicationAdministration', circulation.drug, start, end, {
          value: circulation.rate,
          unit: 'ug/kg/min',
        }),
      );
    }
  }
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** APACHE II age points (Knaus et al. 1985). */
function apacheAgePoints(age: number): number {
  return age <= 44 ? 0 : age < 55 ? 2 : age < 65 ? 3 : age < 75 ? 5 : 6;
}

/** A birth date giving `age` completed years on the ICU admission date (UTC dates: +01:00 shifts no birthday by more than a day). */
function birthDateOf(icuStart: number, age: number, u: number): string {
  const admitted = new Date(icuStart + TWIN_OFFSET_MINUTES * MINUTE_MS);
  const years = Math.floor(age);
  // Between 1 and 360 days before the last birthday: the completed years stay `years`.
  const birthday =
    Date.UTC(admitted.getUTCFullYear() - years, admitted.getUTCMonth(), admitted.getUTCDate()) -
    Math.floor(1 + u * 360) * DAY_MS;
  return new Date(birthday).toISOString().slice(0, 10);
}
