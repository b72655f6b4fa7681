/**
 * Test support for the criterion acceptance tests (`criteria-*.test.ts`): every criterion of a shipped
 * protocol walked through the real YAML rule. Builds small patients on top of the rule-function test
 * factory (`rules/functions/test-timeline.ts`) and checks one case of a criterion table. Tests only.
 */
import { expect } from 'vitest';
import type { CompiledEligibility } from '../eligibility/compile-eligibility.js';
import {
  type CriterionResult,
  type EligibilityResult,
  evaluateEligibility,
} from '../eligibility/evaluate-eligibility.js';
import type { Kleene } from '../kleene.js';
import {
  obs,
  plusHours,
  T_HOSP,
  T_ICU,
  timeline,
  type TimelineParts,
} from '../rules/functions/test-timeline.js';
import { HOUR_MS, type Instant } from '../time/duration.js';
import type {
  AllergyRecord,
  AttestationRecord,
  EncounterRecord,
  ObservationRecord,
  PatientTimeline,
} from '../timeline/types.js';

export { T_HOSP, T_ICU, plusHours };

/** Days after an instant (negative: before). */
export function plusDays(t: Instant, d: number): Instant {
  return t + d * 24 * HOUR_MS;
}

/** Minutes after an instant. */
export function plusMinutes(t: Instant, m: number): Instant {
  return t + (m * HOUR_MS) / 60;
}

/** What a criterion test patient holds, on top of the rule-function timeline parts. */
export interface PatientParts extends TimelineParts {
  readonly allergies?: readonly AllergyRecord[];
  readonly attestations?: readonly AttestationRecord[];
  /** The hospital stay began in the emergency department. */
  readonly viaEd?: boolean;
  /** UTC offset written at the start of the stays (local dates follow it); default 0. */
  readonly offsetMinutes?: number;
  /** Replaces the default hospital and ICU encounters. */
  readonly encounters?: readonly EncounterRecord[];
}

/** A patient: by default a man born 1969-02-14, in hospital from T_HOSP and in the ICU from T_ICU (UTC). */
export function patient(parts: PatientParts = {}): PatientTimeline {
  const base = timeline(parts);
  const encounters = (parts.encounters ?? base.encounters).map((e) => ({
    ...e,
    admittedViaEd: e.kind === 'hospital' ? (parts.viaEd ?? e.admittedViaEd) : e.admittedViaEd,
    startOffsetMinutes: parts.offsetMinutes ?? e.startOffsetMinutes,
  }));
  return {
    ...base,
    encounters,
    allergies: parts.allergies ?? [],
    attestations: parts.attestations ?? [],
  };
}

/** An encounter of the test patient (ICU encounters are part of `Encounter/hospital`). */
export function stayEncounter(
  id: string,
  kind: 'hospital' | 'icu',
  start: Instant,
  end?: Instant,
): EncounterRecord {
  return {
    ref: `Encounter/${id}`,
    versionId: 1,
    lastUpdated: undefined,
    status: undefined,
    counted: true,
    kind,
    start,
    startOffsetMinutes: 0,
    end,
    partOf: kind === 'icu' ? 'Encounter/hospital' : undefined,
    admittedViaEd: false,
  };
}

/** A person's answer to one criterion (FHIR-PROFILE.md §7), as a QuestionnaireResponse item. */
export function answer(
  protocol: string,
  criterionId: string,
  value: boolean,
  authored: Instant,
  id = `qr-${criterionId}`,
): AttestationRecord {
  return {
    ref: `QuestionnaireResponse/${id}`,
    versionId: 1,
    lastUpdated: undefined,
    status: 'completed',
    counted: true,
    protocol,
    criterionId,
    value,
    authored,
  };
}

/** An allergy to a substance (any clinical status). */
export function allergyTo(substance: AllergyRecord['substance'], id = `allergy-${substance}`): AllergyRecord {
  return {
    ref: `AllergyIntolerance/${id}`,
    versionId: 1,
    lastUpdated: undefined,
    status: undefined,
    counted: true,
    substance,
    recorded: undefined,
  };
}

/** SOFA points per organ for `sofaRecords` (respiration and cardiovascular without support or drugs). */
export interface OrganPointsWanted {
  readonly resp?: 0 | 1 | 2;
  readonly coag?: 0 | 1 | 2 | 3 | 4;
  readonly liver?: 0 | 1 | 2 | 3 | 4;
  readonly cv?: 0 | 1;
  readonly cns?: 0 | 1 | 2 | 3 | 4;
  readonly renal?: 0 | 1 | 2 | 3 | 4;
}

// One value inside each SOFA band (Vincent 1996, Table 1), in canonical units.
const PF = [450, 350, 250];
const PLATELETS = [200, 120, 80, 40, 15];
const BILIRUBIN = [0.5, 1.5, 3, 8, 13];
const MAP = [80, 60];
const GCS = [15, 13, 11, 7, 4];
const CREATININE = [0.8, 1.5, 2.5, 4, 6];

/**
 * Results for all six SOFA organs at time `t` (renal: a creatinine and a normal 24 h urine output, so that
 * every organ is exact), scoring the wanted points (0 when not given). Ids are `${prefix}-<organ>`.
 */
export function sofaRecords(t: Instant, wanted: OrganPointsWanted, prefix = 'sofa'): ObservationRecord[] {
  const pick = (table: readonly number[], p: number | undefined): number => table[p ?? 0] ?? NaN;
  return [
    obs('pf_ratio', pick(PF, wanted.resp), t, { id: `${prefix}-pf` }),
    obs('platelets', pick(PLATELETS, wanted.coag), t, { id: `${prefix}-platelets` }),
    obs('bilirubin', pick(BILIRUBIN, wanted.liver), t, { id: `${prefix}-bilirubin` }),
    obs('map', pick(MAP, wanted.cv), t, { id: `${prefix}-map` }),
    obs('gcs', pick(GCS, wanted.cns), t, { id: `${prefix}-gcs` }),
    obs('creatinine', pick(CREATININE, wanted.renal), t, { id: `${prefix}-creatinine` }),
    obs('urine_output_24h', 2000, t, { id: `${prefix}-urine` }),
  ];
}

/** One row of a criterion table. */
export interface CriterionCase {
  readonly name: string;
  readonly tl: PatientTimeline;
  readonly at: Instant;
  readonly result: Kleene;
  /** A `Type/id` the evidence must cite. */
  readonly cites?: string;
  /** Text the reason must contain (the deciding value). */
  readonly says?: string | RegExp;
}

/** Screens `tl` at `at` and returns the whole eligibility result. */
export function screenAt(
  eligibility: CompiledEligibility,
  tl: PatientTimeline,
  at: Instant,
): EligibilityResult {
  return evaluateEligibility(eligibility, tl, at);
}

/** The result of one criterion for `tl` screened at `at`. @throws Error for an unknown criterion id */
export function criterionOf(
  eligibility: CompiledEligibility,
  id: string,
  tl: PatientTimeline,
  at: Instant,
): CriterionResult {
  const c = screenAt(eligibility, tl, at).criteria.find((x) => x.id === id);
  if (!c) throw new Error(`no criterion ${id} in ${eligibility.protocolId}`);
  return c;
}

/** Asserts one table row: the result, and the cited evidence and reason text when the row gives them. */
export function expectCase(eligibility: CompiledEligibility, id: string, c: CriterionCase): void {
  const r = criterionOf(eligibility, id, c.tl, c.at);
  expect(r.result, r.reason).toBe(c.result);
  if (c.cites !== undefined) expect(r.evidence.map((e) => e.reference)).toContain(c.cites);
  if (c.says !== undefined) expect(r.reason).toMatch(c.says);
}

/**
 * The three cases of an attestation-only criterion (DOMAIN.md column A): no answer -> unknown, yes -> met,
 * no -> not_met; an answer authored after screening is not read.
 */
export function attestationOnlyCases(protocol: string, id: string, at: Instant): CriterionCase[] {
  const before = plusHours(at, -1);
  return [
    { name: 'no answer: unknown', tl: patient(), at, result: 'unknown', says: /attestation/ },
    {
      name: 'answered yes: met',
      tl: patient({ attestations: [answer(protocol, id, true, before)] }),
      at,
      result: 'met',
      cites: `QuestionnaireResponse/qr-${id}`,
      says: 'attested yes',
    },
    {
      name: 'answered no: not_met',
      tl: patient({ attestations: [answer(protocol, id, false, before)] }),
      at,
      result: 'not_met',
    },
    {
      name: 'answered yes after screening: unknown',
      tl: patient({ attestations: [answer(protocol, id, true, plusHours(at, 1))] }),
      at,
      result: 'unknown',
    },
    {
      name: 'the latest answer wins',
      tl: patient({
        attestations: [
          answer(protocol, id, true, plusHours(at, -5), 'qr-old'),
          answer(protocol, id, false, before, 'qr-new'),
        ],
      }),
      at,
      result: 'not_met',
      cites: 'QuestionnaireResponse/qr-new',
    },
    {
      name: 'an answer for another protocol is not read',
      tl: patient({ attestations: [answer(`not-${protocol}`, id, true, before)] }),
      at,
      result: 'unknown',
    },
  ];
}

/**
 * A* criteria (data pre-fills, a person's answer overrides): `data` is a patient whose data decides
 * `dataResult`; the answer opposite to it replaces it.
 */
export function overrideCases(
  protocol: string,
  id: string,
  data: PatientParts,
  dataResult: 'met' | 'not_met',
  at: Instant,
): CriterionCase[] {
  const flip = dataResult === 'met' ? 'not_met' : 'met';
  return [
    {
      name: `A*: the answer ${flip === 'met' ? 'yes' : 'no'} overrides data that say ${dataResult}`,
      tl: patient({ ...data, attestations: [answer(protocol, id, flip === 'met', plusHours(at, -1))] }),
      at,
      result: flip,
      cites: `QuestionnaireResponse/qr-${id}`,
    },
    {
      name: `A*: without an answer the data decide (${dataResult})`,
      tl: patient(data),
      at,
      result: dataResult,
    },
  ];
}

/** Table rows as `[name, case]` pairs, so that `it.each(named(cases))('%s', …)` prints the whole name. */
export function named(cases: readonly CriterionCase[]): (readonly [string, CriterionCase])[] {
  return cases.map((c) => [c.name, c] as const);
}

/** A protocol's criterion tables: `[criterion id, label, cases]`, in the protocol's order. */
export type CriterionTables = readonly (readonly [string, string, readonly CriterionCase[]])[];

/**
 * Asserts that the tables walk every criterion of the protocol, in its order, each on both sides (a met and
 * a not_met case) and with at least one case whose evidence and reason name the deciding record and value.
 */
export function expectCoverage(eligibility: CompiledEligibility, tables: CriterionTables): void {
  expect(tables.map(([id]) => id)).toEqual(eligibility.criteria.map((c) => c.id));
  for (const [id, , cases] of tables) {
    const results = new Set(cases.map((c) => c.result));
    expect([id, results.has('met'), results.has('not_met')]).toEqual([id, true, true]);
    expect([id, cases.some((c) => c.cites !== undefined && c.says !== undefined)]).toEqual([id, true]);
  }
}

/** What a table row may add: another screening instant, the evidence it must cite, the text of its reason. */
export interface RowOptions {
  readonly at?: Instant;
  readonly cites?: string;
  readonly says?: string | RegExp;
}

/**
 * A row builder for a table screened at `defaultAt`: `row('ALC 900 today', patient(…), 'met', { cites })`
 * names the case `ALC 900 today: met`.
 */
export function rowsAt(
  defaultAt: Instant,
): (name: string, tl: PatientTimeline, result: Kleene, options?: RowOptions) => CriterionCase {
  return (name, tl, result, options = {}) => ({
    name: `${name}: ${result}`,
    tl,
    at: options.at ?? defaultAt,
    result,
    ...(options.cites !== undefined ? { cites: options.cites } : {}),
    ...(options.says !== undefined ? { says: options.says } : {}),
  });
}
