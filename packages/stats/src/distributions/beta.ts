import betainc from '@stdlib/math-base-special-betainc';
import betaincinv from '@stdlib/math-base-special-betaincinv';
import betaln from '@stdlib/math-base-special-betaln';
import { assertNotNaN, assertPositive, assertProbability, assertTail, type Tail } from './check.js';
import { dbinomRaw } from './loader.js';

function checkParams(a: number, b: number, where: string): void {
  assertPositive(a, 'shape1', where);
  assertPositive(b, 'shape2', where);
}

/**
 * Density of the beta distribution Beta(a, b) (R's dbeta: Loader's binomial density when both shapes
 * exceed 2, otherwise x^(a-1) (1-x)^(b-1) / B(a, b) on the log scale).
 * @param x - Where to evaluate the density.
 * @param shape1 - a > 0.
 * @param shape2 - b > 0.
 * @throws RangeError if x is NaN or a shape is not > 0.
 * @example betaPdf(0.3, 2, 5) // => 2.1609
 */
export function betaPdf(x: number, shape1: number, shape2: number): number {
  checkParams(shape1, shape2, 'betaPdf');
  assertNotNaN(x, 'x', 'betaPdf');
  const a = shape1;
  const b = shape2;
  if (x < 0 || x > 1) return 0;
  if (x === 0) {
    if (a > 1) return 0;
    return a < 1 ? Infinity : b;
  }
  if (x === 1) {
    if (b > 1) return 0;
    return b < 1 ? Infinity : a;
  }
  if (a <= 2 || b <= 2) return Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - betaln(a, b));
  return (a + b - 1) * dbinomRaw(a - 1, a + b - 2, x, 1 - x);
}

/**
 * Beta distribution function (R's pbeta): the regularized incomplete beta I_x(a, b) or its complement,
 * each computed directly (stdlib's port of Boost, about 1e-15 from R).
 * @param x - Quantile.
 * @param shape1 - a > 0.
 * @param shape2 - b > 0.
 * @param tail - 'lower' for P(X <= x) (default), 'upper' for P(X > x).
 * @throws RangeError if x is NaN or a shape is not > 0.
 * @example betaCdf(0.3, 2, 5) // => 0.579825
 */
export function betaCdf(x: number, shape1: number, shape2: number, tail: Tail = 'lower'): number {
  checkParams(shape1, shape2, 'betaCdf');
  assertNotNaN(x, 'x', 'betaCdf');
  assertTail(tail, 'betaCdf');
  if (x <= 0) return tail === 'lower' ? 0 : 1;
  if (x >= 1) return tail === 'lower' ? 1 : 0;
  return betainc(x, shape1, shape2, true, tail === 'upper');
}

/**
 * Beta quantile function (R's qbeta).
 * @param p - Probability in [0, 1].
 * @param shape1 - a > 0.
 * @param shape2 - b > 0.
 * @param tail - 'lower': x with P(X <= x) = p (default); 'upper': P(X > x) = p.
 * @throws RangeError if p is outside [0, 1] or a shape is not > 0.
 * @example betaQuantile(0.5, 2, 2) // => 0.5
 */
export function betaQuantile(p: number, shape1: number, shape2: number, tail: Tail = 'lower'): number {
  checkParams(shape1, shape2, 'betaQuantile');
  assertProbability(p, 'p', 'betaQuantile');
  assertTail(tail, 'betaQuantile');
  const lower = tail === 'lower';
  if (p === 0) return lower ? 0 : 1;
  if (p === 1) return lower ? 1 : 0;
  return betaincinv(p, shape1, shape2, !lower);
}
