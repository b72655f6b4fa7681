import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../time/duration.js';
import type { ObservationRecord } from '../../timeline/types.js';
import {
  at,
  evaluateNumber,
  evaluateRule,
  obs,
  T_HOSP,
  timeline,
  type TimelineParts,
} from './test-timeline.js';

const SCR = at('2026-03-12T10:00');
const daysBefore = (d: number): number => T_HOSP - d * DAY_MS;

function egfr(parts: TimelineParts): { lo: number; hi: number; reason: string } {
  const o = evaluateNumber('egfr_baseline', timeline(parts), SCR);
  return { lo: o.lo, hi: o.hi, reason: o.reason() };
}

/** A man born on 1981-01-01: 45 at a sample dated in 2026, 44 in 2025. */
const MAN_45 = { birthDate: '1981-01-01', sex: 'male' as const };

function creatinines(...values: [number, number][]): ObservationRecord[] {
  return values.map(([mgDl, days]) => obs('creatinine', mgDl, daysBefore(days)));
}

describe('egfr_baseline', () => {
  it('applies CKD-EPI 2021 to the lowest creatinine of [T_hosp − 365 d, T_hosp − 7 d]', () => {
    const o = egfr({ patient: MAN_45, observations: creatinines([1.4, 30], [1.0, 60], [1.2, 90]) });
    // R (fixtures/scores/egfr-ckd-epi.R): ckd_epi_2021(1.0, 45, FALSE) = 94.5875581869347
    expect(o.lo).toBeCloseTo(94.5875581869347, 9);
    expect(o.hi).toBe(o.lo);
    expect(o.reason).toContain('creatinine 1 mg/dL');
  });

  it('includes both window ends and nothing outside them', () => {
    const lowest = (days: number): string =>
      egfr({ patient: MAN_45, observations: creatinines([3.0, 100], [1.0, days]) }).reason;
    expect(lowest(7)).toContain('creatinine 1 mg/dL');
    expect(lowest(365)).toContain('creatinine 1 mg/dL');
    expect(lowest(6.99)).toContain('creatinine 3 mg/dL');
    expect(lowest(365.01)).toContain('creatinine 3 mg/dL');
  });

  it('uses the age at the sample, not at screening', () => {
    // born 1981-03-01: 44 at a sample on 2026-01-30 (40 days before T_hosp), 45 at screening.
    const female = { birthDate: '1981-03-01', sex: 'female' as const };
    const o = egfr({ patient: female, observations: creatinines([8.0, 40]) });
    // R: ckd_epi_2021(8, 45, TRUE) = 5.83892879264151; at 44 the value is that / 0.9938.
    expect(o.lo).toBeCloseTo(5.83892879264151 / 0.9938, 9);
    expect(o.reason).toContain('44 y');
  });

  it('is unknown without a creatinine in the window, without a hospital stay, or without a usable sex', () => {
    expect(egfr({ patient: MAN_45, observations: creatinines([1.0, 3]) }).lo).toBe(-Infinity);
    expect(egfr({ patient: MAN_45, hospital: null, observations: creatinines([1.0, 30]) }).hi).toBe(Infinity);
    expect(egfr({ patient: { ...MAN_45, sex: 'other' }, observations: creatinines([1.0, 30]) }).lo).toBe(
      -Infinity,
    );
    expect(
      egfr({ patient: { ...MAN_45, birthDate: undefined }, observations: creatinines([1.0, 30]) }).lo,
    ).toBe(-Infinity);
  });

  it('decides PLATINIUM E11 on both sides of 10 mL/min/1.73 m²', () => {
    const rule = 'egfr_baseline < 10 mL/min/{1.73_m2}';
    const tl = (mgDl: number): ReturnType<typeof timeline> =>
      timeline({ patient: MAN_45, observations: creatinines([mgDl, 30]) });
    // R: ckd_epi_2021(8, 45, FALSE) = 7.80056445552198 (< 10); 1.0 mg/dL gives 94.6.
    expect(evaluateRule(rule, tl(8.0), SCR).value).toBe('met');
    expect(evaluateRule(rule, tl(1.0), SCR).value).toBe('not_met');
    expect(evaluateRule(rule, timeline({ patient: MAN_45 }), SCR).value).toBe('unknown');
  });
});
