/**
 * A seeded source of uniform random numbers. Everything random in stats and sim takes one of these as
 * an argument, so runs are reproducible from their seed (ARCHITECTURE.md: no Math.random).
 */
export interface RandomSource {
  /** A uniform integer in [0, 2^32). */
  nextUint32(): number;
  /** A uniform double in [0, 1) with 53 random bits. */
  nextDouble(): number;
}

const MASK64 = (1n << 64n) - 1n;

/** SplitMix64 (Steele, Lea & Flood 2014), Vigna's recommended way to expand a seed into state. */
function splitMix64(seed: bigint): () => bigint {
  let x = seed & MASK64;
  return () => {
    x = (x + 0x9e3779b97f4a7c15n) & MASK64;
    let z = x;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
    return z ^ (z >> 31n);
  };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

// Jump polynomial of xoshiro128** for 2^64 steps (Blackman & Vigna, xoshiro128starstar.c).
const JUMP = [0x8764000b, 0xf542d2d3, 0x6fa035c3, 0x77f2db5b];

/**
 * xoshiro128** 1.1 (Blackman & Vigna 2018, "Scrambled linear pseudorandom number generators"):
 * 128 bits of state, period 2^128 - 1, 32-bit output; `jump()` advances 2^64 steps, giving
 * non-overlapping streams for parallel workers.
 * @example
 * const rng = Xoshiro128.fromSeed(42);
 * rng.nextDouble(); // same value on every run and platform
 */
export class Xoshiro128 implements RandomSource {
  private readonly s: Uint32Array;

  /**
   * @param state - Four 32-bit words, not all zero.
   * @throws RangeError if the state is all zero or has the wrong length.
   */
  constructor(state: readonly number[]) {
    if (state.length !== 4) throw new RangeError(`Xoshiro128: state must have 4 words, got ${state.length}`);
    this.s = Uint32Array.from(state);
    if (this.s.every((w) => w === 0)) throw new RangeError('Xoshiro128: state must not be all zero');
  }

  /**
   * A generator seeded from an integer through SplitMix64.
   * @param seed - Any safe integer (negative seeds are taken modulo 2^64).
   * @throws RangeError if seed is not a safe integer.
   */
  static fromSeed(seed: number): Xoshiro128 {
    if (!Number.isSafeInteger(seed))
      throw new RangeError(`Xoshiro128.fromSeed: seed must be a safe integer, got ${seed}`);
    const next = splitMix64(BigInt(seed));
    const a = next();
    const b = next();
    return new Xoshiro128([
      Number(a & 0xffffffffn),
      Number(a >> 32n),
      Number(b & 0xffffffffn),
      Number(b >> 32n),
    ]);
  }

  nextUint32(): number {
    const s = this.s;
    const s0 = s[0] ?? 0;
    const s1 = s[1] ?? 0;
    const s2 = s[2] ?? 0;
    const s3 = s[3] ?? 0;
    const result = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    const n2 = (s2 ^ s0) >>> 0;
    const n3 = (s3 ^ s1) >>> 0;
    s[1] = s1 ^ n2;
    s[0] = s0 ^ n3;
    s[2] = n2 ^ t;
    s[3] = rotl(n3, 11);
    return result;
  }

  nextDouble(): number {
    // 53 bits: 27 from one draw and 26 from the next, as in genrand_res53.
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Advances the state by 2^64 draws. */
  jump(): void {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (const word of JUMP) {
      for (let b = 0; b < 32; b++) {
        if ((word >>> b) & 1) {
          s0 ^= this.s[0] ?? 0;
          s1 ^= this.s[1] ?? 0;
          s2 ^= this.s[2] ?? 0;
          s3 ^= this.s[3] ?? 0;
        }
        this.nextUint32();
      }
    }
    this.s[0] = s0;
    this.s[1] = s1;
    this.s[2] = s2;
    this.s[3] = s3;
  }

  /** A copy with the same state (its draws repeat this generator's). */
  clone(): Xoshiro128 {
    return new Xoshiro128(Array.from(this.s));
  }

  /** The current state, to save and restore a stream. */
  state(): [number, number, number, number] {
    return [this.s[0] ?? 0, this.s[1] ?? 0, this.s[2] ?? 0, this.s[3] ?? 0];
  }
}
