import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TwinFileInvalidError } from '../yaml-file.js';
import { defaultScenarioSet, parseScenarioFile } from './parse-scenario.js';

function messages(text: string): string[] {
  try {
    parseScenarioFile(text, 's.yaml', []);
  } catch (error) {
    if (error instanceof TwinFileInvalidError)
      return error.issues.map((i) => `s.yaml:${i.line}:${i.column}: ${i.path}: ${i.message}`);
    throw error;
  }
  return [];
}

describe('parseScenarioFile', () => {
  it('reads named scenarios and a sweep, with effects on the log scale and null as zero', () => {
    const set = parseScenarioFile(
      [
        'accrual: { sites: 12, admissions_per_site_per_day: 2 }',
        'scenarios:',
        '  - name: null',
        '  - name: ifn',
        '    effects: { ifn_gamma: { mhla_dr_fold: 4.67 } }',
        'sweep:',
        '  parameter: ifn_gamma.infection_hazard_ratio',
        '  values: [1, 0.7]',
        '  effects: { ifn_gamma: { mhla_dr_fold: 2 } }',
      ].join('\n'),
      's.yaml',
      [],
    );
    expect(set.accrual).toEqual({ sites: 12, admissions_per_site_per_day: 2, site_rate_sd_log: 0.5 });
    expect(set.scenarios.map((s) => s.name)).toEqual([
      'null',
      'ifn',
      'ifn_gamma.infection_hazard_ratio=1',
      'ifn_gamma.infection_hazard_ratio=0.7',
    ]);
    expect(set.scenarios[0]?.effects).toEqual({
      ifnLogFold: 0,
      ifnLogHr: 0,
      anakinraSofaPerDay: 0,
      ifnSofaPerDay: 0,
      il7LogFold: 0,
    });
    expect(set.scenarios[1]?.effects.ifnLogFold).toBeCloseTo(Math.log(4.67), 12);
    expect(set.scenarios[3]?.effects.ifnLogHr).toBeCloseTo(Math.log(0.7), 12);
    expect(set.scenarios[3]?.effects.ifnLogFold).toBeCloseTo(Math.log(2), 12);
    expect(set.scenarios[3]?.x).toBe(0.7);
    expect(set.sweep).toBe('ifn_gamma.infection_hazard_ratio');
  });

  it('gives the null scenario and the defaults when the file names none', () => {
    const set = defaultScenarioSet([{ name: 'published', effects: { il7: { lymphocyte_fold: 3.5 } } }]);
    expect(set.scenarios.map((s) => s.name)).toEqual(['null', 'published']);
    expect(set.scenarios[1]?.effects.il7LogFold).toBeCloseTo(Math.log(3.5), 12);
  });

  it('rejects bad values, unknown fields and duplicate names where they are written', () => {
    expect(
      messages(
        [
          'scenarios:',
          '  - name: a',
          '    effects: { ifn_gamma: { mhla_dr_fold: -2 } }',
          '  - name: a',
          '    effects: { il8: { fold: 2 } }',
          'sweep: { parameter: ifn_gamma.fold, values: [1] }',
        ].join('\n'),
      ),
    ).toEqual([
      's.yaml:3:43: scenarios[0].effects.ifn_gamma.mhla_dr_fold: expected a number > 0, found -2',
      's.yaml:5:16: scenarios[1].effects.il8: unknown field "il8" (expected one of: ifn_gamma, anakinra, il7)',
      's.yaml:6:21: sweep.parameter: expected one of ifn_gamma.mhla_dr_fold, ifn_gamma.infection_hazard_ratio, ifn_gamma.sofa_decrease_per_day, anakinra.sofa_decrease_per_day, il7.lymphocyte_fold, found "ifn_gamma.fold"',
    ]);
    expect(messages('scenarios:\n  - name: a\n  - name: a\n')).toEqual([
      's.yaml:3:11: scenarios[1].name: duplicate scenario name "a" (also scenarios[0])',
    ]);
    expect(messages('sweep: { parameter: il7.lymphocyte_fold, values: [2, -1] }')).toEqual([
      's.yaml:1:54: sweep.values[1]: expected a number > 0 for il7.lymphocyte_fold, found -1',
    ]);
    expect(messages('accrual: { sites: 0 }\n')).toEqual([
      's.yaml:1:19: accrual.sites: expected a number >= 1, found 0',
    ]);
    expect(messages('scenarios: [\n')[0]).toMatch(/^s\.yaml:\d+:\d+: : YAML syntax:/);
  });
});

describe('the shipped example scenarios', () => {
  it('all parse, each with a null scenario and a sweep', () => {
    const dir = 'examples/scenarios';
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) {
      const set = parseScenarioFile(readFileSync(`${dir}/${f}`, 'utf8'), f, []);
      expect(set.scenarios[0]?.name, f).toBe('null');
      expect(set.sweep, f).toBeDefined();
    }
  });
});
