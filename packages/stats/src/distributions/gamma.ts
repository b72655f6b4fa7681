import gammaincinv from '@stdlib/math-base-special-gammaincinv';
import { assertNotNaN, assertPositive, assertProbability, assertTail, type Tail } from './check.js';
import { regularizedGamma } from './incomplete-gamma.js';
import { dpoisRaw } from './loader.js';
import { solveMonotone } from './newton.js';
import { normalQuantile } from './normal.js';

function checkParams(shape: number, scale: number, where: string): void {
  assertPositive(shape, 'shape', where);
  assertPositive(scale, 'scale', where);
}

/**
 * Density of the gamma distribution with shape k and scale theta (R's dgamma, via Loader's Poisson
 * density: x^(k-1) e^(-x/theta) / (Gamma(k) theta^k)).
 * @param x - Where to evaluate the density.
 * @param shape - Shape k > 0.
 * @param scale - Scale theta > 0 (default 1; rate = 1 / scale).
 * @throws RangeError if x is NaN or a parameter is not > 0.
 * @example gammaPdf(2, 3, 1) // => 0.2706705664732254
 */
export function gammaPdf(x: number, shape: number, scale = 1): number {
  checkParams(shape, scale, 'gammaPdf');
  assertNotNaN(x, 'x', 'gammaPdf');
  if (x < 0 || !Number.isFinite(x)) return 0;
  if (x === 0) {
    if (shape < 1) return Infinity;
    return shape > 1 ? 0 : 1 / scale;
  }
  return standardGammaDensity(x / scale, shape) / scale;
}

/** Density of Gamma(shape, 1) at x > 0 through Loader's Poisson density, as R's dgamma. */
function standardGammaDensity(x: number, shape: number): number {
  return shape < 1 ? (dpoisRaw(shape, x) * shape) / x : dpoisRaw(shape - 1, x);
}

/**
 * Gamma distribution function (R's pgamma): the regularized incomplete gamma P(k, x / theta) or its
 * complement Q for the upper tail, each computed directly (see incomplete-gamma.ts).
 * @param x - Quantile.
 * @param shape - Shape k > 0.
 * @param scale - Scale theta > 0 (default 1).
 * @param tail - 'lower' for P(X <= x) (default), 'upper' for P(X > x).
 * @throws RangeError if x is NaN or a parameter is not > 0.
 * @example gammaCdf(2, 3) // => 0.3233235838169366
 */
export function gammaCdf(x: number, shape: number, scale = 1, tail: Tail = 'lower'): number {
  checkParams(shape, scale, 'gammaCdf');
  assertNotNaN(x, 'x', 'gammaCdf');
  assertTail(tail, 'gammaCdf');
  if (x <= 0) return tail === 'lower' ? 0 : 1;
  if (!Number.isFinite(x)) return tail === 'lower' ? 1 : 0;
  return regularizedGamma(x / scale, shape, tail === 'upper');
}

/**
 * Gamma quantile function (R's qgamma): Newton's method on the log of the smaller tail probability,
 * safeguarded by bisection, from stdlib's gammaincinv (or Wilson-Hilferty) as the start.
 * @param p - Probability in [0, 1].
 * @param shape - Shape k > 0.
 * @param scale - Scale theta > 0 (default 1).
 * @param tail - 'lower': x with P(X <= x) = p (default); 'upper': P(X > x) = p.
 * @throws RangeError if p is outside [0, 1] or a parameter is not > 0.
 * @example gammaQuantile(0.5, 3) // => 2.674060313723561
 */
export function gammaQuantile(p: number, shape: number, scale = 1, tail: Tail = 'lower'): number {
  checkParams(shape, scale, 'gammaQuantile');
  assertProbability(p, 'p', 'gammaQuantile');
  assertTail(tail, 'gammaQuantile');
  const lower = tail === 'lower';
  if (p === 0) return lower ? 0 : Infinity;
  if (p === 1) return lower ? Infinity : 0;
  // Solve on the tail whose probability is below 1/2, so its logarithm keeps relative precision.
  const useUpper = lower ? p > 0.5 : p <= 0.5;
  const target = lower === useUpper ? 0.5 - p + 0.5 : p;
  const logTarget = Math.log(target);
  const f = (x: number): number => Math.log(regularizedGamma(x, shape, useUpper)) - logTarget;
  const fPrime = (x: number): number =>
    ((useUpper ? -1 : 1) * standardGammaDensity(x, shape)) / regularizedGamma(x, shape, useUpper);
  let start = gammaincinv(p, shape, !lower);
  if (!(start > 0 && Number.isFinite(start))) {
    // Wilson and Hilferty (1931): (X / k)^(1/3) is close to normal with mean 1 - 1/(9k).
    const z = normalQuantile(p, 0, 1, tail);
    const c = 1 / (9 * shape);
    start = shape * Math.max(1 - c + z * Math.sqrt(c), 1e-3) ** 3;
  }
  return solveMonotone(f, fPrime, [0, Infinity], start) * scale;
}
