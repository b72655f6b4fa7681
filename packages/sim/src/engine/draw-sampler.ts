import type { RandomSource } from '@immunotrial/stats';

// Ziggurat tables of Marsaglia & Tsang (2000, "The ziggurat method for generating random variables",
// J Stat Softw 5(8)), 128 layers, for a 25-bit signed value: the layer comes from the low 7 bits of a draw
// and the value from the other 25, so the two do not share bits (Doornik 2005's remark on the original).
const LAYERS = 128;
const R = 3.442619855899;
const AREA = 9.91256303526217e-3;
const SCALE = 16777216; // 2^24: values are in [-2^24, 2^24)
const KN = new Float64Array(LAYERS);
const WN = new Float64Array(LAYERS);
const FN = new Float64Array(LAYERS);
{
  let dn = R;
  let tn = dn;
  const q = AREA / Math.exp(-0.5 * dn * dn);
  KN[0] = (dn / q) * SCALE;
  KN[1] = 0;
  WN[0] = q / SCALE;
  WN[LAYERS - 1] = dn / SCALE;
  FN[0] = 1;
  FN[LAYERS - 1] = Math.exp(-0.5 * dn * dn);
  for (let i = LAYERS - 2; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(AREA / dn + Math.exp(-0.5 * dn * dn)));
    KN[i + 1] = (dn / tn) * SCALE;
    tn = dn;
    FN[i] = Math.exp(-0.5 * dn * dn);
    WN[i] = dn / SCALE;
  }
}
const U32 = 2.3283064365386963e-10;

/**
 * A fast source of random numbers for the hot loops (binary enrolment, posterior draws of the
 * `--mc-draws` mode): the xoshiro128** generator of stats
 * (Blackman & Vigna 2018) kept in four fields rather than a typed array, the ziggurat for normals, and
 * Marsaglia & Tsang's gamma method; profiling showed the generic generator and the polar normal taking
 * most of the time of these loops. It is seeded from the trial's own stream, so runs stay reproducible.
 * @example
 * const sampler = new DrawSampler();
 * sampler.seedFrom(trialStream(1, 0, 0));
 * sampler.fillBeta(13, 29, out, 0, 5000);
 */
export class DrawSampler {
  private s0 = 1;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;

  /**
   * Takes a fresh state from four draws of a stream.
   * @param rng - The trial's stream.
   */
  seedFrom(rng: RandomSource): void {
    this.s0 = rng.nextUint32();
    this.s1 = rng.nextUint32();
    this.s2 = rng.nextUint32();
    this.s3 = rng.nextUint32() | 1; // never all zero
  }

  /** xoshiro128** 1.1: the next 32-bit output (the same recurrence as stats' Xoshiro128). */
  nextUint32(): number {
    const s1 = this.s1;
    const x = Math.imul(s1, 5);
    const result = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
    const t = s1 << 9;
    const s2 = this.s2 ^ this.s0;
    const s3 = this.s3 ^ s1;
    this.s1 = s1 ^ s2;
    this.s0 = this.s0 ^ s3;
    this.s2 = s2 ^ t;
    this.s3 = (s3 << 11) | (s3 >>> 21);
    return result;
  }

  /** The generator's four state words (to repeat a stream in tests). */
  state(): [number, number, number, number] {
    return [this.s0, this.s1, this.s2, this.s3];
  }

  /**
   * Restores a state from {@link state}.
   * @param words - Four 32-bit words, not all zero.
   */
  setState(words: readonly [number, number, number, number]): void {
    [this.s0, this.s1, this.s2, this.s3] = words;
  }

  /** A uniform in (0, 1): 32 bits, never 0, so that its logarithm is finite. */
  uniform(): number {
    return (this.nextUint32() + 0.5) * U32;
  }

  /** A standard normal by the ziggurat (Marsaglia & Tsang 2000). */
  normal(): number {
    const u = this.nextUint32();
    const i = u & 127;
    const hz = u >> 7; // signed 25-bit value
    if (Math.abs(hz) < (KN[i] ?? 0)) return hz * (WN[i] ?? 0);
    return this.normalTail(hz, i);
  }

  private normalTail(hz: number, i: number): number {
    for (;;) {
      const x = hz * (WN[i] ?? 0);
      if (i === 0) {
        let tx: number;
        let ty: number;
        do {
          tx = -Math.log(this.uniform()) / R;
          ty = -Math.log(this.uniform());
        } while (ty + ty < tx * tx);
        return hz > 0 ? R + tx : -R - tx;
      }
      const f0 = FN[i] ?? 0;
      if (f0 + this.uniform() * ((FN[i - 1] ?? 0) - f0) < Math.exp(-0.5 * x * x)) return x;
      const u = this.nextUint32();
      i = u & 127;
      hz = u >> 7;
      if (Math.abs(hz) < (KN[i] ?? 0)) return hz * (WN[i] ?? 0);
    }
  }

  /**
   * A Gamma(shape, 1) draw (Marsaglia & Tsang 2000, ACM TOMS 26:363; shape < 1 by Gamma(shape + 1)
   * U^(1/shape)).
   * @param shape - Shape > 0.
   */
  gamma(shape: number): number {
    if (shape < 1) return this.gamma(shape + 1) * Math.pow(this.uniform(), 1 / shape);
    const d = shape - 1 / 3;
    return this.gammaFrom(d, 1 / Math.sqrt(9 * d));
  }

  /** Marsaglia-Tsang's loop for shape >= 1 with d = shape - 1/3 and c = 1 / sqrt(9 d) given. */
  private gammaFrom(d: number, c: number): number {
    for (;;) {
      const x = this.normal();
      let v = 1 + c * x;
      if (v <= 0) continue;
      v = v * v * v;
      const u = this.uniform();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return d * v;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /**
   * Fills out[offset .. offset + count - 1] with Beta(a, b) draws, X / (X + Y).
   * @param a - First shape > 0.
   * @param b - Second shape > 0.
   * @param out - Output array.
   * @param offset - First index written.
   * @param count - Number of draws.
   */
  fillBeta(a: number, b: number, out: Float64Array, offset: number, count: number): void {
    if (a < 1 || b < 1) {
      for (let i = 0; i < count; i++) {
        const x = this.gamma(a);
        out[offset + i] = x / (x + this.gamma(b));
      }
      return;
    }
    this.fillBetaInline(a - 1 / 3, b - 1 / 3, out, offset, count);
  }

  /**
   * The hot loop of the sampled mode: Gamma(d + 1/3) draws with the generator's state in local variables
   * and the ziggurat's fast path and Marsaglia-Tsang's step written out (no calls per draw). The first
   * pass writes X_i; the second (`combine`) turns out[i] into X_i / (X_i + Y_i). The draws are the
   * same, in the same order, as gamma(a) for every i and then gamma(b) for every i
   * (draw-sampler.test.ts checks it).
   */
  private fillBetaInline(da: number, db: number, out: Float64Array, offset: number, count: number): void {
    this.gammaPass(da, out, offset, count, false);
    this.gammaPass(db, out, offset, count, true);
  }

  private gammaPass(d: number, out: Float64Array, offset: number, count: number, combine: boolean): void {
    const c = 1 / Math.sqrt(9 * d);
    let s0 = this.s0;
    let s1 = this.s1;
    let s2 = this.s2;
    let s3 = this.s3;
    for (let i = 0; i < count;) {
      // xoshiro128** step: u for the ziggurat.
      let m = Math.imul(s1, 5);
      const u = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
      let t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      const layer = u & 127;
      const hz = u >> 7;
      let z: number;
      if (Math.abs(hz) < (KN[layer] ?? 0)) z = hz * (WN[layer] ?? 0);
      else {
        this.s0 = s0;
        this.s1 = s1;
        this.s2 = s2;
        this.s3 = s3;
        z = this.normalTail(hz, layer);
        s0 = this.s0;
        s1 = this.s1;
        s2 = this.s2;
        s3 = this.s3;
      }
      let v = 1 + c * z;
      if (v <= 0) continue;
      v = v * v * v;
      // xoshiro128** step: the uniform of the acceptance test.
      m = Math.imul(s1, 5);
      const w = ((Math.imul((m << 7) | (m >>> 25), 9) >>> 0) + 0.5) * U32;
      t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      const z2 = z * z;
      if (w < 1 - 0.0331 * z2 * z2 || Math.log(w) < 0.5 * z2 + d * (1 - v + Math.log(v))) {
        const g = d * v;
        if (combine) {
          const x = out[offset + i] ?? 0;
          out[offset + i] = x / (x + g);
        } else out[offset + i] = g;
        i++;
      }
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }

  /**
   * Enrols `count` patients with a binary outcome, the hot loop of a binary design: per patient one
   * 32-bit draw for the arm (the first k with draw < cuts[k]) and one for the event (draw <
   * eventCuts[k]), with the generator's state in local variables.
   * @param cuts - Cumulative arm cut points in [0, 2^32] (the last Infinity).
   * @param eventCuts - P(event) of each arm times 2^32.
   * @param n - Patients per arm (incremented).
   * @param events - Events per arm (incremented).
   * @param count - Patients to enrol.
   */
  enrolBinary(
    cuts: Float64Array,
    eventCuts: Float64Array,
    n: Float64Array,
    events: Float64Array,
    count: number,
  ): void {
    let s0 = this.s0;
    let s1 = this.s1;
    let s2 = this.s2;
    let s3 = this.s3;
    for (let i = 0; i < count; i++) {
      let m = Math.imul(s1, 5);
      const u = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
      let t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      let k = 0;
      while (u >= (cuts[k] ?? Infinity)) k++;
      n[k] = (n[k] ?? 0) + 1;
      m = Math.imul(s1, 5);
      const e = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
      t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      if (e < (eventCuts[k] ?? 0)) events[k] = (events[k] ?? 0) + 1;
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }

  /**
   * Fills out[offset ..] with Gamma(shape, rate) draws.
   * @param shape - Shape > 0.
   * @param rate - Rate > 0.
   * @param out - Output array.
   * @param offset - First index written.
   * @param count - Number of draws.
   */
  fillGamma(shape: number, rate: number, out: Float64Array, offset: number, count: number): void {
    for (let i = 0; i < count; i++) out[offset + i] = this.gamma(shape) / rate;
  }

  /**
   * Fills out[offset ..] with Normal(mean, sd) draws.
   * @param mean - Mean.
   * @param sd - Standard deviation.
   * @param out - Output array.
   * @param offset - First index written.
   * @param count - Number of draws.
   */
  fillNormal(mean: number, sd: number, out: Float64Array, offset: number, count: number): void {
    for (let i = 0; i < count; i++) out[offset + i] = mean + sd * this.normal();
  }
}
