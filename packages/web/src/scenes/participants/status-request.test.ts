import { describe, expect, it } from 'vitest';
import { DEATH_IN_FUTURE, EMPTY_DRAFT, statusRequest } from './status-request.js';

const today = '2026-03-21';

describe('the status change request', () => {
  it('sends the status alone for treatment, follow-up and completion', () => {
    expect(statusRequest('completed', { ...EMPTY_DRAFT, reason: 'ignored' }, today)).toEqual({
      input: { status: 'completed' },
    });
  });

  it('needs the reason, then the data statement, for a withdrawal', () => {
    expect(statusRequest('withdrawn', { ...EMPTY_DRAFT, reason: '  ' }, today)).toEqual({
      problem: 'Give the reason for the withdrawal.',
    });
    expect(statusRequest('withdrawn', { ...EMPTY_DRAFT, reason: 'asked to stop' }, today)).toEqual({
      problem: 'Say what data may still be collected.',
    });
    expect(
      statusRequest(
        'withdrawn',
        { ...EMPTY_DRAFT, reason: ' asked to stop ', dataChoice: 'public_records' },
        today,
      ),
    ).toEqual({
      input: {
        status: 'withdrawn',
        reason: 'asked to stop',
        dataAfterWithdrawal: 'No further data; vital status from public records only',
      },
    });
  });

  it('accepts a death up to today at the site, and not the day after', () => {
    expect(statusRequest('dead', EMPTY_DRAFT, today)).toEqual({ problem: 'Enter the date of death.' });
    expect(statusRequest('dead', { ...EMPTY_DRAFT, deathDate: '2026-03-22' }, today)).toEqual({
      problem: DEATH_IN_FUTURE,
    });
    expect(statusRequest('dead', { ...EMPTY_DRAFT, deathDate: today }, today)).toEqual({
      input: { status: 'dead', deathDate: today },
    });
    expect(
      statusRequest('dead', { ...EMPTY_DRAFT, deathDate: '2026-03-01', reason: 'septic shock' }, today),
    ).toEqual({ input: { status: 'dead', deathDate: '2026-03-01', reason: 'septic shock' } });
  });
});
