/**
 * Test support for the clinical event functions: small record builders and a screening context built
 * with the engine's own `buildScreeningContext`. Used by tests only (not exported from the package).
 */
import { type AnchorProvider, buildScreeningContext } from '../../eligibility/context.js';
import type { Instant } from '../../time/duration.js';
import type { Zone } from '../../time/zone.js';
import type {
  AllergyRecord,
  AllergySubstance,
  ConditionRecord,
  EncounterRecord,
  MedicationRecord,
  ObservationRecord,
  PatientTimeline,
  ProcedureKind,
  ProcedureRecord,
  RecordMeta,
} from '../../timeline/types.js';
import type { BoolOutcome, Compiled, CompiledArgs, EvalContext, FunctionSpec, Outcome } from '../types.js';

/** An instant from a UTC ISO string: `t('2026-03-10T08:00')`. */
export function t(iso: string): Instant {
  return Date.parse(iso.endsWith('Z') ? iso : `${iso}Z`);
}

let counter = 0;

function meta(type: string, id: string | undefined): RecordMeta {
  counter += 1;
  return {
    ref: `${type}/${id ?? `r${counter}`}`,
    versionId: 1,
    lastUpdated: undefined,
    status: undefined,
    counted: true,
  };
}

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

export function medication(
  atc: string | undefined,
  start: Instant,
  fields: Partial<MedicationRecord> & { id?: string } = {},
): MedicationRecord {
  const { id, ...rest } = fields;
  return {
    ...meta(fields.resourceType ?? 'MedicationAdministration', id),
    resourceType: 'MedicationAdministration',
    atc,
    rxnorm: undefined,
    start,
    end: undefined,
    isInstant: false,
    rate: undefined,
    doseMg: undefined,
    systemicRoute: undefined,
    ...rest,
  };
}

/** A period exposure at a rate in mg/d (corticosteroids). */
export function steroid(
  atc: string,
  start: Instant,
  end: Instant | undefined,
  mgPerDay: number | undefined,
  fields: Partial<MedicationRecord> & { id?: string } = {},
): MedicationRecord {
  return medication(atc, start, {
    end,
    rate: mgPerDay === undefined ? undefined : { value: mgPerDay, unit: 'mg/d' },
    ...fields,
  });
}

/** A single administration (bolus) of `mg` mg at `time`. */
export function bolus(
  atc: string,
  time: Instant,
  mg: number | undefined,
  fields: Partial<MedicationRecord> & { id?: string } = {},
): MedicationRecord {
  return medication(atc, time, { isInstant: true, doseMg: mg, ...fields });
}

export function procedure(
  kind: ProcedureKind,
  start: Instant,
  fields: Partial<ProcedureRecord> & { id?: string } = {},
): ProcedureRecord {
  const { id, ...rest } = fields;
  return { ...meta('Procedure', id), kind, code: '0', start, end: undefined, inProgress: false, ...rest };
}

export function allergy(
  substance: AllergySubstance,
  fields: Partial<AllergyRecord> & { id?: string } = {},
): AllergyRecord {
  const { id, ...rest } = fields;
  return { ...meta('AllergyIntolerance', id), substance, recorded: undefined, ...rest };
}

export function weight(kg: number, time: Instant, id?: string): ObservationRecord {
  return {
    ...meta('Observation', id),
    variable: 'weight',
    time,
    issued: undefined,
    value: kg,
    originalValue: kg,
    originalUnit: 'kg',
    coded: undefined,
    referenceHigh: undefined,
    sedated: false,
  };
}

export function encounter(
  kind: 'hospital' | 'icu',
  start: Instant,
  fields: Partial<EncounterRecord> & { id?: string } = {},
): EncounterRecord {
  const { id, ...rest } = fields;
  return {
    ...meta('Encounter', id ?? kind),
    kind,
    start,
    startOffsetMinutes: 0,
    end: undefined,
    partOf: kind === 'icu' ? 'Encounter/hospital' : undefined,
    admittedViaEd: false,
    ...rest,
  };
}

export function timeline(parts: Partial<PatientTimeline> = {}): PatientTimeline {
  return {
    patientId: 'p1',
    patient: { ref: 'Patient/p1', birthDate: '1960-01-01', sex: 'male' },
    encounters: [],
    observations: [],
    conditions: [],
    procedures: [],
    medications: [],
    allergies: [],
    attestations: [],
    ...parts,
  };
}

/** A screening context at `at` over the given records. */
export function ctxOf(
  parts: Partial<PatientTimeline>,
  at: Instant,
  options: {
    zone?: Zone;
    parameters?: Record<string, number>;
    anchors?: Record<string, Instant | undefined>;
    providers?: Record<string, AnchorProvider>;
  } = {},
): EvalContext {
  const fixed = Object.fromEntries(
    Object.entries(options.anchors ?? {}).map(([name, value]) => [
      name,
      () => ({ kind: 'instant' as const, t: value, evidence: [], reason: () => `${name} fixed by the test` }),
    ]),
  );
  return buildScreeningContext(timeline(parts), at, {
    protocolId: 'test',
    anchors: { ...options.providers, ...fixed },
    ...(options.zone ? { zone: options.zone } : {}),
    ...(options.parameters ? { parameters: options.parameters } : {}),
  });
}

/** Literal arguments as the checker would pass them (numbers already in the parameter's unit, durations in ms). */
export interface ArgsInput {
  readonly symbols?: Record<string, readonly string[]>;
  readonly constants?: Record<string, number>;
  /** Windows as anchor-relative functions of the context: `(ctx) => [ctx.at - 30 d, ctx.at]`. */
  readonly windows?: Record<
    string,
    (ctx: EvalContext) => readonly [Instant | undefined, Instant | undefined, boolean?]
  >;
  readonly instants?: Record<string, (ctx: EvalContext) => Instant | undefined>;
  readonly bools?: Record<string, (ctx: EvalContext) => BoolOutcome['value']>;
}

export function argsOf(input: ArgsInput): CompiledArgs {
  const values = new Map<string, Compiled>();
  for (const [name, value] of Object.entries(input.constants ?? {})) {
    values.set(name, () => ({
      kind: 'number',
      lo: value,
      hi: value,
      evidence: [],
      reason: () => String(value),
    }));
  }
  for (const [name, w] of Object.entries(input.windows ?? {})) {
    values.set(name, (ctx): Outcome => {
      const [from, to, closedEnd = true] = w(ctx);
      return { kind: 'window', from, to, closedEnd, evidence: [], reason: () => `window ${name}` };
    });
  }
  for (const [name, i] of Object.entries(input.instants ?? {})) {
    values.set(name, (ctx): Outcome => ({
      kind: 'instant',
      t: i(ctx),
      evidence: [],
      reason: () => `instant ${name}`,
    }));
  }
  for (const [name, b] of Object.entries(input.bools ?? {})) {
    values.set(name, (ctx): Outcome => ({
      kind: 'bool',
      value: b(ctx),
      evidence: [],
      reason: () => `flag ${name}`,
    }));
  }
  return {
    values,
    variables: new Map(),
    predicates: new Map(),
    symbols: new Map(Object.entries(input.symbols ?? {})),
    constants: new Map(Object.entries(input.constants ?? {})),
  };
}

/** Compiles `spec` with `input` and evaluates it, expecting a condition. */
export function evaluate(spec: FunctionSpec, input: ArgsInput, ctx: EvalContext): BoolOutcome {
  const o = spec.compile(argsOf(input))(ctx);
  if (o.kind !== 'bool') throw new Error(`${spec.name} returned ${o.kind}, expected a condition`);
  return o;
}
