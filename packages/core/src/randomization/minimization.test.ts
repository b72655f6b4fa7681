import { randomInteger, tTest, Xoshiro128, type RandomSource } from '@immunotrial/stats';
import { describe, expect, it } from 'vitest';
import type { AllocationDesign, FactorLevels } from './allocation-design.js';
import { addToCounts, allocateByMinimization, type MinimizationCounts } from './minimization.js';

const design = (over: Partial<AllocationDesign> = {}): AllocationDesign => ({
  protocolId: 'test',
  protocolVersion: '1.0',
  method: 'minimization',
  arms: ['active', 'placebo'],
  ratio: { active: 1, placebo: 1 },
  blockSizes: [],
  factors: [
    { id: 'sex', from: 'data', levels: ['F', 'M'] },
    { id: 'age', from: 'data', levels: ['<65', '65-79', '>=80'] },
    { id: 'site', from: 'site', levels: undefined },
  ],
  perSite: true,
  minimizationProbability: 0.8,
  treatments: [],
  ...over,
});

function randomPatient(d: AllocationDesign, rng: RandomSource): FactorLevels {
  const sites = ['S1', 'S2', 'S3', 'S4'];
  const levels: Record<string, string> = {};
  for (const f of d.factors) {
    const choices = f.levels ?? sites;
    levels[f.id] = choices[randomInteger(rng, choices.length)] ?? '';
  }
  return levels;
}

/** Sum over factors and levels of the range of counts across arms (the marginal imbalance). */
function totalImbalance(counts: MinimizationCounts, d: AllocationDesign): number {
  let total = 0;
  for (const byLevel of Object.values(counts)) {
    for (const byArm of Object.values(byLevel)) {
      const n = d.arms.map((a) => (byArm[a] ?? 0) / (d.ratio[a] ?? 1));
      total += Math.max(...n) - Math.min(...n);
    }
  }
  return total;
}

function runTrial(d: AllocationDesign, n: number, rng: RandomSource, minimize: boolean): number {
  let counts: MinimizationCounts = {};
  for (let i = 0; i < n; i++) {
    const levels = randomPatient(d, rng);
    const arm = minimize
      ? allocateByMinimization(d, counts, levels, rng).arm
      : (d.arms[randomInteger(rng, d.arms.length)] ?? '');
    counts = addToCounts(counts, d, levels, arm);
  }
  return totalImbalance(counts, d);
}

describe('allocateByMinimization', () => {
  it('reduces marginal imbalance compared with simple randomization (t-test, 200 simulated trials of 120)', () => {
    const d = design();
    const rng = Xoshiro128.fromSeed(20260101);
    const minimized = Array.from({ length: 200 }, () => runTrial(d, 120, rng, true));
    const simple = Array.from({ length: 200 }, () => runTrial(d, 120, rng, false));
    const mean = (x: number[]): number => x.reduce((s, v) => s + v, 0) / x.length;
    expect(mean(minimized)).toBeLessThan(mean(simple) / 3);
    expect(tTest(minimized, simple, { alternative: 'less' }).pValue).toBeLessThan(1e-10);
  });

  it('always takes the preferred arm when the probability is 1', () => {
    const d = design({ factors: [{ id: 'sex', from: 'data', levels: ['F', 'M'] }] });
    const counts: MinimizationCounts = { sex: { F: { active: 3, placebo: 1 } } };
    for (let seed = 0; seed < 20; seed++) {
      const r = allocateByMinimization(d, counts, { sex: 'F' }, Xoshiro128.fromSeed(seed), {
        probability: 1,
      });
      expect(r).toMatchObject({ arm: 'placebo', preferred: ['placebo'], tie: false });
    }
  });

  it('takes the preferred arm with the stated probability', () => {
    const d = design({ factors: [{ id: 'sex', from: 'data', levels: ['F', 'M'] }] });
    const counts: MinimizationCounts = { sex: { F: { active: 3, placebo: 1 } } };
    const rng = Xoshiro128.fromSeed(7);
    const n = 4000;
    let placebo = 0;
    for (let i = 0; i < n; i++)
      if (allocateByMinimization(d, counts, { sex: 'F' }, rng).arm === 'placebo') placebo++;
    // Binomial(4000, 0.8): SD = 0.0063; 4 SD either side.
    expect(Math.abs(placebo / n - 0.8)).toBeLessThan(0.026);
  });

  it('weights factors and measures imbalance by range or variance (Pocock & Simon G_k)', () => {
    const d = design({
      arms: ['a', 'b', 'c'],
      ratio: { a: 1, b: 1, c: 1 },
      factors: [
        { id: 'sex', from: 'data', levels: ['F', 'M'] },
        { id: 'age', from: 'data', levels: ['young', 'old'] },
      ],
    });
    const counts: MinimizationCounts = {
      sex: { F: { a: 2, b: 1, c: 0 } },
      age: { old: { a: 0, b: 2, c: 1 } },
    };
    const rng = Xoshiro128.fromSeed(1);
    const levels = { sex: 'F', age: 'old' };
    // Range: to a -> sex (3,1,0)=3, age (1,2,1)=1; to b -> (2,2,0)=2, (0,3,1)=3; to c -> (2,1,1)=1, (0,2,2)=2.
    const range = allocateByMinimization(d, counts, levels, rng, { weights: { sex: 1, age: 2 } });
    expect(range.imbalance).toEqual({ a: 3 + 2 * 1, b: 2 + 2 * 3, c: 1 + 2 * 2 });
    expect(range.preferred).toEqual(['a', 'c']);
    // Variance of (3,1,0) = 14/9, of (1,2,1) = 2/9.
    const variance = allocateByMinimization(d, counts, levels, rng, { imbalance: 'variance' });
    expect(variance.imbalance.a).toBeCloseTo(14 / 9 + 2 / 9, 12);
  });

  it('divides counts by the ratio weights for unequal allocation', () => {
    const d = design({
      ratio: { active: 2, placebo: 1 },
      factors: [{ id: 'sex', from: 'data', levels: ['F', 'M'] }],
    });
    // 4 active and 2 placebo is balanced for 2:1; the next one ties at 0.5 vs 1: active is preferred.
    const r = allocateByMinimization(
      d,
      { sex: { F: { active: 4, placebo: 2 } } },
      { sex: 'F' },
      Xoshiro128.fromSeed(3),
    );
    expect(r.imbalance).toEqual({ active: 0.5, placebo: 1 });
    expect(r.preferred).toEqual(['active']);
  });

  it('draws by the ratio when every arm ties', () => {
    const d = design({ factors: [{ id: 'sex', from: 'data', levels: ['F', 'M'] }] });
    const rng = Xoshiro128.fromSeed(11);
    const arms = Array.from({ length: 2000 }, () => allocateByMinimization(d, {}, { sex: 'M' }, rng));
    expect(arms.every((r) => r.tie)).toBe(true);
    const share = arms.filter((r) => r.arm === 'active').length / arms.length;
    expect(share).toBeGreaterThan(0.46);
    expect(share).toBeLessThan(0.54);
  });

  it('is reproducible from the generator state', () => {
    const d = design();
    const levels = { sex: 'F', age: '<65', site: 'S1' };
    const counts: MinimizationCounts = { sex: { F: { active: 1 } } };
    const a = allocateByMinimization(d, counts, levels, Xoshiro128.fromSeed(5));
    const b = allocateByMinimization(d, counts, levels, Xoshiro128.fromSeed(5));
    expect(a).toEqual(b);
  });

  it('rejects an unknown level and a probability at or below 1/arms', () => {
    const d = design();
    const rng = Xoshiro128.fromSeed(1);
    expect(() => allocateByMinimization(d, {}, { sex: 'X', age: '<65', site: 'S1' }, rng)).toThrow(
      'factor "sex": "X" is not one of F, M',
    );
    expect(() =>
      allocateByMinimization(d, {}, { sex: 'F', age: '<65', site: 'S1' }, rng, { probability: 0.5 }),
    ).toThrow('minimization probability must be in (1/2, 1], got 0.5');
  });
});

describe('addToCounts', () => {
  it('adds one participant at each of their levels and leaves the input unchanged', () => {
    const d = design();
    const before: MinimizationCounts = { sex: { F: { active: 1 } } };
    const after = addToCounts(before, d, { sex: 'F', age: '<65', site: 'S1' }, 'active');
    expect(after).toEqual({
      sex: { F: { active: 2 } },
      age: { '<65': { active: 1 } },
      site: { S1: { active: 1 } },
    });
    expect(before).toEqual({ sex: { F: { active: 1 } } });
  });
});
