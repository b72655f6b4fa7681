import { DAY_MS, MINUTE_MS, type Instant } from '../time/duration.js';
import { offsetMinutesAt, type Zone } from '../time/zone.js';

// Calendars work on local day indices (whole local days since 1970-01-01 in the zone) rather than
// `YYYY-MM-DD` strings: one offset lookup per instant, no string parsing, so a 45-dose calendar in an
// IANA zone is cheap enough for the simulator.

/** The local day index of an instant: days since 1970-01-01 on the zone's calendar. */
export function localDayIndex(instant: Instant, zone: Zone): number {
  return Math.floor((instant + offsetMinutesAt(instant, zone) * MINUTE_MS) / DAY_MS);
}

/**
 * The instant at which the local clock reads `wallMs` after midnight on local day `dayIndex`. Across a DST
 * change the offset of the target instant is used (one correction, as `startOfLocalDate` does); a wall
 * time that does not exist (spring forward) lands an hour later.
 * @example atLocalTime(20523, 9 * HOUR_MS, { kind: 'offset', minutes: 60 }) // => Date.UTC(2026, 2, 11, 8)
 */
export function atLocalTime(dayIndex: number, wallMs: number, zone: Zone): Instant {
  const utc = dayIndex * DAY_MS + wallMs;
  if (zone.kind === 'offset') return utc - zone.minutes * MINUTE_MS;
  const guess = utc - offsetMinutesAt(utc, zone) * MINUTE_MS;
  return utc - offsetMinutesAt(guess, zone) * MINUTE_MS;
}

/** Milliseconds since local midnight (the wall-clock time) of an instant. */
export function wallClockMs(instant: Instant, zone: Zone): number {
  return instant - atLocalTime(localDayIndex(instant, zone), 0, zone);
}
