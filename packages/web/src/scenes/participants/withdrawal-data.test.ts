import { describe, expect, it } from 'vitest';
import { WITHDRAWAL_DATA_MAX, WITHDRAWAL_DATA_OPTIONS, withdrawalDataStatement } from './withdrawal-data.js';

describe('what may be collected after a withdrawal', () => {
  it('sends the chosen standard statement as text', () => {
    expect(withdrawalDataStatement('public_records', '')).toBe(
      'No further data; vital status from public records only',
    );
  });

  it('sends the typed statement for "other", trimmed, and nothing when it is empty or too long', () => {
    expect(withdrawalDataStatement('other', '  samples taken may be analysed ')).toBe(
      'samples taken may be analysed',
    );
    expect(withdrawalDataStatement('other', '   ')).toBeUndefined();
    expect(withdrawalDataStatement('other', 'x'.repeat(WITHDRAWAL_DATA_MAX + 1))).toBeUndefined();
  });

  it('sends nothing before a choice is made', () => {
    expect(withdrawalDataStatement('', 'ignored')).toBeUndefined();
    expect(withdrawalDataStatement('unknown', '')).toBeUndefined();
  });

  it('keeps every standard statement within the server limit', () => {
    for (const o of WITHDRAWAL_DATA_OPTIONS) expect(o.label.length).toBeLessThanOrEqual(WITHDRAWAL_DATA_MAX);
  });
});
