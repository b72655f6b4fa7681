import { describe, expect, it } from 'vitest';
import { bundle, medAdmin, SNOMED, stay } from '../test-support/fhir-builders.js';
import { fhirBundleToTimelines } from './bundle.js';

const ATC = 'http://www.whocc.no/atc';
const RX = 'http://www.nlm.nih.gov/research/umls/rxnorm';
const route = (code: string) => ({ coding: [{ system: SNOMED, code }] });

function meds(...resources: Record<string, unknown>[]) {
  const r = fhirBundleToTimelines(bundle(...stay(), ...resources));
  return { medications: r.patients[0]!.medications, warnings: r.warnings };
}

describe('medication mapping (FHIR-PROFILE.md §5)', () => {
  it('maps RxNorm vasopressors and corticosteroids to ATC and keeps the RxNorm code', () => {
    const { medications } = meds(
      medAdmin('a', [{ system: RX, code: '11149' }], {
        dosage: { rateQuantity: { value: 0.03, code: 'U/min' } },
      }),
      medAdmin('b', [{ system: RX, code: '5492' }], {
        dosage: { route: route('47625008'), rateQuantity: { value: 10, code: 'mg/h' } },
      }),
    );
    expect(medications.map((m) => [m.atc, m.rxnorm, m.rate, m.systemicRoute])).toEqual([
      ['H01BA01', '11149', { value: 0.03, unit: 'U/min' }, undefined],
      ['H02AB09', '5492', { value: 240, unit: 'mg/d' }, true],
    ]);
  });

  it('reads the rate in ug/kg/min and mg/d, and warns about another rate unit', () => {
    const { medications, warnings } = meds(
      medAdmin('ne', [{ system: ATC, code: 'C01CA03' }], {
        dosage: { rateQuantity: { value: 0.1, unit: 'ug/kg/min' } },
      }),
      medAdmin('mp', [{ system: ATC, code: 'H02AB04' }], {
        dosage: { rateQuantity: { value: 40, code: 'mg/d' } },
      }),
      medAdmin('x', [{ system: ATC, code: 'C01CA24' }], {
        dosage: { rateQuantity: { value: 5, code: 'ug/min' } },
      }),
    );
    expect(medications.map((m) => m.rate)).toEqual([
      { value: 0.1, unit: 'ug/kg/min' },
      { value: 40, unit: 'mg/d' },
      undefined,
    ]);
    expect(warnings).toEqual([
      'MedicationAdministration/x: dosage.rateQuantity unit "ug/min" is not read (expected ug/kg/min, U/min, mg/d or mg/h): rate unknown',
    ]);
  });

  it('reads a single administration dose at effectiveDateTime as a bolus in mg', () => {
    const { medications } = meds(
      medAdmin('bolus', [{ system: ATC, code: 'H02AB02' }], {
        effectivePeriod: undefined,
        effectiveDateTime: '2026-03-11T08:00:00+01:00',
        dosage: { route: route('26643006'), dose: { value: 0.006, code: 'g' } },
      }),
    );
    expect(medications[0]).toMatchObject({ isInstant: true, doseMg: 6, end: undefined, systemicRoute: true });
    expect(medications[0]!.start).toBe(Date.parse('2026-03-11T08:00:00+01:00'));
  });

  it('computes a MedicationStatement rate from dose × frequency per period (d or h)', () => {
    const statement = (id: string, dosage: unknown[]) => ({
      resourceType: 'MedicationStatement',
      id,
      status: 'active',
      medicationCodeableConcept: { coding: [{ system: ATC, code: 'H02AB07' }] },
      subject: { reference: 'Patient/p1' },
      effectivePeriod: { start: '2025-01-01' },
      dosage,
    });
    const dose = (mg: number, frequency: number | undefined, period: number, periodUnit: string) => ({
      route: route('26643006'),
      timing: { repeat: { frequency, period, periodUnit } },
      doseAndRate: [{ doseQuantity: { value: mg, code: 'mg' } }],
    });
    const { medications } = meds(
      statement('s1', [dose(5, 2, 1, 'd')]),
      statement('s2', [dose(1, 1, 6, 'h')]),
      statement('s3', [dose(5, undefined, 1, 'd'), dose(2.5, 1, 1, 'd')]),
      statement('s4', [dose(5, 1, 1, 'wk')]),
    );
    expect(medications.map((m) => [m.ref, m.rate?.value])).toEqual([
      ['MedicationStatement/s1', 10],
      ['MedicationStatement/s2', 4],
      ['MedicationStatement/s3', 7.5],
      ['MedicationStatement/s4', undefined],
    ]);
  });

  it('makes a bare-date effectivePeriod.end cover that whole local day', () => {
    const { medications } = meds(
      medAdmin('p', [{ system: ATC, code: 'L04AX03' }], {
        effectivePeriod: { start: '2026-03-01', end: '2026-03-05' },
      }),
    );
    expect(medications[0]!.start).toBe(Date.parse('2026-03-01T00:00:00+01:00'));
    expect(medications[0]!.end).toBe(Date.parse('2026-03-06T00:00:00+01:00'));
  });

  it('reads a non-systemic route as false and counts medications no criterion reads', () => {
    const { medications, warnings } = meds(
      medAdmin('inh', [{ system: RX, code: '3264' }], { dosage: { route: route('18679011000001101') } }),
      medAdmin('abx', [{ system: ATC, code: 'J01CR05' }]),
      medAdmin('rx', [{ system: RX, code: '1191' }]),
    );
    expect(medications.map((m) => m.systemicRoute)).toEqual([false]);
    expect(warnings).toEqual([
      'skipped 2 medications with codes no criterion reads: ATC J01CR05 (1), RxNorm 1191 (1)',
    ]);
  });

  it('counts Administration in-progress|completed|stopped and Statement active|completed|stopped|on-hold', () => {
    const { medications } = meds(
      medAdmin('a1', [{ system: ATC, code: 'L01XA01' }], { status: 'stopped' }),
      medAdmin('a2', [{ system: ATC, code: 'L01XA01' }], { status: 'not-done' }),
      {
        resourceType: 'MedicationStatement',
        id: 's',
        status: 'on-hold',
        medicationCodeableConcept: { coding: [{ system: ATC, code: 'L04AX01' }] },
        subject: { reference: 'Patient/p1' },
        effectiveDateTime: '2026-02-01',
      },
    );
    expect(medications.map((m) => m.counted).sort()).toEqual([false, true, true]);
  });
});
