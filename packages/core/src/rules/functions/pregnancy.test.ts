import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../../time/duration.js';
import type { ConditionRecord, ObservationRecord, PatientRecord } from '../../timeline/types.js';
import { at, codedObs, condition, evaluateRule, obs, T_HOSP, timeline } from './test-timeline.js';

const SCR = at('2026-03-12T10:00');
const WOMAN_30: Partial<PatientRecord> = { sex: 'female', birthDate: '1995-06-01' };
const WOMAN_55: Partial<PatientRecord> = { sex: 'female', birthDate: '1971-03-12' };
const WOMAN_54: Partial<PatientRecord> = { sex: 'female', birthDate: '1971-03-13' };

function pregnancy(
  patient: Partial<PatientRecord>,
  observations: ObservationRecord[] = [],
  conditions: ConditionRecord[] = [],
): string {
  return evaluateRule('pregnancy', timeline({ patient, observations, conditions }), SCR).value;
}

const afterAdmission = T_HOSP + 2 * HOUR_MS;

describe('pregnancy', () => {
  it('is met with an active pregnancy or lactation condition, even for a man (data first)', () => {
    expect(pregnancy(WOMAN_55, [], [condition('O14.1')])).toBe('met');
    expect(pregnancy(WOMAN_30, [], [condition('Z39.1')])).toBe('met');
    expect(pregnancy({ sex: 'male' }, [], [condition('Z34.0')])).toBe('met');
  });

  it('ignores an inactive or abated pregnancy condition', () => {
    expect(pregnancy(WOMAN_55, [], [condition('O14.1', { active: false })])).toBe('not_met');
    expect(pregnancy(WOMAN_55, [], [condition('O14.1', { abatement: SCR - DAY_MS })])).toBe('not_met');
  });

  it('is met when the latest hCG since admission is positive', () => {
    expect(pregnancy(WOMAN_55, [codedObs('hcg_qualitative', 'positive', afterAdmission)])).toBe('met');
    const olderNegative = codedObs('hcg_qualitative', 'negative', afterAdmission - HOUR_MS);
    expect(pregnancy(WOMAN_30, [olderNegative, obs('beta_hcg', 30, afterAdmission)])).toBe('met');
  });

  it('reads a quantitative beta-hCG against its own upper limit, else >= 25 IU/L', () => {
    expect(pregnancy(WOMAN_30, [obs('beta_hcg', 25, afterAdmission)])).toBe('met');
    expect(pregnancy(WOMAN_30, [obs('beta_hcg', 24.9, afterAdmission)])).toBe('not_met');
    expect(pregnancy(WOMAN_30, [obs('beta_hcg', 8, afterAdmission, { referenceHigh: 5 })])).toBe('met');
    expect(pregnancy(WOMAN_30, [obs('beta_hcg', 5, afterAdmission, { referenceHigh: 5 })])).toBe('not_met');
  });

  it('ignores an hCG taken before hospital admission', () => {
    const before = codedObs('hcg_qualitative', 'positive', T_HOSP - 1);
    expect(pregnancy(WOMAN_30, [before])).toBe('unknown');
    expect(pregnancy(WOMAN_30, [codedObs('hcg_qualitative', 'negative', T_HOSP)])).toBe('not_met');
  });

  it('is not_met for a man without a pregnancy condition or positive hCG', () => {
    expect(pregnancy({ sex: 'male' })).toBe('not_met');
  });

  it('is unknown with an active puerperal condition, even after a negative hCG or at 55', () => {
    const puerperal = [condition('O86.4')];
    expect(pregnancy(WOMAN_30, [codedObs('hcg_qualitative', 'negative', afterAdmission)], puerperal)).toBe(
      'unknown',
    );
    expect(pregnancy(WOMAN_55, [], puerperal)).toBe('unknown');
  });

  it('is not_met after a negative latest hCG, or for a woman aged 55 or more', () => {
    const newerNegative = codedObs('hcg_qualitative', 'negative', afterAdmission + HOUR_MS);
    expect(pregnancy(WOMAN_30, [obs('beta_hcg', 100, afterAdmission), newerNegative])).toBe('not_met');
    expect(pregnancy(WOMAN_55)).toBe('not_met');
    expect(pregnancy(WOMAN_54)).toBe('unknown');
  });

  it('is unknown for a woman under 55 without hCG, or when sex is neither male nor female', () => {
    expect(pregnancy(WOMAN_30)).toBe('unknown');
    expect(pregnancy({ sex: 'unknown', birthDate: '1950-01-01' })).toBe('unknown');
    expect(pregnancy({ sex: 'female', birthDate: undefined })).toBe('unknown');
  });

  it('cites the deciding record', () => {
    const hcg = codedObs('hcg_qualitative', 'positive', afterAdmission, { id: 'hcg' });
    const o = evaluateRule('pregnancy', timeline({ patient: WOMAN_30, observations: [hcg] }), SCR);
    expect(o.evidence).toEqual([
      expect.objectContaining({ reference: 'Observation/hcg', value: 'positive' }),
    ]);
    expect(o.reason()).toContain('hCG positive');
  });
});
