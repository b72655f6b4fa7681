import { describe, expect, it } from 'vitest';
import { evaluateRule, obs, plusHours, T_ICU, timeline } from './test-timeline.js';

// exceeds_uln (PLATINIUM E10): each result against its own upper limit of normal (FHIR-PROFILE.md §3, §9).
const T_SCR = plusHours(T_ICU, 100);
const RULE = 'exceeds_uln(ast, alt, factor: 5)';
const enzyme = (v: 'ast' | 'alt', value: number, uln: number | undefined, t = plusHours(T_SCR, -2)) =>
  obs(v, value, t, { id: v, referenceHigh: uln });

describe('exceeds_uln', () => {
  it('is met above factor × ULN and not_met at it', () => {
    expect(evaluateRule(RULE, timeline({ observations: [enzyme('ast', 200.1, 40)] }), T_SCR).value).toBe(
      'met',
    );
    expect(evaluateRule(RULE, timeline({ observations: [enzyme('ast', 200, 40)] }), T_SCR).value).toBe(
      'not_met',
    );
  });

  it('is unknown when a current result has no ULN, even if the other one is normal', () => {
    const tl = timeline({ observations: [enzyme('ast', 500, undefined), enzyme('alt', 30, 40)] });
    const o = evaluateRule(RULE, tl, T_SCR);
    expect(o.value).toBe('unknown');
    expect(o.evidence.map((e) => e.reference)).toEqual(['Observation/ast']);
    expect(o.reason()).toBe('no upper limit of normal on AST 500 (Observation/ast)');
  });

  it('is met by a result above its ULN whatever the other one lacks', () => {
    const tl = timeline({ observations: [enzyme('ast', 500, undefined), enzyme('alt', 201, 40)] });
    expect(evaluateRule(RULE, tl, T_SCR).value).toBe('met');
  });

  it('is unknown when neither was measured in the last 48 h', () => {
    const old = timeline({ observations: [enzyme('ast', 500, 40, plusHours(T_SCR, -49))] });
    expect(evaluateRule(RULE, old, T_SCR).value).toBe('unknown');
  });
});
