import { logRankTest, Xoshiro128 } from '@immunotrial/stats';
import { describe, expect, it } from 'vitest';
import {
  addLogRankPatient,
  clearLogRank,
  createLogRankWorkspace,
  type LogRankSums,
  logRankSums,
} from './two-arm-logrank.js';

function sumsOf(time: readonly number[], status: readonly number[], arm: readonly number[]): LogRankSums {
  const ws = createLogRankWorkspace(time.length);
  clearLogRank(ws);
  time.forEach((t, i) => {
    addLogRankPatient(ws, t, status[i] === 1, arm[i] === 1 ? 1 : 0);
  });
  const out = { observed: 0, expected: 0, variance: 0 };
  logRankSums(ws, out);
  return out;
}

// Reference: stats' logRankTest (survdiff's sums, checked against R in the statistics package).
describe('logRankSums', () => {
  it('matches logRankTest on random censored data', () => {
    const rng = Xoshiro128.fromSeed(4);
    const n = 300;
    const arm = Array.from({ length: n }, () => (rng.nextDouble() < 0.5 ? 1 : 0));
    const event = arm.map((a) => -Math.log(1 - rng.nextDouble()) / (a === 1 ? 0.7 : 1));
    const censor = arm.map(() => -Math.log(1 - rng.nextDouble()) * 1.5);
    const time = event.map((t, i) => Math.min(t, censor[i] ?? 0));
    const status = event.map((t, i) => (t <= (censor[i] ?? 0) ? 1 : 0));
    const ours = sumsOf(time, status, arm);
    const reference = logRankTest(time, status, arm, { levels: ['0', '1'] });
    expect(ours.observed).toBe(reference.observed[1]);
    expect(ours.expected).toBeCloseTo(reference.expected[1] ?? NaN, 10);
    expect(ours.variance).toBeCloseTo(reference.variance[1]?.[1] ?? NaN, 10);
  });

  it('matches logRankTest with tied event and censoring times', () => {
    const time = [1, 1, 2, 2, 2, 3, 4, 4, 5, 6, 6, 7];
    const status = [1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 0];
    const arm = [0, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1, 1];
    const ours = sumsOf(time, status, arm);
    const reference = logRankTest(time, status, arm, { levels: ['0', '1'] });
    expect(ours.observed).toBe(reference.observed[1]);
    expect(ours.expected).toBeCloseTo(reference.expected[1] ?? NaN, 12);
    expect(ours.variance).toBeCloseTo(reference.variance[1]?.[1] ?? NaN, 12);
  });

  it('has no information without events', () => {
    expect(sumsOf([1, 2, 3], [0, 0, 0], [0, 1, 1])).toEqual({ observed: 0, expected: 0, variance: 0 });
  });
});
