// One place where survival and competing-risk code reaches the distribution functions, so that
// p-values and critical values come from the package's R-checked implementations.
import { chiSquareCdf } from '../distributions/chi-square.js';
import { normalCdf, normalQuantile } from '../distributions/normal.js';

/**
 * P(X > x) for X ~ chi-square(df): R's `pchisq(x, df, lower.tail = FALSE)`. Returns 1 for df = 0
 * (a test with no degrees of freedom carries no evidence), as survdiff reports it.
 */
export function chiSquarePValue(x: number, df: number): number {
  if (df === 0) return 1;
  return chiSquareCdf(Math.max(x, 0), df, 'upper');
}

/** Two-sided p-value of a standard normal z: R's `2 * pnorm(-abs(z))`. */
export function twoSidedNormalPValue(z: number): number {
  return 2 * normalCdf(-Math.abs(z));
}

/** The (1 + level) / 2 standard normal quantile: 1.959964 for a 95% interval. */
export function normalCritical(level: number): number {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
  return normalQuantile((1 + level) / 2);
}
