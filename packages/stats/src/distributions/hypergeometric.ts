import betaln from '@stdlib/math-base-special-betaln';
import { assertCount, assertNotNaN, assertProbability, assertTail, type Tail } from './check.js';
import { dbinomRaw } from './loader.js';

const DBL_EPSILON = 2.220446049250313e-16;

function checkParams(m: number, n: number, k: number, where: string): void {
  assertCount(m, 'm (white balls)', where);
  assertCount(n, 'n (black balls)', where);
  assertCount(k, 'k (balls drawn)', where);
  if (k > m + n) throw new RangeError(`${where}: k (balls drawn) must be <= m + n = ${m + n}, got ${k}`);
}

/**
 * Hypergeometric probability mass (R's dhyper(x, m, n, k)): the chance of x white balls when k balls
 * are drawn without replacement from m white and n black, as a ratio of Loader binomial densities.
 * @param x - White balls drawn (a whole number; outside its support the mass is 0).
 * @param m - White balls in the urn.
 * @param n - Black balls in the urn.
 * @param k - Balls drawn, <= m + n.
 * @throws RangeError if x is not a whole number or m, n, k are not counts with k <= m + n.
 * @example hypergeometricPmf(1, 10, 7, 8) // => 0.0004113533525298236
 */
export function hypergeometricPmf(x: number, m: number, n: number, k: number): number {
  checkParams(m, n, k, 'hypergeometricPmf');
  if (!Number.isInteger(x)) throw new RangeError(`hypergeometricPmf: x must be a whole number, got ${x}`);
  if (x < 0 || x < k - n || x > k || x > m) return 0;
  if (k === 0) return x === 0 ? 1 : 0;
  const p = k / (m + n);
  const q = (m + n - k) / (m + n);
  return (dbinomRaw(x, m, p, q) * dbinomRaw(k - x, n, p, q)) / dbinomRaw(k, m + n, p, q);
}

/**
 * Hypergeometric distribution function (R's phyper): sums the shorter tail by the recursion of
 * Berger (1991) as R's pdhyper does.
 * @param x - Quantile (rounded down).
 * @param m - White balls in the urn.
 * @param n - Black balls in the urn.
 * @param k - Balls drawn, <= m + n.
 * @param tail - 'lower' for P(X <= x) (default), 'upper' for P(X > x).
 * @throws RangeError if x is NaN or m, n, k are not counts with k <= m + n.
 * @example hypergeometricCdf(1, 10, 7, 8) // => 0.0004113533525 (x = 1 is the bottom of the support)
 */
export function hypergeometricCdf(x: number, m: number, n: number, k: number, tail: Tail = 'lower'): number {
  checkParams(m, n, k, 'hypergeometricCdf');
  assertNotNaN(x, 'x', 'hypergeometricCdf');
  assertTail(tail, 'hypergeometricCdf');
  let xx = Math.floor(x + 1e-7);
  let nr = m;
  let nb = n;
  let lower = tail === 'lower';
  if (xx * (nr + nb) > k * nr) {
    // Sum the other tail, which is the shorter one.
    [nr, nb] = [nb, nr];
    xx = k - xx - 1;
    lower = !lower;
  }
  if (xx < 0 || xx < k - nb) return lower ? 0 : 1;
  if (xx >= nr || xx >= k) return lower ? 1 : 0;
  const d = hypergeometricPmf(xx, nr, nb, k);
  let sum = 0;
  let term = 1;
  let i = xx;
  while (i > 0 && term >= DBL_EPSILON * sum) {
    term *= (i * (nb - k + i)) / (k + 1 - i) / (nr + 1 - i);
    sum += term;
    i--;
  }
  const pd = 1 + sum;
  return lower ? d * pd : 0.5 - d * pd + 0.5;
}

function logFastChoose(n: number, k: number): number {
  return -Math.log(n + 1) - betaln(n - k + 1, k + 1);
}

/**
 * Hypergeometric quantile function (R's qhyper): the smallest x with P(X <= x) >= p, by summing the
 * mass from the bottom of the support with R's fuzz 1 - 1000 eps. The upper tail uses 1 - p, as R.
 * @param p - Probability in [0, 1].
 * @param m - White balls in the urn.
 * @param n - Black balls in the urn.
 * @param k - Balls drawn, <= m + n.
 * @param tail - 'lower' (default) or 'upper'.
 * @throws RangeError if p is outside [0, 1] or m, n, k are not counts with k <= m + n.
 * @example hypergeometricQuantile(0.5, 10, 7, 8) // => 5
 */
export function hypergeometricQuantile(
  p: number,
  m: number,
  n: number,
  k: number,
  tail: Tail = 'lower',
): number {
  checkParams(m, n, k, 'hypergeometricQuantile');
  assertProbability(p, 'p', 'hypergeometricQuantile');
  assertTail(tail, 'hypergeometricQuantile');
  const total = m + n;
  const xStart = Math.max(0, k - n);
  const xEnd = Math.min(k, m);
  if (p === 0) return tail === 'lower' ? xStart : xEnd;
  if (p === 1) return tail === 'lower' ? xEnd : xStart;
  let xr = xStart;
  let xb = k - xr;
  const small = total < 1000;
  let term = logFastChoose(m, xr) + logFastChoose(n, xb) - logFastChoose(total, k);
  if (small) term = Math.exp(term);
  let nr = m - xr;
  let nb = n - xb;
  const target = (tail === 'lower' ? p : 0.5 - p + 0.5) * (1 - 1000 * DBL_EPSILON);
  let sum = small ? term : Math.exp(term);
  while (sum < target && xr < xEnd) {
    xr++;
    nb++;
    if (small) term *= (nr / xr) * (xb / nb);
    else term += Math.log(nr / xr) + Math.log(xb / nb);
    sum += small ? term : Math.exp(term);
    xb--;
    nr--;
  }
  return xr;
}
