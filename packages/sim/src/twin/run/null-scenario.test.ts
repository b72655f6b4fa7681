import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulateTwinParallel } from '../../workers/twin-pool.js';
import { parseScenarioFile } from '../scenario/parse-scenario.js';
import type { TwinInputs } from '../trial/twin-setup.js';

const file = (f: string) => ({ text: readFileSync(f, 'utf8'), file: f });

function inputs(scenarios: string): TwinInputs {
  return {
    model: file('packages/sim/models/icu-immunosuppression.yaml'),
    protocol: file('protocols/platinium.yaml'),
    plans: file('packages/sim/models/screening.yaml'),
    scenarios: parseScenarioFile(scenarios, 's.yaml', []),
  };
}

describe('the patient-level twin on PLATINIUM', () => {
  it("keeps the Fine-Gray test's type I error at its 5% under the null scenario, within Monte Carlo error", async () => {
    const trials = 300;
    const summary = await simulateTwinParallel(
      inputs('pool: { admissions: 1500 }\nscenarios: [{ name: null }]'),
      { seed: 9, trials },
      { workers: 2 },
    );
    const s = summary.scenarios[0];
    expect(s?.isNull).toBe(true);
    // 3 Monte Carlo standard errors of a 5% rate over 300 trials: 0.05 +/- 0.038.
    const se = Math.sqrt((0.05 * 0.95) / trials);
    expect(Math.abs((s?.power.value ?? 1) - 0.05)).toBeLessThan(3 * se);
    // No arm is favoured: the infection rates of the two arms agree within their Monte Carlo error.
    const [ifn, placebo] = s?.arms ?? [];
    expect(Math.abs((ifn?.eventRate.value ?? 0) - (placebo?.eventRate.value ?? 1))).toBeLessThan(0.01);
    expect(s?.failedAnalyses).toBe(0);
  }, 120_000);

  it('turns an IFN-gamma effect into fewer infections on the active arm and power, through the real pipeline', async () => {
    const summary = await simulateTwinParallel(
      inputs(
        [
          'pool: { admissions: 1500 }',
          'scenarios:',
          '  - name: null',
          '  - name: strong',
          '    effects: { ifn_gamma: { mhla_dr_fold: 4.67, infection_hazard_ratio: 0.5 } }',
        ].join('\n'),
      ),
      { seed: 10, trials: 40 },
      { workers: 2 },
    );
    const [none, strong] = summary.scenarios;
    const rate = (s: typeof none, arm: string): number =>
      s?.arms.find((a) => a.arm === arm)?.eventRate.value ?? Number.NaN;
    expect(rate(strong, 'ifn-gamma')).toBeLessThan(0.85 * rate(strong, 'placebo'));
    // Same patients and allocations in both scenarios: the placebo arm is the same.
    expect(rate(strong, 'placebo')).toBe(rate(none, 'placebo'));
    expect(strong?.power.value).toBeGreaterThan(0.5);
    expect(strong?.estimate.mean.value).toBeLessThan(-0.2);
    // The screening funnel comes from the real engine: PLATINIUM's I3 (mHLA-DR and lymphocytes) fails most.
    expect(summary.pool.failures[0]?.criterion).toBe('I3');
    expect(summary.scenarios[0]?.screening.randomized).toBe(326);
  }, 120_000);
});
