import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fhirBundleToTimelines } from './bundle.js';

const examples = join(import.meta.dirname, '../../../../examples/fhir');
function example(name: string) {
  const r = fhirBundleToTimelines(JSON.parse(readFileSync(join(examples, name), 'utf8')), { source: name });
  expect(r.patients).toHaveLength(1);
  const p = r.patients[0]!;
  return { p, warnings: r.warnings };
}

describe('the shipped example bundles', () => {
  it('reads infinity-eligible.json into the expected records', () => {
    const { p, warnings } = example('infinity-eligible.json');
    expect(warnings).toEqual([]);
    expect(p.patientId).toBe('ex-inf');
    expect(p.patient).toEqual({ ref: 'Patient/ex-inf', birthDate: '1969-02-14', sex: 'male' });
    expect(p.zone).toEqual({ kind: 'offset', minutes: 60 });
    expect(p.encounters.map((e) => [e.ref, e.kind, e.admittedViaEd, e.startOffsetMinutes])).toEqual([
      ['Encounter/ex-inf-hosp', 'hospital', true, 60],
      ['Encounter/ex-inf-icu', 'icu', false, 60],
    ]);
    expect(p.encounters[1]!.start).toBe(Date.parse('2026-03-11T01:40:00+01:00'));
    expect(p.encounters[1]!.partOf).toBe('Encounter/ex-inf-hosp');
    const hladr = p.observations.find((o) => o.variable === 'mhla_dr');
    expect(hladr).toMatchObject({ ref: 'Observation/ex-inf-hladr-d6', value: 4650, counted: true });
    expect(hladr!.time).toBe(Date.parse('2026-03-16T08:45:00+01:00'));
    expect(p.observations.find((o) => o.variable === 'fio2')!.value).toBe(0.7);
    expect(p.observations.find((o) => o.variable === 'creatinine')!.value).toBe(2.3);
    expect(p.observations.find((o) => o.variable === 'gcs')).toMatchObject({ value: 8, sedated: false });
    expect(p.procedures).toMatchObject([
      { ref: 'Procedure/ex-inf-imv', kind: 'imv', inProgress: true, end: undefined },
    ]);
    expect(p.medications).toMatchObject([
      {
        ref: 'MedicationAdministration/ex-inf-ne',
        atc: 'C01CA03',
        rate: { value: 0.25, unit: 'ug/kg/min' },
        systemicRoute: true,
      },
    ]);
    // A bare onset date is local midnight at the ICU offset (+01:00).
    expect(p.conditions.map((c) => [c.code, c.system, c.active, c.onset])).toEqual([
      ['K650', 'icd10', true, Date.parse('2026-03-10T00:00:00+01:00')],
      ['A419', 'icd10', true, Date.parse('2026-03-10T20:00:00+01:00')],
    ]);
    expect(p.attestations.map((a) => [a.protocol, a.criterionId, a.value, a.ref])).toEqual([
      ['infinity', 'I5', true, 'QuestionnaireResponse/ex-inf-qr'],
      ['infinity', 'E1', false, 'QuestionnaireResponse/ex-inf-qr'],
      ['infinity', 'E7', false, 'QuestionnaireResponse/ex-inf-qr'],
      ['infinity', 'E8', false, 'QuestionnaireResponse/ex-inf-qr'],
    ]);
  });

  it('reads immunosep-mals.json: ED admission, NIV, ferritin and mHLA-DR', () => {
    const { p, warnings } = example('immunosep-mals.json');
    expect(warnings).toEqual([]);
    expect(p.patient.sex).toBe('female');
    expect(p.encounters.find((e) => e.kind === 'hospital')!.admittedViaEd).toBe(true);
    expect(p.procedures.map((x) => x.kind)).toEqual(['niv']);
    expect(p.observations.find((o) => o.variable === 'ferritin')).toMatchObject({
      ref: 'Observation/ex-isep-ferritin',
      value: 6240,
    });
    expect(p.observations.find((o) => o.variable === 'mhla_dr')!.value).toBe(4100);
    // neutrophils 14.2 10*9/L → 14200 /mm3
    expect(p.observations.find((o) => o.variable === 'neutrophils')!.value).toBe(14200);
    expect(p.conditions.map((c) => c.code)).toEqual(['J189', 'A419']);
  });

  it('reads the transaction bundle platinium-incomplete.json with the ICU found through Location.type', () => {
    const { p, warnings } = example('platinium-incomplete.json');
    expect(warnings).toEqual([]);
    expect(p.encounters.map((e) => [e.ref, e.kind])).toEqual([
      ['Encounter/ex-plat-hosp', 'hospital'],
      ['Encounter/ex-plat-icu', 'icu'],
    ]);
    // lymphocytes 0.64 10*9/L → 640 /mm3
    expect(p.observations.find((o) => o.variable === 'lymphocytes')).toMatchObject({
      ref: 'Observation/ex-plat-lymph',
      value: 640,
      originalValue: 0.64,
      originalUnit: '10*9/L',
    });
    expect(p.observations.find((o) => o.variable === 'ast')).toMatchObject({ value: 51, referenceHigh: 40 });
    expect(p.observations.find((o) => o.variable === 'lipase')).toMatchObject({
      value: 48,
      referenceHigh: 60,
    });
    expect(p.observations.find((o) => o.variable === 'apache2_total')!.value).toBe(22);
    const creat = p.observations.filter((o) => o.variable === 'creatinine').map((o) => o.value);
    expect(creat).toEqual([1.05, 1.5]);
    expect(p.attestations.map((a) => a.criterionId)).toEqual(['I1', 'I4']);
  });
});
