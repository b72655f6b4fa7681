import {
  type AllergyRecord,
  ATC_SYSTEM,
  type AttestationRecord,
  type ConditionRecord,
  type EncounterRecord,
  LOCAL_VARIABLE_SYSTEM,
  LOINC,
  type MedicationRecord,
  type ObservationRecord,
  type PatientTimeline,
  type ProcedureRecord,
  SNOMED,
  SUBSTANCE_SYSTEM,
  VARIABLES,
} from '@immunotrial/core';

/** A FHIR R4 resource as plain JSON. */
export type FhirResource = Readonly<Record<string, unknown>>;

/** A FHIR R4 Bundle of type collection, one per patient (FHIR-PROFILE.md §1). */
export interface FhirBundle {
  readonly resourceType: 'Bundle';
  readonly id: string;
  readonly type: 'collection';
  readonly entry: readonly { readonly fullUrl: string; readonly resource: FhirResource }[];
}

const UCUM = 'http://unitsofmeasure.org';
const ICD10 = 'http://hl7.org/fhir/sid/icd-10';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const ROLE_CODE = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';
const ADMIT_SOURCE = 'http://terminology.hl7.org/CodeSystem/admit-source';
const CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
const QUESTIONNAIRE = 'https://immunotrial.dev/fhir/Questionnaire';
const BASE = 'https://twin.immunotrial.dev/fhir';
/** SNOMED: IV route, oral route, Staphylococcus aureus (a positive culture), positive and negative results. */
const IV = '47625008';
const ORAL = '26643006';
const ORGANISM = '3092008';
const POSITIVE = '10828004';
const NEGATIVE = '260385009';
const NO_GROWTH = '264868006';
/** Latex allergy (SNOMED 300916003) and the interferon class (ATC L03AB), FHIR-PROFILE.md §7. */
const LATEX = '300916003';
const INTERFERONS = 'L03AB';

/**
 * An instant written with a UTC offset, as FHIR dateTime: `2026-03-11T01:40:00+01:00`.
 * @param t - Epoch milliseconds.
 * @param offsetMinutes - The offset to write.
 * @example fhirDateTime(Date.UTC(2026, 2, 11, 0, 40), 60) // => '2026-03-11T01:40:00+01:00'
 */
export function fhirDateTime(t: number, offsetMinutes: number): string {
  const local = new Date(t + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function idOf(ref: string): string {
  return ref.slice(ref.indexOf('/') + 1);
}

function icd10(code: string): string {
  return code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code;
}

/**
 * A patient timeline as a FHIR R4 bundle per FHIR-PROFILE.md, so that `immunotrial screen` and ingestion
 * read back the same records: encounters with the ICU type, observations with their LOINC or local code
 * and canonical UCUM unit, ICD-10 conditions, SNOMED procedures, ATC medications with rates, allergies and
 * questionnaire answers. Every timestamp carries the offset given.
 * @param tl - The timeline (records as made by renderTimeline).
 * @param offsetMinutes - UTC offset of the site (TWIN_OFFSET_MINUTES).
 * @throws Error for an observation variable without a code.
 * @example renderBundle(renderTimeline(m, p), 60).entry[0]?.resource.resourceType // => 'Patient'
 */
export function renderBundle(tl: PatientTimeline, offsetMinutes: number): FhirBundle {
  const at = (t: number): string => fhirDateTime(t, offsetMinutes);
  const subject = { reference: `Patient/${tl.patientId}` };
  const resources: FhirResource[] = [
    { resourceType: 'Patient', id: tl.patientId, gender: tl.patient.sex, birthDate: tl.patient.birthDate },
    ...tl.encounters.map((e) => encounter(e, subject, at)),
    ...tl.observations.map((o) => observation(o, subject, at)),
    ...tl.conditions.map((c) => condition(c, subject, at)),
    ...tl.procedures.map((p) => procedure(p, subject, at)),
    ...tl.medications.map((m) => medication(m, subject, at)),
    ...tl.allergies.map((a) => allergy(a, subject, at)),
    ...tl.attestations.map((q) => questionnaire(q, subject, at)),
  ];
  return {
    resourceType: 'Bundle',
    id: `bundle-${tl.patientId}`,
    type: 'collection',
    entry: resources.map((resource) => ({
      fullUrl: `${BASE}/${String(resource['resourceType'])}/${String(resource['id'])}`,
      resource,
    })),
  };
}

function encounter(e: EncounterRecord, subject: object, at: (t: number) => string): FhirResource {
  return {
    resourceType: 'Encounter',
    id: idOf(e.ref),
    status: e.end === undefined ? 'in-progress' : 'finished',
    class: { system: ACT_CODE, code: e.kind === 'icu' ? 'ACUTE' : 'IMP' },
    subject,
    period: e.end === undefined ? { start: at(e.start) } : { start: at(e.start), end: at(e.end) },
    ...(e.partOf === undefined ? {} : { partOf: { reference: e.partOf } }),
    ...(e.kind === 'icu' ? { type: [{ coding: [{ system: ROLE_CODE, code: 'ICU' }] }] } : {}),
    ...(e.admittedViaEd
      ? { hospitalization: { admitSource: { coding: [{ system: ADMIT_SOURCE, code: 'emd' }] } } }
      : {}),
  };
}

function observation(o: ObservationRecord, subject: object, at: (t: number) => string): FhirResource {
  const def = VARIABLES[o.variable];
  const loinc = def.loinc[0];
  const local = def.local[0];
  const coding =
    loinc !== undefined
      ? { system: LOINC, code: loinc }
      : local !== undefined
        ? { system: LOCAL_VARIABLE_SYSTEM, code: local }
        : undefined;
  if (coding === undefined) throw new Error(`no code for variable ${o.variable}`);
  const unit = def.canonicalUnit;
  const value =
    o.coded !== undefined
      ? {
          valueCodeableConcept: {
            coding: [
              {
                system: SNOMED,
                code:
                  o.variable === 'blood_culture'
                    ? o.coded === 'positive'
                      ? ORGANISM
                      : NO_GROWTH
                    : o.coded === 'positive'
                      ? POSITIVE
                      : NEGATIVE,
              },
            ],
          },
        }
      : { valueQuantity: { value: o.value, unit, system: UCUM, code: unit } };
  const time =
    o.variable === 'urine_output_24h'
      ? { effectivePeriod: { start: at(o.time - 86_400_000), end: at(o.time) } }
      : { effectiveDateTime: at(o.time) };
  return {
    resourceType: 'Observation',
    id: idOf(o.ref),
    status: 'final',
    code: { coding: [coding] },
    subject,
    ...time,
    ...value,
    ...(o.referenceHigh === undefined
      ? {}
      : { referenceRange: [{ high: { value: o.referenceHigh, unit, system: UCUM, code: unit } }] }),
  };
}

function condition(c: ConditionRecord, subject: object, at: (t: number) => string): FhirResource {
  return {
    resourceType: 'Condition',
    id: idOf(c.ref),
    clinicalStatus: { coding: [{ system: CLINICAL, code: c.active ? 'active' : 'resolved' }] },
    code: { coding: [{ system: ICD10, code: icd10(c.code) }] },
    subject,
    ...(c.onset === undefined ? {} : { onsetDateTime: at(c.onset) }),
    ...(c.abatement === undefined ? {} : { abatementDateTime: at(c.abatement) }),
  };
}

function procedure(p: ProcedureRecord, subject: object, at: (t: number) => string): FhirResource {
  return {
    resourceType: 'Procedure',
    id: idOf(p.ref),
    status: p.end === undefined ? 'in-progress' : 'completed',
    code: { coding: [{ system: SNOMED, code: p.code }] },
    subject,
    performedPeriod: p.end === undefined ? { start: at(p.start) } : { start: at(p.start), end: at(p.end) },
  };
}

function medication(m: MedicationRecord, subject: object, at: (t: number) => string): FhirResource {
  const code = { coding: [{ system: ATC_SYSTEM, code: m.atc ?? '' }] };
  const effective = m.isInstant
    ? { effectiveDateTime: at(m.start) }
    : {
        effectivePeriod:
          m.end === undefined ? { start: at(m.start) } : { start: at(m.start), end: at(m.end) },
      };
  if (m.resourceType === 'MedicationStatement') {
    return {
      resourceType: 'MedicationStatement',
      id: idOf(m.ref),
      status: 'active',
      medicationCodeableConcept: code,
      subject,
      ...effective,
      dosage: [
        {
          route: { coding: [{ system: SNOMED, code: ORAL }] },
          ...(m.rate === undefined
            ? {}
            : {
                timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd' } },
                doseAndRate: [
                  { doseQuantity: { value: m.rate.value, unit: 'mg', system: UCUM, code: 'mg' } },
                ],
              }),
        },
      ],
    };
  }
  return {
    resourceType: 'MedicationAdministration',
    id: idOf(m.ref),
    status: 'completed',
    medicationCodeableConcept: code,
    subject,
    ...effective,
    dosage: {
      route: { coding: [{ system: SNOMED, code: IV }] },
      ...(m.rate === undefined
        ? {}
        : { rateQuantity: { value: m.rate.value, unit: m.rate.unit, system: UCUM, code: m.rate.unit } }),
      ...(m.doseMg === undefined ? {} : { dose: { value: m.doseMg, unit: 'mg', system: UCUM, code: 'mg' } }),
    },
  };
}

function allergy(a: AllergyRecord, subject: object, at: (t: number) => string): FhirResource {
  const coding =
    a.substance === 'latex'
      ? { system: SNOMED, code: LATEX }
      : a.substance === 'interferon'
        ? { system: ATC_SYSTEM, code: INTERFERONS }
        : { system: SUBSTANCE_SYSTEM, code: a.substance };
  return {
    resourceType: 'AllergyIntolerance',
    id: idOf(a.ref),
    code: { coding: [coding] },
    patient: subject,
    ...(a.recorded === undefined ? {} : { recordedDate: at(a.recorded) }),
  };
}

function questionnaire(q: AttestationRecord, subject: object, at: (t: number) => string): FhirResource {
  return {
    resourceType: 'QuestionnaireResponse',
    id: idOf(q.ref),
    questionnaire: `${QUESTIONNAIRE}/${q.protocol}-screening`,
    status: 'completed',
    subject,
    authored: at(q.authored),
    item: [{ linkId: q.criterionId, answer: [{ valueBoolean: q.value }] }],
  };
}
