import type { RandomSource } from '@immunotrial/stats';

const TWO_POW_MINUS_32 = 2.3283064365386963e-10;

/**
 * Standard normal draws by Marsaglia's polar method (Marsaglia & Bray 1964), keeping the second normal of
 * each pair for the next call: about half the uniforms and logarithms of drawing them one at a time.
 * Uniforms take one 32-bit draw each (resolution 2^-32, ample for event probabilities and normals): half
 * the cost of 53-bit doubles, as the design engine's `uniform32`. The stream is deterministic: the same
 * source state gives the same sequence of draws.
 */
export class Gaussian {
  private spare = 0;
  private hasSpare = false;

  /** @param rng - The seeded source (one per patient or trial stream). */
  constructor(readonly rng: RandomSource) {}

  /** A standard normal deviate. @example new Gaussian(Xoshiro128.fromSeed(1)).next() */
  next(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    for (;;) {
      const u = this.rng.nextUint32() * TWO_POW_MINUS_32 * 2 - 1;
      const v = this.rng.nextUint32() * TWO_POW_MINUS_32 * 2 - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const f = Math.sqrt((-2 * Math.log(s)) / s);
        this.spare = v * f;
        this.hasSpare = true;
        return u * f;
      }
    }
  }

  /** A uniform in [0, 1) on a 2^-32 grid. */
  uniform(): number {
    return this.rng.nextUint32() * TWO_POW_MINUS_32;
  }
}
