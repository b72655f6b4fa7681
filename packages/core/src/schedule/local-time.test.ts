import { describe, expect, it } from 'vitest';
import { HOUR_MS, MINUTE_MS } from '../time/duration.js';
import { formatInstant, ianaZone } from '../time/zone.js';
import { atLocalTime, localDayIndex, wallClockMs } from './local-time.js';

const PARIS = ianaZone('Europe/Paris');

describe('local day arithmetic', () => {
  it('puts an instant on its local date, not its UTC date', () => {
    const lateEvening = Date.UTC(2026, 2, 10, 23, 30); // 00:30 on 11 March in Paris
    expect(localDayIndex(lateEvening, PARIS)).toBe(localDayIndex(Date.UTC(2026, 2, 11, 12), PARIS));
    expect(wallClockMs(lateEvening, PARIS)).toBe(30 * MINUTE_MS);
  });

  it('keeps a wall-clock time across the spring-forward and autumn changes', () => {
    const d = localDayIndex(Date.UTC(2026, 2, 28, 12), PARIS);
    expect(formatInstant(atLocalTime(d, 9 * HOUR_MS, PARIS), PARIS)).toBe('2026-03-28T09:00:00+01:00');
    expect(formatInstant(atLocalTime(d + 1, 9 * HOUR_MS, PARIS), PARIS)).toBe('2026-03-29T09:00:00+02:00');
    const o = localDayIndex(Date.UTC(2026, 9, 25, 12), PARIS);
    expect(formatInstant(atLocalTime(o, 9 * HOUR_MS, PARIS), PARIS)).toBe('2026-10-25T09:00:00+01:00');
  });

  it('moves a wall time that does not exist (02:30 on the spring-forward night) an hour later', () => {
    const d = localDayIndex(Date.UTC(2026, 2, 29, 12), PARIS);
    expect(formatInstant(atLocalTime(d, 2.5 * HOUR_MS, PARIS), PARIS)).toBe('2026-03-29T03:30:00+02:00');
  });
});
