/**
 * Test factory for the score-based rule functions: small hand-made patient timelines (records with sensible
 * defaults: counted, versionId 1, no lastUpdated) and rule evaluation through the real parser, checker and
 * `buildScreeningContext`. Used by tests only (not exported from the package).
 */
import { buildScreeningContext } from '../../eligibility/context.js';
import { HOUR_MS, type Instant } from '../../time/duration.js';
import type {
  CodedResult,
  ConditionRecord,
  EncounterRecord,
  MedicationRecord,
  ObservationRecord,
  PatientRecord,
  PatientTimeline,
  ProcedureKind,
  ProcedureRecord,
  RecordMeta,
} from '../../timeline/types.js';
import type { VariableId } from '../../variables/registry.js';
import { compileCondition, compileNode } from '../checker.js';
import type { CompileEnv } from '../compile-env.js';
import { RULE_FUNCTIONS, RULE_SYMBOLS } from '../library.js';
import { parseRule } from '../parser.js';
import type { BoolOutcome, EvalContext, NumberOutcome } from '../types.js';
import { SCORE_FUNCTIONS } from './score-functions.js';

/** An instant from an ISO string, UTC unless it carries an offset: `at('2026-03-11T03:00')`. */
export function at(iso: string): Instant {
  return Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(iso) ? iso : `${iso}Z`);
}

/** Hours after an instant. */
export function plusHours(t: Instant, h: number): Instant {
  return t + h * HOUR_MS;
}

/** Default anchors of the test patients: hospital admission, then ICU admission 4 h later. */
export const T_HOSP = at('2026-03-10T20:00');
export const T_ICU = at('2026-03-11T00:00');

let counter = 0;

function meta(type: string, id: string | undefined): RecordMeta {
  counter += 1;
  return {
    ref: `${type}/${id ?? `t${counter}`}`,
    versionId: 1,
    lastUpdated: undefined,
    status: undefined,
    counted: true,
  };
}

/** A numeric observation in the variable's canonical unit. */
export function obs(
  variable: VariableId,
  value: number,
  time: Instant,
  fields: Partial<ObservationRecord> & { id?: string } = {},
): ObservationRecord {
  const { id, ...rest } = fields;
  return {
    ...meta('Observation', id),
    variable,
    time,
    issued: undefined,
    value,
    originalValue: value,
    originalUnit: undefined,
    coded: undefined,
    referenceHigh: undefined,
    sedated: false,
    ...rest,
  };
}

/** A coded observation (qualitative hCG, blood culture). */
export function codedObs(
  variable: VariableId,
  coded: CodedResult,
  time: Instant,
  fields: Partial<ObservationRecord> & { id?: string } = {},
): ObservationRecord {
  return obs(variable, NaN, time, { value: undefined, originalValue: undefined, coded, ...fields });
}

/** A procedure (ventilation kinds etc.); running while `inProgress` without an end. */
export function procedure(
  kind: ProcedureKind,
  start: Instant,
  fields: Partial<ProcedureRecord> & { id?: string } = {},
): ProcedureRecord {
  const { id, ...rest } = fields;
  return {
    ...meta('Procedure', id),
    kind,
    code: '0',
    start,
    end: undefined,
    inProgress: true,
    ...rest,
  };
}

/** A vasopressor infusion by ATC code at a rate in µg/kg/min (undefined: no rate sent). */
export function infusion(
  atc: string,
  start: Instant,
  end: Instant | undefined,
  rateUgKgMin: number | undefined,
  fields: Partial<MedicationRecord> & { id?: string } = {},
): MedicationRecord {
  const { id, ...rest } = fields;
  return {
    ...meta('MedicationAdministration', id),
    resourceType: 'MedicationAdministration',
    atc,
    rxnorm: undefined,
    start,
    end,
    isInstant: false,
    rate: rateUgKgMin === undefined ? undefined : { value: rateUgKgMin, unit: 'ug/kg/min' },
    doseMg: undefined,
    systemicRoute: undefined,
    ...rest,
  };
}

/** An ICD-10 (WHO) condition, active unless said otherwise. */
export function condition(
  code: string,
  fields: Partial<Omit<ConditionRecord, 'code'>> & { id?: string } = {},
): ConditionRecord {
  const { id, ...rest } = fields;
  return {
    ...meta('Condition', id),
    system: 'icd10',
    code: code.replace('.', ''),
    active: true,
    onset: undefined,
    recorded: undefined,
    abatement: undefined,
    ...rest,
  };
}

function encounter(kind: 'hospital' | 'icu', start: Instant, partOf?: string): EncounterRecord {
  return {
    ...meta('Encounter', kind),
    kind,
    start,
    startOffsetMinutes: 0,
    end: undefined,
    partOf,
    admittedViaEd: false,
  };
}

/** What a test timeline holds; everything optional. */
export interface TimelineParts {
  readonly patient?: Partial<PatientRecord>;
  /** Hospital admission; `null` for no hospital stay. */
  readonly hospital?: Instant | null;
  /** ICU admission; `null` for no ICU stay. */
  readonly icu?: Instant | null;
  readonly observations?: readonly ObservationRecord[];
  readonly procedures?: readonly ProcedureRecord[];
  readonly medications?: readonly MedicationRecord[];
  readonly conditions?: readonly ConditionRecord[];
}

/** A patient timeline: a 57-year-old man admitted to hospital at T_HOSP and to the ICU at T_ICU by default. */
export function timeline(parts: TimelineParts = {}): PatientTimeline {
  const hospital = parts.hospital === undefined ? T_HOSP : parts.hospital;
  const icu = parts.icu === undefined ? T_ICU : parts.icu;
  const encounters: EncounterRecord[] = [];
  if (hospital !== null) encounters.push(encounter('hospital', hospital));
  if (icu !== null) encounters.push(encounter('icu', icu, 'Encounter/hospital'));
  return {
    patientId: 'p1',
    patient: { ref: 'Patient/p1', birthDate: '1969-02-14', sex: 'male', ...parts.patient },
    encounters,
    observations: parts.observations ?? [],
    conditions: parts.conditions ?? [],
    procedures: parts.procedures ?? [],
    medications: parts.medications ?? [],
    allergies: [],
    attestations: [],
  };
}

/** The library's functions plus the score-based ones, with the built-in anchors. */
export const TEST_ENV: CompileEnv = {
  functions: new Map([...RULE_FUNCTIONS, ...SCORE_FUNCTIONS].map((f) => [f.name, f])),
  anchors: new Set(['T_scr', 'D1', 'T_icu', 'T_hosp']),
  symbols: RULE_SYMBOLS,
  parameters: new Map(),
  definitions: new Map(),
};

/** The screening view of a timeline at an instant. */
export function screen(tl: PatientTimeline, atInstant: Instant): EvalContext {
  return buildScreeningContext(tl, atInstant, { protocolId: 'test' });
}

/** Evaluates a condition rule for a timeline at a screening instant. */
export function evaluateRule(rule: string, tl: PatientTimeline, atInstant: Instant): BoolOutcome {
  return compileCondition(parseRule(rule), TEST_ENV)(screen(tl, atInstant));
}

/** Evaluates a numeric rule expression (e.g. `sofa(during: icu_window(0))`) to its interval. */
export function evaluateNumber(expr: string, tl: PatientTimeline, atInstant: Instant): NumberOutcome {
  const o = compileNode(parseRule(expr), TEST_ENV).run(screen(tl, atInstant));
  if (o.kind !== 'number') throw new Error(`expected a number from ${expr}, evaluated ${o.kind}`);
  return o;
}

/** The same context without its series: rule functions then read every window through `observations`. */
export function withoutSeries(ctx: EvalContext): EvalContext {
  return {
    at: ctx.at,
    zone: ctx.zone,
    patient: ctx.patient,
    protocolId: ctx.protocolId,
    icuStay: ctx.icuStay,
    hospitalStay: ctx.hospitalStay,
    anchor: (name) => ctx.anchor(name),
    parameter: (name) => ctx.parameter(name),
    observations: (variable, from, to, closedEnd) => ctx.observations(variable, from, to, closedEnd),
    conditions: ctx.conditions,
    procedures: ctx.procedures,
    medications: ctx.medications,
    allergies: ctx.allergies,
    attestation: (id) => ctx.attestation(id),
    memo: (key, compute) => ctx.memo(key, compute),
  };
}
