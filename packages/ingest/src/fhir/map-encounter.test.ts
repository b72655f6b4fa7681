import { describe, expect, it } from 'vitest';
import { bundle, stay } from '../test-support/fhir-builders.js';
import { fhirBundleToTimelines } from './bundle.js';

const ROLE = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';
const icuLocation = {
  resourceType: 'Location',
  id: 'L1',
  type: [{ coding: [{ system: ROLE, code: 'ICU' }] }],
};
const wardLocation = {
  resourceType: 'Location',
  id: 'L2',
  type: [{ coding: [{ system: ROLE, code: 'HOSP' }] }],
};

function encounter(id: string, extra: Record<string, unknown>) {
  return {
    resourceType: 'Encounter',
    id,
    class: { code: 'ACUTE' },
    subject: { reference: 'Patient/p1' },
    period: { start: '2026-03-11T01:40:00+02:00' },
    ...extra,
  };
}

describe('Encounter mapping (FHIR-PROFILE.md §2)', () => {
  it('reads an ICU encounter from partOf and a Location of type ICU, in either order', () => {
    const [hosp] = stay();
    const viaLoc = encounter('icu', {
      partOf: { reference: 'Encounter/hosp' },
      location: [{ location: { reference: 'Location/L1' } }],
    });
    const ward = encounter('ward', {
      partOf: { reference: 'Encounter/hosp' },
      location: [{ location: { reference: 'Location/L2' } }],
    });
    for (const order of [
      [icuLocation, wardLocation, hosp!, viaLoc, ward],
      [hosp!, viaLoc, ward, icuLocation, wardLocation],
    ]) {
      const p = fhirBundleToTimelines(bundle(...order)).patients[0]!;
      expect(p.encounters.map((e) => [e.ref, e.kind])).toEqual([
        ['Encounter/hosp', 'hospital'],
        ['Encounter/icu', 'icu'],
        ['Encounter/ward', 'other'],
      ]);
    }
  });

  it('needs partOf for an ICU and class IMP or ACUTE for a hospital stay', () => {
    const icuType = [{ coding: [{ system: ROLE, code: 'ICU' }] }];
    const p = fhirBundleToTimelines(
      bundle(encounter('a', { type: icuType }), encounter('b', { class: { code: 'AMB' } })),
    ).patients[0]!;
    expect(p.encounters.map((e) => e.kind)).toEqual(['hospital', 'other']);
  });

  it('keeps the written UTC offset, the end and admitSource emd', () => {
    const e = encounter('h', {
      class: { code: 'IMP' },
      period: { start: '2026-03-11T01:40:00-05:00', end: '2026-03-20T10:00:00-05:00' },
      hospitalization: {
        admitSource: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/admit-source', code: 'emd' }],
        },
      },
    });
    const p = fhirBundleToTimelines(bundle(e)).patients[0]!;
    expect(p.encounters[0]).toMatchObject({
      kind: 'hospital',
      startOffsetMinutes: -300,
      start: Date.parse('2026-03-11T06:40:00Z'),
      end: Date.parse('2026-03-20T15:00:00Z'),
      admittedViaEd: true,
    });
  });

  it('does not count an entered-in-error or cancelled encounter', () => {
    const p = fhirBundleToTimelines(bundle(encounter('x', { status: 'cancelled' }))).patients[0]!;
    expect(p.encounters[0]!.counted).toBe(false);
  });
});
