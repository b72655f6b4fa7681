import { describe, expect, it } from 'vitest';
import { dischargeRequest, draftOf } from './discharge-request.js';

const ZONE = 'Europe/Paris';
const NOW = Date.parse('2026-03-25T09:00:00Z');
const NONE = { icuDischargedAt: null, hospitalDischargedAt: null };

describe('dischargeRequest', () => {
  it('sends only what changed, in UTC', () => {
    const recorded = { icuDischargedAt: '2026-03-21T14:00:00.000Z', hospitalDischargedAt: null };
    const draft = { ...draftOf(recorded, ZONE), hospital: '2026-03-24T11:00' };
    expect(dischargeRequest(draft, recorded, ZONE, NOW)).toEqual({
      input: { hospitalDischargedAt: '2026-03-24T10:00:00.000Z' },
    });
  });

  it('treats a value recorded with seconds as unchanged when its minute is', () => {
    const recorded = { icuDischargedAt: '2026-03-21T14:00:42.000Z', hospitalDischargedAt: null };
    expect(dischargeRequest(draftOf(recorded, ZONE), recorded, ZONE, NOW)).toEqual({
      problem: 'Nothing to record: enter a discharge time.',
    });
  });

  it('refuses a hospital discharge before the ICU discharge', () => {
    const draft = { icu: '2026-03-21T15:00', hospital: '2026-03-21T14:59', reason: '' };
    expect(dischargeRequest(draft, NONE, ZONE, NOW)).toEqual({
      problem: 'The hospital discharge cannot be before the ICU discharge.',
    });
  });

  it('removes a recorded value as null, with the reason', () => {
    const recorded = { icuDischargedAt: '2026-03-21T14:00:00.000Z', hospitalDischargedAt: null };
    const draft = { icu: '', hospital: '', reason: ' wrong participant ' };
    expect(dischargeRequest(draft, recorded, ZONE, NOW)).toEqual({
      input: { icuDischargedAt: null, reason: 'wrong participant' },
    });
    expect(dischargeRequest({ ...draft, reason: '' }, recorded, ZONE, NOW)).toEqual({
      problem: 'Give the reason for changing a recorded discharge.',
    });
  });
});
