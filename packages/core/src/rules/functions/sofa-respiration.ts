import { TrialError } from '../../errors.js';
import { sofaRespirationPoints } from '../../scores/sofa-components.js';
import { HOUR_MS, type Instant } from '../../time/duration.js';
import type { ObservationRecord, ProcedureRecord } from '../../timeline/types.js';
import { formatNumber } from '../outcome.js';
import {
  firstAfter,
  firstAtOrAfter,
  type ObservationSeries,
  windowRange,
} from '../../timeline/sorted-times.js';
import type { EvalContext, Evidence } from '../types.js';
import { CitedEvidence, numericRange, type ScoreWindow, seriesAt } from './score-helpers.js';
import { organWithoutData, type OrganPoints } from './sofa-organs.js';
import { hasNaNBound } from './sofa-series.js';

/** "PaO2 / latest FiO2 at most 2 h earlier" (FHIR-PROFILE.md §8). */
export const FIO2_PAIRING_MS = 2 * HOUR_MS;

/** Ventilation kinds that count as respiratory support for SOFA (FHIR-PROFILE.md §4), strongest first. */
const SUPPORT_KINDS = ['imv', 'niv', 'ventilation_unknown'] as const;
const SUPPORT_LABEL = { imv: 'IMV', niv: 'NIV', ventilation_unknown: 'ventilation of unknown type' } as const;

/** A ventilation procedure running at some time, with its kind. */
export interface RunningSupport {
  readonly record: ProcedureRecord;
  readonly kind: (typeof SUPPORT_KINDS)[number];
}

/**
 * Is a procedure running at t (FHIR-PROFILE.md §4)? start <= t and (end > t, or no end and in-progress).
 */
export function runningAt(p: ProcedureRecord, t: Instant): boolean {
  return p.start <= t && (p.end !== undefined ? p.end > t : p.inProgress);
}

/** The respiratory support running at t (IMV, NIV or ventilation of unknown type), IMV first; undefined if none. */
export function supportRunningAt(ctx: EvalContext, t: Instant): RunningSupport | undefined {
  // Plain loops: this runs for every PaO2 and P/F result of every window.
  for (const kind of SUPPORT_KINDS) {
    for (const record of ctx.procedures)
      if (record.kind === kind && runningAt(record, t)) return { record, kind };
  }
  return undefined;
}

/** The FiO2 paired with a PaO2 drawn at t: the latest FiO2 (a fraction in (0, 1]) in [t − 2 h, t]. */
export function pairedFio2(ctx: EvalContext, t: Instant): ObservationRecord | undefined {
  const { records, lo, hi } = numericRange(ctx, 'fio2', t - FIO2_PAIRING_MS, t, true, false);
  for (let i = hi - 1; i >= lo; i--) {
    const o = records[i];
    if (o?.value !== undefined && o.value > 0 && o.value <= 1) return o;
  }
  return undefined;
}

/** The P/F result's or the PaO2's points, or NaN when the component rejects the ratio. */
function ratioPoints(ratio: number, supported: boolean): number {
  // As pointsOrUndefined, without a closure per result scored.
  try {
    return sofaRespirationPoints(ratio, supported);
  } catch (e) {
    if (e instanceof TrialError) return NaN;
    throw e;
  }
}

/**
 * The ratios of a P/F or PaO2 series, per record: the ratio (a P/F result's value; a PaO2 over its paired
 * FiO2; NaN without one), the FiO2 used and the points with and without respiratory support. They depend on
 * the record and, for a PaO2, on the FiO2 series alone: kept per records array (a timeline's series, shared by
 * its views) with the FiO2 records array they were paired with, and recomputed when a view's differs.
 */
interface RatioColumns {
  /** The FiO2 records paired with (null for P/F results). */
  readonly fio2Records: readonly ObservationRecord[] | null;
  readonly ratios: readonly number[];
  readonly fio2: readonly (ObservationRecord | undefined)[];
  readonly withSupport: readonly number[];
  readonly withoutSupport: readonly number[];
  /** The evidence of the results cited and of their FiO2, by the result's index. */
  readonly cited: CitedEvidence;
  readonly citedFio2: CitedEvidence;
}

const RATIO_COLUMNS = new WeakMap<readonly ObservationRecord[], RatioColumns>();

function ratioColumns(
  records: readonly ObservationRecord[],
  fio2Records: readonly ObservationRecord[] | null,
  pairAt: (t: Instant) => ObservationRecord | undefined,
): RatioColumns {
  const ratios: number[] = [];
  const fio2: (ObservationRecord | undefined)[] = [];
  const withSupport: number[] = [];
  const withoutSupport: number[] = [];
  for (const o of records) {
    const f = fio2Records === null ? undefined : pairAt(o.time);
    const ratio =
      o.value === undefined
        ? NaN
        : fio2Records !== null
          ? f?.value === undefined
            ? NaN
            : o.value / f.value
          : o.value;
    ratios.push(ratio);
    fio2.push(f);
    withSupport.push(ratio === ratio ? ratioPoints(ratio, true) : NaN);
    withoutSupport.push(ratio === ratio ? ratioPoints(ratio, false) : NaN);
  }
  return {
    fio2Records,
    ratios,
    fio2,
    withSupport,
    withoutSupport,
    cited: new CitedEvidence(),
    citedFio2: new CitedEvidence(),
  };
}

/** The latest FiO2 (a fraction in (0, 1]) in [t − 2 h, t] of a whole FiO2 series (no cut: t is known). */
function latestFio2(fio2: ObservationSeries<ObservationRecord>, t: Instant): ObservationRecord | undefined {
  const n = fio2.records.length;
  const lo = firstAtOrAfter(fio2.times, t - FIO2_PAIRING_MS, n);
  for (let i = firstAfter(fio2.times, t, n) - 1; i >= lo; i--) {
    const o = fio2.records[i];
    if (o?.value !== undefined && o.value > 0 && o.value <= 1) return o;
  }
  return undefined;
}

/** The ratios of a view's series: shared per timeline when the view's FiO2 series is the one they used. */
function viewRatioColumns(
  ctx: EvalContext,
  variable: RatioVariable,
  records: readonly ObservationRecord[],
): RatioColumns {
  const paired = variable === 'pao2';
  const fio2 = paired ? seriesAt(ctx, 'fio2', false) : undefined;
  const fio2Records = fio2 === undefined ? null : fio2.records;
  let columns = RATIO_COLUMNS.get(records);
  if (columns === undefined || columns.fio2Records !== fio2Records) {
    // A view's FiO2 series is a prefix of its timeline's (the same array) or a copy of what is in force at
    // T_scr. Either way every FiO2 up to a PaO2 in force at T_scr is in it: pairing over the whole array
    // gives the FiO2 that pairedFio2 finds for that view.
    columns = ratioColumns(records, fio2Records, (t) => (fio2 ? latestFio2(fio2, t) : undefined));
    RATIO_COLUMNS.set(records, columns);
  }
  return columns;
}

/** A support of the view's list, with its evidence (built once per view, cited by every window). */
interface ListedSupport extends RunningSupport {
  readonly evidence: Evidence;
}

/** The ventilation procedures of a view that count as support, strongest kind first (as supportRunningAt). */
function supportList(ctx: EvalContext): readonly ListedSupport[] {
  return ctx.memo('sofa:supports', () => {
    const list: ListedSupport[] = [];
    for (const kind of SUPPORT_KINDS) {
      for (const record of ctx.procedures) {
        if (record.kind === kind)
          list.push({ record, kind, evidence: { reference: record.ref, value: kind } });
      }
    }
    return list;
  });
}

/** The first support of the list running at t (supportRunningAt), or undefined. */
function firstRunning(list: readonly ListedSupport[], t: Instant): ListedSupport | undefined {
  for (const s of list) if (runningAt(s.record, t)) return s;
  return undefined;
}

/** A ratio series of a view with its columns. */
interface ViewRatios {
  readonly records: readonly ObservationRecord[];
  readonly times: ArrayLike<number>;
  readonly length: number;
  readonly columns: RatioColumns;
}

/** What the respiration windows of a view read (supports, and per ratio variable its series and columns). */
interface RatioInputs {
  readonly supports: readonly ListedSupport[];
  /** In the order of RATIO_VARIABLES; undefined for a variable without results. */
  readonly series: readonly (ViewRatios | undefined)[];
}

/** Resolved once per view: each window then reads them without a lookup per variable. */
function ratioInputs(ctx: EvalContext): RatioInputs {
  return ctx.memo('sofa:ratio-inputs', () => ({
    supports: supportList(ctx),
    series: RATIO_VARIABLES.map((variable) => {
      const s = seriesAt(ctx, variable, true);
      if (s.length === 0) return undefined;
      return {
        records: s.records,
        times: s.times,
        length: s.length,
        columns: viewRatioColumns(ctx, variable, s.records),
      };
    }),
  }));
}

const RATIO_VARIABLES = ['pf_ratio', 'pao2'] as const;
type RatioVariable = (typeof RATIO_VARIABLES)[number];

/** Does a candidate beat the best so far: more points, or as many and more severe (as highestScoring)? */
function beats(points: number, severity: number, bestPoints: number, bestSeverity: number): boolean {
  return points > bestPoints || (points === bestPoints && severity > bestSeverity);
}

/** The respiration points of W: the deciding ratio, its sources and support; evidence and text built when read. */
class RespirationPoints implements OrganPoints {
  readonly lo: number;
  readonly hi: number;
  readonly hasData = true;
  readonly #ratio: number;
  readonly #support: ListedSupport | undefined;
  readonly #columns: RatioColumns;
  readonly #index: number;
  readonly #result: ObservationRecord;
  #evidence: readonly Evidence[] | undefined;

  /** `result` is the record at `index` of the series whose ratios are `columns`. */
  constructor(
    points: number,
    support: ListedSupport | undefined,
    columns: RatioColumns,
    index: number,
    result: ObservationRecord,
  ) {
    this.lo = points;
    this.hi = points;
    this.#ratio = columns.ratios[index] ?? NaN;
    this.#support = support;
    this.#columns = columns;
    this.#index = index;
    this.#result = result;
  }

  get evidence(): readonly Evidence[] {
    if (this.#evidence === undefined) {
      const columns = this.#columns;
      const evidence = [columns.cited.at(this.#index, this.#result)];
      const fio2 = columns.fio2[this.#index];
      if (fio2) evidence.push(columns.citedFio2.at(this.#index, fio2));
      if (this.#support) evidence.push(this.#support.evidence);
      this.#evidence = evidence;
    }
    return this.#evidence;
  }

  detail(): string {
    const support = this.#support ? `on ${SUPPORT_LABEL[this.#support.kind]}` : 'without respiratory support';
    return `P/F ${formatNumber(Math.round(this.#ratio))} ${support}`;
  }
}

/**
 * SOFA respiration over W (FHIR-PROFILE.md §8): the highest-scoring PaO2/FiO2 in W, from a P/F result
 * (LOINC 50984-4) or a PaO2 over the latest FiO2 at most 2 h earlier, scored with the respiratory support
 * (IMV, NIV or ventilation of unknown type) running at that time. P/F results first and then PaO2s, in time
 * order; among equal points the lowest ratio, then the first found.
 */
export function sofaRespiration(ctx: EvalContext, w: ScoreWindow): OrganPoints {
  const nan = hasNaNBound(ctx, w);
  const inputs = nan ? undefined : ratioInputs(ctx);
  const supports = inputs ? inputs.supports : supportList(ctx);
  // The best so far as plain locals: one object is built, for the winner.
  let bestPoints = -Infinity;
  let bestSeverity = -Infinity;
  let bestColumns: RatioColumns | undefined;
  let bestIndex = -1;
  let bestRecord: ObservationRecord | undefined;
  let bestSupport: ListedSupport | undefined;
  for (let v = 0; v < RATIO_VARIABLES.length; v++) {
    const variable = RATIO_VARIABLES[v] ?? 'pao2';
    let records: readonly ObservationRecord[];
    let times: ArrayLike<number>;
    let columns: RatioColumns;
    let lo: number;
    let hi: number;
    if (inputs === undefined) {
      // NaN bounds: the context's own semantics (a filtered copy), scored here with pairedFio2.
      records = ctx
        .observations(variable, w.from, w.to, w.closedEnd)
        .filter((o) => o.value !== undefined && !o.sedated);
      columns = ratioColumns(records, variable === 'pao2' ? records : null, (t) => pairedFio2(ctx, t));
      times = records.map((o) => o.time);
      lo = 0;
      hi = records.length;
    } else {
      const s = inputs.series[v];
      if (s === undefined) continue;
      const range = windowRange(s.times, w.from, w.to, w.closedEnd, ctx.at, s.length);
      lo = range.lo;
      hi = range.hi;
      if (lo >= hi) continue;
      records = s.records;
      times = s.times;
      columns = s.columns;
    }
    const { ratios, withSupport, withoutSupport } = columns;
    // Reads the columns and the time array, not the records (one heap object each): only the winner's.
    for (let i = lo; i < hi; i++) {
      const ratio = ratios[i] ?? NaN;
      if (ratio !== ratio) continue;
      const support = firstRunning(supports, times[i] ?? NaN);
      const p = (support === undefined ? withoutSupport[i] : withSupport[i]) ?? NaN;
      if (p !== p || !beats(p, -ratio, bestPoints, bestSeverity)) continue;
      bestPoints = p;
      bestSeverity = -ratio;
      bestColumns = columns;
      bestIndex = i;
      bestRecord = records[i];
      bestSupport = support;
    }
  }
  if (bestRecord === undefined || bestColumns === undefined) return organWithoutData('P/F');
  return new RespirationPoints(bestPoints, bestSupport, bestColumns, bestIndex, bestRecord);
}
