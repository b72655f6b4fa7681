import { sofaRespirationPoints } from '../../scores/sofa-components.js';
import { HOUR_MS, type Instant } from '../../time/duration.js';
import type { ObservationRecord, ProcedureRecord } from '../../timeline/types.js';
import { formatNumber } from '../outcome.js';
import type { EvalContext } from '../types.js';
import { evidenceOf, numericRange, pointsOrUndefined, type ScoreWindow } from './score-helpers.js';
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
  return pointsOrUndefined(() => sofaRespirationPoints(ratio, support !== undefined));
}

/**
 * The highest-scoring ratio of W, P/F results first and then PaO2s over their FiO2, in time order; among
 * equal points the lowest ratio, then the first found (a single pass: no candidate list).
 */
function worstRatio(ctx: EvalContext, w: ScoreWindow): { item: RatioCandidate; points: number } | undefined {
  let best: { item: RatioCandidate; points: number } | undefined;
  let bestSeverity = -Infinity;
  const pf = numericRange(ctx, 'pf_ratio', w.from, w.to, w.closedEnd);
  for (let i = pf.lo; i < pf.hi; i++) {
    const o = pf.records[i];
    if (o?.value === undefined) continue;
    const support = supportRunningAt(ctx, o.time);
    const p = ratioPoints(o.value, support);
    if (p !== undefined && beats(p, -o.value, best?.points, bestSeverity)) {
      best = { item: { ratio: o.value, support, sources: [o] }, points: p };
      bestSeverity = -o.value;
    }
  }
  const pao2 = numericRange(ctx, 'pao2', w.from, w.to, w.closedEnd);
  for (let i = pao2.lo; i < pao2.hi; i++) {
    const o = pao2.records[i];
    if (o === undefined) continue;
    const fio2 = pairedFio2(ctx, o.time);
    if (o.value === undefined || fio2?.value === undefined) continue;
    const ratio = o.value / fio2.value;
    const support = supportRunningAt(ctx, o.time);
    const p = ratioPoints(ratio, support);
    if (p !== undefined && beats(p, -ratio, best?.points, bestSeverity)) {
      best = { item: { ratio, support, sources: [o, fio2] }, points: p };
      bestSeverity = -ratio;
    }
  }
  return best;
}

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
