import { Xoshiro128 } from '@immunotrial/stats';

/** MurmurHash3's 32-bit finaliser (Appleby 2011): an avalanche mix of one word. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The random stream of one simulated trial, a function of (seed, scenario, trial) only, so that a run
 * gives the same trials whatever the number of workers and however the trials are split into blocks.
 * The four state words of xoshiro128** are MurmurHash3-mixed from the seed's two 32-bit halves, the
 * scenario and trial indices and the word's position (a counter-based seeding, as Salmon et al. 2011
 * recommend for parallel streams), then the generator is run 16 steps to move away from the seed.
 * @param seed - The run's seed, a safe integer.
 * @param scenario - Scenario index (0-based).
 * @param trial - Trial index within the scenario (0-based).
 * @throws RangeError if seed is not a safe integer or an index is not a whole number.
 * @example trialStream(2024, 0, 17).nextDouble() // same value on every run, worker count and platform
 */
export function trialStream(seed: number, scenario: number, trial: number): Xoshiro128 {
  if (!Number.isSafeInteger(seed))
    throw new RangeError(`trialStream: seed must be a safe integer, got ${seed}`);
  if (!Number.isInteger(scenario) || scenario < 0 || !Number.isInteger(trial) || trial < 0) {
    throw new RangeError(
      `trialStream: scenario and trial must be whole numbers >= 0, got ${scenario}, ${trial}`,
    );
  }
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) >>> 0;
  const words: number[] = [];
  let h = fmix32(lo ^ 0x9e3779b9);
  h = fmix32(h ^ hi);
  h = fmix32(h ^ Math.imul(scenario + 1, 0x27d4eb2f));
  h = fmix32(h ^ (trial >>> 0));
  for (let k = 0; k < 4; k++) {
    h = fmix32(h + 0x9e3779b9 + k);
    // The last word is made odd so that the state is never all zero.
    words.push(k === 3 ? (h | 1) >>> 0 : h);
  }
  const rng = new Xoshiro128(words);
  for (let i = 0; i < 16; i++) rng.nextUint32();
  return rng;
}
