import type { ObservationRecord } from '../../timeline/types.js';
import { CitedEvidence, pointsOf } from './score-helpers.js';

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

/**
 * The points each result of a series scores with one scorer (NaN: no value, or the component rejects it),
 * computed once per records array and kept while that array lives. A view's series is usually a prefix of
 * its timeline's (the same records array), so every later screening of the timeline reuses the column;
 * a filtered copy gets its own column. Points depend on the value alone, never on the screening instant.
 */
export class PointsColumns {
  static #count = 0;
  readonly scorer: Scorer;
  /** A small number per instance, for per-view tables indexed by component (SofaInputs). */
  readonly slot = PointsColumns.#count++;
  // Keyed by the records array: a column dies with its series.
  readonly #byRecords = new WeakMap<readonly ObservationRecord[], ScoredColumn>();

  constructor(scorer: Scorer) {
    this.scorer = scorer;
  }

  /** The column of `records` (values: the records' values, NaN for none, or undefined). */
  of(records: readonly ObservationRecord[], values: ArrayLike<number> | undefined): ScoredColumn {
    let column = this.#byRecords.get(records);
    if (column === undefined) {
      column = new ScoredColumn(pointsColumn(records, values, this.scorer));
      this.#byRecords.set(records, column);
    }
    return column;
  }
}

/** A series's points with one scorer, and the evidence of the results cited (kept with the column). */
export class ScoredColumn {
  readonly points: readonly number[];
  readonly cited = new CitedEvidence();

  constructor(points: readonly number[]) {
    this.points = points;
  }
}

/** Each record's points with a scorer, NaN when it has no value or the component rejects it. */
export function pointsColumn(
  records: readonly ObservationRecord[],
  values: ArrayLike<number> | undefined,
  scorer: Scorer,
): number[] {
  const column: number[] = [];
  for (let i = 0; i < records.length; i++) {
    const v = valueAt(records, values, i);
    column.push(v === undefined ? NaN : (pointsOf(scorer.points, v) ?? NaN));
  }
  return column;
}

/** A record's value as worstIndex reads it: the value array first, the record when that says NaN. */
function valueAt(
  records: readonly ObservationRecord[],
  values: ArrayLike<number> | undefined,
  i: number,
): number | undefined {
  const v = values === undefined ? NaN : (values[i] ?? NaN);
  return v === v ? v : records[i]?.value;
}

/**
 * `worstIndex` over a points column (`PointsColumns.of`): the same index, without scoring a value again.
 * Only results scoring at least the best so far read their value, for the severity.
 */
export function worstIndexInColumn(
  points: readonly number[],
  records: readonly ObservationRecord[],
  values: ArrayLike<number> | undefined,
  severity: (value: number) => number,
  lo: number,
  hi: number,
): number {
  let found = -1;
  let best = -Infinity;
  let bestSeverity = -Infinity;
  for (let i = lo; i < hi; i++) {
    const p = points[i] ?? NaN;
    // NaN (no points) fails this test too.
    if (!(p >= best)) continue;
    const s = severity(valueAt(records, values, i) ?? NaN);
    if (p > best || s > bestSeverity) {
      found = i;
      best = p;
      bestSeverity = s;
    }
  }
  return found;
}
