import { binomialPmf, groupSequentialDesign, normalCdf, normalQuantile } from '@immunotrial/stats';
import { describe, expect, it } from 'vitest';
import { parseDesign } from '../design/parse-design.js';
import { probabilityBetaLess } from './beta-less.js';
import { simulateDesign } from './simulate-design.js';

// Simulated probabilities are checked against their analytical values within 4 Monte Carlo standard
// errors, sqrt(p (1 - p) / trials), computed from the analytical p.
function withinMcError(simulated: number, exact: number, trials: number): void {
  const mcse = Math.sqrt((exact * (1 - exact)) / trials);
  expect(Math.abs(simulated - exact)).toBeLessThan(4 * mcse);
}

const FIXED_BINARY = `
outcome: binary
lower_is_better: true
arms: [control, treatment]
control: control
allocation: { fixed: [1, 1] }
prior: { beta: [1, 1] }
looks: { patients: [120] }
decisions: { superiority: 0.975 }
scenarios:
  null: { control: 0.3, treatment: 0.3 }
  effect: { control: 0.3, treatment: 0.12 }
`;

/**
 * Exact P(declare superiority) of the fixed design: sum over the arm sizes n_t ~ Bin(120, 1/2) and the
 * event counts x_t ~ Bin(n_t, p_t), x_c ~ Bin(120 - n_t, p_c) of 1[P(p_t < p_c | data) > 0.975].
 */
function exactRejection(pControl: number, pTreatment: number): number {
  const total = 120;
  let reject = 0;
  for (let nt = 0; nt <= total; nt++) {
    const pn = binomialPmf(nt, total, 0.5);
    if (pn < 1e-13) continue;
    const nc = total - nt;
    for (let xt = 0; xt <= nt; xt++) {
      const pt = binomialPmf(xt, nt, pTreatment);
      if (pt < 1e-15) continue;
      for (let xc = 0; xc <= nc; xc++) {
        if (probabilityBetaLess(1 + xt, 1 + nt - xt, 1 + xc, 1 + nc - xc) > 0.975) {
          reject += pn * pt * binomialPmf(xc, nc, pControl);
        }
      }
    }
  }
  return reject;
}

describe('operating characteristics against analytical values', () => {
  const trials = 20000;

  it('gives the type I error and power of a fixed Bayesian binary design as the exact binomial sums', () => {
    const design = parseDesign(FIXED_BINARY, 'fixed.yaml');
    const run = simulateDesign(design, { seed: 20240601, mcDraws: 0 }, trials);
    const [nullScenario, effect] = run.scenarios;
    const alpha = exactRejection(0.3, 0.3);
    const power = exactRejection(0.3, 0.12);
    expect(alpha).toBeGreaterThan(0.01);
    expect(alpha).toBeLessThan(0.04);
    withinMcError(nullScenario?.anySuperiority.value ?? NaN, alpha, trials);
    withinMcError(effect?.anySuperiority.value ?? NaN, power, trials);
    expect(nullScenario?.isNull).toBe(true);
    expect(nullScenario?.sampleSize.mean.value).toBe(120);
  });

  it("keeps a group-sequential design's type I error at its nominal alpha", () => {
    const text = `
outcome: continuous
arms: [control, treatment]
control: control
sd: 1
allocation: { fixed: [1, 1] }
looks: { patients: [200, 400, 600] }
decisions: { group_sequential: { alpha: 0.025, type: OF } }
scenarios:
  null: { control: 0, treatment: 0 }
`;
    const run = simulateDesign(parseDesign(text, 'gs.yaml'), { seed: 7, mcDraws: 0 }, trials);
    const scenario = run.scenarios[0];
    withinMcError(scenario?.anySuperiority.value ?? NaN, 0.025, trials);
    // And each look's share of it: rpact-style cumulative alpha spent by the O'Brien-Fleming boundaries.
    const spent = groupSequentialDesign({ kMax: 3, alpha: 0.025, typeOfDesign: 'OF' }).alphaSpent;
    const early =
      (scenario?.stopping[0]?.probability.value ?? 0) + (scenario?.stopping[1]?.probability.value ?? 0);
    withinMcError(early, spent[1] ?? NaN, trials);
  });

  it('gives the closed-form power of a fixed two-sample z-test design', () => {
    const text = `
outcome: continuous
arms: [control, treatment]
control: control
sd: 1
allocation: { fixed: [1, 1] }
looks: { patients: [400] }
decisions: { group_sequential: { alpha: 0.025 } }
scenarios:
  effect: { control: 0, treatment: 0.25 }
`;
    const run = simulateDesign(parseDesign(text, 'fixed.yaml'), { seed: 8, mcDraws: 0 }, trials);
    // Power = Phi(delta / (sd sqrt(2 / n)) - z_{0.975}) with n = 200 per arm.
    const power = normalCdf(0.25 / Math.sqrt(2 / 200) - normalQuantile(0.975));
    withinMcError(run.scenarios[0]?.anySuperiority.value ?? NaN, power, trials);
    const arm = run.scenarios[0]?.arms[0];
    // A fixed design's estimate is unbiased: mean difference within 4 MCSE of the truth.
    expect(Math.abs(arm?.bias.value ?? NaN)).toBeLessThan(4 * (arm?.bias.mcse ?? 0));
    expect(arm?.rmse.value).toBeCloseTo(Math.sqrt(2 / 200), 2);
  });
});
