import { type Band, nonNegative, pointsFromBands, requireInRange } from './bands.js';

// Ranges are built once: score functions run for every value of every window screened.
const NON_NEGATIVE_MMHG = nonNegative('mmHg');
const NON_NEGATIVE_PER_MIN = nonNegative('/min');
const NON_NEGATIVE_MMOL_PER_L = nonNegative('mmol/L');
const NON_NEGATIVE_MG_PER_DL = nonNegative('mg/dL');
const NON_NEGATIVE_10E9_PER_L = nonNegative('10^9/L');
const NON_NEGATIVE_YEARS = nonNegative('years');
const GCS_RANGE = { min: 3, max: 15, expected: 'a GCS from 3 to 15' };
const PH_RANGE = { min: 0, max: 14, expected: 'a pH from 0 to 14' };

// APACHE II acute physiology tables (Knaus et al., 1985, Fig. 1; DOMAIN.md §7.2). The published bands leave
// gaps (38.9 → 39 °C), so each band is [own lower bound, next lower bound) (FHIR-PROFILE.md §8); the only
// bound written `>` is PaO2 > 70, so PaO2 70 scores 1.

const ANY = { min: -Number.MAX_VALUE, max: Number.MAX_VALUE };
const ANY_TEMPERATURE = { ...ANY, expected: 'a finite number (°C)' };
const ANY_AADO2 = { ...ANY, expected: 'a finite number (mmHg)' };

const TEMPERATURE: readonly Band[] = [
  { from: 30, points: 3 },
  { from: 32, points: 2 },
  { from: 34, points: 1 },
  { from: 36, points: 0 },
  { from: 38.5, points: 1 },
  { from: 39, points: 3 },
  { from: 41, points: 4 },
];
const MAP: readonly Band[] = [
  { from: 50, points: 2 },
  { from: 70, points: 0 },
  { from: 110, points: 2 },
  { from: 130, points: 3 },
  { from: 160, points: 4 },
];
const HEART_RATE: readonly Band[] = [
  { from: 40, points: 3 },
  { from: 55, points: 2 },
  { from: 70, points: 0 },
  { from: 110, points: 2 },
  { from: 140, points: 3 },
  { from: 180, points: 4 },
];
const RESPIRATORY_RATE: readonly Band[] = [
  { from: 6, points: 2 },
  { from: 10, points: 1 },
  { from: 12, points: 0 },
  { from: 25, points: 1 },
  { from: 35, points: 3 },
  { from: 50, points: 4 },
];
const AADO2: readonly Band[] = [
  { from: 200, points: 2 },
  { from: 350, points: 3 },
  { from: 500, points: 4 },
];
const PAO2: readonly Band[] = [
  { from: 55, points: 3 },
  { from: 61, points: 1 },
  { from: 70, points: 0, exclusive: true },
];
const PH: readonly Band[] = [
  { from: 7.15, points: 3 },
  { from: 7.25, points: 2 },
  { from: 7.33, points: 0 },
  { from: 7.5, points: 1 },
  { from: 7.6, points: 3 },
  { from: 7.7, points: 4 },
];
const HCO3: readonly Band[] = [
  { from: 15, points: 3 },
  { from: 18, points: 2 },
  { from: 22, points: 0 },
  { from: 32, points: 1 },
  { from: 41, points: 3 },
  { from: 52, points: 4 },
];
const SODIUM: readonly Band[] = [
  { from: 111, points: 3 },
  { from: 120, points: 2 },
  { from: 130, points: 0 },
  { from: 150, points: 1 },
  { from: 155, points: 2 },
  { from: 160, points: 3 },
  { from: 180, points: 4 },
];
const POTASSIUM: readonly Band[] = [
  { from: 2.5, points: 2 },
  { from: 3, points: 1 },
  { from: 3.5, points: 0 },
  { from: 5.5, points: 1 },
  { from: 6, points: 3 },
  { from: 7, points: 4 },
];
const CREATININE: readonly Band[] = [
  { from: 0.6, points: 0 },
  { from: 1.5, points: 2 },
  { from: 2, points: 3 },
  { from: 3.5, points: 4 },
];
const HEMATOCRIT: readonly Band[] = [
  { from: 20, points: 2 },
  { from: 30, points: 0 },
  { from: 46, points: 1 },
  { from: 50, points: 2 },
  { from: 60, points: 4 },
];
const WBC: readonly Band[] = [
  { from: 1, points: 2 },
  { from: 3, points: 0 },
  { from: 15, points: 1 },
  { from: 20, points: 2 },
  { from: 40, points: 4 },
];
const AGE: readonly Band[] = [
  { from: 45, points: 2 },
  { from: 55, points: 3 },
  { from: 65, points: 5 },
  { from: 75, points: 6 },
];

/**
 * APACHE II temperature points (Knaus et al., 1985): < 30 °C → 4, [30, 32) → 3, [32, 34) → 2, [34, 36) → 1,
 * [36, 38.5) → 0, [38.5, 39) → 1, [39, 41) → 3, >= 41 → 4.
 * @param temperatureC - Core temperature in °C.
 * @throws TrialError `score.input` when not finite.
 * @example apacheTemperaturePoints(38.9) // => 1
 */
export function apacheTemperaturePoints(temperatureC: number): number {
  requireInRange('temperatureC', temperatureC, ANY_TEMPERATURE);
  return pointsFromBands(temperatureC, 4, TEMPERATURE);
}

/**
 * APACHE II mean arterial pressure points (Knaus et al., 1985): < 50 mmHg → 4, [50, 70) → 2, [70, 110) → 0,
 * [110, 130) → 2, [130, 160) → 3, >= 160 → 4.
 * @param mapMmHg - Mean arterial pressure in mmHg.
 * @throws TrialError `score.input` when negative or not finite.
 * @example apacheMapPoints(69.9) // => 2
 */
export function apacheMapPoints(mapMmHg: number): number {
  requireInRange('mapMmHg', mapMmHg, NON_NEGATIVE_MMHG);
  return pointsFromBands(mapMmHg, 4, MAP);
}

/**
 * APACHE II heart rate points (Knaus et al., 1985): < 40 /min → 4, [40, 55) → 3, [55, 70) → 2,
 * [70, 110) → 0, [110, 140) → 2, [140, 180) → 3, >= 180 → 4.
 * @param heartRateBpm - Ventricular rate per minute.
 * @throws TrialError `score.input` when negative or not finite.
 * @example apacheHeartRatePoints(140) // => 3
 */
export function apacheHeartRatePoints(heartRateBpm: number): number {
  requireInRange('heartRateBpm', heartRateBpm, NON_NEGATIVE_PER_MIN);
  return pointsFromBands(heartRateBpm, 4, HEART_RATE);
}

/**
 * APACHE II respiratory rate points (Knaus et al., 1985): < 6 /min → 4, [6, 10) → 2, [10, 12) → 1,
 * [12, 25) → 0, [25, 35) → 1, [35, 50) → 3, >= 50 → 4 (ventilated or not).
 * @param respiratoryRatePerMin - Breaths per minute.
 * @throws TrialError `score.input` when negative or not finite.
 * @example apacheRespiratoryRatePoints(25) // => 1
 */
export function apacheRespiratoryRatePoints(respiratoryRatePerMin: number): number {
  requireInRange('respiratoryRatePerMin', respiratoryRatePerMin, NON_NEGATIVE_PER_MIN);
  return pointsFromBands(respiratoryRatePerMin, 4, RESPIRATORY_RATE);
}

/**
 * APACHE II points for the alveolar–arterial gradient, used when FiO2 >= 0.5 (Knaus et al., 1985):
 * < 200 mmHg → 0, [200, 350) → 2, [350, 500) → 3, >= 500 → 4.
 * @param aado2MmHg - A-aDO2 in mmHg (may be slightly negative when computed).
 * @throws TrialError `score.input` when not finite.
 * @example apacheAaDo2Points(350) // => 3
 */
export function apacheAaDo2Points(aado2MmHg: number): number {
  requireInRange('aado2MmHg', aado2MmHg, ANY_AADO2);
  return pointsFromBands(aado2MmHg, 0, AADO2);
}

/**
 * APACHE II PaO2 points, used when FiO2 < 0.5 (Knaus et al., 1985): < 55 mmHg → 4, [55, 61) → 3,
 * [61, 70] → 1, > 70 → 0 (the written `>70` is exclusive, so 70 scores 1).
 * @param pao2MmHg - Arterial PaO2 in mmHg.
 * @throws TrialError `score.input` when negative or not finite.
 * @example apachePao2Points(70) // => 1
 */
export function apachePao2Points(pao2MmHg: number): number {
  requireInRange('pao2MmHg', pao2MmHg, NON_NEGATIVE_MMHG);
  return pointsFromBands(pao2MmHg, 4, PAO2);
}

/**
 * APACHE II arterial pH points (Knaus et al., 1985): < 7.15 → 4, [7.15, 7.25) → 3, [7.25, 7.33) → 2,
 * [7.33, 7.5) → 0, [7.5, 7.6) → 1, [7.6, 7.7) → 3, >= 7.7 → 4.
 * @param arterialPh - Arterial pH.
 * @throws TrialError `score.input` when outside 0–14.
 * @example apachePhPoints(7.32) // => 2
 */
export function apachePhPoints(arterialPh: number): number {
  requireInRange('arterialPh', arterialPh, PH_RANGE);
  return pointsFromBands(arterialPh, 4, PH);
}

/**
 * APACHE II serum HCO3 points, used only without an arterial pH (Knaus et al., 1985): < 15 mmol/L → 4,
 * [15, 18) → 3, [18, 22) → 2, [22, 32) → 0, [32, 41) → 1, [41, 52) → 3, >= 52 → 4.
 * @param hco3MmolPerL - Venous bicarbonate in mmol/L.
 * @throws TrialError `score.input` when negative or not finite.
 * @example apacheHco3Points(21.9) // => 2
 */
export function apacheHco3Points(hco3MmolPerL: number): number {
  requireInRange('hco3MmolPerL', hco3MmolPerL, NON_NEGATIVE_MMOL_PER_L);
  return pointsFromBands(hco3MmolPerL, 4, HCO3);
}

/**
 * APACHE II serum sodium points (Knaus et al., 1985): < 111 mmol/L → 4, [111, 120) → 3, [120, 130) → 2,
 * [130, 150) → 0, [150, 155) → 1, [155, 160) → 2, [160, 180) → 3, >= 180 → 4.
 * @param sodiumMmolPerL - Serum sodium in mmol/L.
 * @throws TrialError `score.input` when negative or not finite.
 * @example apacheSodiumPoints(150) // => 1
 */
export function apacheSodiumPoints(sodiumMmolPerL: number): number {
  requireInRange('sodiumMmolPerL', sodiumMmolPerL, NON_NEGATIVE_MMOL_PER_L);
  return pointsFromBands(sodiumMmolPerL, 4, SODIUM);
}

/**
 * APACHE II serum potassium points (Knaus et al., 1985): < 2.5 mmol/L → 4, [2.5, 3) → 2, [3, 3.5) → 1,
 * [3.5, 5.5) → 0, [5.5, 6) → 1, [6, 7) → 3, >= 7 → 4.
 * @param potassiumMmolPerL - Serum potassium in mmol/L.
 * @throws TrialError `score.input` when negative or not finite.
 * @example apachePotassiumPoints(3.4) // => 1
 */
export function apachePotassiumPoints(potassiumMmolPerL: number): number {
  requireInRange('potassiumMmolPerL', potassiumMmolPerL, NON_NEGATIVE_MMOL_PER_L);
  return pointsFromBands(potassiumMmolPerL, 4, POTASSIUM);
}

/**
 * APACHE II serum creatinine points (Knaus et al., 1985): < 0.6 mg/dL → 2, [0.6, 1.5) → 0, [1.5, 2) → 2,
 * [2, 3.5) → 3, >= 3.5 → 4; doubled in acute renal failure (at most 8). Convert µmol/L first.
 * @param creatinineMgPerDl - Serum creatinine in mg/dL.
 * @param acuteRenalFailure - Acute renal failure present: points × 2.
 * @throws TrialError `score.input` when negative or not finite.
 * @example apacheCreatininePoints(2, true) // => 6
 */
export function apacheCreatininePoints(creatinineMgPerDl: number, acuteRenalFailure: boolean): number {
  requireInRange('creatinineMgPerDl', creatinineMgPerDl, NON_NEGATIVE_MG_PER_DL);
  const points = pointsFromBands(creatinineMgPerDl, 2, CREATININE);
  return acuteRenalFailure ? Math.min(8, 2 * points) : points;
}

/**
 * APACHE II haematocrit points (Knaus et al., 1985): < 20 % → 4, [20, 30) → 2, [30, 46) → 0, [46, 50) → 1,
 * [50, 60) → 2, >= 60 → 4.
 * @param hematocritPercent - Haematocrit in percent (0–100).
 * @throws TrialError `score.input` when outside 0–100.
 * @example apacheHematocritPoints(46) // => 1
 */
export function apacheHematocritPoints(hematocritPercent: number): number {
  requireInRange('hematocritPercent', hematocritPercent, {
    min: 0,
    max: 100,
    expected: 'a percentage from 0 to 100',
  });
  return pointsFromBands(hematocritPercent, 4, HEMATOCRIT);
}

/**
 * APACHE II white blood cell points (Knaus et al., 1985): < 1 ×10⁹/L → 4, [1, 3) → 2, [3, 15) → 0,
 * [15, 20) → 1, [20, 40) → 2, >= 40 → 4.
 * @param wbc10e9PerL - White cells in 10^9/L (= 10^3/µL).
 * @throws TrialError `score.input` when negative or not finite.
 * @example apacheWbcPoints(2.9) // => 2
 */
export function apacheWbcPoints(wbc10e9PerL: number): number {
  requireInRange('wbc10e9PerL', wbc10e9PerL, NON_NEGATIVE_10E9_PER_L);
  return pointsFromBands(wbc10e9PerL, 4, WBC);
}

/**
 * APACHE II neurological points (Knaus et al., 1985): 15 − GCS.
 * @param gcs - Glasgow coma scale total, 3–15.
 * @returns Points 0–12.
 * @throws TrialError `score.input` when outside 3–15.
 * @example apacheGcsPoints(9) // => 6
 */
export function apacheGcsPoints(gcs: number): number {
  requireInRange('gcs', gcs, GCS_RANGE);
  return 15 - gcs;
}

/**
 * APACHE II age points (Knaus et al., 1985): < 45 years → 0, [45, 55) → 2, [55, 65) → 3, [65, 75) → 5,
 * >= 75 → 6.
 * @param ageYears - Age in years.
 * @throws TrialError `score.input` when negative or not finite.
 * @example apacheAgePoints(64) // => 3
 */
export function apacheAgePoints(ageYears: number): number {
  requireInRange('ageYears', ageYears, NON_NEGATIVE_YEARS);
  return pointsFromBands(ageYears, 0, AGE);
}

/**
 * Chronic health status for APACHE II (Knaus et al., 1985): organ insufficiency or immunocompromise before
 * admission (DOMAIN.md §7.2), and if so whether the patient is non-operative or emergency post-operative, or
 * elective post-operative.
 */
export type ChronicHealth = 'none' | 'nonoperative_or_emergency_postop' | 'elective_postop';

/**
 * APACHE II chronic health points (Knaus et al., 1985): none → 0, non-operative or emergency post-operative
 * → 5, elective post-operative → 2.
 * @example apacheChronicHealthPoints('elective_postop') // => 2
 */
export function apacheChronicHealthPoints(chronicHealth: ChronicHealth): number {
  switch (chronicHealth) {
    case 'none':
      return 0;
    case 'nonoperative_or_emergency_postop':
      return 5;
    case 'elective_postop':
      return 2;
  }
}
