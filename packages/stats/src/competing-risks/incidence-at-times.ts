import type { CumulativeIncidenceCurve } from './cumulative-incidence.js';

/** A cumulative incidence curve read at requested times. */
export interface IncidenceAtTimes {
  readonly time: readonly number[];
  readonly estimate: readonly number[];
  readonly variance: readonly number[];
  readonly stdErr: readonly number[];
}

/**
 * Reads a cumulative incidence curve at given times as `cmprsk::timepoints` does: the value at the
 * last event time <= t (0 before the first), and NaN (R's NA) after the group's last follow-up time.
 * @param curve - From {@link cumulativeIncidence}.
 * @param times - Times in the data's unit, in the order wanted.
 * @throws RangeError if a time is not finite.
 * @example cumulativeIncidenceAt(cumulativeIncidence([1, 2, 3, 4], [1, 2, 1, 0]).curves[0], [2.5]).estimate // => [0.25]
 */
export function cumulativeIncidenceAt(
  curve: CumulativeIncidenceCurve,
  times: readonly number[],
): IncidenceAtTimes {
  const estimate: number[] = [];
  const variance: number[] = [];
  const stdErr: number[] = [];
  times.forEach((t, i) => {
    if (!Number.isFinite(t)) throw new RangeError(`times[${i}] is not a finite number (${t})`);
    if (t > curve.lastTime) {
      estimate.push(Number.NaN);
      variance.push(Number.NaN);
      stdErr.push(Number.NaN);
      return;
    }
    let lo = 0;
    let hi = curve.time.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((curve.time[mid] ?? 0) <= t) lo = mid + 1;
      else hi = mid;
    }
    estimate.push(lo === 0 ? 0 : (curve.estimate[lo - 1] ?? Number.NaN));
    variance.push(lo === 0 ? 0 : (curve.variance[lo - 1] ?? Number.NaN));
    stdErr.push(lo === 0 ? 0 : (curve.stdErr[lo - 1] ?? Number.NaN));
  });
  return { time: [...times], estimate, variance, stdErr };
}
