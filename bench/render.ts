import type { SynthEvent, SynthObservation, SynthPatient } from './synthetic-model.js';

const LOINC = 'http://loinc.org';
const LOCAL = 'https://immunotrial.dev/fhir/CodeSystem/variable';
const SYSTEMS: Readonly<Record<string, string>> = {
  snomed: 'http://snomed.info/sct',
  atc: 'http://www.whocc.no/atc',
  icd10: 'http://hl7.org/fhir/sid/icd-10',
};

/** An instant written with the patient's UTC offset, FHIR style: `2026-03-11T01:40:00+01:00`. */
export function isoWithOffset(t: number, offsetMinutes: number): string {
  const local = new Date(t + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

type Resource = Record<string, unknown>;

function observation(p: SynthPatient, o: SynthObservation): Resource {
  const at = (t: number) => isoWithOffset(t, p.offsetMinutes);
  return {
    resourceType: 'Observation',
    id: o.id,
    status: 'final',
    category: [
      {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' },
        ],
      },
    ],
    code: { coding: [{ system: o.system === 'loinc' ? LOINC : LOCAL, code: o.code }] },
    subject: { reference: `Patient/${p.id}` },
    ...(o.end === undefined
      ? { effectiveDateTime: at(o.t) }
      : { effectivePeriod: { start: at(o.end), end: at(o.t) } }),
    valueQuantity: { value: o.value, unit: o.unit, system: 'http://unitsofmeasure.org', code: o.unit },
    encounter: { reference: `Encounter/${p.id}-icu` },
  };
}

function event(p: SynthPatient, e: SynthEvent): Resource {
  const at = (t: number) => isoWithOffset(t, p.offsetMinutes);
  const subject = { reference: `Patient/${p.id}` };
  const coding = [{ system: SYSTEMS[e.system] ?? e.system, code: e.code }];
  switch (e.kind) {
    case 'procedure':
      return {
        resourceType: 'Procedure',
        id: e.id,
        status: e.end === undefined ? 'in-progress' : 'completed',
        code: { coding },
        subject,
        performedPeriod:
          e.end === undefined ? { start: at(e.start) } : { start: at(e.start), end: at(e.end) },
      };
    case 'medication':
      return {
        resourceType: 'MedicationAdministration',
        id: e.id,
        status: 'completed',
        medicationCodeableConcept: { coding },
        subject,
        ...(e.end === undefined
          ? { effectiveDateTime: at(e.start) }
          : { effectivePeriod: { start: at(e.start), end: at(e.end) } }),
        dosage: {
          route: { coding: [{ system: SYSTEMS.snomed, code: '47625008' }] },
          ...(e.rate === undefined
            ? {}
            : {
                rateQuantity: {
                  value: e.rate.value,
                  unit: e.rate.unit,
                  system: 'http://unitsofmeasure.org',
                  code: e.rate.unit,
                },
              }),
        },
      };
    case 'diagnosis':
      return {
        resourceType: 'Condition',
        id: e.id,
        clinicalStatus: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }],
        },
        code: { coding },
        subject,
        onsetDateTime: at(e.start),
      };
    case 'attestation': {
      const [protocol, criterion] = e.code.split(':');
      return {
        resourceType: 'QuestionnaireResponse',
        id: e.id,
        questionnaire: `https://immunotrial.dev/fhir/Questionnaire/${protocol ?? ''}-screening`,
        status: 'completed',
        subject,
        authored: at(e.start),
        item: [{ linkId: criterion, answer: [{ valueBoolean: e.value }] }],
      };
    }
  }
}

/** The patient as FHIR R4 resources (Patient, Encounters, Observations, Procedures, …), in that order. */
export function renderFhir(p: SynthPatient): Resource[] {
  const at = (t: number) => isoWithOffset(t, p.offsetMinutes);
  const subject = { reference: `Patient/${p.id}` };
  return [
    { resourceType: 'Patient', id: p.id, gender: p.sex, birthDate: p.birthDate },
    {
      resourceType: 'Encounter',
      id: `${p.id}-hosp`,
      status: 'in-progress',
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP' },
      subject,
      period: { start: at(p.hospitalStart) },
      ...(p.admittedViaEd
        ? {
            hospitalization: {
              admitSource: {
                coding: [{ system: 'http://terminology.hl7.org/CodeSystem/admit-source', code: 'emd' }],
              },
            },
          }
        : {}),
    },
    {
      resourceType: 'Encounter',
      id: `${p.id}-icu`,
      status: 'in-progress',
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'ACUTE' },
      subject,
      period: { start: at(p.icuStart) },
      partOf: { reference: `Encounter/${p.id}-hosp` },
      type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'ICU' }] }],
    },
    ...p.observations.map((o) => observation(p, o)),
    ...p.events.map((e) => event(p, e)),
  ];
}

function csvEvent(p: SynthPatient, e: SynthEvent): string {
  const at = (t: number | undefined) => (t === undefined ? '' : isoWithOffset(t, p.offsetMinutes));
  const kind = e.kind;
  const value = e.kind === 'attestation' ? String(e.value) : (e.rate?.value ?? '');
  const extra = e.kind === 'medication' ? 'route=iv' : '';
  return [p.id, kind, e.code, e.system, at(e.start), at(e.end), value, e.rate?.unit ?? '', extra, e.id].join(
    ',',
  );
}

/** The patient as CSV long-format rows (docs/csv-format.md), without headers. */
export function renderCsv(p: SynthPatient): { observations: string[]; events: string[] } {
  const at = (t: number) => isoWithOffset(t, p.offsetMinutes);
  const events = [
    [p.id, 'patient', '', '', p.birthDate, '', p.sex, '', '', p.id].join(','),
    [
      p.id,
      'encounter',
      'hospital',
      '',
      at(p.hospitalStart),
      '',
      '',
      '',
      p.admittedViaEd ? 'ed=true' : '',
      `${p.id}-hosp`,
    ].join(','),
    [p.id, 'encounter', 'icu', '', at(p.icuStart), '', '', '', `part_of=${p.id}-hosp`, `${p.id}-icu`].join(
      ',',
    ),
    ...p.events.map((e) => csvEvent(p, e)),
  ];
  // The CSV names canonical variables only: a code no criterion reads (glucose) has no variable id.
  const observations = p.observations
    .filter((o) => o.variable !== 'glucose')
    .map((o) => [p.id, at(o.t), o.variable, o.value, o.unit, o.id].join(','));
  return { observations, events };
}

export const CSV_OBSERVATIONS_HEADER = 'patient_id,time,variable,value,unit,id';
export const CSV_EVENTS_HEADER = 'patient_id,kind,code,system,start,end,value,unit,extra,id';
