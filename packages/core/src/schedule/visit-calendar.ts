import { TrialError } from '../errors.js';
import { isAssumed, valueOf } from '../protocol/assumed.js';
import type { Visit } from '../protocol/schedule-schema.js';
import type { Instant } from '../time/duration.js';
import { addDays, daysBetween, localDateOf, type LocalDate, type Zone } from '../time/zone.js';
import { studyDayOf } from './dosing-calendar.js';

/** One planned visit (or one occurrence of a repeated visit). */
export interface PlannedVisit {
  /** The visit id, with `@day` for a repeated visit: `daily@4`. */
  readonly id: string;
  readonly visit: string;
  readonly label: string | undefined;
  /** 1-based occurrence of a repeated visit (1 for a single visit). */
  readonly occurrence: number;
  /** Study day: 1 = the local date of D1. */
  readonly studyDay: number;
  readonly date: LocalDate;
  /** First and last local dates still on time. */
  readonly window: { readonly from: LocalDate; readonly to: LocalDate; readonly assumed: boolean };
  readonly assessments: readonly string[];
  /**
   * True for occurrences of a visit repeated until an event (ICU or hospital discharge, last dose) that
   * has not happened yet: planned up to `openEndedThroughDay`, to be dropped once the event is known.
   */
  readonly provisional: boolean;
}

export interface VisitCalendarOptions {
  readonly icuDischargeAt?: Instant;
  readonly hospitalDischargeAt?: Instant;
  readonly lastDoseAt?: Instant;
  /** Last study day for repeats whose end event is unknown; default the latest single visit's day. */
  readonly openEndedThroughDay?: number;
  /** No visit is planned on a local date after this instant's (death, withdrawal of consent). */
  readonly stopAt?: Instant;
}

/**
 * A participant's visit calendar from D1: every visit on its study day (1 = the local date of D1) with
 * its window in days (none: the day itself), and repeated visits (`repeat: every_days until ...`) on
 * each day from `day` to the end: a fixed `until_day`, or the study day of ICU discharge, hospital
 * discharge or the last dose when known, else provisional up to `openEndedThroughDay`.
 * @param visits - The protocol's visits.
 * @param d1 - Instant of the first dose.
 * @param zone - The site's zone.
 * @param options - End events and stop.
 * @returns Visits by study day (ties in protocol order).
 * @throws TrialError `schedule.visit` for `until: day` without `until_day`.
 * @example buildVisitCalendar(platinium.visits, d1, zone, { icuDischargeAt }).find((v) => v.visit === 'd10')?.studyDay // => 10
 */
export function buildVisitCalendar(
  visits: readonly Visit[],
  d1: Instant,
  zone: Zone,
  options: VisitCalendarOptions = {},
): PlannedVisit[] {
  const d1Date = localDateOf(d1, zone);
  const dayOf = (t: Instant | undefined): number | undefined =>
    t === undefined ? undefined : studyDayOf(t, d1, zone);
  const singleDays = visits.filter((v) => !v.repeat).map((v) => valueOf(v.day));
  const openEnd = options.openEndedThroughDay ?? Math.max(1, ...singleDays);
  const stopDay = dayOf(options.stopAt);
  const out: { v: PlannedVisit; order: number }[] = [];

  visits.forEach((v, order) => {
    const day = valueOf(v.day);
    const win = v.window === undefined ? { before: 0, after: 0 } : valueOf(v.window);
    const assumed = isAssumed(v.day) || (v.window !== undefined && isAssumed(v.window));
    const make = (studyDay: number, occurrence: number, provisional: boolean): PlannedVisit => {
      const date = addDays(d1Date, studyDay - 1);
      return {
        id: v.repeat ? `${v.id}@${studyDay}` : v.id,
        visit: v.id,
        label: v.label,
        occurrence,
        studyDay,
        date,
        window: { from: addDays(date, -win.before), to: addDays(date, win.after), assumed },
        assessments: v.assessments,
        provisional,
      };
    };
    if (!v.repeat) {
      out.push({ v: make(day, 1, false), order });
      return;
    }
    const r = v.repeat;
    let last: number | undefined;
    if (r.until === 'day') {
      if (r.until_day === undefined) {
        throw new TrialError(
          'schedule.visit',
          `visit "${v.id}": repeat until day needs until_day`,
          `visits.${v.id}.repeat`,
        );
      }
      last = r.until_day;
    } else {
      const event = {
        icu_discharge: options.icuDischargeAt,
        hospital_discharge: options.hospitalDischargeAt,
        last_dose: options.lastDoseAt,
      }[r.until];
      last = dayOf(event);
    }
    const provisional = last === undefined;
    const end = last ?? openEnd;
    for (let d = day, k = 1; d <= end; d += r.every_days, k++)
      out.push({ v: make(d, k, provisional), order });
  });

  return out
    .filter(({ v }) => stopDay === undefined || v.studyDay <= stopDay)
    .sort((a, b) => a.v.studyDay - b.v.studyDay || a.order - b.order)
    .map(({ v }) => v);
}

/**
 * Classifies a visit done on a local date: on time inside its window (bounds included), otherwise out
 * of window (a protocol deviation), with the signed distance in days from the planned date.
 * @example classifyVisit(d28, '2026-04-10') // => { status: 'on_time', offsetDays: 1 }
 */
export function classifyVisit(
  planned: PlannedVisit,
  doneOn: LocalDate,
): { readonly status: 'on_time' | 'out_of_window'; readonly offsetDays: number } {
  const offsetDays = daysBetween(planned.date, doneOn);
  const inside = doneOn >= planned.window.from && doneOn <= planned.window.to;
  return { status: inside ? 'on_time' : 'out_of_window', offsetDays };
}

/**
 * Visits whose window ended before `today` with nothing recorded. Provisional occurrences count: when the
 * end event is not known the participant is still, e.g., in the ICU, so past daily visits were due.
 * @param calendar - From `buildVisitCalendar`.
 * @param recordedIds - Ids of the planned visits with a record.
 * @param today - The site's local date.
 */
export function missedVisitsAt(
  calendar: readonly PlannedVisit[],
  recordedIds: ReadonlySet<string>,
  today: LocalDate,
): PlannedVisit[] {
  return calendar.filter((v) => v.window.to < today && !recordedIds.has(v.id));
}
