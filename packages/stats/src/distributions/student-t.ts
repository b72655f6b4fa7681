import betainc from '@stdlib/math-base-special-betainc';
import betaincinv from '@stdlib/math-base-special-betaincinv';
import { assertNotNaN, assertProbability, assertTail, type Tail } from './check.js';
import { bd0, stirlerr } from './loader.js';
import { normalCdf, normalQuantile } from './normal.js';

const INV_SQRT_2PI = 0.3989422804014327;
const DBL_EPSILON = 2.220446049250313e-16;

/**
 * Density of Student's t distribution with df degrees of freedom (R's dt, by Loader's saddle point).
 * @param x - Where to evaluate the density.
 * @param df - Degrees of freedom, > 0 (may be Infinity: the standard normal).
 * @throws RangeError if x is NaN or df <= 0.
 * @example tPdf(0, 10) // => 0.3891083839660311
 */
export function tPdf(x: number, df: number): number {
  assertNotNaN(x, 'x', 'tPdf');
  if (!(df > 0)) throw new RangeError(`tPdf: df must be > 0, got ${df}`);
  if (!Number.isFinite(x)) return 0;
  if (!Number.isFinite(df)) return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
  const n = df;
  const t = -bd0(n / 2, (n + 1) / 2) + stirlerr((n + 1) / 2) - stirlerr(n / 2);
  const x2n = (x * x) / n;
  const ax = Math.abs(x);
  let lx2n: number;
  let u: number;
  const large = x2n > 1 / DBL_EPSILON;
  if (large) {
    lx2n = Math.log(ax) - Math.log(n) / 2;
    u = n * lx2n;
  } else if (x2n > 0.2) {
    lx2n = Math.log(1 + x2n) / 2;
    u = n * lx2n;
  } else {
    lx2n = Math.log1p(x2n) / 2;
    u = -bd0(n / 2, (n + x * x) / 2) + (x * x) / 2;
  }
  return Math.exp(t - u) * INV_SQRT_2PI * (large ? Math.sqrt(n) / ax : Math.exp(-lx2n));
}

/**
 * Student's t distribution function (R's pt): P(|T| > |x|) / 2 = I_{n/(n+x^2)}(n/2, 1/2) / 2, taking
 * the regularized incomplete beta from whichever argument avoids cancellation.
 * @param x - Quantile (may be +-Infinity).
 * @param df - Degrees of freedom, > 0 (Infinity gives the normal).
 * @param tail - 'lower' for P(T <= x) (default), 'upper' for P(T > x).
 * @throws RangeError if x is NaN or df <= 0.
 * @example tCdf(2, 10) // => 0.9633059826146297
 */
export function tCdf(x: number, df: number, tail: Tail = 'lower'): number {
  assertNotNaN(x, 'x', 'tCdf');
  if (!(df > 0)) throw new RangeError(`tCdf: df must be > 0, got ${df}`);
  assertTail(tail, 'tCdf');
  if (!Number.isFinite(x)) return x < 0 === (tail === 'lower') ? 0 : 1;
  if (!Number.isFinite(df)) return normalCdf(x, 0, 1, tail);
  const x2 = x * x;
  // half = P(T > |x|)
  const half =
    0.5 * (df > x2 ? betainc(x2 / (df + x2), 0.5, df / 2, true, true) : betainc(df / (df + x2), df / 2, 0.5));
  const wantFarTail = x > 0 === (tail === 'upper');
  return wantFarTail ? half : 1 - half;
}

/**
 * Student's t quantile function (R's qt) by inverting the regularized incomplete beta function.
 * @param p - Probability in [0, 1].
 * @param df - Degrees of freedom, > 0 (Infinity gives the normal).
 * @param tail - 'lower': x with P(T <= x) = p (default); 'upper': P(T > x) = p.
 * @throws RangeError if p is outside [0, 1] or df <= 0.
 * @example tQuantile(0.975, 10) // => 2.228138851986274
 */
export function tQuantile(p: number, df: number, tail: Tail = 'lower'): number {
  assertProbability(p, 'p', 'tQuantile');
  if (!(df > 0)) throw new RangeError(`tQuantile: df must be > 0, got ${df}`);
  assertTail(tail, 'tQuantile');
  if (!Number.isFinite(df)) return normalQuantile(p, 0, 1, tail);
  const lower = tail === 'lower' ? p : 1 - p;
  if (lower === 0.5) return 0;
  // Probability of the tail beyond |t|, taken from the side where it is small without 1 - p.
  const farTail = lower < 0.5 ? (tail === 'lower' ? p : 1 - p) : tail === 'upper' ? p : 1 - p;
  const sign = lower < 0.5 ? -1 : 1;
  if (farTail === 0) return sign * Infinity;
  // z = t^2 / (df + t^2) with I_z(1/2, df/2) upper = 2 * farTail; w = 1 - z = df / (df + t^2).
  const z = betaincinv(2 * farTail, 0.5, df / 2, true);
  let t2: number;
  if (z < 0.5) {
    t2 = (df * z) / (1 - z);
  } else {
    const w = betaincinv(2 * farTail, df / 2, 0.5);
    t2 = (df * (1 - w)) / w;
  }
  let t = sign * Math.sqrt(t2);
  // One Newton step on the tail probability polishes the last digits of the beta inversion.
  const f = tCdf(t, df, tail) - p;
  const d = tPdf(t, df);
  if (d > 0 && Number.isFinite(f)) {
    const step = (tail === 'lower' ? f : -f) / d;
    if (Math.abs(step) < 1e-6 * Math.max(1, Math.abs(t))) t -= step;
  }
  return t;
}
