import { describe, expect, it } from 'vitest';
import { isIrreversible, manualStatusesOf, statusLabel } from './status-transitions.js';

describe('manual status changes', () => {
  it('keeps the statuses the form can set, in the server’s order, and drops unknown ones', () => {
    expect(manualStatusesOf(['on_treatment', 'follow_up', 'withdrawn', 'dead'])).toEqual([
      'on_treatment',
      'follow_up',
      'withdrawn',
      'dead',
    ]);
    expect(manualStatusesOf(['paused', 'dead', 'toString'])).toEqual(['dead']);
    expect(manualStatusesOf([])).toEqual([]);
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
