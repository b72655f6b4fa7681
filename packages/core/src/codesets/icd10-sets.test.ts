import { describe, expect, it } from 'vitest';
import {
  CONDITION_SET_NAMES,
  CONDITION_SETS,
  type ConditionSetName,
  conditionInSet,
  conditionSetsOf,
  displayIcd10,
  isConditionSetName,
  normalizeIcd10,
} from './icd10-sets.js';

type Case = readonly [code: string, who: boolean, cm: boolean];

/** For each set: codes with their expected membership in WHO ICD-10 and ICD-10-CM (FHIR-PROFILE.md §6). */
const CASES: Readonly<Record<ConditionSetName, readonly Case[]>> = {
  solid_cancer: [
    ['C00', true, true], // lower edge
    ['C00.9', true, true],
    ['C18.7', true, true],
    ['C43.9', true, true], // upper edge of the first range
    ['C44.9', false, false], // the gap: skin cancer other than melanoma
    ['C45.0', true, true],
    ['C4A.9', true, true], // Merkel cell (a CM category): ASCII order puts C4A inside C45-C80
    ['C80.1', true, true],
    ['C81.0', false, false],
    ['B99', false, false],
    ['D00.0', false, false],
  ],
  haematological_malignancy: [
    ['C81', true, true],
    ['C96.9', true, true],
    ['C97', false, false],
    ['D45', true, true],
    ['D46.9', true, true],
    ['D47.1', true, true],
    ['D47.2', true, false], // WHO: all of D47; CM: only the listed children
    ['D47.9', true, false],
    ['D47.Z1', true, true],
    ['D47.Z2', true, false],
    ['D48', false, false],
  ],
  systemic_disease: [
    ['M05.79', true, true],
    ['M06.9', true, true],
    ['M07', false, false],
    ['M30.0', true, true],
    ['M32.1', true, true],
    ['M35.7', false, false], // "not M35.7"
    ['M35.70', false, false], // its children too
    ['M35.3', true, true],
    ['M36.8', true, true],
    ['M37', false, false],
    ['D86.0', true, true],
    ['D87', false, false],
  ],
  autoimmune: [
    ['M06.9', true, true], // from systemic disease
    ['M35.7', false, false], // the exclusion survives the union
    ['D59.1', true, true],
    ['D59.0', false, false],
    ['D69.3', true, true],
    ['E05.0', true, true],
    ['E05.1', false, false],
    ['E06.3', true, true],
    ['E10.9', true, true],
    ['E11.9', false, false],
    ['E27.1', true, true],
    ['G35', true, true],
    ['G70.0', true, true],
    ['G70.1', false, false],
    ['K50.9', true, true],
    ['K51.9', true, true],
    ['K52', false, false],
    ['K74.3', true, true],
    ['K75.4', true, true],
    ['K90.0', true, true],
    ['L10.0', true, true],
    ['L12.0', true, true],
    ['L40.0', true, true],
    ['L93.0', true, true],
    ['M45', true, true],
    ['M46', false, false],
  ],
  transplant: [
    ['Z94.0', true, true],
    ['Z94.4', true, true],
    ['Z94.5', false, false],
    ['Z94.8', true, true],
    ['Z94.81', true, true],
    ['Z94.9', false, false],
    ['T86.0', true, true],
    ['T86.5', true, true],
    ['T86.6', false, false],
    ['T86.8', true, true],
    ['T86.83', true, true],
    ['T86.84', false, false], // corneal transplant complications: "not T86.84"
    ['T86.840', false, false],
    ['T86.9', false, false],
  ],
  hiv: [
    ['B20', true, true],
    ['B20.0', true, true],
    ['B24', true, true],
    ['B25', false, false],
    ['Z21', true, true],
    ['Z20', false, false],
  ],
  hiv_stage_c: [
    ['B20', true, true],
    ['B22.7', true, true],
    ['B23.0', false, false],
    ['Z21', false, false],
  ],
  aids_defining: [
    ['B59', true, true],
    ['C46.0', true, true],
    ['B25.0', true, true],
    ['B58.2', true, true],
    ['B58.3', false, false],
    ['B45.9', true, true],
    ['B37.1', true, true],
    ['B37.81', false, true], // CM only
    ['B37.0', false, false],
    ['A15.0', true, true],
    ['A19.9', true, true],
    ['A20', false, false],
    ['A31.0', true, true],
    ['A81.2', true, true],
    ['A07.2', true, true],
    ['R64', true, true],
  ],
  hepatitis_c: [
    ['B17.1', true, true],
    ['B17.10', true, true],
    ['B18.2', true, true],
    ['B17.2', false, false],
    ['B18.1', false, false],
  ],
  chronic_hepatitis_b: [
    ['B18.0', true, true],
    ['B18.1', true, true],
    ['B18.2', false, false],
    ['B16.9', false, false],
  ],
  tb: [
    ['A15', true, true],
    ['A17.0', true, true],
    ['A19.9', true, true],
    ['A14', false, false],
    ['A20', false, false],
    ['B90.9', true, true],
  ],
  primary_immunodeficiency: [
    ['D80.0', true, true],
    ['D84.1', true, true],
    ['D84.8', true, false], // CM: "not D84.8"
    ['D84.81', true, false],
    ['D84.9', true, true],
    ['D85', false, false],
    ['D79', false, false],
  ],
  sle: [
    ['M32.14', true, true],
    ['M33', false, false],
  ],
  demyelinating: [
    ['G35', true, true],
    ['G36.0', true, true],
    ['G37.9', true, true],
    ['G34', false, false],
    ['G38', false, false],
  ],
  tbi: [
    ['S06.5X0A', true, true],
    ['S06', true, true],
    ['S07', false, false],
  ],
  spinal_cord_injury: [
    ['S14.0', true, true],
    ['S14.1', true, true],
    ['S14.109A', true, true],
    ['S14.2', false, false],
    ['S24.0', true, true],
    ['S24.1', true, true],
    ['S34.0', true, true],
    ['S34.1', true, true],
    ['S34.2', false, false],
    ['T09.3', true, true],
    ['T09.4', false, false],
  ],
  stroke: [
    ['I60.9', true, true],
    ['I63.5', true, true],
    ['I64', true, true],
    ['I59', false, false],
    ['I65', false, false],
  ],
  coma: [
    ['R40.3', true, true],
    ['R40.2', true, false],
    ['R40.20', true, true],
    ['R40.21', true, false], // CM splits R40.2 into GCS components: only the listed ones
    ['R40.2A', true, true],
    ['R40.243', true, true],
    ['R40.2431', true, true],
    ['R40.242', true, false],
    ['R40.1', false, false],
  ],
  neuromuscular: [
    ['G12.0', true, true],
    ['G12.2', true, true],
    ['G12.3', false, false],
    ['G61.0', true, true],
    ['G61.1', false, false],
    ['G70.0', true, true],
    ['G72.0', false, false], // drug-induced myopathy: "not G72.0"
    ['G72.1', true, true],
    ['G72.81', true, false], // critical illness myopathy: CM "not G72.81"
    ['G72.89', true, true],
    ['G73.7', true, true],
    ['G74', false, false],
  ],
  long_term_mv: [
    ['Z99.1', true, true],
    ['Z99.11', true, true],
    ['Z99.2', false, false],
  ],
  acute_ecg_event: [
    ['I21.0', true, true],
    ['I22.9', true, true],
    ['I23', false, false],
    ['I44.2', true, true],
    ['I44.1', false, false],
    ['I47.2', true, true],
    ['I47.20', true, true],
    ['I49.0', true, true],
    ['I49.01', true, true],
    ['I49.1', false, false],
  ],
  ckd5_dialysis: [
    ['N18.6', true, true],
    ['Z99.2', true, true],
    ['N18.5', false, false],
  ],
  ckd_stage5: [
    ['N18.5', true, true],
    ['N18.6', false, false],
  ],
  aki: [
    ['N17.9', true, true],
    ['N18', false, false],
  ],
  pregnancy: [
    ['O09.0', true, true],
    ['O48', true, true],
    ['O49', false, false],
    ['O59', false, false],
    ['O60.0', true, true],
    ['O75.9', true, true],
    ['O76', false, false],
    ['Z34.0', true, true],
    ['Z33', true, false],
    ['Z33.1', true, true],
    ['Z33.2', true, false], // CM: elective termination is not an ongoing pregnancy
    ['Z3A.20', false, true],
    ['Z35', false, false],
  ],
  puerperal: [
    ['O85', true, true],
    ['O92.1', true, true],
    ['O84', false, false],
    ['O93', false, false],
  ],
  lactation: [
    ['Z39.1', true, true],
    ['Z39.0', false, false],
  ],
  covid19: [
    ['U07.1', true, true],
    ['U07.2', true, true],
    ['U07.0', false, false],
    ['U09.9', false, false],
  ],
  pneumonia: [
    ['J12.9', true, true],
    ['J15.2', true, true],
    ['J18.9', true, true],
    ['J11', false, false],
    ['J19', false, false],
    ['J95.851', false, true],
    ['J95.85', false, false],
  ],
  bacteraemia: [
    ['R78.81', true, true],
    ['R78.8', false, false],
    ['R78.89', false, false],
  ],
  sepsis: [
    ['A40.0', true, true],
    ['A41.9', true, true],
    ['A42', false, false],
    ['R65.1', true, false],
    ['R57.2', true, false],
    ['R65.20', false, true],
    ['R65.21', false, true],
    ['R65.2', false, false],
    ['R57.1', false, false],
  ],
  pyelonephritis: [
    ['N10', true, true],
    ['N11', false, false],
    ['N12', true, true],
    ['N15.1', true, true],
    ['N15.0', false, false],
  ],
  intra_abdominal: [
    ['K35.80', true, true],
    ['K37', true, true],
    ['K38', false, false],
    ['K57.0', true, true],
    ['K57.1', false, false],
    ['K57.2', true, true],
    ['K57.32', false, true],
    ['K57.33', false, true],
    ['K57.30', false, false],
    ['K57.4', true, true],
    ['K57.8', true, true],
    ['K63.0', true, true],
    ['K63.1', true, true],
    ['K63.2', false, false],
    ['K65.0', true, true],
    ['K75.0', true, true],
    ['K80.0', true, true],
    ['K80.1', false, false],
    ['K80.3', true, true],
    ['K80.4', true, true],
    ['K81.0', true, true],
    ['K83.0', true, true],
    ['K85.02', false, true],
    ['K85.92', false, true],
    ['K85.90', false, false],
  ],
  meningitis: [
    ['G00.9', true, true],
    ['G03.9', true, true],
    ['G04', false, false],
    ['A39.0', true, true],
    ['A39.1', false, false],
    ['A87.9', true, true],
    ['A17.0', true, true],
    ['B37.5', true, true],
    ['B45.1', true, true],
  ],
  skin_infection: [
    ['L00', true, true],
    ['L03.115', true, true],
    ['L08.9', true, true],
    ['L09', false, false],
    ['A46', true, true],
    ['M72.6', true, true],
    ['M72.5', false, false],
    ['T81.4', true, true],
    ['T81.40XA', true, true],
  ],
  catheter_related_infection: [
    ['T80.2', true, true],
    ['T80.211A', true, true],
    ['T82.7', true, true],
    ['T82.6', false, false],
  ],
};

describe('condition sets', () => {
  it('define every set the brief and FHIR-PROFILE.md §6 name', () => {
    expect([...CONDITION_SET_NAMES].sort()).toEqual(Object.keys(CASES).sort());
    expect(CONDITION_SET_NAMES).toHaveLength(36);
  });

  for (const name of CONDITION_SET_NAMES) {
    describe(name, () => {
      for (const [code, who, cm] of CASES[name]) {
        it(`${who ? 'contains' : 'does not contain'} ${code} in WHO ICD-10`, () => {
          expect(conditionInSet(name, 'icd10', code)).toBe(who);
        });
        it(`${cm ? 'contains' : 'does not contain'} ${code} in ICD-10-CM`, () => {
          expect(conditionInSet(name, 'icd10cm', code)).toBe(cm);
        });
      }
    });
  }

  it('lists every set a code belongs to, the same with or without its dot', () => {
    expect([...conditionSetsOf('icd10', 'B20')]).toEqual(['hiv', 'hiv_stage_c']);
    expect([...conditionSetsOf('icd10', 'M32.1')]).toEqual(['systemic_disease', 'autoimmune', 'sle']);
    expect([...conditionSetsOf('icd10', 'm321')]).toEqual(['systemic_disease', 'autoimmune', 'sle']);
    expect([...conditionSetsOf('icd10cm', 'R40.2A')]).toEqual(['coma']);
    expect(conditionSetsOf('icd10', 'R40.2A').size).toBe(1);
    expect(conditionSetsOf('icd10', 'E11.9').size).toBe(0);
  });

  it('ignores dots and case', () => {
    expect(conditionInSet('sepsis', 'icd10', 'a41.9')).toBe(true);
    expect(conditionInSet('sepsis', 'icd10', 'A419')).toBe(true);
    expect(conditionInSet('bacteraemia', 'icd10cm', 'R7881')).toBe(true);
  });

  it('does not treat a parent shorter than a range bound as a member', () => {
    expect(conditionInSet('solid_cancer', 'icd10', 'C4')).toBe(false);
    expect(conditionInSet('transplant', 'icd10', 'Z94')).toBe(false); // the range Z94.0-Z94.4 has 4 characters
    expect(conditionInSet('transplant', 'icd10', 'T86')).toBe(false);
  });

  it('keeps the profile text of each set for documentation', () => {
    expect(CONDITION_SETS.systemic_disease.codes).toBe('M05-M06, M30-M36 not M35.7, D86');
    expect(CONDITION_SETS.autoimmune.union).toEqual(['systemic_disease']);
  });

  it('recognises set names', () => {
    expect(isConditionSetName('solid_cancer')).toBe(true);
    expect(isConditionSetName('cancer')).toBe(false);
    expect(isConditionSetName('toString')).toBe(false);
  });

  it('normalises and displays codes', () => {
    expect(normalizeIcd10(' k65.0 ')).toBe('K650');
    expect(displayIcd10('K650')).toBe('K65.0');
    expect(displayIcd10('N17')).toBe('N17');
  });
});
