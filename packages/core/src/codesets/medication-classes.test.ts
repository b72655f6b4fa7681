import { describe, expect, it } from 'vitest';
import { medication, t } from '../rules/functions/test-support.js';
import {
  MEDICATION_CLASS_NAMES,
  MEDICATION_CLASSES,
  isMedicationClassName,
  medicationClassesOf,
  medicationInClass,
  recordAtc,
} from './medication-classes.js';

const T0 = t('2026-03-01T08:00');
const atc = (code: string) => medication(code, T0);

describe('medication classes (FHIR-PROFILE.md §5)', () => {
  it.each([
    ['chemotherapy', 'L01XA01', true], // cisplatin
    ['chemotherapy', 'L02BA01', false], // tamoxifen: endocrine, not L01
    ['immunosuppressant', 'L04AD01', true], // ciclosporin
    ['immunosuppressant', 'L01FA01', true], // rituximab
    ['immunosuppressant', 'L01AA01', true], // cyclophosphamide
    ['immunosuppressant', 'L01BA01', false], // methotrexate (L01B) is chemotherapy only
    ['anti_cytokine', 'L04AC03', true], // anakinra
    ['anti_cytokine', 'L04AC07', true], // tocilizumab
    ['anti_cytokine', 'L04AB02', true], // infliximab
    ['anti_cytokine', 'L04AA06', false], // mycophenolate
    ['anti_tb', 'J04AB02', true], // rifampicin
    ['anti_tb', 'J04AM02', true],
    ['anti_tb', 'J04BA02', false], // dapsone: antileprosy
    ['anti_tb_combination', 'J04AM02', true],
    ['anti_tb_combination', 'J04AC01', false],
    ['interferon', 'L03AB11', true],
    ['interferon', 'L03AA02', false],
    ['corticosteroid', 'H02AB07', true],
    ['corticosteroid', 'H02AA02', false], // fludrocortisone: mineralocorticoid
    ['corticosteroid', 'D07AA02', false], // topical hydrocortisone
    ['vasopressor', 'C01CA07', true],
    ['norepinephrine', 'C01CA03', true],
    ['norepinephrine', 'C01CA24', false],
    ['epinephrine', 'C01CA24', true],
    ['dopamine', 'C01CA04', true],
    ['vasopressin', 'H01BA01', true],
    ['sedative', 'N01AX10', true], // propofol
    ['sedative', 'N05CD08', true], // midazolam
    ['sedative', 'N05CM18', true], // dexmedetomidine
    ['sedative', 'N01AX03', true], // ketamine
    ['sedative', 'N05CD01', false], // flurazepam is not a sedative the profile reads
  ] as const)('%s contains %s: %s', (name, code, expected) => {
    expect(medicationInClass(name, atc(code))).toBe(expected);
  });

  it('counts sedatives only as administrations', () => {
    expect(
      medicationInClass('sedative', medication('N05CD08', T0, { resourceType: 'MedicationStatement' })),
    ).toBe(false);
    expect(
      medicationInClass('sedative', medication('N05CD08', T0, { resourceType: 'MedicationAdministration' })),
    ).toBe(true);
  });

  it('maps RxNorm vasopressors to ATC', () => {
    const ne = medication(undefined, T0, { rxnorm: '7512' });
    expect(recordAtc(ne)).toBe('C01CA03');
    expect(medicationInClass('norepinephrine', ne)).toBe(true);
    expect(medicationInClass('vasopressor', ne)).toBe(true);
  });

  it('counts a corticosteroid coded only in RxNorm only with a systemic route', () => {
    const base = { rxnorm: '5492' } as const; // hydrocortisone
    expect(
      medicationInClass('corticosteroid', medication(undefined, T0, { ...base, systemicRoute: true })),
    ).toBe(true);
    expect(
      medicationInClass('corticosteroid', medication(undefined, T0, { ...base, systemicRoute: false })),
    ).toBe(false);
    expect(
      medicationInClass('corticosteroid', medication(undefined, T0, { ...base, systemicRoute: undefined })),
    ).toBe(false);
    // ATC mapped from the RxNorm code by ingestion: still RxNorm-only
    expect(
      medicationInClass('corticosteroid', medication('H02AB09', T0, { ...base, systemicRoute: undefined })),
    ).toBe(false);
  });

  it('counts a corticosteroid sent in ATC whatever its route', () => {
    expect(medicationInClass('corticosteroid', medication('H02AB09', T0, { systemicRoute: undefined }))).toBe(
      true,
    );
    expect(medicationInClass('corticosteroid', medication('H02AB04', T0, { rxnorm: '5492' }))).toBe(true); // ATC disagrees with the mapping: ATC was sent
  });

  it('ignores a record without a usable code', () => {
    expect(medicationInClass('corticosteroid', medication(undefined, T0))).toBe(false);
    expect(medicationInClass('vasopressor', medication(undefined, T0, { rxnorm: '999' }))).toBe(false);
  });

  it('lists every class of a record, and answers the same again from its cache', () => {
    const anakinra = atc('L04AC03');
    expect([...medicationClassesOf(anakinra)]).toEqual(['immunosuppressant', 'anti_cytokine']);
    expect(medicationClassesOf(anakinra)).toBe(medicationClassesOf(anakinra));
    expect([...medicationClassesOf(atc('C01CA03'))]).toEqual(['vasopressor', 'norepinephrine']);
  });

  it('lists every class with its ATC prefixes', () => {
    expect(MEDICATION_CLASS_NAMES).toContain('immunosuppressant');
    expect(MEDICATION_CLASSES.immunosuppressant.atc).toEqual(['L04', 'L01FA', 'L01AA']);
    expect(isMedicationClassName('steroid')).toBe(false);
    expect(isMedicationClassName('hasOwnProperty')).toBe(false);
  });
});
