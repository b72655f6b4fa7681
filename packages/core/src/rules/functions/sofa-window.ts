import type { ObservationRecord } from '../../timeline/types.js';
import { unknownNumber } from '../outcome.js';
import type { EvalContext, Evidence, FunctionSpec, NumberOutcome } from '../types.js';
import {
  evidenceOf,
  highestScoring,
  pointsText,
  type ScoreWindow,
  scoreWindow,
  valuesIn,
} from './score-helpers.js';
import { sofaCardiovascular } from './sofa-cardiovascular.js';
import {
  ORGAN_LABEL,
  type OrganPoints,
  sofaCns,
  sofaCoagulation,
  sofaLiver,
  SOFA_ORGANS,
  type SofaOrgan,
  sofaRenal,
} from './sofa-organs.js';
import { sofaRespiration } from './sofa-respiration.js';
import { sofaInputs } from './sofa-series.js';

/** SOFA over one window: bounds of the total, each organ, or the recorded total that stood in. */
export interface SofaWindowScore {
  readonly lo: number;
  readonly hi: number;
  readonly organs: Readonly<Record<SofaOrgan, OrganPoints>>;
  /** The highest recorded SOFA total in W, used only when W holds no component data. */
  readonly recordedTotal: ObservationRecord | undefined;
  readonly evidence: readonly Evidence[];
}

/** A window's SOFA from its organs; the evidence (each organ's, in order) is built when read. */
class OrgansScore implements SofaWindowScore {
  readonly lo: number;
  readonly hi: number;
  readonly organs: Readonly<Record<SofaOrgan, OrganPoints>>;
  readonly recordedTotal = undefined;
  #evidence: readonly Evidence[] | undefined;

  constructor(lo: number, hi: number, organs: Readonly<Record<SofaOrgan, OrganPoints>>) {
    this.lo = lo;
    this.hi = hi;
    this.organs = organs;
  }

  get evidence(): readonly Evidence[] {
    if (this.#evidence === undefined) {
      const evidence: Evidence[] = [];
      for (const organ of SOFA_ORGANS) for (const e of this.organs[organ].evidence) evidence.push(e);
      this.#evidence = evidence;
    }
    return this.#evidence;
  }
}

function computeSofaWindow(ctx: EvalContext, w: ScoreWindow): SofaWindowScore {
  // The view's series and columns found once for the six organs.
  const inputs = sofaInputs(ctx);
  const respiration = sofaRespiration(ctx, w);
  const coagulation = sofaCoagulation(ctx, w, inputs);
  const liver = sofaLiver(ctx, w, inputs);
  const cardiovascular = sofaCardiovascular(ctx, w, inputs);
  const cns = sofaCns(ctx, w, inputs);
  const renal = sofaRenal(ctx, w, inputs);
  const organs: Record<SofaOrgan, OrganPoints> = {
    respiration,
    coagulation,
    liver,
    cardiovascular,
    cns,
    renal,
  };
  const lo = respiration.lo + coagulation.lo + liver.lo + cardiovascular.lo + cns.lo + renal.lo;
  const hi = respiration.hi + coagulation.hi + liver.hi + cardiovascular.hi + cns.hi + renal.hi;
  const hasData =
    respiration.hasData ||
    coagulation.hasData ||
    liver.hasData ||
    cardiovascular.hasData ||
    cns.hasData ||
    renal.hasData;
  if (!hasData) {
    const recorded = highestScoring(
      valuesIn(ctx, 'sofa_total', w),
      (o) => o.value,
      () => 0,
    );
    if (recorded) {
      return {
        lo: recorded.points,
        hi: recorded.points,
        organs,
        recordedTotal: recorded.item,
        evidence: [evidenceOf(recorded.item)],
      };
    }
  }
  return new OrgansScore(lo, hi, organs);
}

/**
 * SOFA over a window W (FHIR-PROFILE.md §8; Vincent et al., 1996), memoised per window and patient so that
 * the criteria sharing a window (SOFA, organ failure, Sepsis-3) compute it once.
 */
export function sofaOverWindow(ctx: EvalContext, w: ScoreWindow): SofaWindowScore {
  // Keyed by the window's numbers (Map keys treat -0 as 0 and NaN as NaN, as a key string did), without
  // writing a key string per call.
  const byFrom = ctx.memo(SOFA_WINDOWS, () => new Map<number, Map<number, SofaWindowScore[]>>());
  let byTo = byFrom.get(w.from);
  if (byTo === undefined) {
    byTo = new Map();
    byFrom.set(w.from, byTo);
  }
  let ends = byTo.get(w.to);
  if (ends === undefined) {
    ends = [];
    byTo.set(w.to, ends);
  }
  const end = w.closedEnd ? 1 : 0;
  let score = ends[end];
  if (score === undefined) {
    score = computeSofaWindow(ctx, w);
    ends[end] = score;
  }
  return score;
}

const SOFA_WINDOWS = 'sofa:windows';

/** One organ in a reason: `resp 3 P/F 116 on IMV`. */
export function organText(organ: SofaOrgan, p: OrganPoints): string {
  return `${ORGAN_LABEL[organ]} ${pointsText(p.lo, p.hi)} ${p.detail()}`;
}

/** The reason line of a SOFA over W. */
export function sofaReason(score: SofaWindowScore, where: string): string {
  const total = pointsText(score.lo, score.hi);
  if (score.recordedTotal) {
    return `SOFA in ${where} ${total}: recorded total (${score.recordedTotal.ref}), no component data`;
  }
  const organs = SOFA_ORGANS.map((o) => organText(o, score.organs[o])).join(', ');
  return `SOFA in ${where} ${total} (${organs})`;
}

/**
 * `sofa(during: W)` → points, bounded when organs lack data (FHIR-PROFILE.md §8). Each organ scores its
 * highest-scoring value in W; an organ without data adds 0–4; renal is exact only with both a creatinine and
 * a urine output in W. Only when W holds no component data is the highest recorded SOFA total used.
 * @example `sofa(during: icu_window(0)) >= 6` (INFINITY I2)
 */
export const sofaFunction: FunctionSpec = {
  name: 'sofa',
  summary: 'SOFA over a window: each organ its worst value; an organ without data adds 0–4 (bounded total)',
  params: [{ name: 'during', kind: 'window' }],
  returns: () => ({ t: 'number', unit: '{score}', variable: 'sofa_total' }),
  compile:
    (args) =>
    (ctx): NumberOutcome => {
      const w = scoreWindow(args, 'during', ctx);
      if (!w) return unknownNumber(() => 'SOFA: window unknown');
      const score = sofaOverWindow(ctx, w);
      return {
        kind: 'number',
        lo: score.lo,
        hi: score.hi,
        evidence: score.evidence,
        reason() {
          return sofaReason(score, w.text);
        },
      };
    },
};
