/**
 * Binary searches over times sorted ascending (an array built once per timeline and variable): each window
 * of a screening is two searches instead of a scan of the variable's results.
 */

/** First index (below `n`, default all) whose time is >= t. */
export function firstAtOrAfter(times: ArrayLike<number>, t: number, n = times.length): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] ?? Infinity) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index (below `n`, default all) whose time is > t. */
export function firstAfter(times: ArrayLike<number>, t: number, n = times.length): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] ?? Infinity) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The index range [lo, hi) of the times in [from, to] (or [from, to) when `closedEnd` is false), the window
 * cut at `at` (a window reaching past `at` ends at `at` included), among the first `n`. Bounds must not be NaN.
 */
export function windowRange(
  times: ArrayLike<number>,
  from: number,
  to: number,
  closedEnd: boolean,
  at: number,
  n = times.length,
): { readonly lo: number; readonly hi: number } {
  const cut = to > at;
  const lo = firstAtOrAfter(times, from, n);
  const hi = cut || closedEnd ? firstAfter(times, cut ? at : to, n) : firstAtOrAfter(times, to, n);
  return { lo, hi: Math.max(lo, hi) };
}

/**
 * A variable's results known at a screening instant, sorted by time: the first `length` entries of
 * `records` and `times` (which may be longer: shared with the timeline's index).
 */
export interface ObservationSeries<T> {
  readonly records: readonly T[];
  /**
   * The records' times. Plain arrays of numbers where they are built (kept on the heap: typed arrays over 64
   * bytes are allocated outside it, about 1 µs each, and their external memory triggers full collections).
   */
  readonly times: ArrayLike<number>;
  /**
   * Each record's value (NaN when it has none), so that loops over a window read a contiguous array
   * instead of one record object per result. Optional: without it, loops read the records.
   */
  readonly values?: ArrayLike<number>;
  readonly length: number;
}

/** The value array of records (NaN for a record without a value), for `ObservationSeries.values`. */
export function valuesOf(records: readonly { readonly value?: number | undefined }[]): number[] {
  return records.map((o) => o.value ?? NaN);
}

/** The time array of records, for `ObservationSeries.times`. */
export function timesOf(records: readonly { readonly time: number }[]): number[] {
  return records.map((o) => o.time);
}
