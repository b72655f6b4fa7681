import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calibrateTwin } from './calibration-report.js';

const file = (f: string) => ({ text: readFileSync(f, 'utf8'), file: f });

describe('calibrateTwin', () => {
  it('reproduces every published marginal figure within its tolerance (10,000 patients, 2,000 screened)', () => {
    const report = calibrateTwin(
      {
        model: file('packages/sim/models/icu-immunosuppression.yaml'),
        plans: file('packages/sim/models/screening.yaml'),
        protocols: ['platinium', 'infinity', 'immunosep', 'iris7'].map((p) => file(`protocols/${p}.yaml`)),
        targets: file('packages/sim/models/calibration.yaml'),
      },
      20260101,
      10_000,
      2_000,
    );
    const targeted = report.rows.filter((r) => r.target !== undefined);
    expect(targeted.map((r) => r.id).sort()).toEqual(
      [
        'in_icu_day5',
        'infection_after_day5',
        'low_mhla_dr_day5',
        'mals_in_sepsis',
        'sip_in_pneumonia_bacteraemia',
        'd28_mortality_mals',
        'd28_mortality_ventilated',
        'pneumonia_ventilated',
        'mhla_dr_normalization',
        'd28_mortality',
        'd90_mortality',
        'immunosep_yield',
        'immunosep_placebo_responders',
      ].sort(),
    );
    for (const r of targeted) {
      expect({ id: r.id, model: r.model, within: r.within }).toEqual({
        id: r.id,
        model: r.model,
        within: true,
      });
      expect(r.n, r.id).toBeGreaterThan(30);
    }
    // Every protocol gets a yield from the real engine, with the criteria that failed.
    expect(report.eligibility.map((e) => e.protocol)).toEqual([
      'platinium',
      'infinity',
      'immunosep',
      'iris7',
    ]);
    for (const e of report.eligibility) {
      expect(e.eligible, e.protocol).toBeGreaterThan(10);
      expect(Object.keys(e.failures).length, e.protocol).toBeGreaterThan(3);
    }
    expect(Object.keys(report.eligibility[2]?.strata ?? {}).sort()).toEqual(['MALS', 'SIP']);
  });
});
