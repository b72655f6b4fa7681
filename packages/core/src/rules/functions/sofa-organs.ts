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
import { type CitedEvidence, type ScoreWindow, valueText } from './score-helpers.js';
import { type ScoredRange, scoredRange, type SofaInputs } from './sofa-series.js';
import { PointsColumns, worstIndexInColumn } from './worst-index.js';

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

/** An organ decided by one result (coagulation, liver, CNS, MAP): its evidence and text built when read. */
class ResultPoints implements OrganPoints {
  readonly lo: number;
  readonly hi: number;
  readonly hasData = true;
  readonly record: ObservationRecord;
  readonly #cited: CitedEvidence;
  readonly #index: number;
  readonly #label: string;
  #evidence: readonly Evidence[] | undefined;

  /** `record` is the result at `index` of a series whose cited evidence `cited` keeps. */
  constructor(points: number, cited: CitedEvidence, index: number, record: ObservationRecord, label: string) {
    this.lo = points;
    this.hi = points;
    this.record = record;
    this.#cited = cited;
    this.#index = index;
    this.#label = label;
  }

  get evidence(): readonly Evidence[] {
    this.#evidence ??= [this.#cited.at(this.#index, this.record)];
    return this.#evidence;
  }

  detail(): string {
    return `${this.#label} ${valueText(this.record)}`;
  }
}

/** The index of the worst result of a scored range (`worstIndex`), -1 when none scores. */
function worstIn(r: ScoredRange, columns: PointsColumns): number {
  return worstIndexInColumn(r.points, r.records, r.values, columns.scorer.severity, r.lo, r.hi);
}

/** The worst result of a variable in W and its points, or undefined (`worstIndex`). */
export function worstResult(
  ctx: EvalContext,
  variable: VariableId,
  w: ScoreWindow,
  columns: PointsColumns,
  inputs?: SofaInputs,
): Worst | undefined {
  const r = scoredRange(ctx, variable, columns, w, inputs);
  const i = worstIn(r, columns);
  const item = r.records[i];
  if (item === undefined) return undefined;
  return { item, points: r.points[i] ?? NaN, cited: r.cited, index: i };
}

/** An organ scored by its worst result in W, or without data. */
export function resultOrgan(
  ctx: EvalContext,
  w: ScoreWindow,
  variable: VariableId,
  label: string,
  columns: PointsColumns,
  inputs?: SofaInputs,
): OrganPoints {
  const r = scoredRange(ctx, variable, columns, w, inputs);
  const i = worstIn(r, columns);
  const item = r.records[i];
  if (item === undefined) return organWithoutData(label);
  return new ResultPoints(r.points[i] ?? NaN, r.cited, i, item, label);
}

// Severity orders results scoring the same points: lower or higher values are worse.
export const LOWER_IS_WORSE = (v: number): number => -v;
export const HIGHER_IS_WORSE = (v: number): number => v;

// One object per component: each series keeps the points of its records per component (PointsColumns).
const PLATELETS = new PointsColumns({ points: sofaCoagulationPoints, severity: LOWER_IS_WORSE });
const BILIRUBIN = new PointsColumns({ points: sofaLiverPoints, severity: HIGHER_IS_WORSE });
const GCS = new PointsColumns({ points: sofaCnsPoints, severity: LOWER_IS_WORSE });
const CREATININE = new PointsColumns({ points: sofaCreatininePoints, severity: HIGHER_IS_WORSE });
const URINE_OUTPUT = new PointsColumns({ points: sofaUrineOutputPoints, severity: LOWER_IS_WORSE });

/** SOFA coagulation: the lowest platelet count in W (10^9/L). */
export function sofaCoagulation(ctx: EvalContext, w: ScoreWindow, inputs?: SofaInputs): OrganPoints {
  return resultOrgan(ctx, w, 'platelets', 'platelets', PLATELETS, inputs);
}

/** SOFA liver: the highest total bilirubin in W (mg/dL). */
export function sofaLiver(ctx: EvalContext, w: ScoreWindow, inputs?: SofaInputs): OrganPoints {
  return resultOrgan(ctx, w, 'bilirubin', 'bilirubin', BILIRUBIN, inputs);
}

/** SOFA CNS: the lowest GCS in W; a GCS taken under sedation is never used (FHIR-PROFILE.md §3). */
export function sofaCns(ctx: EvalContext, w: ScoreWindow, inputs?: SofaInputs): OrganPoints {
  return resultOrgan(ctx, w, 'gcs', 'GCS', GCS, inputs);
}

/** A result and the points it scores. */
interface Worst {
  readonly item: ObservationRecord;
  readonly points: number;
  /** Its index in its series, and the series's cited evidence. */
  readonly index: number;
  readonly cited: CitedEvidence;
}

function citedEvidence(w: Worst): Evidence {
  return w.cited.at(w.index, w.item);
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
export function sofaRenal(ctx: EvalContext, w: ScoreWindow, inputs?: SofaInputs): OrganPoints {
  const creatinine = worstResult(ctx, 'creatinine', w, CREATININE, inputs);
  const urine = worstResult(ctx, 'urine_output_24h', w, URINE_OUTPUT, inputs);
  if (!creatinine && !urine) return organWithoutData('creatinine or urine output');
  return new RenalPoints(creatinine, urine);
}

/** Renal points from the worst creatinine and urine output; evidence and text built when read. */
class RenalPoints implements OrganPoints {
  readonly lo: number;
  readonly hi: number;
  readonly hasData = true;
  readonly #creatinine: Worst | undefined;
  readonly #urine: Worst | undefined;
  #evidence: readonly Evidence[] | undefined;

  constructor(creatinine: Worst | undefined, urine: Worst | undefined) {
    this.lo = Math.max(creatinine?.points ?? 0, urine?.points ?? 0);
    this.hi = creatinine && urine ? this.lo : 4;
    this.#creatinine = creatinine;
    this.#urine = urine;
  }

  get evidence(): readonly Evidence[] {
    if (this.#evidence === undefined) {
      const evidence: Evidence[] = [];
      if (this.#creatinine) evidence.push(citedEvidence(this.#creatinine));
      if (this.#urine) evidence.push(citedEvidence(this.#urine));
      this.#evidence = evidence;
    }
    return this.#evidence;
  }

  detail(): string {
    const creatinine = this.#creatinine;
    const urine = this.#urine;
    if (creatinine && urine) return `${creatinineText(creatinine)}, ${urineText(urine)}`;
    return creatinine
      ? `${creatinineText(creatinine)} ${urineText(urine)}`
      : `${urineText(urine)}, no creatinine`;
  }
}
