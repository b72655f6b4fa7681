import { describe, expect, it } from 'vitest';
import { at, evaluateRule, obs, timeline } from './test-timeline.js';

// ICU admission 2026-03-11T00:00Z (UTC local dates); screening 2026-03-14T10:00Z.
const T_SCR = at('2026-03-14T10:00');
const RULE = 'any(lymphocytes <= 900 /mm3, during: local_days(T_scr, -1, 0))';

describe('local_days(t, a, b)', () => {
  it('covers the local date of screening and the day before, from midnight', () => {
    const tl = timeline({ observations: [obs('lymphocytes', 850, at('2026-03-13T00:00'))] });
    expect(evaluateRule(RULE, tl, T_SCR).value).toBe('met');
  });

  it('is not_met when results there are all above the threshold (IRIS-7 I5)', () => {
    const tl = timeline({ observations: [obs('lymphocytes', 950, at('2026-03-14T06:00'))] });
    expect(evaluateRule(RULE, tl, T_SCR).value).toBe('not_met');
  });

  it('leaves out a result from two days before: no result there gives unknown', () => {
    const tl = timeline({ observations: [obs('lymphocytes', 500, at('2026-03-12T23:59'))] });
    expect(evaluateRule(RULE, tl, T_SCR).value).toBe('unknown');
  });
});
