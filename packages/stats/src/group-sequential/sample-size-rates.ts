import { normalQuantile } from '../distributions/normal.js';
import type { GroupSequentialDesign } from './design.js';

/** Input of {@link sampleSizeRates} (rpact's getSampleSizeRates with thetaH0 = 0). */
export interface SampleSizeRatesInput {
  /** Event rate in the treatment arm (group 1). */
  readonly pi1: number;
  /** Event rate in the control arm (group 2). */
  readonly pi2: number;
  /** n1 / n2 (default 1). */
  readonly allocationRatioPlanned?: number;
}

/** Result of {@link sampleSizeRates}, with rpact's field names. */
export interface SampleSizeRatesResult {
  /** Fixed-design total sample size. */
  readonly nFixed: number;
  readonly nFixed1: number;
  readonly nFixed2: number;
  /** nFixed times the design's inflation factor. */
  readonly maxNumberOfSubjects: number;
  /** Cumulative subjects at each look (maxNumberOfSubjects times the information rates). */
  readonly numberOfSubjects: readonly number[];
  readonly numberOfSubjects1: readonly number[];
  readonly numberOfSubjects2: readonly number[];
  readonly criticalValues: readonly number[];
}

/**
 * Sample size for comparing two rates by the normal approximation, as rpact's getSampleSizeRates
 * (normalApproximation = TRUE, thetaH0 = 0): the fixed size
 * n1 = (z_{1-alpha/sided} sqrt(pbar qbar (1 + r)) + z_{1-beta} sqrt(p1 q1 + p2 q2 r))^2 / (p1 - p2)^2
 * with pbar = (r p1 + p2) / (1 + r) (Farrington & Manning 1990 under H0: p1 = p2), n2 = n1 / r,
 * inflated by the group-sequential design's inflation factor.
 * @param design - From groupSequentialDesign (gives alpha, beta, sided, inflation, information rates).
 * @param input - pi1, pi2 in (0, 1), different; allocationRatioPlanned r > 0 (default 1).
 * @throws RangeError if a rate is outside (0, 1), the rates are equal, or r <= 0.
 * @example sampleSizeRates(groupSequentialDesign({ kMax: 1 }), { pi1: 0.3, pi2: 0.45 }).nFixed
 */
export function sampleSizeRates(
  design: GroupSequentialDesign,
  input: SampleSizeRatesInput,
): SampleSizeRatesResult {
  const where = 'sampleSizeRates';
  const { pi1, pi2 } = input;
  const r = input.allocationRatioPlanned ?? 1;
  if (!(pi1 > 0 && pi1 < 1)) throw new RangeError(`${where}: pi1 must be in (0, 1), got ${pi1}`);
  if (!(pi2 > 0 && pi2 < 1)) throw new RangeError(`${where}: pi2 must be in (0, 1), got ${pi2}`);
  if (pi1 === pi2)
    throw new RangeError(`${where}: pi1 and pi2 are equal (${pi1}); there is no effect to detect`);
  if (!(r > 0 && Number.isFinite(r)))
    throw new RangeError(`${where}: allocationRatioPlanned must be > 0, got ${r}`);
  const zAlpha = normalQuantile(design.alpha / design.sided, 0, 1, 'upper');
  const zBeta = normalQuantile(design.beta, 0, 1, 'upper');
  const pbar = (r * pi1 + pi2) / (1 + r);
  const nFixed1 =
    (zAlpha * Math.sqrt(pbar * (1 - pbar) + pbar * (1 - pbar) * r) +
      zBeta * Math.sqrt(pi1 * (1 - pi1) + pi2 * (1 - pi2) * r)) **
      2 /
    (pi1 - pi2) ** 2;
  const nFixed2 = nFixed1 / r;
  const nFixed = nFixed1 + nFixed2;
  const maxNumberOfSubjects = nFixed * design.inflationFactor;
  const numberOfSubjects = design.informationRates.map((t) => maxNumberOfSubjects * t);
  return {
    nFixed,
    nFixed1,
    nFixed2,
    maxNumberOfSubjects,
    numberOfSubjects,
    numberOfSubjects1: numberOfSubjects.map((n) => (n * r) / (1 + r)),
    numberOfSubjects2: numberOfSubjects.map((n) => n / (1 + r)),
    criticalValues: design.criticalValues,
  };
}
