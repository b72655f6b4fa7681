import { readFileSync } from 'node:fs';
import { normalCdf, normalQuantile } from '@immunotrial/stats';
import { describe, expect, it } from 'vitest';
import { parseDesign } from '../design/parse-design.js';
import { runBlock } from './run-block.js';
import { simulateDesign } from './simulate-design.js';

function example(name: string): string {
  return readFileSync(new URL(`../../../../examples/designs/${name}.yaml`, import.meta.url), 'utf8');
}

describe('designs of each kind', () => {
  it('keeps the survival group-sequential example at its nominal alpha and gives its planned power', () => {
    const design = parseDesign(example('survival-group-sequential'), 'survival.yaml');
    const run = simulateDesign(design, { seed: 5, mcDraws: 0 }, 4000);
    const [nullScenario, effect] = run.scenarios;
    // One-sided 0.025 (futility non-binding, so it can only lower it): within 4 MCSE of at most 0.025.
    expect(nullScenario?.anySuperiority.value).toBeLessThan(0.025 + 4 * Math.sqrt((0.025 * 0.975) / 4000));
    // HR 0.7 with 300 deaths: Schoenfeld's fixed-design power Phi(sqrt(300) |log 0.7| / 2 - 1.96) =
    // Phi(1.129) = 0.870; O'Brien-Fleming spending and the futility bound lower it by about 0.01.
    const schoenfeld = normalCdf((Math.sqrt(300) * Math.abs(Math.log(0.7))) / 2 - normalQuantile(0.975));
    expect(schoenfeld).toBeCloseTo(0.8706, 3);
    expect(Math.abs((effect?.anySuperiority.value ?? 0) - (schoenfeld - 0.01))).toBeLessThan(0.025);
    // Looks happen at the d-th death: the last one has 300 deaths whenever the trial gets there.
    expect(effect?.events.value).toBeLessThanOrEqual(300);
    expect(effect?.arms[0]?.trueEffect).toBeCloseTo(Math.log(60 / 85.71), 10);
  });

  it('sends more patients to the best arm under response-adaptive allocation, never below the control floor', () => {
    const design = parseDesign(example('multi-arm-rar'), 'rar.yaml');
    const run = simulateDesign(design, { seed: 6, mcDraws: 0 }, 400);
    const works = run.scenarios[1];
    const patients = works?.arms.map((a) => a.patients.value) ?? [];
    expect(patients[2]).toBeGreaterThan(1.5 * (patients[0] ?? Infinity));
    expect(works?.arms[2]?.superiority.value).toBeGreaterThan(0.6);
    // The control keeps at least 25% of the patients after the first look (and 25% of the first 200).
    const controlShare = (works?.controlPatients.value ?? 0) / (works?.sampleSize.mean.value ?? 1);
    expect(controlShare).toBeGreaterThan(0.22);
  });

  it('gives the same trials with sampled posteriors, fewer of them changed as the draws increase', () => {
    const design = parseDesign(example('platinium-like'), 'platinium-like.yaml');
    const block = { scenario: 1, start: 0, count: 500 };
    const exact = runBlock(design, { seed: 4, mcDraws: 0 }, block);
    const changed = (draws: number): number => {
      const sampled = runBlock(design, { seed: 4, mcDraws: draws }, block);
      let differ = 0;
      for (let t = 0; t < block.count; t++) {
        if (exact.decision[t] !== sampled.decision[t] || exact.stopLook[t] !== sampled.stopLook[t]) {
          differ++;
          continue;
        }
        // Same data: where the decisions agree, so do the arm sizes and the estimates, exactly.
        expect(sampled.armN[2 * t + 1]).toBe(exact.armN[2 * t + 1]);
        expect(sampled.estimate[2 * t + 1]).toBe(exact.estimate[2 * t + 1]);
      }
      return differ / block.count;
    };
    // A trial changes when a sampled P crosses 0.99 or 0.01 where the exact one does not (or the other
    // way) at one of four looks; the sampling SE, sqrt(P (1 - P) / draws), shrinks as 1 / sqrt(draws).
    const few = changed(500);
    const many = changed(8000);
    expect(few).toBeGreaterThan(0.03);
    expect(many).toBeLessThan(few / 2);
  });

  it('simulates count outcomes with a Gamma-Poisson posterior', () => {
    const text = `
outcome: count
lower_is_better: true
arms: [placebo, drug]
control: placebo
allocation: { fixed: [1, 1] }
prior: { gamma: [0.5, 0.1] }
looks: { patients: [100, 200] }
decisions: { superiority: 0.975, futility: { below: 0.1, margin: 0.1 } }
scenarios:
  null: { placebo: 2, drug: 2 }
  fewer: { placebo: 2, drug: 1.5 }
`;
    const run = simulateDesign(parseDesign(text, 'count.yaml'), { seed: 9, mcDraws: 0 }, 2000);
    const [nullScenario, fewer] = run.scenarios;
    expect(nullScenario?.anySuperiority.value).toBeLessThan(0.05);
    // Normal approximation of the final analysis: log RR -0.288 with SE sqrt(1/200 + 1/150) = 0.108, so
    // power about Phi(2.66 - 1.96) = 0.76, a little more with the interim look.
    expect(fewer?.anySuperiority.value).toBeGreaterThan(0.7);
    expect(fewer?.anySuperiority.value).toBeLessThan(0.88);
    // Stopping early for benefit exaggerates the effect: the log rate ratio is biased away from 0.
    const bias = fewer?.arms[0]?.bias;
    expect(bias?.value).toBeLessThan(-3 * (bias?.mcse ?? Infinity));
    expect(nullScenario?.decisions.futility.value).toBeGreaterThan(0.2);
  });

  it('keeps the shares until every arm of a continuous Thompson design has a posterior', () => {
    const text = `
outcome: continuous
arms: [control, a, b]
control: control
sd: 1
allocation: { adaptive: { method: thompson, min_control: 0.2 } }
looks: { patients: [4, 100, 200, 300] }
decisions: { superiority: 0.999 }
scenarios:
  b_best: { control: 0, a: 0, b: 0.4 }
`;
    const run = simulateDesign(parseDesign(text, 'thompson.yaml'), { seed: 11, mcDraws: 0 }, 300);
    const [a, b] = run.scenarios[0]?.arms ?? [];
    expect(Number.isFinite(a?.patients.value)).toBe(true);
    expect(b?.patients.value).toBeGreaterThan(a?.patients.value ?? Infinity);
    expect(b?.superiority.value).toBeGreaterThan(5 * (a?.superiority.value ?? Infinity));
  });

  it('runs a continuous Bayesian design with a normal prior on the difference', () => {
    const text = `
outcome: continuous
arms: [placebo, drug]
control: placebo
sd: 4
allocation: { fixed: [1, 1] }
prior: { normal: { mean: 0, sd: 2 } }
looks: { patients: [60, 120] }
decisions: { superiority: 0.99, inferiority: 0.05 }
scenarios:
  better: { placebo: 10, drug: 12.5 }
`;
    const run = simulateDesign(parseDesign(text, 'continuous.yaml'), { seed: 10, mcDraws: 0 }, 2000);
    const s = run.scenarios[0];
    expect(s?.anySuperiority.value).toBeGreaterThan(0.7);
    expect(s?.events.value).toBe(0);
    expect(s?.stopping.map((x) => x.at)).toEqual([60, 120]);
  });
});
