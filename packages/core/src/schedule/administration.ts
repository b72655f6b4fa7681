import { MINUTE_MS, type Instant } from '../time/duration.js';
import type { PlannedDose } from './dosing-calendar.js';

/** How a recorded administration relates to its planned dose. */
export interface AdministrationClass {
  /** `out_of_window` is a protocol deviation. */
  readonly status: 'on_time' | 'out_of_window';
  /** Given minus planned, in minutes (negative: early). */
  readonly offsetMinutes: number;
  /** For an out-of-window dose: before the window opened or after it closed. */
  readonly deviation: 'early' | 'late' | null;
}

/**
 * Classifies an administration against its planned dose: on time inside the window (bounds included),
 * otherwise out of window, early or late.
 * @param planned - From `buildDosingCalendar`.
 * @param givenAt - When the dose was given.
 * @example classifyAdministration(dose, dose.plannedAt + 90 * 60_000) // => { status: 'out_of_window', offsetMinutes: 90, deviation: 'late' } with a +/- 1 h window
 */
export function classifyAdministration(planned: PlannedDose, givenAt: Instant): AdministrationClass {
  const offsetMinutes = (givenAt - planned.plannedAt) / MINUTE_MS;
  if (givenAt < planned.window.earliest)
    return { status: 'out_of_window', offsetMinutes, deviation: 'early' };
  if (givenAt > planned.window.latest) return { status: 'out_of_window', offsetMinutes, deviation: 'late' };
  return { status: 'on_time', offsetMinutes, deviation: null };
}

/**
 * State of a planned dose at an instant.
 * - `upcoming`: the window has not opened; `due`: it is open and nothing is recorded;
 * - `missed`: it has closed and nothing is recorded (a protocol deviation);
 * - `on_time` / `out_of_window`: given, classified by `classifyAdministration`.
 */
export type DoseState = 'upcoming' | 'due' | 'missed' | 'on_time' | 'out_of_window';

/**
 * The state of a planned dose at `at`.
 * @param planned - From `buildDosingCalendar`.
 * @param givenAt - When it was given, or undefined if no administration is recorded.
 * @param at - The instant of the question (the server's clock, passed in).
 * @example doseStateAt(dose, undefined, dose.window.latest + 1) // => 'missed'
 */
export function doseStateAt(planned: PlannedDose, givenAt: Instant | undefined, at: Instant): DoseState {
  if (givenAt !== undefined) return classifyAdministration(planned, givenAt).status;
  if (at < planned.window.earliest) return 'upcoming';
  return at <= planned.window.latest ? 'due' : 'missed';
}

/**
 * The planned doses whose window closed before `at` with nothing recorded: missed doses to raise as
 * protocol deviations. A dose recorded as held (with a reason) counts as recorded.
 * @param calendar - From `buildDosingCalendar`.
 * @param recordedIds - Ids of the planned doses with any administration record (given, held, missed).
 * @param at - The instant of the check.
 * @example missedDosesAt(calendar, new Set(['ifn-gamma-sc#1']), d1 + 3 * DAY_MS).map((d) => d.id) // => ['ifn-gamma-sc#2']
 */
export function missedDosesAt(
  calendar: readonly PlannedDose[],
  recordedIds: ReadonlySet<string>,
  at: Instant,
): PlannedDose[] {
  return calendar.filter((d) => d.window.latest < at && !recordedIds.has(d.id));
}
