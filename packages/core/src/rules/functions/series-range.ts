import type { Instant } from '../../time/duration.js';
import { timesOf, valuesOf } from '../../timeline/sorted-times.js';
import type { ObservationRecord } from '../../timeline/types.js';
import type { VariableId } from '../../variables/registry.js';
import type { EvalContext } from '../types.js';
import { hasNaNBound, scannedRecords, seriesAt } from './score-helpers.js';

/**
 * The results of a variable in a window, cut at T_scr, as the index range [lo, hi) of its series' arrays:
 * `numericRange` (score-helpers) with the time array too, so that a scan reads `times` and `values` and
 * touches a record object only for what it cites.
 */
export interface SeriesRange {
  readonly records: readonly ObservationRecord[];
  readonly times: ArrayLike<number>;
  /** Each record's value, NaN for none (or a NaN value). */
  readonly values: ArrayLike<number>;
  readonly lo: number;
  readonly hi: number;
}

const EMPTY: SeriesRange = { records: [], times: [], values: [], lo: 0, hi: 0 };

/**
 * The numeric (or all) results of a variable in [from, to] (or [from, to)), cut at T_scr; numeric ones
 * exclude GCS under sedation (FHIR-PROFILE.md §3). No copy, except for NaN bounds or a series without a
 * value array (then built here: no binary search is defined on NaN).
 */
export function seriesRange(
  ctx: EvalContext,
  variable: VariableId,
  from: Instant,
  to: Instant,
  closedEnd: boolean,
  numeric = true,
): SeriesRange {
  if (hasNaNBound(ctx, from, to)) {
    const records = scannedRecords(ctx, variable, from, to, closedEnd, numeric);
    return { records, times: timesOf(records), values: valuesOf(records), lo: 0, hi: records.length };
  }
  const s = seriesAt(ctx, variable, numeric);
  if (s.length === 0) return EMPTY;
  // As windowRange (sorted-times), searched from the end (see countUpTo).
  const n = s.length;
  const cut = to > ctx.at;
  const lo = countUpTo(s.times, from, n, false);
  const hi = countUpTo(s.times, cut ? ctx.at : to, n, cut || closedEnd);
  return {
    records: s.records,
    times: s.times,
    values: s.values ?? valuesOf(s.records),
    lo,
    hi: hi > lo ? hi : lo,
  };
}

/**
 * How many of the first `n` times (sorted ascending) are <= t (`inclusive`) or < t: firstAfter or firstAtOrAfter
 * of sorted-times, found by galloping down from the end and then a binary search in the last step. A screening's
 * windows end at or near T_scr, the end of each series, so the probes stay in the few cache lines of the window
 * itself instead of halving a cold array from its middle (a fresh patient's arrays are out of cache: each
 * probe of a binary search is a miss).
 * @example countUpTo([1, 2, 2, 3], 2, 4, true) // => 3
 */
export function countUpTo(times: ArrayLike<number>, t: number, n: number, inclusive: boolean): number {
  // Invariant: times[hi] is after t (or hi = n); times[probe] is not after t (or probe < 0).
  let hi = n;
  let step = 1;
  let probe = n - 1;
  while (probe >= 0) {
    const x = times[probe] ?? Infinity;
    if (inclusive ? x <= t : x < t) break;
    hi = probe;
    step *= 2;
    probe = hi - step;
  }
  let a = probe < 0 ? 0 : probe + 1;
  let b = hi;
  while (a < b) {
    const mid = (a + b) >>> 1;
    const x = times[mid] ?? Infinity;
    if (inclusive ? x <= t : x < t) a = mid + 1;
    else b = mid;
  }
  return a;
}

/**
 * The value of result i of a range: its entry in `values`, or the record's own value when the array holds NaN
 * there (no value, or a NaN value); NaN when it has none.
 */
export function valueAt(r: SeriesRange, i: number): number {
  const v = r.values[i] ?? NaN;
  return v === v ? v : (r.records[i]?.value ?? NaN);
}
