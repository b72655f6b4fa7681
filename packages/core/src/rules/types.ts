import type { MedicationClassName } from '../codesets/medication-classes.js';
import type { ObservationSeries } from '../timeline/sorted-times.js';
import type { Kleene } from '../kleene.js';
import type { Instant } from '../time/duration.js';
import type { Zone } from '../time/zone.js';
import type {
  AllergyRecord,
  AttestationRecord,
  ConditionRecord,
  MedicationRecord,
  ObservationRecord,
  PatientRecord,
  ProcedureRecord,
} from '../timeline/types.js';
import type { VariableId } from '../variables/registry.js';
import type { CompareOp } from './ast.js';

/** What a piece of evidence cites: a resource `Type/id`, with the value, unit and time that decided. */
export interface Evidence {
  readonly reference: string;
  readonly value?: number | string | boolean;
  readonly unit?: string;
  /** ISO-8601 instant (UTC). */
  readonly time?: string;
}

/** Named symbol families a rule can mention (code sets, drug classes, procedure kinds, ...). */
export type SymbolDomain =
  | 'condition_set'
  | 'medication_class'
  | 'procedure_kind'
  | 'allergen_set'
  | 'sex'
  | 'coded_result'
  | 'stratum'
  | 'series';

/** Static type of a rule expression, checked when the protocol loads. */
export type RuleType =
  | { readonly t: 'bool' }
  | { readonly t: 'number'; readonly unit: string; readonly variable?: VariableId }
  | { readonly t: 'instant' }
  | { readonly t: 'duration' }
  | { readonly t: 'window' }
  | { readonly t: 'string' };

/**
 * Runtime outcomes. Numbers are intervals: an exact value has lo = hi, a partly known score is bounded,
 * and a missing one is [-Infinity, Infinity]. Instants and windows may be unknown (an anchor that the
 * data cannot place). `reason` is built lazily: most evaluations never print it.
 */
export type Outcome =
  BoolOutcome | NumberOutcome | InstantOutcome | DurationOutcome | WindowOutcome | StringOutcome;

export interface BoolOutcome {
  readonly kind: 'bool';
  readonly value: Kleene;
  readonly evidence: readonly Evidence[];
  readonly reason: () => string;
}
export interface NumberOutcome {
  readonly kind: 'number';
  readonly lo: number;
  readonly hi: number;
  readonly evidence: readonly Evidence[];
  readonly reason: () => string;
}
export interface InstantOutcome {
  readonly kind: 'instant';
  readonly t: Instant | undefined;
  readonly evidence: readonly Evidence[];
  readonly reason: () => string;
}
export interface DurationOutcome {
  readonly kind: 'duration';
  /** Milliseconds; lo/hi as for numbers (unknown = ±Infinity). */
  readonly lo: number;
  readonly hi: number;
  readonly evidence: readonly Evidence[];
  readonly reason: () => string;
}
export interface WindowOutcome {
  readonly kind: 'window';
  readonly from: Instant | undefined;
  readonly to: Instant | undefined;
  readonly closedEnd: boolean;
  readonly evidence: readonly Evidence[];
  readonly reason: () => string;
}
export interface StringOutcome {
  readonly kind: 'string';
  readonly value: string;
  readonly evidence: readonly Evidence[];
  readonly reason: () => string;
}

/** A compiled expression: evaluated once per patient and screening instant. */
export type Compiled<O extends Outcome = Outcome> = (ctx: EvalContext) => O;

/** The ICU stay as FHIR-PROFILE.md §2 defines it (encounters merged across gaps of at most 24 h). */
export interface IcuStay {
  readonly start: Instant;
  /** Undefined while the stay runs at T_scr. */
  readonly end: Instant | undefined;
  readonly refs: readonly string[];
}

export interface HospitalStay {
  readonly start: Instant;
  readonly end: Instant | undefined;
  readonly ref: string;
  readonly admittedViaEd: boolean;
}

/**
 * What a rule function may read about one patient at one screening instant. Every accessor returns only
 * what was known at `at` (FHIR-PROFILE.md §1): the current version of each resource, nothing timed or
 * recorded later. Implemented by `eligibility/context.ts`.
 */
export interface EvalContext {
  /** The screening instant T_scr. */
  readonly at: Instant;
  readonly zone: Zone;
  readonly patient: PatientRecord;
  /** Protocol id, for attestations. */
  readonly protocolId: string;
  readonly icuStay: IcuStay | undefined;
  readonly hospitalStay: HospitalStay | undefined;
  /** Named anchors: T_scr, T_icu, T_hosp, T_sep, T_first_support, D1 (= T_scr at screening). */
  anchor(name: string): InstantOutcome;
  /** Protocol parameter in its canonical unit (durations in ms). */
  parameter(name: string): number;
  /** Observations of a variable with time in [from, to] (or [from, to) when `closedEnd` is false), sorted by time. */
  observations(
    variable: VariableId,
    from: Instant,
    to: Instant,
    closedEnd?: boolean,
  ): readonly ObservationRecord[];
  /**
   * The same results as `observations(variable, -Infinity, at)` (numeric: only numeric values, GCS under
   * sedation excluded) with their times in a typed array, for binary searches over windows. Optional: a
   * context without it is read through `observations`.
   */
  readonly series?: (variable: VariableId, numeric: boolean) => ObservationSeries<ObservationRecord>;
  readonly conditions: readonly ConditionRecord[];
  readonly procedures: readonly ProcedureRecord[];
  readonly medications: readonly MedicationRecord[];
  readonly allergies: readonly AllergyRecord[];
  /** Latest authored answer per criterion id for this protocol's screening questionnaire. */
  attestation(criterionId: string): AttestationRecord | undefined;
  /**
   * The medications of one class at T_scr, as `medications` filtered by class (same records, same order).
   * Optional: without it, `medications` is filtered.
   */
  readonly medicationsInClass?: (cls: MedicationClassName) => readonly MedicationRecord[];
  /** Memo for derived values shared by several criteria (SOFA over a window, T_sep, ...). */
  memo<T>(key: string, compute: () => T): T;
  /**
   * Status screening: `and`/`or` stop at the first operand that decides them, so a result cites only what
   * was evaluated (its value is the same). Absent or false: every operand is evaluated and explained.
   */
  readonly shortCircuit?: boolean;
}

/** A comparison of a variable's values with a threshold in its canonical unit: `mhla_dr < 8000 {AB}/{cell}`. */
export interface ObservationPredicate {
  readonly variable: VariableId;
  readonly op: CompareOp;
  /** Threshold in the variable's canonical unit, or a coded result (`positive`). */
  readonly threshold: number | string;
  readonly text: string;
}

/** Kinds of parameter a rule function declares. */
export type ParamKind =
  | 'bool'
  | 'number'
  | 'instant'
  | 'duration'
  | 'window'
  | 'variable'
  | 'predicate'
  | 'string'
  | { readonly symbol: SymbolDomain };

export interface ParamSpec {
  readonly name: string;
  readonly kind: ParamKind;
  /** Positional parameters come first, in order; the rest are named (`during: [...]`). */
  readonly positional?: boolean;
  readonly optional?: boolean;
  /** A positional parameter that takes all remaining positional arguments. */
  readonly variadic?: boolean;
  /** For numbers: the unit the argument must be convertible to. */
  readonly unit?: string;
}

/** Checked arguments handed to a function's compiler. */
export interface CompiledArgs {
  readonly values: ReadonlyMap<string, Compiled>;
  readonly variables: ReadonlyMap<string, readonly VariableId[]>;
  readonly predicates: ReadonlyMap<string, readonly ObservationPredicate[]>;
  readonly symbols: ReadonlyMap<string, readonly string[]>;
  /** Numbers given as literals, in the parameter's unit, when known at load time. */
  readonly constants: ReadonlyMap<string, number>;
}

/** A function of the rule language (docs/protocol-authoring.md lists them all). */
export interface FunctionSpec {
  readonly name: string;
  /** One line for the authoring guide and error messages. */
  readonly summary: string;
  readonly params: readonly ParamSpec[];
  /** Result type, possibly depending on the variable argument (e.g. `latest(x)` has x's unit). */
  readonly returns: (args: CompiledArgs) => RuleType;
  readonly compile: (args: CompiledArgs) => Compiled;
}
