import { normalQuantile } from '@immunotrial/stats';
import type { Cohort } from '../cohort/simulate-cohort.js';
import type { CompiledTwinModel } from '../kernel/compiled-model.js';
import {
  AT_ICU,
  B_AGE,
  B_COMORBID,
  COMORBIDITY_BITS,
  B_CATEGORY,
  B_SEPSIS_SITE,
  NB,
  NS,
  NV,
  S_DEATH_DAY,
  V_IMV,
  V_INFECTION,
  V_LN_FERRITIN,
  V_LN_MHLA_DR,
  V_LOCATION,
} from '../kernel/layout.js';

/** A proportion measured on the cohort: events among the patients it applies to. */
export interface CohortFigure {
  readonly events: number;
  readonly n: number;
}

const LN_8000 = Math.log(8000);
const IMMUNOCOMPROMISED =
  COMORBIDITY_BITS.solid_cancer |
  COMORBIDITY_BITS.haematological_malignancy |
  COMORBIDITY_BITS.transplant |
  COMORBIDITY_BITS.hiv |
  COMORBIDITY_BITS.immunosuppressant |
  COMORBIDITY_BITS.long_term_steroids;
const LN_5000 = Math.log(5000);
const LN_15000 = Math.log(15000);

/**
 * The natural-history marginal figures of a virtual cohort (no treatment), each computed on the
 * population its source describes (calibration.yaml):
 * - in_icu_day5: alive in the ICU on day 5, of all admissions (S13);
 * - infection_after_day5: an ICU-acquired infection at any time in the ICU, of those (S13);
 * - low_mhla_dr_day5: their day-5 mHLA-DR below 8000 AB/C;
 * - mals_in_sepsis: admission ferritin above 4420 ng/mL, of septic admissions (S7);
 * - sip_in_pneumonia_bacteraemia: mHLA-DR below 5000 without MALS on ICU day 1, septic pneumonia or
 *   bacteraemia in the ICU that day (S6);
 * - d28_mortality_mals: dead by day 28, MALS at admission (S7);
 * - d28_mortality_ventilated, pneumonia_ventilated: ventilated in the ICU on day 2, not immunocompromised,
 *   under 80, dead by day 30, or an ICU-acquired pneumonia by day 30 (PREV-HAP's D28 from a randomization
 *   about day 2, S11);
 * - mhla_dr_normalization: mHLA-DR below 8000 on days 2 and 3 and in the ICU on day 3, alive on day 11,
 *   mHLA-DR of 15,000 or more on a day 4-11 (S19's 8 days of treatment);
 * - d28_mortality, d90_mortality: all admissions.
 * mHLA-DR values carry the model's measurement error (measurement_cv), drawn here from a fixed sequence.
 * @param m - The compiled model.
 * @param c - A cohort of at least 91 days.
 * @throws RangeError if the cohort holds fewer than 91 days.
 */
export function naturalHistoryFigures(
  m: CompiledTwinModel,
  c: Cohort,
): Readonly<Record<string, CohortFigure>> {
  if (c.days < 91) throw new RangeError(`the calibration needs 91 days of course, the cohort has ${c.days}`);
  const rec = (i: number, d: number, v: number): number => c.records[(i * c.days + d) * NV + v] ?? Number.NaN;
  const deathDay = (i: number): number => c.state[i * NS + S_DEATH_DAY] ?? -1;
  const deadBy = (i: number, day: number): boolean => deathDay(i) >= 0 && deathDay(i) <= day;
  // Measurement error of one mHLA-DR result, from a fixed low-discrepancy sequence (no stream needed).
  const measured = (i: number, d: number): number =>
    rec(i, d, V_LN_MHLA_DR) + m.hlaMeasurementCv * quasiNormal(i * 131 + d);
  const f: Record<string, { events: number; n: number }> = {};
  const count = (id: string, applies: boolean, event: boolean): void => {
    const x = (f[id] ??= { events: 0, n: 0 });
    if (!applies) return;
    x.n++;
    if (event) x.events++;
  };
  for (let i = 0; i < c.size; i++) {
    const septic = c.baseline[i * NB + B_CATEGORY] === 0;
    const site = c.baseline[i * NB + B_SEPSIS_SITE] ?? -1;
    const inIcu = (d: number): boolean => rec(i, d, V_LOCATION) === AT_ICU;
    count('in_icu_day5', true, inIcu(5));
    if (inIcu(5)) {
      let infected = false;
      for (let d = m.infectionFirstDay; d < c.days && !infected; d++)
        infected = inIcu(d) && rec(i, d, V_INFECTION) > 0;
      count('infection_after_day5', true, infected);
      count('low_mhla_dr_day5', true, measured(i, 5) < LN_8000);
    }
    const mals = rec(i, 0, V_LN_FERRITIN) > m.lnMals;
    count('mals_in_sepsis', septic, mals);
    count(
      'sip_in_pneumonia_bacteraemia',
      septic && (site === 0 || site === 1) && inIcu(1),
      measured(i, 1) < LN_5000 && rec(i, 1, V_LN_FERRITIN) <= m.lnMals,
    );
    count('d28_mortality_mals', septic && mals, deadBy(i, 28));
    // PREV-HAP's population: ventilated, not immunocompromised, not moribund (age < 80 stands in for it).
    const bits = c.baseline[i * NB + B_COMORBID] ?? 0;
    const ventilated =
      inIcu(2) &&
      rec(i, 2, V_IMV) === 1 &&
      (bits & IMMUNOCOMPROMISED) === 0 &&
      (c.baseline[i * NB + B_AGE] ?? 0) < 80;
    let pneumonia = false;
    for (let d = 2; d <= 30 && ventilated; d++) pneumonia ||= rec(i, d, V_INFECTION) === 1;
    count('d28_mortality_ventilated', ventilated, deadBy(i, 30));
    count('pneumonia_ventilated', ventilated, pneumonia);
    const low = inIcu(3) && measured(i, 2) < LN_8000 && measured(i, 3) < LN_8000;
    let normal = false;
    for (let d = 4; d <= 11 && low; d++) normal ||= measured(i, d) >= LN_15000;
    count('mhla_dr_normalization', low && !deadBy(i, 11), normal);
    count('d28_mortality', true, deadBy(i, 28));
    count('d90_mortality', true, deadBy(i, 90));
  }
  return f;
}

/** The standard normal quantile of the k-th point of the golden-ratio sequence (deterministic, no state). */
function quasiNormal(k: number): number {
  return normalQuantile(((k * 0.6180339887498949) % 1) * 0.999998 + 0.000001);
}
