import { randomNormal, type RandomSource } from '@immunotrial/stats';

const TWO_POW_MINUS_32 = 2.3283064365386963e-10;

/**
 * A uniform in [0, 1) from one 32-bit draw: enough resolution for a Bernoulli or an allocation draw
 * (probabilities are given to far fewer digits than 2^-32) at half the cost of a 53-bit double.
 * @param rng - Seeded source.
 */
export function uniform32(rng: RandomSource): number {
  return rng.nextUint32() * TWO_POW_MINUS_32;
}

/**
 * A Gamma(shape, 1) draw by Marsaglia & Tsang (2000, "A simple method for generating gamma
 * variables", ACM TOMS 26:363), with the squeeze 1 - 0.0331 x^4; shapes below 1 by
 * Gamma(shape + 1) U^(1 / shape) (their section 6).
 * @param rng - Seeded source.
 * @param shape - Shape > 0.
 * @example randomGamma(Xoshiro128.fromSeed(1), 3) // a draw with mean 3
 */
export function randomGamma(rng: RandomSource, shape: number): number {
  if (shape < 1) {
    const u = rng.nextDouble();
    return randomGamma(rng, shape + 1) * Math.pow(u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = randomNormal(rng);
    let v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const u = uniform32(rng);
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * A Beta(a, b) draw as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b).
 * @param rng - Seeded source.
 * @param a - First shape > 0.
 * @param b - Second shape > 0.
 */
export function randomBeta(rng: RandomSource, a: number, b: number): number {
  const x = randomGamma(rng, a);
  return x / (x + randomGamma(rng, b));
}

// Inversion by sequential search is exact and takes about mean + 1 steps; larger means are split into
// independent Poisson parts (a sum of Poissons is Poisson).
const POISSON_CHUNK = 30;

/**
 * A Poisson(mean) draw by inversion (Devroye 1986, Non-Uniform Random Variate Generation, X.3.3),
 * means above 30 as sums of Poisson(30) parts and a remainder.
 * @param rng - Seeded source.
 * @param mean - Mean >= 0.
 */
export function randomPoisson(rng: RandomSource, mean: number): number {
  let total = 0;
  let rest = mean;
  while (rest > POISSON_CHUNK) {
    total += poissonInversion(rng, POISSON_CHUNK);
    rest -= POISSON_CHUNK;
  }
  return total + poissonInversion(rng, rest);
}

function poissonInversion(rng: RandomSource, mean: number): number {
  let p = Math.exp(-mean);
  let cdf = p;
  let k = 0;
  const u = rng.nextDouble();
  while (u > cdf && p > 0) {
    k++;
    p *= mean / k;
    cdf += p;
  }
  return k;
}
