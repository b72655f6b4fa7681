import { deriveRandomSource } from '@immunotrial/core';

/** The demo's random choices: each a pure function of the seed and what it is for, so a seed replays. */
export interface DemoRandom {
  /** A uniform number in [0, 1) for `purpose` of `key` (a patient id, a dose id). */
  readonly uniform: (purpose: string, key: string) => number;
}

/**
 * Seeded choices from the core's counter-based source (the allocation code's), keyed by purpose and key.
 * @example createDemoRandom(7).uniform('consent', 'tw7-3') // the same number on every run
 */
export function createDemoRandom(seed: number): DemoRandom {
  const secret = `immunotrial-demo-seed-${String(seed)}`;
  return { uniform: (purpose, key) => deriveRandomSource(secret, [purpose, key]).nextDouble() };
}
