import { conditionInSet } from '../../codesets/icd10-sets.js';
import { apacheAgePoints } from '../../scores/apache-ii-components.js';
import type { ConditionRecord, ObservationRecord } from '../../timeline/types.js';
import { VARIABLES, type VariableId } from '../../variables/registry.js';
import type { EvalContext, Evidence } from '../types.js';
import { type ApacheComponent, MissingComponent } from './apache-component.js';
import { oxygenation } from './apache-oxygenation.js';
import {
  APACHE_VARIABLE_POINTS as P,
  type ApacheVariablePoints,
  apacheVariablePoints,
} from './apache-points.js';
import { ageAtScreening } from './patient.js';
import {
  conditionEvidence,
  evidenceOf,
  pointsOrUndefined,
  type ScoreWindow,
  valueText,
} from './score-helpers.js';
import { seriesRange, valueAt } from './series-range.js';

function unitSuffix(variable: VariableId): string {
  const unit = VARIABLES[variable].displayUnit;
  return unit === '' || unit === 'points' || unit === 'pH' ? '' : ` ${unit}`;
}

/** A component scored by its highest-scoring result; creatinine also cites the AKI that doubles it. */
class ValueComponent implements ApacheComponent {
  readonly label: string;
  readonly lo: number;
  readonly hi: number;
  readonly #record: ObservationRecord | undefined;
  readonly #variable: VariableId;
  readonly #aki: ConditionRecord | undefined;

  constructor(
    label: string,
    lo: number,
    hi: number,
    record: ObservationRecord | undefined,
    variable: VariableId,
    aki: ConditionRecord | undefined,
  ) {
    this.label = label;
    this.lo = lo;
    this.hi = hi;
    this.#record = record;
    this.#variable = variable;
    this.#aki = aki;
  }

  addEvidence(out: Evidence[]): void {
    if (this.#record !== undefined) out.push(evidenceOf(this.#record));
    if (this.#aki !== undefined) out.push(conditionEvidence(this.#aki));
  }

  detail(): string {
    const value =
      this.#record === undefined ? 'no value' : `${valueText(this.#record)}${unitSuffix(this.#variable)}`;
    return this.#aki === undefined ? value : `${value} with AKI (points × 2)`;
  }
}

/**
 * The component scored by the first result of W scoring the most points, or undefined without a scorable one
 * (Knaus et al., 1985: the worst value of the window). `aki`: creatinine's doubling condition, cited after it.
 */
function scored(
  ctx: EvalContext,
  w: ScoreWindow,
  label: string,
  variable: VariableId,
  component: ApacheVariablePoints,
  aki?: ConditionRecord,
): ValueComponent | undefined {
  // A scan of the window's value array (this runs for twelve variables of every patient): a record is read
  // only for a value the array cannot give, and for the one that decides.
  const r = seriesRange(ctx, variable, w.from, w.to, w.closedEnd);
  let found = -1;
  let best = -1;
  for (let i = r.lo; i < r.hi; i++) {
    const p = apacheVariablePoints(component, valueAt(r, i));
    if (p > best) {
      found = i;
      best = p;
    }
  }
  const worst = r.records[found];
  return worst === undefined ? undefined : new ValueComponent(label, best, best, worst, variable, aki);
}

/** A component scored by the highest-scoring result of one variable (`missing` without one). */
function simple(
  ctx: EvalContext,
  w: ScoreWindow,
  label: string,
  variable: VariableId,
  component: ApacheVariablePoints,
  missing: MissingComponent,
): ApacheComponent {
  return scored(ctx, w, label, variable, component) ?? missing;
}

// Components without data (Knaus et al., 1985: each physiology variable 0–4, GCS 0–12, age 0–6); one instance
// each, they carry nothing of the patient.
const NO_TEMPERATURE = new MissingComponent('temp', 4);
const NO_MAP = new MissingComponent('MAP', 4);
const NO_HEART_RATE = new MissingComponent('HR', 4);
const NO_RESPIRATORY_RATE = new MissingComponent('RR', 4);
const NO_ACID_BASE = new MissingComponent('acid-base', 4, 'no pH or HCO3');
const NO_SODIUM = new MissingComponent('Na', 4);
const NO_POTASSIUM = new MissingComponent('K', 4);
const NO_CREATININE = new MissingComponent('creatinine', 4);
const NO_HEMATOCRIT = new MissingComponent('Hct', 4);
const NO_WBC = new MissingComponent('WBC', 4);
const NO_GCS = new MissingComponent('GCS', 12);
const NO_AGE = new MissingComponent('age', 6, 'no birth date');
const CHRONIC_HEALTH = new MissingComponent('chronic health', 5, 'not read');

/** Acid–base: the arterial pH when W has one, else the HCO3 (Knaus et al., 1985). */
function acidBase(ctx: EvalContext, w: ScoreWindow): ApacheComponent {
  return scored(ctx, w, 'pH', 'ph', P.ph) ?? scored(ctx, w, 'HCO3', 'hco3', P.hco3) ?? NO_ACID_BASE;
}

/** The first condition of the set `aki` active at T_scr (as activeConditionsIn), or undefined. */
function activeAki(ctx: EvalContext): ConditionRecord | undefined {
  for (const c of ctx.conditions)
    if (
      c.active &&
      (c.abatement === undefined || c.abatement > ctx.at) &&
      conditionInSet('aki', c.system, c.code)
    )
      return c;
  return undefined;
}

/** Creatinine points, × 2 (at most 8) with active AKI (condition set `aki`); missing: 0–4, 0–8 with AKI. */
function creatinine(ctx: EvalContext, w: ScoreWindow): ApacheComponent {
  const aki = activeAki(ctx);
  if (aki === undefined) return simple(ctx, w, 'creatinine', 'creatinine', P.creatinine, NO_CREATININE);
  return (
    scored(ctx, w, 'creatinine', 'creatinine', P.creatinineWithAki, aki) ??
    new ValueComponent('creatinine', 0, 8, undefined, 'creatinine', aki)
  );
}

/** Age points at the local date of T_scr; 0–6 without a birth date. */
class AgeComponent implements ApacheComponent {
  readonly label = 'age';
  readonly lo: number;
  readonly hi: number;
  readonly #reference: string;
  readonly #birth: string;
  readonly #years: number;

  constructor(points: number, reference: string, birth: string, years: number) {
    this.lo = points;
    this.hi = points;
    this.#reference = reference;
    this.#birth = birth;
    this.#years = years;
  }

  addEvidence(out: Evidence[]): void {
    out.push({ reference: this.#reference, value: this.#birth });
  }

  detail(): string {
    return `${this.#years} y`;
  }
}

function age(ctx: EvalContext): ApacheComponent {
  const birth = ctx.patient.birthDate;
  const years = ageAtScreening(ctx);
  const points = years === undefined ? undefined : pointsOrUndefined(() => apacheAgePoints(years));
  if (points === undefined || years === undefined) return NO_AGE;
  return new AgeComponent(points, ctx.patient.ref, birth ?? '', years);
}

/**
 * The fourteen APACHE II components over W from the highest-scoring values (Knaus et al., 1985;
 * FHIR-PROFILE.md §8). Chronic health is not read and adds 0–5; a missing variable adds 0–4 (GCS 0–12,
 * creatinine with AKI 0–8, age 0–6).
 */
export function apacheComponents(ctx: EvalContext, w: ScoreWindow): readonly ApacheComponent[] {
  return [
    simple(ctx, w, 'temp', 'temperature', P.temperature, NO_TEMPERATURE),
    simple(ctx, w, 'MAP', 'map', P.map, NO_MAP),
    simple(ctx, w, 'HR', 'heart_rate', P.heartRate, NO_HEART_RATE),
    simple(ctx, w, 'RR', 'respiratory_rate', P.respiratoryRate, NO_RESPIRATORY_RATE),
    oxygenation(ctx, w),
    acidBase(ctx, w),
    simple(ctx, w, 'Na', 'sodium', P.sodium, NO_SODIUM),
    simple(ctx, w, 'K', 'potassium', P.potassium, NO_POTASSIUM),
    creatinine(ctx, w),
    simple(ctx, w, 'Hct', 'hematocrit', P.hematocrit, NO_HEMATOCRIT),
    simple(ctx, w, 'WBC', 'wbc', P.wbc, NO_WBC),
    simple(ctx, w, 'GCS', 'gcs', P.gcs, NO_GCS),
    age(ctx),
    CHRONIC_HEALTH,
  ];
}
