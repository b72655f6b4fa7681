import {
  sofaCnsPoints,
  sofaCoagulationPoints,
  sofaLiverPoints,
  sofaCreatininePoints,
  sofaUrineOutputPoints,
} from '../../scores/sofa-components.js';
import type { ObservationRecord } from '../../timeline/types.js';
import type { VariableId } from '../../variables/registry.js';
import type { EvalContext, Evidence } from '../types.js';
import { evidenceOf, numericRange, pointsOf, type ScoreWindow, valueText } from './score-helpers.js';
import { type Scorer, worstIndex } from './worst-index.js';

/** The six SOFA organs (Vincent et al., 1996), in the order reasons list them. */
export type SofaOrgan = 'respiration' | 'coagulation' | 'liver' | 'cardiovascular' | 'cns' | 'renal';

export const SOFA_ORGANS: readonly SofaOrgan[] = [
  'respiration',
  'coagulation',
  'liver',
  'cardiovascular',
  'cns',
  'renal',
];

/** Short organ names for reasons. */
export const ORGAN_LABEL: Readonly<Record<SofaOrgan, string>> = {
  respiration: 'resp',
  coagulation: 'coag',
  liver: 'liver',
  cardiovascular: 'cv',
  cns: 'cns',
  renal: 'renal',
};

/**
 * One organ's points over a window: exact (lo = hi) or bounded. `hasData` is false when the window holds no
 * value for the organ (then [0, 4], FHIR-PROFILE.md §8).
 */
export interface OrganPoints {
  readonly lo: number;
  readonly hi: number;
  readonly hasData: boolean;
  readonly evidence: readonly Evidence[];
  /** What decided, for the reason: `P/F 116 on IMV`, `creatinine 2.3 without urine output` (lazy). */
  readonly detail: () => string;
}

/** An organ with no value in the window: it adds 0–4. */
export function organWithoutData(what: string): OrganPoints {
  // One object per label: it holds nothing of the patient, and most windows lack some organ.
  let organ = WITHOUT_DATA.get(what);
  if (organ === undefined) {
    const text = `no ${what}`;
    organ = {
      lo: 0,
      hi: 4,
      hasData: false,
      evidence: Object.freeze([]),
      detail() {
        return text;
      },
    };
    WITHOUT_DATA.set(what, organ);
  }
  return organ;
}

const WITHOUT_DATA = new Map<string, OrganPoints>();

function exactOrgan(points: number, o: ObservationRecord, detail: () => string): OrganPoints {
  return { lo: points, hi: points, hasData: true, evidence: [evidenceOf(o)], detail };
}

/** The worst result of a variable in the window by the points it scores; severity breaks ties, then time. */
export function worstResult(
  ctx: EvalContext,
  variable: VariableId,
  w: ScoreWindow,
  scorer: Scorer,
): Worst | undefined {
  const { records, values, lo, hi } = numericRange(ctx, variable, w.from, w.to, w.closedEnd);
  const i = worstIndex(records, values, scorer, lo, hi);
  const item = records[i];
  const value = item?.value;
  if (item === undefined || value === undefined) return undefined;
  return { item, points: pointsOf(scorer.points, value) ?? NaN };
}

function labOrgan(
  ctx: EvalContext,
  w: ScoreWindow,
  variable: VariableId,
  label: string,
  scorer: Scorer,
): OrganPoints {
  const worst = worstResult(ctx, variable, w, scorer);
  if (!worst) return organWithoutData(label);
  return exactOrgan(worst.points, worst.item, () => `${label} ${valueText(worst.item)}`);
}

// Severity orders results scoring the same points: lower or higher values are worse.
export const LOWER_IS_WORSE = (v: number): number => -v;
export const HIGHER_IS_WORSE = (v: number): number => v;

// One object per component: each series keeps the points of its records per scorer.
const PLATELETS: Scorer = { points: sofaCoagulationPoints, severity: LOWER_IS_WORSE };
const BILIRUBIN: Scorer = { points: sofaLiverPoints, severity: HIGHER_IS_WORSE };
const GCS: Scorer = { points: sofaCnsPoints, severity: LOWER_IS_WORSE };
const CREATININE: Scorer = { points: sofaCreatininePoints, severity: HIGHER_IS_WORSE };
const URINE_OUTPUT: Scorer = { points: sofaUrineOutputPoints, severity: LOWER_IS_WORSE };

/** SOFA coagulation: the lowest platelet count in W (10^9/L). */
export function sofaCoagulation(ctx: EvalContext, w: ScoreWindow): OrganPoints {
  return labOrgan(ctx, w, 'platelets', 'platelets', PLATELETS);
}

/** SOFA liver: the highest total bilirubin in W (mg/dL). */
export function sofaLiver(ctx: EvalContext, w: ScoreWindow): OrganPoints {
  return labOrgan(ctx, w, 'bilirubin', 'bilirubin', BILIRUBIN);
}

/** SOFA CNS: the lowest GCS in W; a GCS taken under sedation is never used (FHIR-PROFILE.md §3). */
export function sofaCns(ctx: EvalContext, w: ScoreWindow): OrganPoints {
  return labOrgan(ctx, w, 'gcs', 'GCS', GCS);
}

/** A result and the points it scores. */
interface Worst {
  readonly item: ObservationRecord;
  readonly points: number;
}

function creatinineText(creatinine: Worst | undefined): string {
  return creatinine ? `creatinine ${valueText(creatinine.item)}` : 'no creatinine';
}

function urineText(urine: Worst | undefined): string {
  return urine ? `urine output ${valueText(urine.item)} mL` : 'without urine output';
}

/**
 * SOFA renal over W (FHIR-PROFILE.md §8): the higher of the worst creatinine and the worst 24-h urine output
 * (< 500 mL → 3, < 200 mL → 4). Exact only when W holds both; with one of them the organ is bounded
 * [its points, 4]; with neither, [0, 4].
 */
export function sofaRenal(ctx: EvalContext, w: ScoreWindow): OrganPoints {
  const creatinine = worstResult(ctx, 'creatinine', w, CREATININE);
  const urine = worstResult(ctx, 'urine_output_24h', w, URINE_OUTPUT);
  if (!creatinine && !urine) return organWithoutData('creatinine or urine output');
  const lo = Math.max(creatinine?.points ?? 0, urine?.points ?? 0);
  const evidence: Evidence[] = [];
  if (creatinine) evidence.push(evidenceOf(creatinine.item));
  if (urine) evidence.push(evidenceOf(urine.item));
  if (creatinine && urine) {
    return {
      lo,
      hi: lo,
      hasData: true,
      evidence,
      detail() {
        return `${creatinineText(creatinine)}, ${urineText(urine)}`;
      },
    };
  }
  return {
    lo,
    hi: 4,
    hasData: true,
    evidence,
    detail() {
      return creatinine
        ? `${creatinineText(creatinine)} ${urineText(urine)}`
        : `${urineText(urine)}, no creatinine`;
    },
  };
}
