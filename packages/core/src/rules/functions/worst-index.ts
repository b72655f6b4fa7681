import type { ObservationRecord } from '../../timeline/types.js';
import { pointsOf } from './score-helpers.js';

/**
 * How a score component reads one variable: the points of a value (null or a thrown TrialError when the
 * component rejects it) and, among values scoring the same points, which is worse (higher = worse).
 */
export interface Scorer {
  readonly points: (value: number) => number | null;
  readonly severity: (value: number) => number;
}

/**
 * The index in [lo, hi) of the result scoring the most points; among equal points the most severe, then
 * the earliest. -1 when no result in the range scores. A tight loop without allocation over the values
 * (contiguous, when the series has them): it runs for every organ of every window of every patient.
 * @param records - Results sorted by time (a view's series); [lo, hi) the window's range in it.
 * @param values - The records' values, NaN for none (`ObservationSeries.values`), or undefined.
 */
export function worstIndex(
  records: readonly ObservationRecord[],
  values: ArrayLike<number> | undefined,
  scorer: Scorer,
  lo: number,
  hi: number,
): number {
  let found = -1;
  let best = -Infinity;
  let bestSeverity = -Infinity;
  for (let i = lo; i < hi; i++) {
    let v: number | undefined = values === undefined ? NaN : (values[i] ?? NaN);
    // NaN: no value, or a value the array cannot tell from none: read the record.
    if (v !== v) v = records[i]?.value;
    if (v === undefined) continue;
    const p = pointsOf(scorer.points, v);
    if (p === undefined || p < best) continue;
    const s = scorer.severity(v);
    if (p > best || s > bestSeverity) {
      found = i;
      best = p;
      bestSeverity = s;
    }
  }
  return found;
}
