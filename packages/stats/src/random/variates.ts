import type { RandomSource } from './xoshiro128.js';

/**
 * A standard normal draw by Marsaglia's polar method (Marsaglia & Bray 1964); uses two or more
 * uniforms and discards the second normal so that each call consumes a predictable stream.
 * @param rng - Seeded uniform source.
 * @example randomNormal(Xoshiro128.fromSeed(1))
 */
export function randomNormal(rng: RandomSource): number {
  for (;;) {
    const u = 2 * rng.nextDouble() - 1;
    const v = 2 * rng.nextDouble() - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
  }
}

/**
 * A standard exponential draw, -log(1 - U).
 * @param rng - Seeded uniform source.
 */
export function randomExponential(rng: RandomSource): number {
  return -Math.log1p(-rng.nextDouble());
}

/**
 * A uniform integer in [0, n) without modulo bias (Lemire's rejection on 32-bit draws).
 * @param rng - Seeded uniform source.
 * @param n - Upper bound, an integer in [1, 2^32].
 * @throws RangeError if n is not an integer in [1, 2^32].
 */
export function randomInteger(rng: RandomSource, n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 4294967296) {
    throw new RangeError(`randomInteger: n must be an integer in [1, 2^32], got ${n}`);
  }
  const threshold = (4294967296 - n) % n;
  for (;;) {
    const x = rng.nextUint32();
    if (x >= threshold) return x % n;
  }
}
