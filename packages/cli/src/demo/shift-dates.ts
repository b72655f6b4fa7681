const DAY_MS = 86_400_000;
/** A FHIR date or dateTime: the calendar date, then an optional time with its offset. */
const FHIR_DATE = /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/**
 * Moves a FHIR date or dateTime by whole days, keeping its clock time and written offset (so local dates
 * and times of day stay what the twin wrote). Other text is returned unchanged.
 * @param text - A value of a bundle.
 * @param days - Whole days, negative for earlier.
 * @example shiftDateText('2026-01-10T11:37:00+01:00', 3) // => '2026-01-13T11:37:00+01:00'
 */
export function shiftDateText(text: string, days: number): string {
  const m = FHIR_DATE.exec(text);
  const date = m?.[1];
  if (m === null || date === undefined) return text;
  const shifted = new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
  return `${shifted}${m[2] ?? ''}`;
}

/**
 * A copy of a JSON value (a FHIR bundle) with every date and dateTime moved by whole days: a virtual
 * patient admitted in January 2026 becomes one admitted `days` later, every record in step.
 * @param value - Parsed JSON.
 * @param days - Whole days.
 */
export function shiftDates(value: unknown, days: number): unknown {
  if (typeof value === 'string') return shiftDateText(value, days);
  if (Array.isArray(value)) return value.map((v) => shiftDates(v, days));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shiftDates(v, days)]));
  return value;
}
