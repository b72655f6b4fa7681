import { assertPositive, type Tail } from './check.js';
import { gammaCdf, gammaPdf, gammaQuantile } from './gamma.js';

/**
 * Density of the chi-square distribution with df degrees of freedom (R's dchisq): Gamma(df/2, 2).
 * @param x - Where to evaluate the density.
 * @param df - Degrees of freedom, > 0.
 * @throws RangeError if x is NaN or df <= 0.
 * @example chiSquarePdf(1, 2) // => 0.3032653298563167
 */
export function chiSquarePdf(x: number, df: number): number {
  assertPositive(df, 'df', 'chiSquarePdf');
  return gammaPdf(x, df / 2, 2);
}

/**
 * Chi-square distribution function (R's pchisq).
 * @param x - Quantile.
 * @param df - Degrees of freedom, > 0.
 * @param tail - 'lower' for P(X <= x) (default), 'upper' for P(X > x) (a p-value).
 * @throws RangeError if x is NaN or df <= 0.
 * @example chiSquareCdf(3.841458820694124, 1, 'upper') // => 0.05
 */
export function chiSquareCdf(x: number, df: number, tail: Tail = 'lower'): number {
  assertPositive(df, 'df', 'chiSquareCdf');
  return gammaCdf(x, df / 2, 2, tail);
}

/**
 * Chi-square quantile function (R's qchisq).
 * @param p - Probability in [0, 1].
 * @param df - Degrees of freedom, > 0.
 * @param tail - 'lower' (default) or 'upper'.
 * @throws RangeError if p is outside [0, 1] or df <= 0.
 * @example chiSquareQuantile(0.95, 1) // => 3.841458820694124
 */
export function chiSquareQuantile(p: number, df: number, tail: Tail = 'lower'): number {
  assertPositive(df, 'df', 'chiSquareQuantile');
  return gammaQuantile(p, df / 2, 2, tail);
}
