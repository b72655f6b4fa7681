import { describe, expect, it } from 'vitest';
import { parseDesign } from '../design/parse-design.js';
import { summariseScenario } from './summarise.js';
import { allocateResults, Decision, placeResults } from './trial-results.js';

const design = parseDesign(
  `
outcome: binary
arms: [control, drug]
control: control
allocation: { fixed: [1, 1] }
looks: { patients: [50, 100] }
decisions: { superiority: 0.99 }
scenarios:
  effect: { control: 0.4, drug: 0.5 }
`,
  'd.yaml',
);

describe('summariseScenario', () => {
  // Four trials: two stop at look 1 for superiority (50 patients), two reach look 2 (100) without a decision.
  const r = allocateResults(4, 2);
  r.decision.set([Decision.superiority, Decision.none, Decision.superiority, Decision.none]);
  r.stopLook.set([0, 1, 0, 1]);
  r.sampleSize.set([50, 100, 50, 100]);
  r.events.set([20, 45, 22, 43]);
  r.armN.set([25, 25, 50, 50, 24, 26, 49, 51]);
  r.armDecision.set([0, Decision.superiority, 0, 0, 0, Decision.superiority, 0, 0]);
  r.estimate.set([NaN, 0.3, NaN, 0.1, NaN, 0.2, NaN, 0.0]);
  const s = summariseScenario(design, r, 0);

  it('gives proportions with MCSE sqrt(p (1 - p) / n)', () => {
    expect(s.anySuperiority).toEqual({ value: 0.5, mcse: Math.sqrt(0.25 / 4) });
    expect(s.decisions.none.value).toBe(0.5);
    expect(s.stopping.map((x) => [x.at, x.probability.value])).toEqual([
      [50, 0.5],
      [100, 0.5],
    ]);
  });

  it('gives means with MCSE sd / sqrt(n), and type-7 quantiles', () => {
    expect(s.sampleSize.mean.value).toBe(75);
    // sd of (50, 100, 50, 100) = 28.8675; / 2.
    expect(s.sampleSize.mean.mcse).toBeCloseTo(28.86751345948129 / 2, 12);
    expect(s.sampleSize.quantiles.find((q) => q.probability === 0.5)?.value).toBe(75);
    expect(s.events.value).toBe(32.5);
  });

  it('gives bias and RMSE of the estimate against the true effect', () => {
    const arm = s.arms[0];
    // errors 0.2, 0, 0.1, -0.1 against the true difference 0.1.
    expect(arm?.trueEffect).toBeCloseTo(0.1, 12);
    expect(arm?.bias.value).toBeCloseTo(0.05, 12);
    expect(arm?.rmse.value).toBeCloseTo(Math.sqrt((0.04 + 0 + 0.01 + 0.01) / 4), 12);
    expect(arm?.patients.value).toBe(38);
    expect(s.controlPatients.value).toBe(37);
  });

  it('places blocks at their offsets whatever their order', () => {
    const whole = allocateResults(4, 2);
    const first = allocateResults(2, 2);
    const second = allocateResults(2, 2);
    first.sampleSize.set([1, 2]);
    second.sampleSize.set([3, 4]);
    placeResults(whole, second, 2);
    placeResults(whole, first, 0);
    expect(Array.from(whole.sampleSize)).toEqual([1, 2, 3, 4]);
    expect(() => {
      placeResults(whole, first, 3);
    }).toThrow(RangeError);
  });
});
