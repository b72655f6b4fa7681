// ImmunoSep (protocols/immunosep.yaml): every criterion, the stratum and the dosing deadline walked through
// the real YAML rule, on both sides of each threshold of FHIR-PROFILE.md §9, with the unknown and
// closed-world cases and the attestations.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bolus, medication, steroid, weight } from '../rules/functions/test-support.js';
import { at, codedObs, condition, obs } from '../rules/functions/test-timeline.js';
import {
  answer,
  attestationOnlyCases,
  type CriterionCase,
  type CriterionTables,
  expectCase,
  expectCoverage,
  rowsAt,
  named,
  overrideCases,
  patient,
  type PatientParts,
  plusDays,
  plusHours,
  screenAt,
  sofaRecords,
  T_HOSP,
} from './criteria-test-support.js';
import { parseProtocol } from './parse-protocol.js';

const FILE = join(import.meta.dirname, '..', '..', '..', '..', 'protocols', 'immunosep.yaml');
const IMMUNOSEP = parseProtocol(readFileSync(FILE, 'utf8'), 'protocols/immunosep.yaml').eligibility;

// Hospital admission 2026-03-10T20:00Z, sepsis onset 30 h later, screening 60 h after admission.
const T_SEP = plusHours(T_HOSP, 30);
const T_SCR = plusHours(T_HOSP, 60); // 2026-03-13T08:00Z
const row = rowsAt(T_SCR);
const recent = plusHours(T_SCR, -2);
const sepsis = (onset = T_SEP, id = 'sepsis') => condition('A41.9', { onset, id });

const I1: CriterionCase[] = [
  row(
    '18th birthday on the screening date, consent attested',
    patient({
      patient: { birthDate: '2008-03-13' },
      attestations: [answer('immunosep', 'I1', true, recent)],
    }),
    'met',
    { cites: 'QuestionnaireResponse/qr-I1', says: 'age 18' },
  ),
  row(
    '18th birthday the day after screening, consent attested',
    patient({
      patient: { birthDate: '2008-03-14' },
      attestations: [answer('immunosep', 'I1', true, recent)],
    }),
    'not_met',
  ),
  row('adult without an answer', patient(), 'unknown', { cites: 'Patient/p1', says: 'awaiting' }),
  row(
    'adult, consent answered no',
    patient({ attestations: [answer('immunosep', 'I1', false, recent)] }),
    'not_met',
  ),
  row(
    'no birth date, consent attested',
    patient({
      patient: { birthDate: undefined },
      attestations: [answer('immunosep', 'I1', true, recent)],
    }),
    'unknown',
  ),
];

const culture = (result: 'positive' | 'negative', t: number, id = 'culture') =>
  codedObs('blood_culture', result, t, { id });
const I2: CriterionCase[] = [
  row('active pneumonia J15.9', patient({ conditions: [condition('J15.9', { id: 'pneu' })] }), 'met', {
    cites: 'Condition/pneu',
    says: 'J15.9',
  }),
  row(
    'ventilator-associated pneumonia J95.851 (ICD-10-CM)',
    patient({ conditions: [condition('J95.851', { system: 'icd10cm' })] }),
    'met',
  ),
  row(
    'pneumonia resolved before screening',
    patient({ conditions: [condition('J18.9', { abatement: recent })] }),
    'not_met',
  ),
  row('active bacteraemia R78.81', patient({ conditions: [condition('R78.81')] }), 'met'),
  row(
    'positive blood culture drawn exactly at hospital admission',
    patient({ observations: [culture('positive', T_HOSP)] }),
    'met',
    { cites: 'Observation/culture' },
  ),
  row(
    'positive blood culture drawn 1 h before hospital admission',
    patient({ observations: [culture('positive', plusHours(T_HOSP, -1))] }),
    'not_met',
  ),
  row(
    'negative blood culture only',
    patient({ observations: [culture('negative', plusHours(T_HOSP, 3))] }),
    'not_met',
  ),
  row('no infection (closed world)', patient(), 'not_met'),
  ...overrideCases('immunosep', 'I2', {}, 'not_met', T_SCR),
];

// Sepsis-3: SOFA over [T_sep, T_scr] minus the baseline (0 for an ED admission with the infection by
// T_hosp + 48 h, else the SOFA of [T_hosp, T_hosp + 24 h)); every organ known in both windows.
const BASE = plusHours(T_HOSP, 2);
const NOW = plusHours(T_SEP, 2);
const base3 = sofaRecords(BASE, { coag: 2, liver: 1 }, 'base');
const pneumoniaAt = (onset: number) => condition('J18.9', { onset });
const I3: CriterionCase[] = [
  row(
    'in hospital: baseline 3, SOFA 5 since sepsis onset (rise 2)',
    patient({
      conditions: [sepsis()],
      observations: [...base3, ...sofaRecords(NOW, { coag: 3, liver: 2 }, 'now')],
    }),
    'met',
    { cites: 'Observation/now-platelets', says: /T_sep.* 5 \(.*\) - .* 3 \(/ },
  ),
  row(
    'in hospital: baseline 3, SOFA 4 since sepsis onset (rise 1)',
    patient({
      conditions: [sepsis()],
      observations: [...base3, ...sofaRecords(NOW, { coag: 3, liver: 1 }, 'now')],
    }),
    'not_met',
  ),
  row(
    'a worse value between the two windows is in neither',
    patient({
      conditions: [sepsis()],
      observations: [
        ...base3,
        ...sofaRecords(NOW, { coag: 3, liver: 1 }, 'now'),
        obs('platelets', 10, plusHours(T_SEP, -1)),
      ],
    }),
    'not_met',
  ),
  row(
    'ED admission, pneumonia by T_hosp + 48 h: baseline 0, SOFA 2',
    patient({
      viaEd: true,
      conditions: [sepsis(), pneumoniaAt(plusHours(T_HOSP, 48))],
      observations: [...sofaRecords(BASE, { coag: 1 }, 'base'), ...sofaRecords(NOW, { coag: 2 }, 'now')],
    }),
    'met',
  ),
  row(
    'ED admission, pneumonia by T_hosp + 48 h: baseline 0, SOFA 1',
    patient({
      viaEd: true,
      conditions: [sepsis(), pneumoniaAt(plusHours(T_HOSP, 48))],
      observations: sofaRecords(NOW, { coag: 1 }, 'now'),
    }),
    'not_met',
  ),
  row(
    'ED admission, pneumonia at T_hosp + 49 h: baseline 1 from the first 24 h, SOFA 2',
    patient({
      viaEd: true,
      conditions: [sepsis(), pneumoniaAt(plusHours(T_HOSP, 49))],
      observations: [...sofaRecords(BASE, { coag: 1 }, 'base'), ...sofaRecords(NOW, { coag: 2 }, 'now')],
    }),
    'not_met',
  ),
  row(
    'ED admission with a positive blood culture by day 2: baseline 0, SOFA 2',
    patient({
      viaEd: true,
      conditions: [sepsis()],
      observations: [culture('positive', plusHours(T_HOSP, 5)), ...sofaRecords(NOW, { coag: 2 }, 'now')],
    }),
    'met',
  ),
  row(
    'T_sep unknown: the last 24 h, ED baseline 0, SOFA 2',
    patient({
      viaEd: true,
      conditions: [pneumoniaAt(T_HOSP)],
      observations: sofaRecords(recent, { coag: 2 }, 'now'),
    }),
    'met',
  ),
  row(
    'in hospital, baseline organs missing',
    patient({ conditions: [sepsis()], observations: [obs('platelets', 80, NOW)] }),
    'unknown',
  ),
];

const ferritin = (v: number, t = recent) => obs('ferritin', v, t, { id: 'ferritin' });
const mhla = (v: number, t = recent) => obs('mhla_dr', v, t, { id: 'mhla' });
const covid = condition('U07.1', { id: 'covid' });
// [name, patient, I4, stratum]
const PHENOTYPES: readonly (readonly [string, PatientParts, CriterionCase['result'], string])[] = [
  ['ferritin 4421 (MALS)', { observations: [ferritin(4421)] }, 'met', 'MALS'],
  [
    'ferritin 4420 and mHLA-DR 5000 (neither)',
    { observations: [ferritin(4420), mhla(5000)] },
    'not_met',
    'none',
  ],
  ['ferritin 4420 and mHLA-DR 4999 (SIP)', { observations: [ferritin(4420), mhla(4999)] }, 'met', 'SIP'],
  [
    'ferritin 4421 and mHLA-DR 4999 (MALS wins)',
    { observations: [ferritin(4421), mhla(4999)] },
    'met',
    'MALS',
  ],
  [
    'mHLA-DR 4999 with active COVID-19 (MALS arm only)',
    { observations: [ferritin(4420), mhla(4999)], conditions: [covid] },
    'not_met',
    'none',
  ],
  [
    'ferritin 4421 with active COVID-19',
    { observations: [ferritin(4421)], conditions: [covid] },
    'met',
    'MALS',
  ],
  ['mHLA-DR 4999, no ferritin', { observations: [mhla(4999)] }, 'unknown', 'unknown'],
  ['mHLA-DR 6000, no ferritin', { observations: [mhla(6000)] }, 'unknown', 'unknown'],
  ['ferritin 4420, no mHLA-DR', { observations: [ferritin(4420)] }, 'unknown', 'unknown'],
  [
    'ferritin 4421 drawn 49 h before screening (not current), mHLA-DR 6000',
    { observations: [ferritin(4421, plusHours(T_SCR, -49)), mhla(6000)] },
    'unknown',
    'unknown',
  ],
];
const I4: CriterionCase[] = PHENOTYPES.map(([name, parts, result]) => row(name, patient(parts), result));
I4.push(
  row('evidence and reason cite the ferritin', patient({ observations: [ferritin(4421)] }), 'met', {
    cites: 'Observation/ferritin',
    says: '4421',
  }),
  row(
    'evidence and reason cite the mHLA-DR',
    patient({ observations: [ferritin(4420), mhla(5000)] }),
    'not_met',
    { cites: 'Observation/mhla', says: '5000' },
  ),
);

const I5: CriterionCase[] = [
  row('screening 71 h after sepsis onset', patient({ conditions: [sepsis()] }), 'met', {
    at: plusHours(T_SEP, 71),
    cites: 'Condition/sepsis',
    says: '71 h < 72 h',
  }),
  row('screening 72 h after sepsis onset', patient({ conditions: [sepsis()] }), 'not_met', {
    at: plusHours(T_SEP, 72),
  }),
  row(
    'the earliest active sepsis condition sets T_sep (R65.1 recorded 75 h earlier)',
    patient({ conditions: [sepsis(), condition('R65.1', { recorded: plusHours(T_SEP, -5) })] }),
    'not_met',
    { at: plusHours(T_SEP, 71) },
  ),
  row(
    'sepsis resolved before screening (no active sepsis)',
    patient({ conditions: [condition('A41.9', { onset: T_SEP, abatement: recent })] }),
    'unknown',
  ),
  row('no sepsis condition', patient(), 'unknown'),
];

const E1: CriterionCase[] = [
  row('acute pyelonephritis N10', patient({ conditions: [condition('N10', { id: 'pyelo' })] }), 'met', {
    cites: 'Condition/pyelo',
    says: 'N10',
  }),
  row('peritonitis K65.0', patient({ conditions: [condition('K65.0')] }), 'met'),
  row(
    'diverticulitis with abscess K57.32 (ICD-10-CM)',
    patient({ conditions: [condition('K57.32', { system: 'icd10cm' })] }),
    'met',
  ),
  row('bacterial meningitis G00.1', patient({ conditions: [condition('G00.1')] }), 'met'),
  row('cellulitis L03.1', patient({ conditions: [condition('L03.1')] }), 'met'),
  row(
    'pyelonephritis resolved before screening',
    patient({ conditions: [condition('N10', { abatement: plusDays(T_SCR, -1) })] }),
    'not_met',
  ),
  row('no diagnosis (closed world)', patient(), 'not_met'),
  ...overrideCases('immunosep', 'E1', { conditions: [condition('N10')] }, 'met', T_SCR),
];

const neutrophils = (v: number, t = recent) => obs('neutrophils', v, t, { id: 'neut' });
const E3: CriterionCase[] = [
  row('current neutrophils 1499/mm3', patient({ observations: [neutrophils(1499)] }), 'met', {
    cites: 'Observation/neut',
    says: '1499',
  }),
  row('current neutrophils 1500/mm3', patient({ observations: [neutrophils(1500)] }), 'not_met'),
  row(
    'neutrophils 800 drawn 49 h before screening only',
    patient({ observations: [neutrophils(800, plusHours(T_SCR, -49))] }),
    'unknown',
  ),
  row('no neutrophil count', patient(), 'unknown'),
];

// E4 beside the cases of shipped-rules.test.ts: the set's other code, timing of the culture, resolution.
const E4: CriterionCase[] = [
  row(
    'bacteraemia with an infected vascular device T82.7',
    patient({ conditions: [condition('R78.81'), condition('T82.7', { id: 'line' })] }),
    'met',
    { cites: 'Condition/line', says: 'T82.7' },
  ),
  row(
    'a catheter-related infection without a bloodstream infection does not apply',
    patient({ conditions: [condition('T80.2')] }),
    'not_met',
  ),
  row(
    'a positive culture before hospital admission is not a bloodstream infection here',
    patient({
      conditions: [condition('T80.2')],
      observations: [culture('positive', plusHours(T_HOSP, -2))],
    }),
    'not_met',
  ),
  row(
    'bacteraemia with a catheter infection resolved before screening, no culture',
    patient({ conditions: [condition('R78.81'), condition('T80.2', { abatement: recent })] }),
    'unknown',
  ),
  ...overrideCases(
    'immunosep',
    'E4',
    { observations: [culture('positive', plusHours(T_HOSP, 2))] },
    'not_met',
    T_SCR,
  ),
];

const course = (atc: string, fromDays: number, toDays: number, id?: string) =>
  medication(atc, plusDays(T_SCR, -fromDays), { end: plusDays(T_SCR, -toDays), ...(id ? { id } : {}) });
const ISONIAZID = 'J04AC01';
const RIFAMPICIN = 'J04AB02';
const E5: CriterionCase[] = [
  row(
    'isoniazid and rifampicin overlapping in the last 30 d',
    patient({ medications: [course(ISONIAZID, 20, 5, 'inh'), course(RIFAMPICIN, 20, 5, 'rif')] }),
    'met',
    { cites: 'MedicationAdministration/inh', says: 'J04AB02' },
  ),
  row('isoniazid alone', patient({ medications: [course(ISONIAZID, 20, 5)] }), 'not_met'),
  row('one J04AM combination', patient({ medications: [course('J04AM02', 20, 5)] }), 'met'),
  row(
    'two drugs one after the other, touching',
    patient({ medications: [course(ISONIAZID, 20, 10), course(RIFAMPICIN, 10, 5)] }),
    'met',
  ),
  row(
    'two drugs a day apart',
    patient({ medications: [course(ISONIAZID, 20, 11), course(RIFAMPICIN, 10, 5)] }),
    'not_met',
  ),
  row(
    'two drugs overlapping, ended 31 d before screening',
    patient({ medications: [course(ISONIAZID, 60, 31), course(RIFAMPICIN, 60, 31)] }),
    'not_met',
  ),
  row('no medication (closed world)', patient(), 'not_met'),
];

const E6: CriterionCase[] = [
  row('HIV B24', patient({ conditions: [condition('B24', { id: 'hiv' })] }), 'met', {
    cites: 'Condition/hiv',
    says: 'B24',
  }),
  row('agammaglobulinaemia D80.0', patient({ conditions: [condition('D80.0')] }), 'met'),
  row('D84.8 (WHO) is a primary immunodeficiency', patient({ conditions: [condition('D84.8')] }), 'met'),
  row(
    'D84.8 (ICD-10-CM) is left out',
    patient({ conditions: [condition('D84.8', { system: 'icd10cm' })] }),
    'not_met',
  ),
  row(
    'SLE M32 in remission (medical history, any status)',
    patient({ conditions: [condition('M32.9', { active: false })] }),
    'met',
  ),
  row('multiple sclerosis G35', patient({ conditions: [condition('G35')] }), 'met'),
  row('transverse myelitis G37.3', patient({ conditions: [condition('G37.3')] }), 'met'),
  row('no diagnosis (closed world)', patient(), 'not_met'),
];

// 70 kg: 0.4 mg/kg/d = 28 mg/d prednisone-eq. Local day d0 = the screening date (2026-03-13).
const D0 = at('2026-03-13T00:00');
const kg70 = weight(70, plusDays(T_SCR, -3), 'weight');
const oneDay = (atc: string, mgPerDay: number, daysBefore: number, started = plusDays(D0, -daysBefore)) =>
  steroid(atc, started, plusDays(D0, 1 - daysBefore), mgPerDay, { id: 'cs' });
const PREDNISONE = 'H02AB07';
const HYDROCORTISONE = 'H02AB09';
const E7: CriterionCase[] = [
  row(
    'prednisone 28 mg/d at 70 kg over a whole day before sepsis',
    patient({ conditions: [sepsis()], medications: [oneDay(PREDNISONE, 28, 5)], observations: [kg70] }),
    'met',
    { cites: 'MedicationAdministration/cs', says: '28 mg = 0.4 mg/kg' },
  ),
  row(
    'prednisone 27.9 mg/d at 70 kg',
    patient({ conditions: [sepsis()], medications: [oneDay(PREDNISONE, 27.9, 5)], observations: [kg70] }),
    'not_met',
  ),
  row(
    'a 30 mg bolus of prednisone',
    patient({ medications: [bolus(PREDNISONE, plusDays(T_SCR, -4), 30)], observations: [kg70] }),
    'met',
  ),
  row(
    'the local day containing T_scr - 15 d counts',
    patient({ conditions: [sepsis()], medications: [oneDay(PREDNISONE, 28, 15)], observations: [kg70] }),
    'met',
  ),
  row(
    'the local day before it does not',
    patient({ conditions: [sepsis()], medications: [oneDay(PREDNISONE, 28, 16)], observations: [kg70] }),
    'not_met',
  ),
  row(
    'stress-dose hydrocortisone 200 mg/d started after sepsis onset',
    patient({
      conditions: [sepsis()],
      medications: [steroid(HYDROCORTISONE, plusHours(T_SEP, 1), undefined, 200)],
      observations: [kg70],
    }),
    'not_met',
  ),
  row(
    'hydrocortisone 200 mg/d started before sepsis onset',
    patient({
      conditions: [sepsis()],
      medications: [steroid(HYDROCORTISONE, plusHours(T_SEP, -20), undefined, 200)],
      observations: [kg70],
    }),
    'met',
  ),
  row(
    'hydrocortisone 200 mg/d with T_sep unknown (every exposure counts)',
    patient({
      medications: [steroid(HYDROCORTISONE, plusHours(T_SEP, 1), undefined, 200)],
      observations: [kg70],
    }),
    'met',
  ),
  row(
    'prednisone 28 mg/d without any weight',
    patient({ conditions: [sepsis()], medications: [oneDay(PREDNISONE, 28, 5)] }),
    'unknown',
  ),
  row(
    'tocilizumab exactly 30 d before screening',
    patient({
      medications: [medication('L04AC07', plusDays(T_SCR, -30), { isInstant: true, id: 'toci' })],
    }),
    'met',
    { cites: 'MedicationAdministration/toci' },
  ),
  row(
    'tocilizumab 31 d before screening',
    patient({ medications: [medication('L04AC07', plusDays(T_SCR, -31), { isInstant: true })] }),
    'not_met',
  ),
  row(
    'anakinra (L04AC03) 10 d before screening',
    patient({ medications: [medication('L04AC03', plusDays(T_SCR, -10), { isInstant: true })] }),
    'met',
  ),
  row('no medication (closed world)', patient(), 'not_met'),
];

const E8: CriterionCase[] = [
  row(
    'active pregnancy O26 in a woman',
    patient({
      patient: { sex: 'female', birthDate: '1996-01-01' },
      conditions: [condition('O26.9', { id: 'p' })],
    }),
    'met',
    { cites: 'Condition/p', says: 'O26' },
  ),
  row(
    'a woman of 30 with a negative urine hCG',
    patient({
      patient: { sex: 'female', birthDate: '1996-01-01' },
      observations: [codedObs('hcg_qualitative', 'negative', plusHours(T_HOSP, 1))],
    }),
    'not_met',
  ),
  row(
    'a woman of 30 without hCG',
    patient({ patient: { sex: 'female', birthDate: '1996-01-01' } }),
    'unknown',
  ),
  ...overrideCases('immunosep', 'E8', {}, 'not_met', T_SCR),
];

const TABLES: CriterionTables = [
  ['I1', 'age >= 18 and consent (attestation and data)', I1],
  ['I2', 'CAP, HAP, VAP or primary bacteraemia (A*)', I2],
  ['I3', 'Sepsis-3', I3],
  ['I4', 'MALS or SIP', I4],
  ['I5', 'T_scr - T_sep < 72 h', I5],
  ['E1', 'other infection sites (A*)', E1],
  ['E2', 'stage IV malignancy, DNR (A)', attestationOnlyCases('immunosep', 'E2', T_SCR)],
  ['E3', 'neutrophils < 1500/mm3', E3],
  ['E4', 'commensal or catheter-related bacteraemia (A*)', E4],
  ['E5', 'active TB (two anti-TB drugs)', E5],
  ['E6', 'HIV, primary immunodeficiency, SLE, demyelinating', E6],
  ['E7', 'corticosteroids >= 0.4 mg/kg/d, anti-cytokine biologic', E7],
  ['E8', 'pregnancy or lactation (A*)', E8],
];

it('the ImmunoSep tables walk every criterion on both sides, citing the deciding record and value', () => {
  expectCoverage(IMMUNOSEP, TABLES);
});

describe.each(TABLES)('ImmunoSep %s: %s', (id, _label, cases) => {
  it.each(named(cases))('%s', (_name, c) => {
    expectCase(IMMUNOSEP, id, c);
  });
});

describe('ImmunoSep stratum (MALS first, COVID-19 only in MALS)', () => {
  it.each(PHENOTYPES.map(([name, parts, , stratum]) => [name, parts, stratum] as const))(
    '%s: stratum %s',
    (_name, parts, stratum) => {
      expect(screenAt(IMMUNOSEP, patient(parts), T_SCR).stratum).toBe(stratum);
    },
  );
});

describe('ImmunoSep dosing deadline T_sep + 72 h', () => {
  it('is T_sep + 72 h in the local offset of the ICU stay', () => {
    expect(screenAt(IMMUNOSEP, patient({ conditions: [sepsis()] }), T_SCR).dosingDeadline).toBe(
      '2026-03-15T02:00:00Z',
    );
    expect(
      screenAt(IMMUNOSEP, patient({ conditions: [sepsis()], offsetMinutes: 60 }), T_SCR).dosingDeadline,
    ).toBe('2026-03-15T03:00:00+01:00');
  });

  it('follows the earliest active sepsis condition', () => {
    const tl = patient({ conditions: [sepsis(), sepsis(plusHours(T_SEP, -6), 'earlier')] });
    expect(screenAt(IMMUNOSEP, tl, T_SCR).dosingDeadline).toBe('2026-03-14T20:00:00Z');
  });

  it('is null when T_sep is unknown (no active sepsis condition)', () => {
    expect(screenAt(IMMUNOSEP, patient(), T_SCR).dosingDeadline).toBeNull();
    const resolved = patient({ conditions: [condition('A41.9', { onset: T_SEP, abatement: recent })] });
    expect(screenAt(IMMUNOSEP, resolved, T_SCR).dosingDeadline).toBeNull();
  });

  it('ignores a sepsis condition with onset after screening', () => {
    expect(
      screenAt(IMMUNOSEP, patient({ conditions: [sepsis(plusHours(T_SCR, 1))] }), T_SCR).dosingDeadline,
    ).toBeNull();
  });
});
