import { normalCdf } from '../distributions/normal.js';
import { type RandomSource } from '../random/xoshiro128.js';
import { randomExponential, randomNormal } from '../random/variates.js';

// Polya-Gamma PG(1, z) draws by Devroye's alternating-series method as given by Polson, Scott &
// Windle (2013), "Bayesian inference for logistic models using Polya-Gamma latent variables",
// JASA 108:1339-1349, section 4 and Algorithm 1 of its supplement: PG(1, z) = J*(1, z/2) / 4, where
// J* is sampled from a mixture of a truncated exponential (right of t = 0.64) and a truncated inverse
// Gaussian (left of t), accepted by the alternating series of its density.

const T = 0.64;
const PI2_8 = (Math.PI * Math.PI) / 8;

/** Coefficient a_n(x) of the alternating series for the J*(1, 0) density (PSW 2013, eq. 15-16). */
function seriesCoefficient(n: number, x: number): number {
  const k = n + 0.5;
  if (x > T) return Math.PI * k * Math.exp((-k * k * Math.PI * Math.PI * x) / 2);
  return (2 / (Math.PI * x)) ** 1.5 * Math.PI * k * Math.exp((-2 * k * k) / x);
}

/** IG(1/z, 1) truncated to (0, T). */
function truncatedInverseGaussian(z: number, rng: RandomSource): number {
  const mu = 1 / z;
  if (mu > T) {
    // Sample 1/X from a truncated chi-square (1 df) and accept with prob exp(-z^2 X / 2).
    for (;;) {
      let e1 = randomExponential(rng);
      let e2 = randomExponential(rng);
      while (e1 * e1 > (2 * e2) / T) {
        e1 = randomExponential(rng);
        e2 = randomExponential(rng);
      }
      const x = T / (1 + T * e1) ** 2;
      if (rng.nextDouble() <= Math.exp(-0.5 * z * z * x)) return x;
    }
  }
  for (;;) {
    // Michael, Schucany & Haas (1976) inverse Gaussian draw, rejected until below T.
    const y = randomNormal(rng) ** 2;
    let x = mu + 0.5 * mu * mu * y - 0.5 * mu * Math.sqrt(4 * mu * y + (mu * y) ** 2);
    if (rng.nextDouble() > mu / (mu + x)) x = (mu * mu) / x;
    if (x < T) return x;
  }
}

/**
 * One draw from the Polya-Gamma distribution PG(1, z), E = tanh(z/2) / (2z).
 * @param z - Tilting parameter (any real; the distribution depends on |z|).
 * @param rng - Seeded uniform source.
 * @throws RangeError if z is not finite.
 * @example randomPolyaGamma(0, Xoshiro128.fromSeed(1)) // mean of PG(1, 0) is 1/4
 */
export function randomPolyaGamma(z: number, rng: RandomSource): number {
  if (!Number.isFinite(z)) throw new RangeError(`randomPolyaGamma: z must be finite, got ${z}`);
  const h = Math.abs(z) / 2;
  const k = PI2_8 + (h * h) / 2;
  const p = (Math.PI / (2 * k)) * Math.exp(-k * T);
  // q = 2 e^-h P(IG(1/h, 1) < T), written so that h = 0 (mean infinity) needs no special case.
  const r = Math.sqrt(1 / T);
  const q = 2 * (Math.exp(-h) * normalCdf(r * (T * h - 1)) + Math.exp(h) * normalCdf(-r * (T * h + 1)));
  for (;;) {
    const x =
      rng.nextDouble() < p / (p + q)
        ? T + randomExponential(rng) / k
        : h > 0
          ? truncatedInverseGaussian(h, rng)
          : truncatedInverseGaussian(1e-300, rng);
    let s = seriesCoefficient(0, x);
    const y = rng.nextDouble() * s;
    for (let n = 1; ; n++) {
      if (n % 2 === 1) {
        s -= seriesCoefficient(n, x);
        if (y <= s) return x / 4;
      } else {
        s += seriesCoefficient(n, x);
        if (y > s) break;
      }
    }
  }
}
