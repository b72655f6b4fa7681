import { describe, expect, it } from 'vitest';
import { bundle, SNOMED, stay } from '../test-support/fhir-builders.js';
import { fhirBundleToTimelines } from './bundle.js';

const p1 = { reference: 'Patient/p1' };
function ingest(...resources: Record<string, unknown>[]) {
  const r = fhirBundleToTimelines(bundle(...stay(), ...resources));
  return { p: r.patients[0]!, warnings: r.warnings };
}
const procedure = (id: string, code: string, extra: Record<string, unknown> = {}) => ({
  resourceType: 'Procedure',
  id,
  status: 'completed',
  code: { coding: [{ system: SNOMED, code }] },
  subject: p1,
  performedPeriod: { start: '2026-03-11T02:00:00+01:00', end: '2026-03-12T02:00:00+01:00' },
  ...extra,
});

describe('Procedure mapping (FHIR-PROFILE.md §4)', () => {
  it('classifies ventilation by code and usedCode, and reads performedDateTime', () => {
    const tube = { usedCode: [{ coding: [{ system: SNOMED, code: '26412008' }] }] };
    const { p, warnings } = ingest(
      procedure('a', '40617009', tube),
      procedure('b', '40617009'),
      procedure('c', '371907003', { usedCode: [{ coding: [{ system: SNOMED, code: '426854004' }] }] }),
      procedure('d', '108290001', { performedPeriod: undefined, performedDateTime: '2026-01-05' }),
      procedure('e', '80146002'),
      procedure('f', '1258985005', {
        status: 'in-progress',
        performedPeriod: { start: '2026-03-11T02:00:00+01:00' },
      }),
    );
    expect(p.procedures.map((x) => [x.ref, x.kind, x.inProgress, x.end === undefined])).toEqual([
      ['Procedure/d', 'radiotherapy', false, true],
      ['Procedure/a', 'imv', false, false],
      ['Procedure/b', 'ventilation_unknown', false, false],
      ['Procedure/c', 'hfno', false, false],
      ['Procedure/f', 'imv', true, true],
    ]);
    expect(warnings).toEqual(['skipped 1 Procedures with codes no criterion reads: SNOMED 80146002 (1)']);
  });
});

describe('Condition mapping (FHIR-PROFILE.md §6)', () => {
  const condition = (id: string, system: string, code: string, extra: Record<string, unknown> = {}) => ({
    resourceType: 'Condition',
    id,
    code: { coding: [{ system, code }] },
    subject: p1,
    ...extra,
  });
  const status = (code: string) => ({ coding: [{ code }] });
  it('reads ICD-10 WHO and CM, upper case without dots, and the clinical and verification status', () => {
    const { p, warnings } = ingest(
      condition('a', 'http://hl7.org/fhir/sid/icd-10', 'k65.0', {
        onsetDateTime: '2026-03-10T20:00:00+01:00',
      }),
      condition('b', 'http://hl7.org/fhir/sid/icd-10-cm', 'R65.21', {
        clinicalStatus: status('relapse'),
        recordedDate: '2026-03-11',
      }),
      condition('c', 'http://hl7.org/fhir/sid/icd-10', 'C34.1', {
        clinicalStatus: status('resolved'),
        abatementDateTime: '2020-05-01',
      }),
      condition('d', 'http://hl7.org/fhir/sid/icd-10', 'B20', { verificationStatus: status('refuted') }),
      condition('e', SNOMED, '91302008'),
    );
    expect(p.conditions.map((c) => [c.ref, c.system, c.code, c.active, c.counted])).toEqual([
      ['Condition/a', 'icd10', 'K650', true, true],
      ['Condition/b', 'icd10cm', 'R6521', true, true],
      ['Condition/c', 'icd10', 'C341', false, true],
      ['Condition/d', 'icd10', 'B20', true, false],
    ]);
    expect(p.conditions[1]!.recorded).toBe(Date.parse('2026-03-11T00:00:00+01:00'));
    expect(p.conditions[2]!.abatement).toBe(Date.parse('2020-05-01T00:00:00+01:00'));
    expect(warnings).toEqual([
      'Condition/d: version 1 is verificationStatus refuted: the resource is removed',
      'skipped 1 Conditions without an ICD-10 code: SNOMED 91302008 (1)',
    ]);
  });
});

describe('AllergyIntolerance mapping (FHIR-PROFILE.md §7)', () => {
  const allergy = (id: string, coding: unknown[]) => ({
    resourceType: 'AllergyIntolerance',
    id,
    code: { coding },
    patient: p1,
    recordedDate: '2019-04-02',
  });
  it('reads interferons, excipients and latex, and counts other substances', () => {
    const { p, warnings } = ingest(
      allergy('a', [{ system: 'http://www.whocc.no/atc', code: 'L03AB11' }]),
      allergy('b', [{ system: 'https://immunotrial.dev/fhir/CodeSystem/substance', code: 'polysorbate-20' }]),
      allergy('c', [{ system: SNOMED, code: '300916003' }]),
      allergy('d', [{ system: SNOMED, code: '91936005' }]),
    );
    expect(p.allergies.map((a) => [a.ref, a.substance])).toEqual([
      ['AllergyIntolerance/a', 'interferon'],
      ['AllergyIntolerance/b', 'polysorbate-20'],
      ['AllergyIntolerance/c', 'latex'],
    ]);
    expect(p.allergies[0]!.recorded).toBe(Date.parse('2019-04-02T00:00:00+01:00'));
    expect(warnings).toEqual([
      'skipped 1 AllergyIntolerances with substances no criterion reads: SNOMED 91936005 (1)',
    ]);
  });
});

describe('QuestionnaireResponse mapping (FHIR-PROFILE.md §7)', () => {
  it('reads nested answered items as attestations of the protocol named by the questionnaire', () => {
    const { p, warnings } = ingest(
      {
        resourceType: 'QuestionnaireResponse',
        id: 'q',
        status: 'amended',
        questionnaire: 'https://immunotrial.dev/fhir/Questionnaire/iris7-screening|1.2',
        subject: p1,
        authored: '2026-03-14T10:00:00+01:00',
        item: [
          { linkId: 'group', item: [{ linkId: 'E1', answer: [{ valueBoolean: false }] }, { linkId: 'I4' }] },
          {
            linkId: 'I2',
            answer: [{ valueBoolean: true, item: [{ linkId: 'I3', answer: [{ valueBoolean: true }] }] }],
          },
        ],
      },
      {
        resourceType: 'QuestionnaireResponse',
        id: 'other',
        status: 'completed',
        questionnaire: 'https://example.org/Questionnaire/phq9',
        subject: p1,
        authored: '2026-03-14T10:00:00+01:00',
      },
    );
    expect(p.attestations.map((a) => [a.protocol, a.criterionId, a.value, a.counted])).toEqual([
      ['iris7', 'E1', false, true],
      ['iris7', 'I2', true, true],
      ['iris7', 'I3', true, true],
    ]);
    expect(p.attestations[0]!.authored).toBe(Date.parse('2026-03-14T10:00:00+01:00'));
    expect(warnings).toEqual([
      'skipped 1 QuestionnaireResponses of questionnaires no protocol reads: https://example.org/Questionnaire/phq9 (1)',
    ]);
  });
});
