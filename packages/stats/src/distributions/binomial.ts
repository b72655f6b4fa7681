import betainc from '@stdlib/math-base-special-betainc';
import { assertCount, assertNotNaN, assertProbability, assertTail, type Tail } from './check.js';
import { dbinomRaw } from './loader.js';
import { normalQuantile } from './normal.js';

const DBL_EPSILON = 2.220446049250313e-16;

function checkParams(size: number, prob: number, where: string): void {
  assertCount(size, 'size', where);
  assertProbability(prob, 'prob', where);
}

/**
 * Binomial probability mass P(X = x) for X ~ Bin(size, prob) (R's dbinom, Loader's algorithm).
 * @param x - Number of successes (a whole number; outside 0..size the mass is 0).
 * @param size - Number of trials, a whole number >= 0.
 * @param prob - Success probability in [0, 1].
 * @throws RangeError if x is not a whole number, size is not a count or prob is outside [0, 1].
 * @example binomialPmf(3, 10, 0.2) // => 0.201326592
 */
export function binomialPmf(x: number, size: number, prob: number): number {
  checkParams(size, prob, 'binomialPmf');
  if (!Number.isInteger(x)) throw new RangeError(`binomialPmf: x must be a whole number, got ${x}`);
  return dbinomRaw(x, size, prob, 1 - prob);
}

/**
 * Binomial distribution function (R's pbinom): P(X <= x) = I_{1-prob}(size - x, x + 1), through the
 * regularized incomplete beta so that both tails keep relative precision.
 * @param x - Quantile (rounded down to a whole number).
 * @param size - Number of trials, a whole number >= 0.
 * @param prob - Success probability in [0, 1].
 * @param tail - 'lower' for P(X <= x) (default), 'upper' for P(X > x).
 * @throws RangeError if x is NaN, size is not a count or prob is outside [0, 1].
 * @example binomialCdf(3, 10, 0.2) // => 0.8791261184
 */
export function binomialCdf(x: number, size: number, prob: number, tail: Tail = 'lower'): number {
  checkParams(size, prob, 'binomialCdf');
  assertNotNaN(x, 'x', 'binomialCdf');
  assertTail(tail, 'binomialCdf');
  const upper = tail === 'upper';
  const k = Math.floor(x + 1e-7);
  if (k < 0) return upper ? 1 : 0;
  if (k >= size) return upper ? 0 : 1;
  if (prob === 0) return upper ? 0 : 1;
  if (prob === 1) return upper ? 1 : 0;
  return betainc(prob, k + 1, size - k, true, !upper);
}

/**
 * Binomial quantile function (R's qbinom): the smallest x with P(X <= x) >= p, found from a
 * Cornish-Fisher start by a step search with R's fuzz factor 1 - 64 eps. For the upper tail, as in
 * R, p is first turned into 1 - p.
 * @param p - Probability in [0, 1].
 * @param size - Number of trials, a whole number >= 0.
 * @param prob - Success probability in [0, 1].
 * @param tail - 'lower' (default) or 'upper'.
 * @throws RangeError if p or prob is outside [0, 1] or size is not a count.
 * @example binomialQuantile(0.5, 10, 0.2) // => 2
 */
export function binomialQuantile(p: number, size: number, prob: number, tail: Tail = 'lower'): number {
  checkParams(size, prob, 'binomialQuantile');
  assertProbability(p, 'p', 'binomialQuantile');
  assertTail(tail, 'binomialQuantile');
  if (p === 0) return tail === 'lower' ? 0 : size;
  if (p === 1) return tail === 'lower' ? size : 0;
  const target0 = tail === 'lower' ? p : 1 - p;
  if (prob === 0 || size === 0) return 0;
  if (target0 + 1.01 * DBL_EPSILON >= 1) return size;
  const q = 1 - prob;
  const mu = size * prob;
  const sigma = Math.sqrt(size * prob * q);
  const gamma = (q - prob) / sigma;
  const z = normalQuantile(target0);
  let y = Math.floor(mu + sigma * (z + (gamma * (z * z - 1)) / 6) + 0.5);
  y = Math.min(Math.max(y, 0), size);
  const target = target0 * (1 - 64 * DBL_EPSILON);
  if (binomialCdf(y, size, prob) >= target) {
    while (y > 0 && binomialCdf(y - 1, size, prob) >= target) y--;
    return y;
  }
  while (y < size) {
    y++;
    if (binomialCdf(y, size, prob) >= target) break;
  }
  return y;
}
