import { type Band, nonNegative, pointsFromBands, requireInRange } from './bands.js';

// Ranges are built once: score functions run for every value of every window screened.
const NON_NEGATIVE_MMHG = nonNegative('mmHg');
const NON_NEGATIVE_10E9_PER_L = nonNegative('10^9/L');
const NON_NEGATIVE_MG_PER_DL = nonNegative('mg/dL');
const NON_NEGATIVE_UG_KG_MIN = nonNegative('µg/kg/min');
const NON_NEGATIVE_ML_PER_DAY = nonNegative('mL/d');
const GCS_RANGE = { min: 3, max: 15, expected: 'a GCS from 3 to 15' };

// SOFA organ tables (Vincent et al., 1996, Table 1; DOMAIN.md §7.1), banded as FHIR-PROFILE.md §8 says:
// each band is [own lower bound, next lower bound); a bound written `>` is exclusive.

const RESPIRATION_WITH_SUPPORT: readonly Band[] = [
  { from: 100, points: 3 },
  { from: 200, points: 2 },
  { from: 300, points: 1 },
  { from: 400, points: 0 },
];
// Scores 3 and 4 require respiratory support: without it everything below 300 scores 2.
const RESPIRATION_WITHOUT_SUPPORT: readonly Band[] = [
  { from: 300, points: 1 },
  { from: 400, points: 0 },
];
const PLATELETS: readonly Band[] = [
  { from: 20, points: 3 },
  { from: 50, points: 2 },
  { from: 100, points: 1 },
  { from: 150, points: 0 },
];
const BILIRUBIN: readonly Band[] = [
  { from: 1.2, points: 1 },
  { from: 2.0, points: 2 },
  { from: 6.0, points: 3 },
  { from: 12.0, points: 4, exclusive: true },
];
const GCS: readonly Band[] = [
  { from: 6, points: 3 },
  { from: 10, points: 2 },
  { from: 13, points: 1 },
  { from: 15, points: 0 },
];
const CREATININE: readonly Band[] = [
  { from: 1.2, points: 1 },
  { from: 2.0, points: 2 },
  { from: 3.5, points: 3 },
  { from: 5.0, points: 4, exclusive: true },
];
const URINE_OUTPUT: readonly Band[] = [
  { from: 200, points: 3 },
  { from: 500, points: 0 },
];
// Catecholamines: a dose of 0 means the drug is not running and scores nothing.
const DOPAMINE: readonly Band[] = [
  { from: 0, points: 2, exclusive: true },
  { from: 5, points: 3, exclusive: true },
  { from: 15, points: 4, exclusive: true },
];
const DOBUTAMINE: readonly Band[] = [{ from: 0, points: 2, exclusive: true }];
const EPINEPHRINE_OR_NOREPINEPHRINE: readonly Band[] = [
  { from: 0, points: 3, exclusive: true },
  { from: 0.1, points: 4, exclusive: true },
];
const MAP: readonly Band[] = [{ from: 70, points: 0 }];

/**
 * SOFA respiration points (Vincent et al., 1996, Table 1): PaO2/FiO2 >= 400 → 0, [300, 400) → 1,
 * [200, 300) → 2, [100, 200) → 3 and < 100 → 4 with respiratory support; without support, < 300 → 2.
 * @param pao2Fio2RatioMmHg - PaO2/FiO2 in mmHg (>= 0).
 * @param respiratorySupport - Invasive or non-invasive ventilation running (FHIR-PROFILE.md §4).
 * @returns Points 0–4.
 * @throws TrialError `score.input` when the ratio is negative or not finite.
 * @example sofaRespirationPoints(150, true) // => 3
 * @example sofaRespirationPoints(150, false) // => 2
 */
export function sofaRespirationPoints(pao2Fio2RatioMmHg: number, respiratorySupport: boolean): number {
  requireInRange('pao2Fio2RatioMmHg', pao2Fio2RatioMmHg, NON_NEGATIVE_MMHG);
  return respiratorySupport
    ? pointsFromBands(pao2Fio2RatioMmHg, 4, RESPIRATION_WITH_SUPPORT)
    : pointsFromBands(pao2Fio2RatioMmHg, 2, RESPIRATION_WITHOUT_SUPPORT);
}

/**
 * SOFA coagulation points (Vincent et al., 1996, Table 1): platelets >= 150 → 0, [100, 150) → 1,
 * [50, 100) → 2, [20, 50) → 3, < 20 → 4.
 * @param platelets10e9PerL - Platelets in 10^9/L (= 10^3/µL).
 * @returns Points 0–4.
 * @throws TrialError `score.input` when the count is negative or not finite.
 * @example sofaCoagulationPoints(49.9) // => 3
 */
export function sofaCoagulationPoints(platelets10e9PerL: number): number {
  requireInRange('platelets10e9PerL', platelets10e9PerL, NON_NEGATIVE_10E9_PER_L);
  return pointsFromBands(platelets10e9PerL, 4, PLATELETS);
}

/**
 * SOFA liver points (Vincent et al., 1996, Table 1): bilirubin < 1.2 mg/dL → 0, [1.2, 2.0) → 1,
 * [2.0, 6.0) → 2, [6.0, 12.0] → 3, > 12.0 → 4 (the written `>12` is exclusive: 12.0 scores 3).
 * Convert µmol/L first with `bilirubinUmolPerLToMgPerDl`.
 * @param bilirubinMgPerDl - Total bilirubin in mg/dL.
 * @returns Points 0–4.
 * @throws TrialError `score.input` when the value is negative or not finite.
 * @example sofaLiverPoints(12) // => 3
 */
export function sofaLiverPoints(bilirubinMgPerDl: number): number {
  requireInRange('bilirubinMgPerDl', bilirubinMgPerDl, NON_NEGATIVE_MG_PER_DL);
  return pointsFromBands(bilirubinMgPerDl, 0, BILIRUBIN);
}

/**
 * SOFA central nervous system points (Vincent et al., 1996, Table 1): GCS 15 → 0, 13–14 → 1,
 * 10–12 → 2, 6–9 → 3, < 6 → 4.
 * @param gcs - Glasgow coma scale total, 3–15 (a GCS taken under sedation must not be passed).
 * @returns Points 0–4.
 * @throws TrialError `score.input` when the GCS is outside 3–15.
 * @example sofaCnsPoints(13) // => 1
 */
export function sofaCnsPoints(gcs: number): number {
  requireInRange('gcs', gcs, GCS_RANGE);
  return pointsFromBands(gcs, 4, GCS);
}

/** The catecholamines SOFA scores (vasopressin does not score). */
export type SofaCatecholamine = 'dopamine' | 'dobutamine' | 'epinephrine' | 'norepinephrine';

const CATECHOLAMINE_BANDS: Readonly<Record<SofaCatecholamine, readonly Band[]>> = {
  dopamine: DOPAMINE,
  dobutamine: DOBUTAMINE,
  epinephrine: EPINEPHRINE_OR_NOREPINEPHRINE,
  norepinephrine: EPINEPHRINE_OR_NOREPINEPHRINE,
};

/**
 * SOFA cardiovascular points from the mean arterial pressure alone (Vincent et al., 1996, Table 1):
 * MAP >= 70 mmHg → 0, < 70 → 1.
 * @param mapMmHg - Mean arterial pressure in mmHg.
 * @returns Points 0–1.
 * @throws TrialError `score.input` when negative or not finite.
 * @example sofaMapPoints(69.9) // => 1
 */
export function sofaMapPoints(mapMmHg: number): number {
  requireInRange('mapMmHg', mapMmHg, NON_NEGATIVE_MMHG);
  return pointsFromBands(mapMmHg, 1, MAP);
}

/**
 * SOFA cardiovascular points from one catecholamine given for at least 1 h (Vincent et al., 1996, Table 1):
 * dopamine (0, 5] → 2, (5, 15] → 3, > 15 → 4; dobutamine any dose → 2; epinephrine or norepinephrine
 * (0, 0.1] → 3, > 0.1 → 4. A rate of 0 means the drug is not running and scores 0.
 * @param drug - Which catecholamine.
 * @param rateUgKgMin - Rate in µg/kg/min.
 * @returns Points 0–4.
 * @throws TrialError `score.input` when the rate is negative or not finite.
 * @example sofaCatecholaminePoints('dopamine', 5) // => 2
 */
export function sofaCatecholaminePoints(drug: SofaCatecholamine, rateUgKgMin: number): number {
  requireInRange(`${drug}UgKgMin`, rateUgKgMin, NON_NEGATIVE_UG_KG_MIN);
  return pointsFromBands(rateUgKgMin, 0, CATECHOLAMINE_BANDS[drug]);
}

/** Cardiovascular inputs; catecholamine rates in µg/kg/min, given for at least 1 h (DOMAIN.md §7.1). */
export interface SofaCardiovascularInput {
  readonly mapMmHg?: number | undefined;
  readonly dopamineUgKgMin?: number | undefined;
  readonly dobutamineUgKgMin?: number | undefined;
  readonly epinephrineUgKgMin?: number | undefined;
  readonly norepinephrineUgKgMin?: number | undefined;
}

/**
 * SOFA cardiovascular points (Vincent et al., 1996, Table 1), the highest of `sofaMapPoints` and
 * `sofaCatecholaminePoints` over the values given.
 * @param input - MAP in mmHg and catecholamine rates in µg/kg/min; any subset.
 * @returns Points 0–4, or null when the input holds no value.
 * @throws TrialError `score.input` when a value is negative or not finite.
 * @example sofaCardiovascularPoints({ mapMmHg: 65, norepinephrineUgKgMin: 0.1 }) // => 3
 */
export function sofaCardiovascularPoints(input: SofaCardiovascularInput): number | null {
  const scored: number[] = [];
  if (input.mapMmHg !== undefined) scored.push(sofaMapPoints(input.mapMmHg));
  const rates: readonly [SofaCatecholamine, number | undefined][] = [
    ['dopamine', input.dopamineUgKgMin],
    ['dobutamine', input.dobutamineUgKgMin],
    ['epinephrine', input.epinephrineUgKgMin],
    ['norepinephrine', input.norepinephrineUgKgMin],
  ];
  for (const [drug, rate] of rates) {
    if (rate !== undefined) scored.push(sofaCatecholaminePoints(drug, rate));
  }
  return scored.length === 0 ? null : Math.max(...scored);
}

/**
 * SOFA renal points from serum creatinine alone (Vincent et al., 1996, Table 1): < 1.2 mg/dL → 0,
 * [1.2, 2.0) → 1, [2.0, 3.5) → 2, [3.5, 5.0] → 3, > 5.0 → 4 (the written `>5` is exclusive: 5.0 scores 3).
 * Convert µmol/L first with `creatinineUmolPerLToMgPerDl`.
 * @param creatinineMgPerDl - Serum creatinine in mg/dL.
 * @returns Points 0–4.
 * @throws TrialError `score.input` when negative or not finite.
 * @example sofaCreatininePoints(5.0) // => 3
 */
export function sofaCreatininePoints(creatinineMgPerDl: number): number {
  requireInRange('creatinineMgPerDl', creatinineMgPerDl, NON_NEGATIVE_MG_PER_DL);
  return pointsFromBands(creatinineMgPerDl, 0, CREATININE);
}

/**
 * SOFA renal points from the 24-h urine output alone (Vincent et al., 1996, Table 1): < 200 mL/d → 4,
 * [200, 500) → 3, >= 500 → 0.
 * @param urineOutputMlPerDay - Urine output over 24 h in mL.
 * @returns Points 0, 3 or 4.
 * @throws TrialError `score.input` when negative or not finite.
 * @example sofaUrineOutputPoints(450) // => 3
 */
export function sofaUrineOutputPoints(urineOutputMlPerDay: number): number {
  requireInRange('urineOutputMlPerDay', urineOutputMlPerDay, NON_NEGATIVE_ML_PER_DAY);
  return pointsFromBands(urineOutputMlPerDay, 4, URINE_OUTPUT);
}

/** Renal inputs: creatinine in mg/dL (convert µmol/L first) and 24-h urine output in mL. */
export interface SofaRenalInput {
  readonly creatinineMgPerDl?: number | undefined;
  readonly urineOutputMlPerDay?: number | undefined;
}

/**
 * SOFA renal points (Vincent et al., 1996, Table 1): the higher of `sofaCreatininePoints` and
 * `sofaUrineOutputPoints` over the values given.
 * @param input - Creatinine in mg/dL and/or urine output in mL per 24 h.
 * @returns Points 0–4, or null when the input holds no value.
 * @throws TrialError `score.input` when a value is negative or not finite.
 * @example sofaRenalPoints({ creatinineMgPerDl: 1.5, urineOutputMlPerDay: 450 }) // => 3
 */
export function sofaRenalPoints(input: SofaRenalInput): number | null {
  const scored: number[] = [];
  if (input.creatinineMgPerDl !== undefined) scored.push(sofaCreatininePoints(input.creatinineMgPerDl));
  if (input.urineOutputMlPerDay !== undefined) scored.push(sofaUrineOutputPoints(input.urineOutputMlPerDay));
  return scored.length === 0 ? null : Math.max(...scored);
}
