import type { KaplanMeierCurve } from './kaplan-meier.js';

/** A curve read at requested times, as `summary(fit, times = ...)` reports it. */
export interface SurvivalAtTimes {
  readonly group: string | undefined;
  /** The requested times, sorted (without those past the last follow-up unless `extend`). */
  readonly time: readonly number[];
  /** Number at risk at each time (those with follow-up >= t). */
  readonly nRisk: readonly number[];
  /** Events and censorings since the previous requested time (or since the start). */
  readonly nEvent: readonly number[];
  readonly nCensor: readonly number[];
  readonly surv: readonly number[];
  /** Standard error of S itself (summary's scale: S times the Greenwood SE of -log S). */
  readonly stdErr: readonly number[];
  readonly lower: readonly number[];
  readonly upper: readonly number[];
}

/**
 * Reads a Kaplan-Meier curve at given times with `summary.survfit(fit, times, extend)` semantics:
 * S is the value at the last observed time <= t (1 before the first), the number at risk counts
 * rows followed to >= t, and events and censorings are counted over (previous requested time, t].
 * @param curve - From {@link kaplanMeier}.
 * @param times - Times to read (same unit as the data; any order).
 * @param extend - Keep times past the last follow-up time (R's `extend = TRUE`), default false.
 * @throws RangeError if a requested time is not finite.
 * @example survivalAtTimes(kaplanMeier([1, 2, 3, 4], [1, 1, 0, 1]).curves[0], [2]).surv // => [0.5]
 */
export function survivalAtTimes(
  curve: KaplanMeierCurve,
  times: readonly number[],
  extend = false,
): SurvivalAtTimes {
  times.forEach((t, i) => {
    if (!Number.isFinite(t)) throw new RangeError(`times[${i}] is not a finite number (${t})`);
  });
  // survfit0: a row at time 0 with S = 1 in front of the curve, unless the curve starts at 0.
  const startsAtZero = curve.time[0] === 0;
  const prepend = <T>(values: readonly T[], first: T): readonly T[] =>
    startsAtZero ? values : [first, ...values];
  const time = prepend(curve.time, 0);
  const nRisk = prepend(curve.nRisk, curve.nRisk[0] ?? 0);
  const surv = prepend(curve.surv, 1);
  const stdErr = prepend(curve.stdErr, 0);
  const lower = prepend(curve.lower, 1);
  const upper = prepend(curve.upper, 1);
  const cumEvent = cumulative(prepend(curve.nEvent, 0));
  const cumCensor = cumulative(prepend(curve.nCensor, 0));
  const maxTime = time[time.length - 1] ?? 0;
  const wanted = [...times].sort((a, b) => a - b).filter((t) => extend || t <= maxTime);
  const out: Omit<SurvivalAtTimes, 'group'> & Record<Exclude<keyof SurvivalAtTimes, 'group'>, number[]> = {
    time: wanted,
    nRisk: [],
    nEvent: [],
    nCensor: [],
    surv: [],
    stdErr: [],
    lower: [],
    upper: [],
  };
  let previousEvents = 0;
  let previousCensored = 0;
  for (const t of wanted) {
    const atOrBefore = countAtMost(time, t); // R's findInterval(t, time)
    const before = countBelow(time, t);
    const row = Math.max(atOrBefore, 1) - 1;
    const s = surv[row] ?? Number.NaN;
    out.surv.push(s);
    out.stdErr.push((stdErr[row] ?? Number.NaN) * s);
    out.lower.push(lower[row] ?? Number.NaN);
    out.upper.push(upper[row] ?? Number.NaN);
    out.nRisk.push(nRisk[before] ?? 0);
    const events = atOrBefore === 0 ? 0 : (cumEvent[atOrBefore - 1] ?? 0);
    const censored = atOrBefore === 0 ? 0 : (cumCensor[atOrBefore - 1] ?? 0);
    out.nEvent.push(events - previousEvents);
    out.nCensor.push(censored - previousCensored);
    previousEvents = events;
    previousCensored = censored;
  }
  return { group: curve.group, ...out };
}

function cumulative(values: readonly number[]): number[] {
  let sum = 0;
  return values.map((v) => (sum += v));
}

/** Number of sorted values <= t. */
function countAtMost(sorted: readonly number[], t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Number of sorted values < t. */
function countBelow(sorted: readonly number[], t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
