import { MINUTE_MS, type Instant, type LocalDate } from '@immunotrial/core';

/**
 * A FHIR `dateTime`/`instant`/`date` as written: an instant with its written UTC offset, or a (possibly
 * partial) calendar date that means local midnight and is resolved once the patient's zone is known.
 */
export type FhirTime =
  | { readonly kind: 'instant'; readonly instant: Instant; readonly offsetMinutes: number }
  | { readonly kind: 'date'; readonly date: LocalDate };

const DATE_TIME =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/**
 * Parses a FHIR date, dateTime or instant. A date (`2026-03-11`) or partial date (`2026-03`, `2026`: the
 * first day) is a local date; a time must carry its UTC offset (FHIR R4 §2.24.0.1: "if hours and minutes
 * are specified, a time zone SHALL be populated"). Seconds may be left out.
 * @returns undefined when the text is not a FHIR date/dateTime (the caller reports the field).
 * @example parseFhirDateTime('2026-03-11T01:40:00+01:00') // => { kind: 'instant', instant: 1773189600000, offsetMinutes: 60 }
 * @example parseFhirDateTime('2026-03-10') // => { kind: 'date', date: '2026-03-10' }
 */
export function parseFhirDateTime(text: string): FhirTime | undefined {
  // Fast path for the common full form `YYYY-MM-DDThh:mm:ss±hh:mm` (25 characters).
  if (text.length === 25) {
    const fast = parseFullDateTime(text);
    if (fast !== undefined) return fast;
  }
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = m[2] === undefined ? 1 : Number(m[2]);
  const day = m[3] === undefined ? 1 : Number(m[3]);
  if (month < 1 || month > 12) return undefined;
  const maxDay = month === 2 && !isLeap(year) ? 28 : (DAYS_IN_MONTH[month - 1] ?? 31);
  if (day < 1 || day > maxDay) return undefined;
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (m[4] === undefined) return { kind: 'date', date: `${m[1] ?? ''}-${pad(month)}-${pad(day)}` };
  const zone = m[8];
  if (zone === undefined) return undefined;
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  const ms = m[7] === undefined ? 0 : Math.round(Number(`0.${m[7]}`) * 1000);
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 14 || om > 59) return undefined;
    offsetMinutes = sign * (oh * 60 + om);
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), ms);
  return { kind: 'instant', instant: utc - offsetMinutes * MINUTE_MS, offsetMinutes };
}

function digits(text: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** `YYYY-MM-DDThh:mm:ss±hh:mm` without a regular expression; undefined sends the text to the full parser. */
function parseFullDateTime(text: string): FhirTime | undefined {
  const sign = text.charCodeAt(19);
  if (
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 ||
    text.charCodeAt(13) !== 58 ||
    text.charCodeAt(16) !== 58 ||
    (sign !== 43 && sign !== 45) ||
    text.charCodeAt(22) !== 58
  ) {
    return undefined;
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  const oh = digits(text, 20, 2);
  const om = digits(text, 23, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
    return undefined;
  }
  if (second < 0 || second > 59 || oh < 0 || oh > 14 || om < 0 || om > 59) return undefined;
  const maxDay = month === 2 && !isLeap(year) ? 28 : (DAYS_IN_MONTH[month - 1] ?? 31);
  if (day > maxDay) return undefined;
  const offsetMinutes = (sign === 45 ? -1 : 1) * (oh * 60 + om);
  const instant = Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * MINUTE_MS;
  return { kind: 'instant', instant, offsetMinutes };
}

/** What a valid FHIR dateTime looks like, for messages. */
export const DATE_TIME_EXPECTED =
  'expected a FHIR dateTime (YYYY-MM-DD, or YYYY-MM-DDThh:mm:ss with Z or a ±hh:mm offset)';
