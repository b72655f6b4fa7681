import { DAY_MS } from './duration.js';

// Two-digit texts 00..99, so that a date-time is written without padStart per field.
const TWO = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

// Years whose ISO form is four digits and which the day arithmetic below covers exactly.
const FIRST = Date.UTC(1000, 0, 1);
const LAST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * `YYYY-MM-DDTHH:MM:SS` of epoch milliseconds, as `new Date(ms).toISOString().slice(0, 19)` writes it, by
 * integer arithmetic: screening writes an instant per patient and per cited record, and the Date object
 * and its ISO string cost about five times as much. Years outside 1000-9999 and non-finite values go
 * through Date (which throws a RangeError on the latter, as before).
 * @example isoSeconds(Date.UTC(2026, 2, 16, 16, 30, 5, 250)) // => '2026-03-16T16:30:05'
 */
export function isoSeconds(ms: number): string {
  if (!(ms >= FIRST && ms <= LAST)) return new Date(ms).toISOString().slice(0, 19);
  const days = Math.floor(ms / DAY_MS);
  const inDay = ms - days * DAY_MS;
  const seconds = Math.floor(inDay / 1000);
  // Civil date from days since 1970-01-01 (H. Hinnant, "chrono-compatible low-level date algorithms").
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hh = Math.floor(seconds / 3600);
  const mm = Math.floor((seconds % 3600) / 60);
  const ss = seconds % 60;
  return `${year}-${TWO[month] ?? ''}-${TWO[day] ?? ''}T${TWO[hh] ?? ''}:${TWO[mm] ?? ''}:${TWO[ss] ?? ''}`;
}

/**
 * An instant as ISO-8601 UTC, without milliseconds when they are zero: what
 * `new Date(ms).toISOString().replace('.000Z', 'Z')` writes, without the Date object for whole seconds.
 * @example isoUtc(Date.UTC(2026, 2, 16, 16, 30)) // => '2026-03-16T16:30:00Z'
 */
export function isoUtc(ms: number): string {
  if (ms % 1000 === 0 && ms >= FIRST && ms <= LAST) return `${isoSeconds(ms)}Z`;
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
