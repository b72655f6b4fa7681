import { describe, expect, it } from 'vitest';
import { parseFhirDateTime } from './datetime.js';

describe('parseFhirDateTime', () => {
  it('reads full date-times with their offset, through the fast path and the general one alike', () => {
    for (const text of [
      '2026-03-11T01:40:00+01:00',
      '2026-03-11T01:40:00-05:30',
      '2024-02-29T23:59:59+14:00',
      '2026-03-11T01:40:00.250+01:00',
      '2026-03-11T01:40:00Z',
      '2026-03-11T01:40+01:00',
    ]) {
      const t = parseFhirDateTime(text);
      expect(t?.kind).toBe('instant');
      if (t?.kind === 'instant') expect(t.instant).toBe(Date.parse(text));
    }
    expect(parseFhirDateTime('2026-03-11T01:40:00-05:30')).toMatchObject({ offsetMinutes: -330 });
  });

  it('reads dates and partial dates as local dates', () => {
    expect(parseFhirDateTime('2026-03-10')).toEqual({ kind: 'date', date: '2026-03-10' });
    expect(parseFhirDateTime('2026-03')).toEqual({ kind: 'date', date: '2026-03-01' });
    expect(parseFhirDateTime('2026')).toEqual({ kind: 'date', date: '2026-01-01' });
  });

  it('rejects impossible or offset-less times in both paths', () => {
    for (const text of [
      '2026-02-29T10:00:00+01:00',
      '2026-13-01T10:00:00+01:00',
      '2026-03-11T24:00:00+01:00',
      '2026-03-11T10:60:00+01:00',
      '2026-03-11T10:00:00+15:00',
      '2026-03-11T10:00:00',
      '2026-03-11 10:00:00+01:00',
      '2026-3-11',
      'abcd-ef-ghTij:kl:mn+op:qr',
    ]) {
      expect(parseFhirDateTime(text)).toBeUndefined();
    }
  });
});
