import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulateTwin } from '../twin/run/twin-run.js';
import { parseScenarioFile } from '../twin/scenario/parse-scenario.js';
import type { TwinInputs } from '../twin/trial/twin-setup.js';
import { simulateTwinParallel } from './twin-pool.js';

const file = (f: string) => ({ text: readFileSync(f, 'utf8'), file: f });
const SCENARIOS = [
  'pool: { admissions: 900 }',
  'scenarios:',
  '  - name: null',
  '  - name: ifn',
  '    effects: { ifn_gamma: { mhla_dr_fold: 4.67, infection_hazard_ratio: 0.7 } }',
].join('\n');
const inputs: TwinInputs = {
  model: file('packages/sim/models/icu-immunosuppression.yaml'),
  protocol: file('protocols/platinium.yaml'),
  plans: file('packages/sim/models/screening.yaml'),
  scenarios: parseScenarioFile(SCENARIOS, 's.yaml', []),
};

describe('simulateTwinParallel', () => {
  it('gives the same summary for the same seed on 1, 2 or 3 threads and in this thread alone', async () => {
    const settings = { seed: 77, trials: 8 };
    const runs = await Promise.all(
      [1, 2, 3].map((workers) => simulateTwinParallel(inputs, settings, { workers, blockSize: 3 })),
    );
    const inThread = simulateTwin(inputs, settings);
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
    expect(runs[0]).toEqual(inThread);
    expect(inThread.pool.admissions).toBe(900);
    expect(inThread.scenarios.map((s) => s.trials)).toEqual([8, 8]);
  }, 120_000);
});
