import { describe, expect, it } from 'vitest';
import { bundle, LOCAL, obs, SNOMED, stay } from '../test-support/fhir-builders.js';
import { fhirBundleToTimelines } from './bundle.js';

function ingest(...resources: Record<string, unknown>[]) {
  const r = fhirBundleToTimelines(bundle(...stay(), ...resources), { source: 't.json' });
  return { observations: r.patients[0]!.observations, warnings: r.warnings };
}

describe('Observation mapping (FHIR-PROFILE.md §3)', () => {
  it('converts creatinine in umol/L to mg/dL and keeps the value as sent', () => {
    const { observations } = ingest(obs('c', '2160-0', 203.32, 'umol/L'));
    // 2.3 mg/dL × 88.4 = 203.32 µmol/L (FHIR-PROFILE.md §3)
    expect(observations[0]!.value).toBeCloseTo(2.3, 10);
    expect(observations[0]).toMatchObject({
      originalValue: 203.32,
      originalUnit: 'umol/L',
      variable: 'creatinine',
    });
  });

  it('reads the unit from valueQuantity.code, else valueQuantity.unit', () => {
    const noCode = obs('b', '1975-2', 34.2, 'umol/L');
    noCode.valueQuantity = { value: 34.2, unit: 'umol/L' };
    const both = obs('p', '777-3', 96, '10*9/L');
    both.valueQuantity = { value: 96000, unit: 'per microlitre', code: '/uL' };
    const { observations } = ingest(noCode, both);
    expect(observations.find((o) => o.variable === 'bilirubin')!.value).toBeCloseTo(2, 10);
    expect(observations.find((o) => o.variable === 'platelets')!.value).toBe(96);
  });

  it('rejects a result in a unit the variable does not accept, with a warning naming it', () => {
    const { observations, warnings } = ingest(
      obs('bad', '2160-0', 2.3, 'mmol/L'),
      obs('ok', '2160-0', 2.3, 'mg/dL'),
    );
    expect(observations.map((o) => o.ref)).toEqual(['Observation/ok']);
    expect(warnings).toEqual([
      'Observation/bad: unit "mmol/L" is not accepted for creatinine; expected one of "mg/dL", "umol/L": result ignored',
    ]);
  });

  it('skips unknown codes and counts them in one summary line', () => {
    const { observations, warnings } = ingest(
      obs('u1', '1234-5', 1, 'mg/dL'),
      obs('u2', '1234-5', 1, 'mg/dL'),
      obs('u3', '2345-7', 1, 'mg/dL'),
      obs('k', '2160-0', 1, 'mg/dL'),
    );
    expect(observations).toHaveLength(1);
    expect(warnings).toEqual([
      'skipped 3 Observations with codes no criterion reads: LOINC 1234-5 (2), LOINC 2345-7 (1)',
    ]);
  });

  it('takes effectiveDateTime, else effectivePeriod.start', () => {
    const period = obs('p', '8478-0', 60, 'mm[Hg]', {
      effectiveDateTime: undefined,
      effectivePeriod: { start: '2026-03-12T09:00:00+01:00', end: '2026-03-12T10:00:00+01:00' },
    });
    const { observations } = ingest(period);
    expect(observations[0]!.time).toBe(Date.parse('2026-03-12T09:00:00+01:00'));
  });

  it('times a urine output at effectivePeriod.end, and reads 9187-6 only over 24 h ± 1 h', () => {
    const period = (start: string) => ({
      effectiveDateTime: undefined,
      effectivePeriod: { start, end: '2026-03-12T08:00:00+01:00' },
    });
    const { observations, warnings } = ingest(
      obs('u24', '9192-6', 0.45, 'L', period('2026-03-11T08:00:00+01:00')),
      obs('v25', '9187-6', 400, 'mL', period('2026-03-11T07:00:00+01:00')),
      obs('v26', '9187-6', 400, 'mL', period('2026-03-11T06:00:00+01:00')),
      obs('vdt', '9187-6', 400, 'mL'),
    );
    expect(observations.map((o) => [o.ref, o.value, o.time])).toEqual([
      ['Observation/u24', 450, Date.parse('2026-03-12T08:00:00+01:00')],
      ['Observation/v25', 400, Date.parse('2026-03-12T08:00:00+01:00')],
    ]);
    expect(warnings).toEqual([
      'Observation/v26: LOINC 9187-6 is read only over a 24 h (± 1 h) effectivePeriod: result ignored',
      'Observation/vdt: LOINC 9187-6 is read only over a 24 h (± 1 h) effectivePeriod: result ignored',
    ]);
  });

  it('marks a GCS taken under sedation (method or component local `sedated`)', () => {
    const sedatedCode = { coding: [{ system: LOCAL, code: 'sedated' }] };
    const { observations } = ingest(
      obs('g1', '9269-2', 7, '{score}', { method: sedatedCode }),
      obs('g2', '9269-2', 7, '{score}', { component: [{ code: sedatedCode }] }),
      obs('g3', '9269-2', 7, '{score}'),
    );
    expect(observations.map((o) => o.sedated)).toEqual([true, true, false]);
  });

  it('reads qualitative hCG and blood cultures from SNOMED codes', () => {
    const coded = (id: string, loinc: string, code: string) =>
      obs(id, loinc, 0, '', {
        valueQuantity: undefined,
        valueCodeableConcept: { coding: [{ system: SNOMED, code }] },
      });
    const { observations } = ingest(
      coded('h+', '2106-3', '10828004'),
      coded('h-', '2118-8', '260385009'),
      coded('bc+', '600-7', '3092008'),
      coded('bc0', '600-7', '264868006'),
      coded('bc-', '600-7', '260385009'),
    );
    expect(observations.map((o) => [o.variable, o.coded])).toEqual([
      ['hcg_qualitative', 'positive'],
      ['hcg_qualitative', 'negative'],
      ['blood_culture', 'positive'],
      ['blood_culture', 'negative'],
      ['blood_culture', 'negative'],
    ]);
  });

  it('converts referenceRange.high to the canonical unit (beta-hCG in mIU/mL, enzyme ULN)', () => {
    const { observations } = ingest(
      obs('hcg', '21198-7', 30, 'm[IU]/mL', { referenceRange: [{ high: { value: 5, code: 'm[IU]/mL' } }] }),
      obs('alt', '1742-6', 300, '[IU]/L', { referenceRange: [{ high: { value: 41, unit: 'U/L' } }] }),
    );
    expect(observations.map((o) => [o.value, o.referenceHigh])).toEqual([
      [30, 5],
      [300, 41],
    ]);
  });

  it('counts final, amended and corrected results only, and keeps every version', () => {
    const v1 = obs('x', '777-3', 40, '10*9/L', { status: 'preliminary', meta: { versionId: '1' } });
    const v2 = obs('x', '777-3', 45, '10*9/L', {
      status: 'amended',
      meta: { versionId: '2', lastUpdated: '2026-03-12T10:00:00+01:00' },
    });
    const { observations } = ingest(v1, v2);
    expect(observations.map((o) => [o.versionId, o.counted, o.value, o.lastUpdated])).toEqual([
      [1, false, 40, undefined],
      [2, true, 45, Date.parse('2026-03-12T10:00:00+01:00')],
    ]);
  });

  it('tells when the latest version of a resource is entered-in-error', () => {
    const v1 = obs('x', '777-3', 40, '10*9/L', { meta: { versionId: '1' } });
    const v2 = obs('x', '777-3', 40, '10*9/L', { status: 'entered-in-error', meta: { versionId: '2' } });
    const { observations, warnings } = ingest(v1, v2);
    expect(observations.map((o) => o.counted)).toEqual([true, false]);
    expect(warnings).toEqual(['Observation/x: version 2 is entered-in-error: the resource is removed']);
  });

  it('warns about a result without a value and ignores it', () => {
    const { observations, warnings } = ingest(obs('n', '8867-4', 0, '', { valueQuantity: undefined }));
    expect(observations).toEqual([]);
    expect(warnings).toEqual([
      'Observation/n: heart rate has no valueQuantity with a value and a unit: result ignored',
    ]);
  });
});
