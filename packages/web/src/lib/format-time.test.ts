import { describe, expect, it } from 'vitest';
import { dateInZone, formatDate, formatDateTime, localToUtc, utcToLocal } from './format-time.js';

describe('site time zones', () => {
  it('shows a UTC instant in the site zone with its abbreviation', () => {
    expect(formatDateTime('2026-03-17T09:00:00Z', 'Europe/Paris')).toBe('17 Mar 2026, 10:00 CET');
    expect(formatDateTime('2026-07-01T09:00:00Z', 'Europe/Paris')).toBe('1 Jul 2026, 11:00 CEST');
  });

  it('turns a wall-clock time at the site into UTC, across the spring DST change', () => {
    expect(localToUtc('2026-03-17T10:00', 'Europe/Paris')).toBe('2026-03-17T09:00:00.000Z');
    expect(localToUtc('2026-03-29T12:00', 'Europe/Paris')).toBe('2026-03-29T10:00:00.000Z');
    expect(localToUtc('2026-03-17T10:00', 'Asia/Kolkata')).toBe('2026-03-17T04:30:00.000Z');
  });

  it('round-trips an instant through the wall clock', () => {
    expect(utcToLocal('2026-03-17T09:00:00Z', 'Europe/Athens')).toBe('2026-03-17T11:00');
    expect(localToUtc(utcToLocal('2026-10-25T03:30:00Z', 'Europe/Paris'), 'Europe/Paris')).toBe(
      '2026-10-25T03:30:00.000Z',
    );
  });

  it('leaves text that is not a time as it was', () => {
    expect(localToUtc('tomorrow', 'Europe/Paris')).toBeUndefined();
    expect(formatDate('2026-03-07')).toBe('7 Mar 2026');
    expect(formatDate('soon')).toBe('soon');
  });

  it("gives today's date at the site, not in UTC", () => {
    expect(dateInZone(Date.parse('2026-03-17T23:30:00Z'), 'Europe/Paris')).toBe('2026-03-18');
    expect(dateInZone(Date.parse('2026-03-17T23:30:00Z'), 'UTC')).toBe('2026-03-17');
    expect(dateInZone(Date.parse('2026-03-18T03:00:00Z'), 'America/New_York')).toBe('2026-03-17');
  });
});
