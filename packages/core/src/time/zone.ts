import { TrialError } from '../errors.js';
import { DAY_MS, MINUTE_MS, type Instant } from './duration.js';
import { isoSeconds } from './iso-text.js';

/**
 * How local dates are read (FHIR-PROFILE.md §1): the UTC offset of T_icu, or an IANA zone given by the
 * caller (`--tz Europe/Paris`), which then applies to every local date and day.
 */
export type Zone =
  { readonly kind: 'offset'; readonly minutes: number } | { readonly kind: 'iana'; readonly name: string };

/** A local calendar date, `YYYY-MM-DD`. */
export type LocalDate = string;

export const UTC: Zone = { kind: 'offset', minutes: 0 };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(name: string): Intl.DateTimeFormat {
  let f = formatters.get(name);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: name,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch (cause) {
      throw new TrialError(
        'zone.unknown',
        `unknown time zone "${name}": expected an IANA name such as Europe/Paris`,
        'tz',
        { cause },
      );
    }
    formatters.set(name, f);
  }
  return f;
}

/** Checks that an IANA zone name is known. @throws TrialError `zone.unknown` */
export function ianaZone(name: string): Zone {
  formatterFor(name);
  return { kind: 'iana', name };
}

/** UTC offset in minutes of `zone` at `instant`. @example offsetMinutesAt(0, { kind: 'offset', minutes: 60 }) // => 60 */
export function offsetMinutesAt(instant: Instant, zone: Zone): number {
  if (zone.kind === 'offset') return zone.minutes;
  const parts = formatterFor(zone.name).formatToParts(new Date(instant));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? '0');
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / MINUTE_MS);
}

/** The local date of an instant. @example localDateOf(Date.UTC(2026, 2, 10, 23, 30), { kind: 'offset', minutes: 60 }) // => '2026-03-11' */
export function localDateOf(instant: Instant, zone: Zone): LocalDate {
  const shifted = new Date(instant + offsetMinutesAt(instant, zone) * MINUTE_MS);
  return shifted.toISOString().slice(0, 10);
}

/**
 * Local days as integers: day n is the local date whose UTC calendar twin starts at n x 24 h after the
 * epoch (so `localDayLabel(n)` is the date). Arithmetic on numbers instead of date strings: the daily-dose
 * loops run for every patient on every steroid exposure day.
 */
export function localDayIndex(t: Instant, zone: Zone): number {
  const offset = zone.kind === 'offset' ? zone.minutes : offsetMinutesAt(t, zone);
  return Math.floor((t + offset * MINUTE_MS) / DAY_MS);
}

/** The instant of local midnight starting local day `day`. */
export function localDayStart(day: number, zone: Zone): Instant {
  if (zone.kind === 'offset') return day * DAY_MS - zone.minutes * MINUTE_MS;
  return startOfLocalDate(localDayLabel(day), zone);
}

/** The local date of local day `day`. @example localDayLabel(20522) // => '2026-03-09' */
export function localDayLabel(day: number): LocalDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The instant of local midnight starting `date`. */
export function startOfLocalDate(date: LocalDate, zone: Zone): Instant {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  if (zone.kind === 'offset') return utcMidnight - zone.minutes * MINUTE_MS;
  // The offset at local midnight can differ from the offset at UTC midnight around a DST change: iterate once.
  const guess = utcMidnight - offsetMinutesAt(utcMidnight, zone) * MINUTE_MS;
  return utcMidnight - offsetMinutesAt(guess, zone) * MINUTE_MS;
}

/** Adds whole calendar days to a local date. @example addDays('2026-03-11', 5) // => '2026-03-16' */
export function addDays(date: LocalDate, n: number): LocalDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole calendar days from `a` to `b`. @example daysBetween('2026-03-11', '2026-03-16') // => 5 */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/**
 * An instant written with the zone's UTC offset, as people at the bedside read it.
 * @example formatInstant(Date.UTC(2026, 2, 16, 16, 30), { kind: 'offset', minutes: 60 }) // => '2026-03-16T17:30:00+01:00'
 */
export function formatInstant(instant: Instant, zone: Zone): string {
  const offset = offsetMinutesAt(instant, zone);
  const local = isoSeconds(instant + offset * MINUTE_MS);
  if (offset === 0) return `${local}Z`;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
