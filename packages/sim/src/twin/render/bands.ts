// Raw measurements from organ latents: a latent x scores floor(x) (clamped 0-4), and its raw value is
// placed inside that SOFA band (Vincent et al. 1996, Table 1; FHIR-PROFILE.md §8 for the band edges), deeper
// in the band as x rises. So the eligibility engine, scoring the raw values, finds the model's SOFA.

/** [best, worst] value of each SOFA band, points 0..4, in the variable's canonical unit. */
type Bands = readonly (readonly [number, number])[];

/** PaO2/FiO2 in mmHg: >= 400, < 400, < 300, < 200, < 100 (3 and 4 also need respiratory support). */
const PF_RATIO: Bands = [
  [480, 400],
  [399, 300],
  [299, 200],
  [199, 100],
  [99, 50],
];
/** Platelets 10^9/L: >= 150, < 150, < 100, < 50, < 20. */
const PLATELETS: Bands = [
  [320, 150],
  [149, 100],
  [99, 50],
  [49, 20],
  [19, 5],
];
/** Bilirubin mg/dL: < 1.2, 1.2-1.9, 2.0-5.9, 6.0-11.9, > 12 (12.0 scores 3). */
const BILIRUBIN: Bands = [
  [0.4, 1.1],
  [1.2, 1.9],
  [2.0, 5.9],
  [6.0, 11.9],
  [12.1, 20],
];
/** GCS: 15, 13-14, 10-12, 6-9, < 6. */
const GCS: Bands = [
  [15, 15],
  [14, 13],
  [12, 10],
  [9, 6],
  [5, 3],
];
/** Creatinine mg/dL: < 1.2, 1.2-1.9, 2.0-3.4, 3.5-4.9, > 5 (5.0 scores 3). */
const CREATININE: Bands = [
  [0.6, 1.1],
  [1.2, 1.9],
  [2.0, 3.4],
  [3.5, 4.9],
  [5.1, 8],
];

function inBand(bands: Bands, x: number, digits: number): number {
  const k = x < 0 ? 0 : x >= 4 ? 4 : Math.floor(x);
  const frac = x < 0 ? 0 : x >= 5 ? 0.999 : Math.min(0.999, x - k);
  const band = bands[k] ?? [0, 0];
  const f = 10 ** digits;
  const v = Math.round((band[0] + frac * (band[1] - band[0])) * f) / f;
  // Rounding never leaves the band: clamp to its edges.
  const lo = Math.min(band[0], band[1]);
  const hi = Math.max(band[0], band[1]);
  return v < lo ? lo : v > hi ? hi : v;
}

/** P/F ratio (mmHg) for a respiratory latent. @example pfRatioOf(2.5) // => 250 */
export function pfRatioOf(x: number): number {
  return inBand(PF_RATIO, x, 0);
}

/** Platelets (10^9/L) for a coagulation latent. @example plateletsOf(3.5) // => 35 */
export function plateletsOf(x: number): number {
  return inBand(PLATELETS, x, 0);
}

/** Total bilirubin (mg/dL) for a liver latent. @example bilirubinOf(0.2) // => 0.5 */
export function bilirubinOf(x: number): number {
  return inBand(BILIRUBIN, x, 1);
}

/** GCS for a CNS latent. @example gcsOf(3.2) // => 8 */
export function gcsOf(x: number): number {
  return inBand(GCS, x, 0);
}

/** Creatinine (mg/dL) for a renal latent. @example creatinineOf(1.5) // => 1.55 */
export function creatinineOf(x: number): number {
  return inBand(CREATININE, x, 2);
}

/**
 * 24 h urine output (mL) that never scores more than the creatinine does: >= 500 mL below 3 points, 500-200
 * at 3 and 4 (scoring 3; FHIR-PROFILE.md §8 takes the renal maximum of the two).
 * @example urineOutputOf(4.4) // => 350
 */
export function urineOutputOf(x: number): number {
  const k = x < 0 ? 0 : x >= 4 ? 4 : Math.floor(x);
  return k <= 2 ? 1800 - 300 * Math.max(0, k) : k === 3 ? 700 : 350;
}

/** What the cardiovascular latent gives: a MAP, and a drug running at a rate (ug/kg/min), if any. */
export interface Circulation {
  readonly mapMmHg: number;
  /** ATC code of the drug: dobutamine (2 points) or norepinephrine (3-4 points). */
  readonly drug: 'C01CA07' | 'C01CA03' | undefined;
  readonly rate: number;
}

/**
 * MAP and vasoactive drug for a cardiovascular latent: MAP >= 70 (0), MAP < 70 (1), dobutamine any dose (2),
 * norepinephrine <= 0.1 (3) or > 0.1 ug/kg/min (4); drugs keep the MAP at 72.
 * @example circulationOf(3.5) // => { mapMmHg: 72, drug: 'C01CA03', rate: 0.06 }
 */
export function circulationOf(x: number): Circulation {
  const k = x < 0 ? 0 : x >= 4 ? 4 : Math.floor(x);
  const frac = x < 0 ? 0 : x >= 5 ? 0.999 : Math.min(0.999, x - k);
  switch (k) {
    case 0:
      return { mapMmHg: Math.round(92 - 22 * frac), drug: undefined, rate: 0 };
    case 1:
      return { mapMmHg: Math.min(69, Math.round(69 - 9 * frac)), drug: undefined, rate: 0 };
    case 2:
      return { mapMmHg: 72, drug: 'C01CA07', rate: 5 };
    case 3:
      return { mapMmHg: 72, drug: 'C01CA03', rate: Math.round((0.02 + 0.08 * frac) * 100) / 100 };
    default:
      return { mapMmHg: 72, drug: 'C01CA03', rate: Math.round((0.12 + 0.5 * frac) * 100) / 100 };
  }
}
