import { describe, expect, it } from 'vitest';
import { nextStatusesOf } from './status-transitions.js';

describe('manual status transitions', () => {
  it('moves a randomized participant on treatment, to follow-up, or out of the trial', () => {
    expect(nextStatusesOf('randomized')).toEqual(['on_treatment', 'follow_up', 'withdrawn', 'dead']);
    expect(nextStatusesOf('on_treatment')).toEqual(['follow_up', 'withdrawn', 'dead']);
    expect(nextStatusesOf('follow_up')).toEqual(['completed', 'withdrawn', 'dead']);
  });

  it('allows only a death after completion or withdrawal, and nothing after a death', () => {
    expect(nextStatusesOf('completed')).toEqual(['dead']);
    expect(nextStatusesOf('withdrawn')).toEqual(['dead']);
    expect(nextStatusesOf('dead')).toEqual([]);
  });

  it('offers nothing for a screen failure or a status it does not know', () => {
    expect(nextStatusesOf('screen_failed')).toEqual([]);
    expect(nextStatusesOf('toString')).toEqual([]);
    expect(nextStatusesOf('paused')).toEqual([]);
  });
});
