import { describe, expect, it } from 'vitest';
import { dischargeRequest, draftOf } from './discharge-request.js';

const ZONE = 'Europe/Paris';
const NOW = Date.parse('2026-03-25T09:00:00Z');
const NONE = {
  hospitalAdmittedAt: null,
  icuAdmittedAt: null,
  icuDischargedAt: null,
  hospitalDischargedAt: null,
};
const EMPTY = { hospitalAdmission: '', icuAdmission: '', icu: '', hospital: '', reason: '' };

describe('dischargeRequest', () => {
  it('sends only what changed, in UTC', () => {
    const recorded = { ...NONE, icuDischargedAt: '2026-03-21T14:00:00.000Z' };
    const draft = { ...draftOf(recorded, ZONE), hospital: '2026-03-24T11:00' };
    expect(dischargeRequest(draft, recorded, ZONE, NOW)).toEqual({
      input: { hospitalDischargedAt: '2026-03-24T10:00:00.000Z' },
    });
  });

  it('sends admissions typed in site time as UTC instants', () => {
    const draft = { ...EMPTY, hospitalAdmission: '2026-03-14T18:00', icuAdmission: '2026-03-15T22:00' };
    expect(dischargeRequest(draft, NONE, ZONE, NOW)).toEqual({
      input: { hospitalAdmittedAt: '2026-03-14T17:00:00.000Z', icuAdmittedAt: '2026-03-15T21:00:00.000Z' },
    });
  });

  it('treats a value recorded with seconds as unchanged when its minute is', () => {
    const recorded = { ...NONE, icuDischargedAt: '2026-03-21T14:00:42.000Z' };
    expect(dischargeRequest(draftOf(recorded, ZONE), recorded, ZONE, NOW)).toEqual({
      problem: 'Nothing to record: enter an admission or discharge time.',
    });
  });

  it('refuses times out of order: hospital before ICU on admission, ICU before hospital on discharge', () => {
    const check = (patch: Partial<typeof EMPTY>): unknown =>
      dischargeRequest({ ...EMPTY, ...patch }, NONE, ZONE, NOW);
    expect(check({ icu: '2026-03-21T15:00', hospital: '2026-03-21T14:59' })).toEqual({
      problem: 'The hospital discharge cannot be before the ICU discharge.',
    });
    expect(check({ hospitalAdmission: '2026-03-16T08:01', icuAdmission: '2026-03-16T08:00' })).toEqual({
      problem: 'The hospital admission cannot be after the ICU admission.',
    });
    expect(check({ icuAdmission: '2026-03-21T16:00', icu: '2026-03-21T15:00' })).toEqual({
      problem: 'The ICU discharge cannot be before the ICU admission.',
    });
    expect(check({ hospitalAdmission: '2026-03-21T16:00', hospital: '2026-03-21T15:00' })).toEqual({
      problem: 'The hospital discharge cannot be before the hospital admission.',
    });
    expect(check({ icuAdmission: '2026-03-25T10:01' })).toEqual({
      problem: 'The ICU admission cannot be in the future.',
    });
  });

  it('removes a recorded value as null, with the reason', () => {
    const recorded = { ...NONE, icuDischargedAt: '2026-03-21T14:00:00.000Z' };
    const draft = { ...EMPTY, reason: ' wrong participant ' };
    expect(dischargeRequest(draft, recorded, ZONE, NOW)).toEqual({
      input: { icuDischargedAt: null, reason: 'wrong participant' },
    });
    expect(dischargeRequest({ ...draft, reason: '' }, recorded, ZONE, NOW)).toEqual({
      problem: 'Give the reason for changing a recorded time.',
    });
  });

  it('asks a reason to change a recorded admission', () => {
    const recorded = { ...NONE, icuAdmittedAt: '2026-03-15T21:00:00.000Z' };
    const draft = { ...draftOf(recorded, ZONE), icuAdmission: '2026-03-15T20:00' };
    expect(dischargeRequest(draft, recorded, ZONE, NOW)).toEqual({
      problem: 'Give the reason for changing a recorded time.',
    });
    expect(dischargeRequest({ ...draft, reason: 'chart' }, recorded, ZONE, NOW)).toEqual({
      input: { icuAdmittedAt: '2026-03-15T19:00:00.000Z', reason: 'chart' },
    });
  });
});
