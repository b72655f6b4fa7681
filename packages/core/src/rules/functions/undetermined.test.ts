import { describe, expect, it } from 'vitest';
import { at, evaluateRule, timeline } from './test-timeline.js';

const T_SCR = at('2026-03-14T10:00');
const tl = timeline(); // a 57-year-old man

describe('undetermined', () => {
  it('makes a met condition unknown under and', () => {
    expect(evaluateRule('age >= 18 years and undetermined', tl, T_SCR).value).toBe('unknown');
  });

  it('leaves a not_met condition not_met under and', () => {
    expect(evaluateRule('age >= 90 years and undetermined', tl, T_SCR).value).toBe('not_met');
  });

  it('does not change a met disjunction', () => {
    expect(evaluateRule('age >= 18 years or undetermined', tl, T_SCR).value).toBe('met');
  });

  it('gives its reason', () => {
    expect(evaluateRule('undetermined("CKD stage 5 without dialysis")', tl, T_SCR).reason()).toBe(
      'CKD stage 5 without dialysis',
    );
  });
});
