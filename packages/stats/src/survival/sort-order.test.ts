import { describe, expect, it } from 'vitest';
import { orderByTime, rankTimes } from './sort-order.js';

function reference(time: readonly number[]): { order: number[]; unique: number[] } {
  const order = time.map((_, i) => i).sort((a, b) => (time[a] ?? 0) - (time[b] ?? 0) || a - b);
  return { order, unique: [...new Set(time)].sort((a, b) => a - b) };
}

function randomTimes(n: number, whole: boolean, seed: number): number[] {
  let state = seed;
  const uniform = (): number => (state = (state * 16807) % 2147483647) / 2147483647;
  return Array.from({ length: n }, () => (whole ? Math.floor(100 * uniform()) : 1000 * uniform() ** 3));
}

describe('rankTimes', () => {
  for (const [label, time] of [
    ['whole days (counting sort)', randomTimes(2000, true, 3)],
    ['fractional times (radix sort on the bits)', randomTimes(2000, false, 5)],
    ['whole numbers too sparse to count', [0, 1e9, 5, 1e9, 3, 2e9, 5]],
    ['ties between 0 and -0', [0, -0, 2.5, 0]],
  ] as const) {
    it(`sorts stably and ranks distinct values: ${label}`, () => {
      const ranks = rankTimes(time);
      const want = reference(time);
      expect(Array.from(ranks.order)).toEqual(want.order);
      expect(Array.from(ranks.unique)).toEqual(want.unique.map((t) => t + 0));
      time.forEach((t, i) => {
        expect(ranks.unique[ranks.rank[i] ?? -1]).toBe(t + 0);
      });
    });
  }
  it('puts events before censorings at the same time, within strata', () => {
    const time = [3, 1, 3, 2, 1, 3];
    const status = [0, 1, 1, 0, 0, 1];
    const stratum = Int32Array.of(1, 0, 0, 1, 0, 1);
    expect(Array.from(orderByTime(rankTimes(time), stratum, 2, status))).toEqual([1, 4, 2, 3, 5, 0]);
  });
});
