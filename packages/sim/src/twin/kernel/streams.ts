import type { Xoshiro128 } from '@immunotrial/stats';
import { trialStream } from '../../engine/trial-stream.js';

/** What a stream is for; each kind is a separate family of streams of one seed. */
export const STREAM_KIND = {
  /** Patient i of a cohort or screening pool: admission and course up to screening. */
  patient: 1,
  /** Measurement noise and record choices when patient i is written as a timeline. */
  render: 2,
  /** Trial t: arrivals, sites and their effects. */
  trial: 3,
  /** Trial t, enrolled patient k: the course after randomization. */
  future: 4,
} as const;

/**
 * A stream keyed by (seed, kind, a, b), built on the design engine's counter-based seeding
 * (`trialStream`, MurmurHash3-mixed): the first level gives a sub-seed from (seed, kind, a), the second
 * the stream of (sub-seed, b). Any key gives the same draws on every run and worker count.
 * @param seed - The run's seed (a safe integer).
 * @param kind - STREAM_KIND value.
 * @param a - First index (a patient, or a trial).
 * @param b - Second index (0 when unused).
 * @example twinStream(7, STREAM_KIND.patient, 12, 0).nextDouble() // the same on every run
 */
export function twinStream(seed: number, kind: number, a: number, b: number): Xoshiro128 {
  const first = trialStream(seed, kind, a);
  // 53 bits of the first stream make the second level's seed.
  const sub = (first.nextUint32() >>> 11) * 4294967296 + first.nextUint32();
  return trialStream(sub, 0, b);
}
