import { describe, expect, it } from 'vitest';
import { VASOPRESSOR_ATC } from '../../codesets/medication-codes.js';
import type { ObservationRecord } from '../../timeline/types.js';
import {
  evaluateRule,
  infusion,
  obs,
  plusHours,
  procedure,
  T_ICU,
  timeline,
  type TimelineParts,
} from './test-timeline.js';

const h = (n: number): number => plusHours(T_ICU, n);
const RULE = 'organ_failure(during: [T_icu + 48 h, T_icu + 120 h], points: 2)';
const SCR = h(100);

/** Every organ with data at 1 point (renal with both creatinine and urine output), at T_icu + 50 h. */
function allAtOne(): ObservationRecord[] {
  return [
    obs('pf_ratio', 350, h(50)),
    obs('platelets', 120, h(50)),
    obs('bilirubin', 1.5, h(50)),
    obs('map', 65, h(50)),
    obs('gcs', 14, h(50)),
    obs('creatinine', 1.5, h(50)),
    obs('urine_output_24h', 900, h(50)),
  ];
}

function failure(parts: TimelineParts, rule = RULE, atInstant = SCR): string {
  return evaluateRule(rule, timeline(parts), atInstant).value;
}

describe('organ_failure(during:, points:)', () => {
  it('is met when one organ certainly reaches the points', () => {
    expect(failure({ observations: [obs('platelets', 99, h(60))] })).toBe('met');
    expect(failure({ observations: [obs('creatinine', 2.0, h(60))] })).toBe('met');
  });

  it('is not_met when all six organs have data and none reaches the points', () => {
    expect(failure({ observations: allAtOne() })).toBe('not_met');
  });

  it('is unknown when one organ has no data in the window', () => {
    expect(failure({ observations: allAtOne().filter((o) => o.variable !== 'gcs') })).toBe('unknown');
  });

  it('is unknown when renal has a creatinine but no urine output (it could still reach 3–4)', () => {
    const noUrine = allAtOne().filter((o) => o.variable !== 'urine_output_24h');
    expect(failure({ observations: noUrine })).toBe('unknown');
  });

  it('reads one window: values outside it do not count, its closed end does', () => {
    const base = allAtOne().filter((o) => o.variable !== 'platelets');
    expect(failure({ observations: [...base, obs('platelets', 30, h(47.9))] })).toBe('unknown');
    expect(failure({ observations: [...base, obs('platelets', 30, h(120))] }, RULE, h(121))).toBe('met');
    expect(failure({ observations: [...base, obs('platelets', 30, h(120.1))] }, RULE, h(121))).toBe(
      'unknown',
    );
  });

  it('takes the threshold from points:', () => {
    const parts = { observations: [...allAtOne(), obs('platelets', 60, h(70))] };
    expect(failure(parts)).toBe('met');
    expect(failure(parts, RULE.replace('points: 2', 'points: 3'))).toBe('not_met');
  });

  it('scores respiration and vasopressors as SOFA does', () => {
    const base = allAtOne().filter((o) => o.variable !== 'pf_ratio');
    const imv = procedure('imv', h(40));
    expect(failure({ observations: [...base, obs('pf_ratio', 150, h(60))], procedures: [imv] })).toBe('met');
    const ne = infusion(VASOPRESSOR_ATC.norepinephrine, h(49), h(52), 0.05);
    expect(failure({ observations: allAtOne(), medications: [ne] })).toBe('met');
  });

  it('is unknown when the ICU stay is unknown', () => {
    expect(failure({ icu: null })).toBe('unknown');
  });

  it('names the failing organ in its reason and evidence', () => {
    const o = evaluateRule(
      RULE,
      timeline({ observations: [obs('platelets', 45, h(60), { id: 'plt' })] }),
      SCR,
    );
    expect(o.reason()).toContain('coag 3 platelets 45');
    expect(o.evidence).toEqual([expect.objectContaining({ reference: 'Observation/plt', value: 45 })]);
  });
});
