import type { DayWindow } from '../protocol/quantity-schema.js';
import type { Instant } from '../time/duration.js';
import { daysBetween, localDateOf, type Zone } from '../time/zone.js';

/** A value measured on a day (a daily SOFA, a lymphocyte count, an mHLA-DR). */
export interface DayValue {
  /** Day number in the caller's numbering (see `dayNumberOf`). */
  readonly day: number;
  readonly value: number;
}

/**
 * The day number of an instant: whole local calendar days since the local date of the origin (the origin's
 * date is day 0). With the randomization as origin, "death by day 28" is `dayNumberOf(death) <= 28`.
 * @param instant - The event.
 * @param origin - Time zero (randomization, first dose, ICU admission).
 * @param zone - The site's zone.
 * @example dayNumberOf(Date.UTC(2026, 2, 12, 1), Date.UTC(2026, 2, 10, 23), UTC) // => 2
 */
export function dayNumberOf(instant: Instant, origin: Instant, zone: Zone): number {
  return daysBetween(localDateOf(origin, zone), localDateOf(instant, zone));
}

/**
 * The measurement closest to `day` within its window (`day - before` .. `day + after`); on a tie, the
 * earlier one. Undefined when none falls in the window.
 * @example measurementNear([{ day: 9, value: 1 }, { day: 11, value: 2 }], 10, { before: 1, after: 1 }) // => { day: 9, value: 1 }
 */
export function measurementNear(
  values: readonly DayValue[],
  day: number,
  window: DayWindow,
): DayValue | undefined {
  let best: DayValue | undefined;
  for (const v of values) {
    if (v.day < day - window.before || v.day > day + window.after) continue;
    const d = Math.abs(v.day - day);
    const bestD = best === undefined ? Infinity : Math.abs(best.day - day);
    if (d < bestD || (d === bestD && best !== undefined && v.day < best.day)) best = v;
  }
  return best;
}
