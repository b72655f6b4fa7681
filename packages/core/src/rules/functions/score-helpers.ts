import { conditionInSet, type ConditionSetName } from '../../codesets/icd10-sets.js';
import { TrialError } from '../../errors.js';
import type { Instant } from '../../time/duration.js';
import type { ConditionRecord, ObservationRecord } from '../../timeline/types.js';
import type { VariableId } from '../../variables/registry.js';
import { type ObservationSeries, timesOf, windowRange } from '../../timeline/sorted-times.js';
import { formatNumber, observationEvidence } from '../outcome.js';
import type { CompiledArgs, EvalContext, Evidence, WindowOutcome } from '../types.js';
import { resolveWindow } from './window-args.js';

/**
 * Helpers shared by the score-based rule functions (SOFA, APACHE II, SIRS, organ failure): windows cut at
 * the screening instant, the highest-scoring value of a window, point ranges and active conditions.
 */

/** A window for one patient, cut at T_scr (FHIR-PROFILE.md §8: "all cut at T_scr"). */
export interface ScoreWindow {
  readonly from: Instant;
  readonly to: Instant;
  readonly closedEnd: boolean;
  /** How the window reads in a reason, e.g. `W0 (ICU hours 0–24)`. */
  readonly text: string;
}

/**
 * Resolves the window argument `name` and cuts it at T_scr; undefined when an anchor cannot be placed.
 * A window reaching past T_scr ends at T_scr included (what is known at screening).
 */
export function scoreWindow(args: CompiledArgs, name: string, ctx: EvalContext): ScoreWindow | undefined {
  const w = resolveWindow(args, name, ctx);
  if (!w.known) return undefined;
  const cut = w.to > ctx.at;
  return new CutWindow(w.from, cut ? ctx.at : w.to, cut ? true : w.closedEnd, w.outcome);
}

/** A window cut at T_scr whose text is written only when a reason reads it: most screenings never do. */
class CutWindow implements ScoreWindow {
  readonly from: Instant;
  readonly to: Instant;
  readonly closedEnd: boolean;
  readonly #outcome: WindowOutcome;
  #text: string | undefined;

  constructor(from: Instant, to: Instant, closedEnd: boolean, outcome: WindowOutcome) {
    this.from = from;
    this.to = to;
    this.closedEnd = closedEnd;
    this.#outcome = outcome;
  }

  get text(): string {
    this.#text ??= this.#outcome.reason();
    return this.#text;
  }
}

/**
 * The results of a variable known at T_scr, sorted by time: every result, or (`numeric`) the numeric ones,
 * GCS under sedation excluded. Built once per patient and instant and shared by every window.
 */
export function seriesAt(
  ctx: EvalContext,
  variable: VariableId,
  numeric = true,
): ObservationSeries<ObservationRecord> {
  if (ctx.series) return ctx.series(variable, numeric);
  return ctx.memo(`${numeric ? 'numeric' : 'all'}:${variable}`, () => {
    const records = ctx
      .observations(variable, -Infinity, ctx.at, true)
      .filter((o) => !numeric || (o.value !== undefined && !o.sedated));
    return { records, times: timesOf(records), length: records.length };
  });
}

/** The numeric results of a variable in [from, to] (or [from, to)), cut at T_scr: indexes [lo, hi) of `records`. */
export interface NumericRange {
  readonly records: readonly ObservationRecord[];
  /** The records' values (NaN: none) when the series has them; loops read them instead of the records. */
  readonly values: ArrayLike<number> | undefined;
  readonly lo: number;
  readonly hi: number;
}

const NO_RANGE: NumericRange = { records: [], values: undefined, lo: 0, hi: 0 };

/** Does a window or the screening instant have a NaN bound? No binary search is defined on one. */
export function hasNaNBound(ctx: EvalContext, from: Instant, to: Instant): boolean {
  return Number.isNaN(from) || Number.isNaN(to) || Number.isNaN(ctx.at);
}

/**
 * The results of a variable in a window read through the context's own `observations` (numeric: with a value,
 * GCS under sedation excluded): what a window with a NaN bound reads, where no binary search is defined.
 */
export function scannedRecords(
  ctx: EvalContext,
  variable: VariableId,
  from: Instant,
  to: Instant,
  closedEnd: boolean,
  numeric: boolean,
): ObservationRecord[] {
  return ctx
    .observations(variable, from, to, closedEnd)
    .filter((o) => !numeric || (o.value !== undefined && !o.sedated));
}

/** The numeric (or all) results of a variable in a window, as a range of its series (no copy). */
export function numericRange(
  ctx: EvalContext,
  variable: VariableId,
  from: Instant,
  to: Instant,
  closedEnd: boolean,
  numeric = true,
): NumericRange {
  if (hasNaNBound(ctx, from, to)) {
    const records = scannedRecords(ctx, variable, from, to, closedEnd, numeric);
    return { records, values: undefined, lo: 0, hi: records.length };
  }
  const s = seriesAt(ctx, variable, numeric);
  if (s.length === 0) return NO_RANGE;
  const { lo, hi } = windowRange(s.times, from, to, closedEnd, ctx.at, s.length);
  return { records: s.records, values: s.values, lo, hi };
}

/** Numeric results of a variable in a window, GCS under sedation excluded (FHIR-PROFILE.md §3). */
export function valuesIn(ctx: EvalContext, variable: VariableId, w: ScoreWindow): ObservationRecord[] {
  const r = numericRange(ctx, variable, w.from, w.to, w.closedEnd);
  return r.records.slice(r.lo, r.hi);
}

/**
 * Points of a score component, or undefined when the component rejects the value (out of its range: a
 * data error that ingestion let through, e.g. a GCS of 2), so that one bad value does not stop screening.
 */
export function pointsOrUndefined(score: () => number | null): number | undefined {
  try {
    return score() ?? undefined;
  } catch (e) {
    if (e instanceof TrialError) return undefined;
    throw e;
  }
}

/** `points(value)`, or undefined when the component rejects the value (as `pointsOrUndefined`). */
export function pointsOf(points: (value: number) => number | null, value: number): number | undefined {
  try {
    return points(value) ?? undefined;
  } catch (e) {
    if (e instanceof TrialError) return undefined;
    throw e;
  }
}

/** The item that scores the most points. */
export interface Worst<T> {
  readonly item: T;
  readonly points: number;
}

/**
 * The highest-scoring item; among equal points the most severe (highest `severity`), then the earliest.
 * @example highestScoring([60, 90], (x) => (x < 70 ? 1 : 0), (x) => -x) // => { item: 60, points: 1 }
 */
export function highestScoring<T>(
  items: readonly T[],
  points: (item: T) => number | undefined,
  severity: (item: T) => number,
): Worst<T> | undefined {
  let best: Worst<T> | undefined;
  let bestSeverity = -Infinity;
  for (const item of items) {
    const p = points(item);
    if (p === undefined) continue;
    const s = severity(item);
    if (best === undefined || p > best.points || (p === best.points && s > bestSeverity)) {
      best = { item, points: p };
      bestSeverity = s;
    }
  }
  return best;
}

/** Points as a range: `3`, or `2–4` when only bounded. */
export function pointsText(lo: number, hi: number): string {
  return lo === hi ? formatNumber(lo) : `${formatNumber(lo)}–${formatNumber(hi)}`;
}

/** An observation's value as a reason shows it: `96`, or its coded result. */
export function valueText(o: ObservationRecord): string {
  return o.value === undefined ? (o.coded ?? '?') : formatNumber(o.value);
}

/**
 * The evidence of an observation (`observationEvidence`). Built per call: the object is small and its time is
 * written only when read, whereas a cache per record (a WeakMap over every record ever cited) grew with the
 * screened population and made each first screening and each full collection pay for it.
 */
export function evidenceOf(o: ObservationRecord): Evidence {
  return observationEvidence(o);
}

/**
 * The evidence of the results of one series that were cited (`evidenceOf`), by index: built once per result
 * cited and kept with the series's columns (usually its timeline's, shared by every view and window citing
 * it). Evidence is immutable and depends on the record alone. Keyed by index, not by record: a lookup then
 * reads neither the record (one heap object each) nor a weak table over every record cited.
 */
export class CitedEvidence {
  readonly #byIndex = new Map<number, Evidence>();

  /** The evidence of `o`, the result at index `i` of the series. */
  at(i: number, o: ObservationRecord): Evidence {
    let e = this.#byIndex.get(i);
    if (e === undefined) {
      e = observationEvidence(o);
      this.#byIndex.set(i, e);
    }
    return e;
  }
}

/**
 * Conditions of some sets active at T_scr: clinicalStatus active (absent = active) and not abated by then
 * (FHIR-PROFILE.md §6). The context already hides conditions timed or recorded after T_scr.
 */
export function activeConditionsIn(
  ctx: EvalContext,
  sets: readonly ConditionSetName[],
): readonly ConditionRecord[] {
  return ctx.conditions.filter(
    (c) =>
      c.active &&
      (c.abatement === undefined || c.abatement > ctx.at) &&
      sets.some((s) => conditionInSet(s, c.system, c.code)),
  );
}

/** Evidence citing a condition with its code. */
export function conditionEvidence(c: ConditionRecord): Evidence {
  return { reference: c.ref, value: c.code };
}
