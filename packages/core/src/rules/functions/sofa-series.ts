import type { ObservationRecord } from '../../timeline/types.js';
import { windowRange } from '../../timeline/sorted-times.js';
import type { VariableId } from '../../variables/registry.js';
import type { EvalContext } from '../types.js';
import { CitedEvidence, type ScoreWindow, seriesAt } from './score-helpers.js';
import { type PointsColumns, pointsColumn } from './worst-index.js';

/**
 * The results of one variable in a SOFA window with the points each scores: indexes [lo, hi) of `records`
 * (a view's series, shared with the timeline's index) and of the columns read beside them.
 */
export interface ScoredRange {
  readonly records: readonly ObservationRecord[];
  readonly times: ArrayLike<number>;
  /** The records' values (NaN: none), or undefined: read the records. */
  readonly values: ArrayLike<number> | undefined;
  /** Points per record (NaN: none), from `PointsColumns.of`. */
  readonly points: readonly number[];
  /** The evidence of the records cited, by index (kept with the column). */
  readonly cited: CitedEvidence;
  readonly lo: number;
  readonly hi: number;
}

const NO_RECORDS: readonly ObservationRecord[] = [];
const EMPTY: ScoredRange = {
  records: NO_RECORDS,
  times: [],
  values: undefined,
  points: [],
  cited: new CitedEvidence(),
  lo: 0,
  hi: 0,
};

/** Does the window or the screening instant have a NaN bound (then series are filtered copies, as numericRange)? */
export function hasNaNBound(ctx: EvalContext, w: ScoreWindow): boolean {
  return Number.isNaN(w.from) || Number.isNaN(w.to) || Number.isNaN(ctx.at);
}

/** A variable's series at T_scr with one component's column (points and cited evidence). */
interface ScoredSeries {
  readonly records: readonly ObservationRecord[];
  readonly times: ArrayLike<number>;
  readonly values: ArrayLike<number> | undefined;
  readonly length: number;
  readonly points: readonly number[];
  readonly cited: CitedEvidence;
}

/**
 * What the SOFA windows of one view read, resolved once per view and component: every window then finds
 * its series and column by the component's slot, without a lookup per variable and window.
 */
export class SofaInputs {
  readonly #bySlot: (ScoredSeries | undefined)[] = [];

  series(ctx: EvalContext, variable: VariableId, columns: PointsColumns): ScoredSeries {
    let s = this.#bySlot[columns.slot];
    if (s === undefined) {
      const view = seriesAt(ctx, variable, true);
      const column = columns.of(view.records, view.values);
      s = {
        records: view.records,
        times: view.times,
        values: view.values,
        length: view.length,
        points: column.points,
        cited: column.cited,
      };
      this.#bySlot[columns.slot] = s;
    }
    return s;
  }
}

/** The view's SofaInputs (one per patient and instant). */
export function sofaInputs(ctx: EvalContext): SofaInputs {
  return ctx.memo('sofa:inputs', () => new SofaInputs());
}

/**
 * The numeric results of W cut at T_scr (FHIR-PROFILE.md §8), as `numericRange`, with a points column.
 * `inputs`: the view's, when the caller has it at hand.
 */
export function scoredRange(
  ctx: EvalContext,
  variable: VariableId,
  columns: PointsColumns,
  w: ScoreWindow,
  inputs?: SofaInputs,
): ScoredRange {
  if (hasNaNBound(ctx, w)) {
    // No binary search on NaN bounds: the context's own semantics decide, on a copy scored here.
    const records = ctx
      .observations(variable, w.from, w.to, w.closedEnd)
      .filter((o) => o.value !== undefined && !o.sedated);
    const times = records.map((o) => o.time);
    const points = pointsColumn(records, undefined, columns.scorer);
    return {
      records,
      times,
      values: undefined,
      points,
      cited: new CitedEvidence(),
      lo: 0,
      hi: records.length,
    };
  }
  const s = (inputs ?? sofaInputs(ctx)).series(ctx, variable, columns);
  if (s.length === 0) return EMPTY;
  const { lo, hi } = windowRange(s.times, w.from, w.to, w.closedEnd, ctx.at, s.length);
  return { records: s.records, times: s.times, values: s.values, points: s.points, cited: s.cited, lo, hi };
}
