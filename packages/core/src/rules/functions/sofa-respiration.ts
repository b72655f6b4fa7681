import { sofaRespirationPoints } from '../../scores/sofa-components.js';
import { HOUR_MS, type Instant } from '../../time/duration.js';
import type { ObservationRecord, ProcedureRecord } from '../../timeline/types.js';
import { formatNumber } from '../outcome.js';
import type { EvalContext } from '../types.js';
import {
  evidenceOf,
  highestScoring,
  numericRange,
  pointsOrUndefined,
  type ScoreWindow,
  valuesIn,
} from './score-helpers.js';
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
  for (const kind of SUPPORT_KINDS) {
    const record = ctx.procedures.find((x) => x.kind === kind && runningAt(x, t));
    if (record) return { record, kind };
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

function candidates(ctx: EvalContext, w: ScoreWindow): RatioCandidate[] {
  const out: RatioCandidate[] = [];
  for (const o of valuesIn(ctx, 'pf_ratio', w)) {
    if (o.value === undefined) continue;
    out.push({ ratio: o.value, support: supportRunningAt(ctx, o.time), sources: [o] });
  }
  for (const o of valuesIn(ctx, 'pao2', w)) {
    const fio2 = pairedFio2(ctx, o.time);
    if (o.value === undefined || fio2?.value === undefined) continue;
    out.push({
      ratio: o.value / fio2.value,
      support: supportRunningAt(ctx, o.time),
      sources: [o, fio2],
    });
  }
  return out;
}

/**
 * SOFA respiration over W (FHIR-PROFILE.md §8): the highest-scoring PaO2/FiO2 in W, from a P/F result
 * (LOINC 50984-4) or a PaO2 over the latest FiO2 at most 2 h earlier, scored with the respiratory support
 * (IMV, NIV or ventilation of unknown type) running at that time.
 */
export function sofaRespiration(ctx: EvalContext, w: ScoreWindow): OrganPoints {
  const worst = highestScoring(
    candidates(ctx, w),
    (c) => pointsOrUndefined(() => sofaRespirationPoints(c.ratio, c.support !== undefined)),
    (c) => -c.ratio,
  );
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
