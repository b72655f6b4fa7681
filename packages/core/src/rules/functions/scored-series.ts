import type { ObservationSeries } from '../../timeline/sorted-times.js';
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

/** Per record of a series: its points (NaN: not scored yet; -Infinity: rejected) and its severity. */
interface Scored {
  readonly points: Float64Array;
  readonly severity: Float64Array;
}

type Series = ObservationSeries<ObservationRecord>;

// Keyed by the series object, which a patient view builds once per variable and screening instant: every
// window of that screening scores each record at most once per scorer, and the cache goes with the view.
const SCORED = new WeakMap<Series, Map<Scorer, Scored>>();

function scoredOf(series: Series, scorer: Scorer): Scored {
  let byScorer = SCORED.get(series);
  if (byScorer === undefined) {
    byScorer = new Map();
    SCORED.set(series, byScorer);
  }
  let scored = byScorer.get(scorer);
  if (scored === undefined) {
    scored = { points: new Float64Array(series.length).fill(NaN), severity: new Float64Array(series.length) };
    byScorer.set(scorer, scored);
  }
  return scored;
}

/**
 * The index in [lo, hi) of the result scoring the most points; among equal points the most severe, then
 * the earliest. -1 when no result in the range scores. Each record is scored once per series and scorer.
 * @param series - Numeric results sorted by time; [lo, hi) must lie in its first `length` entries.
 */
export function worstIndex(series: Series, scorer: Scorer, lo: number, hi: number): number {
  if (lo >= hi) return -1;
  const { points, severity } = scoredOf(series, scorer);
  let found = -1;
  let best = -Infinity;
  let bestSeverity = -Infinity;
  for (let i = lo; i < hi; i++) {
    let p = points[i] ?? -Infinity;
    if (p !== p) {
      // Not scored yet (NaN): score it now, once.
      const v = series.records[i]?.value;
      const scoredPoints = v === undefined ? undefined : pointsOf(scorer.points, v);
      p = scoredPoints ?? -Infinity;
      points[i] = p;
      if (v !== undefined && scoredPoints !== undefined) severity[i] = scorer.severity(v);
    }
    if (p === -Infinity || p < best) continue;
    const s = severity[i] ?? NaN;
    if (p > best || s > bestSeverity) {
      found = i;
      best = p;
      bestSeverity = s;
    }
  }
  return found;
}

/** The points `worstIndex` found at index i (call only with an index it returned). */
export function scoredPoints(series: Series, scorer: Scorer, i: number): number {
  return scoredOf(series, scorer).points[i] ?? NaN;
}
