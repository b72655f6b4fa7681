import { describe, expect, it } from 'vitest';
import { allowedTransitions, isIrreversible, statusLabel } from './status-transitions.js';

describe('manual status transitions (the server’s table)', () => {
  it('moves a randomized participant on treatment, to follow-up, or out of the trial', () => {
    expect(allowedTransitions('randomized')).toEqual(['on_treatment', 'follow_up', 'withdrawn', 'dead']);
    expect(allowedTransitions('on_treatment')).toEqual(['follow_up', 'withdrawn', 'dead']);
    expect(allowedTransitions('follow_up')).toEqual(['completed', 'withdrawn', 'dead']);
  });

  it('allows only a death after completion or withdrawal, and nothing after a death', () => {
    expect(allowedTransitions('completed')).toEqual(['dead']);
    expect(allowedTransitions('withdrawn')).toEqual(['dead']);
    expect(allowedTransitions('dead')).toEqual([]);
  });

  it('offers nothing for a screen failure or a status it does not know', () => {
    expect(allowedTransitions('screen_failed')).toEqual([]);
    expect(allowedTransitions('toString')).toEqual([]);
    expect(allowedTransitions('paused')).toEqual([]);
  });

  it('marks withdrawal and death as irreversible', () => {
    expect(isIrreversible('withdrawn')).toBe(true);
    expect(isIrreversible('dead')).toBe(true);
    expect(isIrreversible('follow_up')).toBe(false);
  });

  it('names statuses for people', () => {
    expect(statusLabel('follow_up')).toBe('in follow-up');
    expect(statusLabel('randomized')).toBe('randomized');
  });
});
