import betainc from '@stdlib/math-base-special-betainc';
import betaincinv from '@stdlib/math-base-special-betaincinv';
import { assertNotNaN, assertPositive, assertProbability, assertTail, type Tail } from './check.js';
import { dbinomRaw } from './loader.js';

function checkParams(df1: number, df2: number, where: string): void {
  assertPositive(df1, 'df1', where);
  assertPositive(df2, 'df2', where);
}

/**
 * Density of the F distribution with df1 and df2 degrees of freedom (R's df, via Loader's binomial
 * density).
 * @param x - Where to evaluate the density.
 * @param df1 - Numerator degrees of freedom, > 0.
 * @param df2 - Denominator degrees of freedom, > 0.
 * @throws RangeError if x is NaN or a df is not > 0.
 * @example fPdf(1, 3, 10) // => 0.4041228114885627
 */
export function fPdf(x: number, df1: number, df2: number): number {
  checkParams(df1, df2, 'fPdf');
  assertNotNaN(x, 'x', 'fPdf');
  const m = df1;
  const n = df2;
  if (x < 0 || !Number.isFinite(x)) return 0;
  if (x === 0) return m > 2 ? 0 : m === 2 ? 1 : Infinity;
  const f0 = 1 / (n + x * m);
  const q = n * f0;
  const p = x * m * f0;
  if (m >= 2) return ((m * q) / 2) * dbinomRaw((m - 2) / 2, (m + n - 2) / 2, p, q);
  return ((m * m * q) / (2 * p * (m + n))) * dbinomRaw(m / 2, (m + n) / 2, p, q);
}

/**
 * F distribution function (R's pf) through the regularized incomplete beta function, choosing the
 * argument that avoids cancellation.
 * @param x - Quantile.
 * @param df1 - Numerator degrees of freedom, > 0.
 * @param df2 - Denominator degrees of freedom, > 0.
 * @param tail - 'lower' for P(X <= x) (default), 'upper' for P(X > x).
 * @throws RangeError if x is NaN or a df is not > 0.
 * @example fCdf(3.708264819, 3, 10, 'upper') // => 0.05 (approximately)
 */
export function fCdf(x: number, df1: number, df2: number, tail: Tail = 'lower'): number {
  checkParams(df1, df2, 'fCdf');
  assertNotNaN(x, 'x', 'fCdf');
  assertTail(tail, 'fCdf');
  const upper = tail === 'upper';
  if (x <= 0) return upper ? 1 : 0;
  if (!Number.isFinite(x)) return upper ? 0 : 1;
  if (df1 * x > df2) return betainc(df2 / (df2 + df1 * x), df2 / 2, df1 / 2, true, !upper);
  return betainc((df1 * x) / (df2 + df1 * x), df1 / 2, df2 / 2, true, upper);
}

/**
 * F quantile function (R's qf).
 * @param p - Probability in [0, 1].
 * @param df1 - Numerator degrees of freedom, > 0.
 * @param df2 - Denominator degrees of freedom, > 0.
 * @param tail - 'lower' (default) or 'upper'.
 * @throws RangeError if p is outside [0, 1] or a df is not > 0.
 * @example fQuantile(0.95, 3, 10) // => 3.708264819...
 */
export function fQuantile(p: number, df1: number, df2: number, tail: Tail = 'lower'): number {
  checkParams(df1, df2, 'fQuantile');
  assertProbability(p, 'p', 'fQuantile');
  assertTail(tail, 'fQuantile');
  const lower = tail === 'lower';
  if (p === 0) return lower ? 0 : Infinity;
  if (p === 1) return lower ? Infinity : 0;
  // u = df1 x / (df2 + df1 x) ~ Beta(df1/2, df2/2); w = 1 - u from the complementary inversion.
  const u = betaincinv(p, df1 / 2, df2 / 2, !lower);
  if (u < 0.5) return (df2 / df1) * (u / (1 - u));
  const w = betaincinv(p, df2 / 2, df1 / 2, lower);
  return (df2 / df1) * ((1 - w) / w);
}
