// Instants are stored and sent in UTC (ISO-8601); people read them in the site's time zone.

/** The zone used when a site has none on record: the browser's own. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * An instant as a person at the site reads it, with the zone's abbreviation.
 * @param iso - ISO-8601 instant (UTC or with an offset).
 * @param timeZone - IANA zone of the site.
 * @example formatDateTime('2026-03-17T09:00:00Z', 'Europe/Paris') // => '17 Mar 2026, 10:00 CET'
 */
export function formatDateTime(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(date);
}

/**
 * A calendar date (`YYYY-MM-DD`, no zone) written for people.
 * @example formatDate('2026-03-17') // => '17 Mar 2026'
 */
export function formatDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const utc = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(utc);
}

/**
 * The UTC instant of a wall-clock time at a site (what a `datetime-local` field gives), found by correcting for
 * the zone's offset at that moment (twice, so that a time near a DST change settles).
 * @param local - `YYYY-MM-DDTHH:mm` as typed at the site.
 * @param timeZone - IANA zone of the site.
 * @returns ISO-8601 UTC instant, or undefined when `local` is not a wall-clock time.
 * @example localToUtc('2026-03-17T10:00', 'Europe/Paris') // => '2026-03-17T09:00:00.000Z'
 */
export function localToUtc(local: string, timeZone: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return undefined;
  const [y, mo, d, h, mi] = match.slice(1).map(Number);
  if (y === undefined || mo === undefined || d === undefined || h === undefined || mi === undefined)
    return undefined;
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  let guess = wall;
  for (let i = 0; i < 2; i++) guess = wall - offsetMs(guess, timeZone);
  return new Date(guess).toISOString();
}

/**
 * The wall-clock time at a site of a UTC instant, as a `datetime-local` field wants it.
 * @example utcToLocal('2026-03-17T09:00:00Z', 'Europe/Paris') // => '2026-03-17T10:00'
 */
export function utcToLocal(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  return new Date(ms + offsetMs(ms, timeZone)).toISOString().slice(0, 16);
}

/**
 * The calendar date at a site at an instant: "today" there, which may differ from the browser's date.
 * @param instantMs - The instant, in milliseconds since the epoch.
 * @param timeZone - IANA zone of the site.
 * @example dateInZone(Date.parse('2026-03-17T23:30:00Z'), 'Europe/Paris') // => '2026-03-18'
 */
export function dateInZone(instantMs: number, timeZone: string): string {
  return new Date(instantMs + offsetMs(instantMs, timeZone)).toISOString().slice(0, 10);
}

/** The zone's offset from UTC at an instant, in milliseconds (positive east of Greenwich). */
function offsetMs(instantMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instantMs));
  const get = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}
