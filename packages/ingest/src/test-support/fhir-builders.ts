// Builders of small FHIR resources for tests (not exported from the package).
export const LOINC = 'http://loinc.org';
export const SNOMED = 'http://snomed.info/sct';
export const LOCAL = 'https://immunotrial.dev/fhir/CodeSystem/variable';

export type Json = Record<string, unknown>;

/** A collection Bundle of patient `p1` (born 1960-01-01, male) and the given resources. */
export function bundle(...resources: Json[]): Json {
  const patient = { resourceType: 'Patient', id: 'p1', gender: 'male', birthDate: '1960-01-01' };
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [patient, ...resources].map((resource) => ({ resource })),
  };
}

/** An Observation of `p1` with a LOINC (or given system) code and a quantity. */
export function obs(id: string, code: string, value: number, unit: string, extra: Json = {}): Json {
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    code: { coding: [{ system: code.includes('-') && /^\d/.test(code) ? LOINC : LOCAL, code }] },
    subject: { reference: 'Patient/p1' },
    effectiveDateTime: '2026-03-12T08:00:00+01:00',
    valueQuantity: { value, unit, system: 'http://unitsofmeasure.org', code: unit },
    ...extra,
  };
}

/** A hospital stay and an ICU encounter of `p1`, starting at the given times. */
export function stay(
  hospitalStart = '2026-03-10T22:10:00+01:00',
  icuStart = '2026-03-11T01:40:00+01:00',
): Json[] {
  return [
    {
      resourceType: 'Encounter',
      id: 'hosp',
      status: 'in-progress',
      class: { code: 'IMP' },
      subject: { reference: 'Patient/p1' },
      period: { start: hospitalStart },
    },
    {
      resourceType: 'Encounter',
      id: 'icu',
      status: 'in-progress',
      class: { code: 'ACUTE' },
      subject: { reference: 'Patient/p1' },
      period: { start: icuStart },
      partOf: { reference: 'Encounter/hosp' },
      type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'ICU' }] }],
    },
  ];
}

/** A MedicationAdministration of `p1`. */
export function medAdmin(id: string, coding: Json[], extra: Json = {}): Json {
  return {
    resourceType: 'MedicationAdministration',
    id,
    status: 'completed',
    medicationCodeableConcept: { coding },
    subject: { reference: 'Patient/p1' },
    effectivePeriod: { start: '2026-03-11T02:00:00+01:00', end: '2026-03-12T02:00:00+01:00' },
    ...extra,
  };
}
