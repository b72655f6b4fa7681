import { randomInteger, type RandomSource } from '@immunotrial/stats';

/** Sum of the integer weights of `keys` in `weights`. */
export function totalWeight(keys: readonly string[], weights: Readonly<Record<string, number>>): number {
  return keys.reduce((s, k) => s + (weights[k] ?? 0), 0);
}

/**
 * One key drawn with probability proportional to its integer weight (exact: an integer draw, no floats).
 * @param keys - Candidates in a fixed order (the order fixes which draw gives which key).
 * @param weights - Positive integer weight of each key.
 * @param rng - Seeded source.
 */
export function drawWeighted(
  keys: readonly string[],
  weights: Readonly<Record<string, number>>,
  rng: RandomSource,
): string {
  let u = randomInteger(rng, totalWeight(keys, weights));
  for (const k of keys) {
    u -= weights[k] ?? 0;
    if (u < 0) return k;
  }
  return keys[keys.length - 1] ?? '';
}
