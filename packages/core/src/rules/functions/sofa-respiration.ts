import { TrialError } from '../../errors.js';
import { sofaRespirationPoints } from '../../scores/sofa-components.js';
import { HOUR_MS, type Instant } from '../../time/duration.js';
import type { ObservationRecord, ProcedureRecord } from '../../timeline/types.js';
import { formatNumber } from '../outcome.js';
import type { EvalContext } from '../types.js';
import { evidenceOf, numericRange, type ScoreWindow, seriesAt } from './score-helpers.js';
import { organWithoutData, type OrganPoints } from './sofa-organs.js';

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

interface RatioCandidate {
  readonly ratio: number;
  readonly support: RunningSupport | undefined;
  /** The P/F result, or the PaO2 and its FiO2. */
  readonly sources: readonly ObservationRecord[];
}

/** The P/F result's or the PaO2's points, or undefined when the component rejects the ratio. */
function ratioPoints(ratio: number, support: RunningSupport | undefined): number | undefined {
  // As pointsOrUndefined, without a closure per result scored.
  try {
    return sofaRespirationPoints(ratio, support !== undefined);
  } catch (e) {
    if (e instanceof TrialError) return undefined;
    throw e;
  }
}

/**
 * One P/F or PaO2 result scored: its ratio (a PaO2 over its paired FiO2; NaN without one), the FiO2 used,
 * the support running then and the points. They depend on the result alone, so a patient view scores each
 * result once, when the first window containing it asks, for every later window.
 */
interface ScoredRatio {
  readonly ratio: number;
  readonly fio2: ObservationRecord | undefined;
  readonly support: RunningSupport | undefined;
  readonly points: number | undefined;
}

function scoreRatio(ctx: EvalContext, o: ObservationRecord, paired: boolean): ScoredRatio {
  const fio2 = paired ? pairedFio2(ctx, o.time) : undefined;
  const ratio =
    o.value === undefined ? NaN : paired ? (fio2?.value === undefined ? NaN : o.value / fio2.value) : o.value;
  if (ratio !== ratio) return { ratio, fio2, support: undefined, points: undefined };
  const support = supportRunningAt(ctx, o.time);
  return { ratio, fio2, support, points: ratioPoints(ratio, support) };
}

/** A view's scored results of a series, by index (filled as windows ask). */
interface ScoredSeries {
  readonly records: readonly ObservationRecord[];
  readonly scored: (ScoredRatio | undefined)[];
}

const RATIO_KEYS = { pf_ratio: 'sofa:ratios:pf_ratio', pao2: 'sofa:ratios:pao2' } as const;

/**
 * The highest-scoring ratio of W, P/F results first and then PaO2s over their FiO2, in time order; among
 * equal points the lowest ratio, then the first found (a single pass: no candidate list).
 */
function worstRatio(ctx: EvalContext, w: ScoreWindow): { item: RatioCandidate; points: number } | undefined {
  // The best so far as plain locals: a candidate object is built once, for the winner (every window).
  let bestScored: ScoredRatio | undefined;
  let bestRecord: ObservationRecord | undefined;
  let bestPoints: number | undefined;
  let bestSeverity = -Infinity;
  for (const variable of RATIO_VARIABLES) {
    const { records, lo, hi } = numericRange(ctx, variable, w.from, w.to, w.closedEnd);
    if (lo >= hi) continue;
    const cache = ctx.memo<ScoredSeries>(RATIO_KEYS[variable], () => {
      const all = seriesAt(ctx, variable, true).records;
      // Filled with undefined up front: writing first at a high index of an empty array makes it sparse.
      return { records: all, scored: new Array<ScoredRatio | undefined>(all.length).fill(undefined) };
    });
    // A filtered copy (NaN bounds) is not the view's series: scored here, not kept.
    const scored = cache.records === records ? cache.scored : [];
    for (let i = lo; i < hi; i++) {
      const o = records[i];
      if (o === undefined) continue;
      let r = scored[i];
      if (r === undefined) {
        r = scoreRatio(ctx, o, variable === 'pao2');
        scored[i] = r;
      }
      const p = r.points;
      if (p === undefined || !beats(p, -r.ratio, bestPoints, bestSeverity)) continue;
      bestScored = r;
      bestRecord = o;
      bestPoints = p;
      bestSeverity = -r.ratio;
    }
  }
  if (bestScored === undefined || bestRecord === undefined || bestPoints === undefined) return undefined;
  const { ratio, support, fio2 } = bestScored;
  return { item: { ratio, support, sources: fio2 ? [bestRecord, fio2] : [bestRecord] }, points: bestPoints };
}

const RATIO_VARIABLES = ['pf_ratio', 'pao2'] as const;

/** Does a candidate beat the best so far: more points, or as many and more severe (as highestScoring)? */
function beats(
  points: number,
  severity: number,
  bestPoints: number | undefined,
  bestSeverity: number,
): boolean {
  return (
    bestPoints === undefined || points > bestPoints || (points === bestPoints && severity > bestSeverity)
  );
}

/**
 * SOFA respiration over W (FHIR-PROFILE.md §8): the highest-scoring PaO2/FiO2 in W, from a P/F result
 * (LOINC 50984-4) or a PaO2 over the latest FiO2 at most 2 h earlier, scored with the respiratory support
 * (IMV, NIV or ventilation of unknown type) running at that time.
 */
export function sofaRespiration(ctx: EvalContext, w: ScoreWindow): OrganPoints {
  const worst = worstRatio(ctx, w);
  if (!worst) return organWithoutData('P/F');
  const c = worst.item;
  const support = c.support ? `on ${SUPPORT_LABEL[c.support.kind]}` : 'without respiratory support';
  const evidence = c.sources.map(evidenceOf);
  if (c.support) evidence.push({ reference: c.support.record.ref, value: c.support.kind });
  return {
    lo: worst.points,
    hi: worst.points,
    hasData: true,
    evidence,
    detail() {
      return `P/F ${formatNumber(Math.round(c.ratio))} ${support}`;
    },
  };
}
