// PLATINIUM (protocols/platinium.yaml): every criterion walked through the real YAML rule, on both sides of
// each threshold of FHIR-PROFILE.md §9, with the unknown and closed-world cases and the attestations.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { completedYears } from '../rules/functions/patient.js';
import { bolus, medication, steroid, weight } from '../rules/functions/test-support.js';
import { at, condition, obs, procedure } from '../rules/functions/test-timeline.js';
import { computeEgfrCkdEpi2021 } from '../scores/egfr.js';
import { HOUR_MS } from '../time/duration.js';
import type { ObservationRecord } from '../timeline/types.js';
import type { VariableId } from '../variables/registry.js';
import {
  allergyTo,
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
  plusDays,
  plusHours,
  plusMinutes,
  sofaRecords,
  stayEncounter,
  T_HOSP,
  T_ICU,
} from './criteria-test-support.js';
import { parseProtocol } from './parse-protocol.js';

const FILE = join(import.meta.dirname, '..', '..', '..', '..', 'protocols', 'platinium.yaml');
const PLATINIUM = parseProtocol(readFileSync(FILE, 'utf8'), 'protocols/platinium.yaml').eligibility;

// ICU admission 2026-03-11T00:00Z; screening 200 h later (ICU day 8).
const T_SCR = plusHours(T_ICU, 200);
const row = rowsAt(T_SCR);
const T_168 = plusHours(T_ICU, 168);

const I0: CriterionCase[] = [
  row('adult, exactly 168 h after ICU admission', patient({ patient: { birthDate: '2008-03-18' } }), 'met', {
    at: T_168,
    cites: 'Encounter/icu',
    says: '168 h >= 168 h',
  }),
  row('167 h 59 min after ICU admission', patient(), 'not_met', { at: plusMinutes(T_168, -1) }),
  row('167 h after ICU admission', patient(), 'not_met', { at: plusHours(T_168, -1) }),
  row(
    'age 17 (18th birthday the day after screening)',
    patient({ patient: { birthDate: '2008-03-20' } }),
    'not_met',
    { says: 'age 17' },
  ),
  row(
    'ICU encounters 24 h apart merge into one stay',
    patient({
      encounters: [
        stayEncounter('hospital', 'hospital', T_HOSP),
        stayEncounter('icu1', 'icu', T_ICU, plusHours(T_ICU, 48)),
        stayEncounter('icu2', 'icu', plusHours(T_ICU, 72)),
      ],
    }),
    'met',
    { at: T_168 },
  ),
  row(
    'ICU encounters 25 h apart do not merge (stay starts at the second)',
    patient({
      encounters: [
        stayEncounter('hospital', 'hospital', T_HOSP),
        stayEncounter('icu1', 'icu', T_ICU, plusHours(T_ICU, 48)),
        stayEncounter('icu2', 'icu', plusHours(T_ICU, 73)),
      ],
    }),
    'not_met',
  ),
  row('no ICU stay', patient({ icu: null }), 'unknown'),
];

const fiveInEveryWindow = (k: number): ObservationRecord[] =>
  sofaRecords(plusHours(T_ICU, 24 * k + 2), { coag: 3, liver: 2 }, `w${k}`);
const WEEK_OF_FIVES = [0, 1, 2, 3, 4, 5, 6].flatMap(fiveInEveryWindow);
const I2: CriterionCase[] = [
  row(
    'SOFA exactly 6 in W6 (ICU hours 144-168)',
    patient({
      observations: [
        ...[0, 1, 2, 3, 4, 5].flatMap(fiveInEveryWindow),
        ...sofaRecords(plusHours(T_ICU, 150), { coag: 3, liver: 3 }, 'w6'),
      ],
    }),
    'met',
    { cites: 'Observation/w6-bilirubin', says: /SOFA in W6 .*6/ },
  ),
  row('SOFA exactly 5 in each of W0-W6', patient({ observations: WEEK_OF_FIVES }), 'not_met'),
  row(
    'SOFA 6 at ICU hour 168 (W7, after week 1), 5 in W0-W6',
    patient({
      observations: [...WEEK_OF_FIVES, ...sofaRecords(T_168, { coag: 3, liver: 3 }, 'w7')],
    }),
    'not_met',
  ),
  row(
    'SOFA 5 in six windows, W3 without data',
    patient({ observations: [0, 1, 2, 4, 5, 6].flatMap(fiveInEveryWindow) }),
    'unknown',
  ),
  ...overrideCases(
    'platinium',
    'I2',
    { observations: sofaRecords(plusHours(T_ICU, 2), { coag: 4, liver: 2 }) },
    'met',
    T_SCR,
  ),
];

const mhla = (v: number, t: number, id = 'mhla') => obs('mhla_dr', v, t, { id });
const lymph = (v: number, t: number, id = 'lymph') => obs('lymphocytes', v, t, { id });
const I3: CriterionCase[] = [
  row(
    'mHLA-DR 7999 and lymphocytes 999 exactly 96 h apart',
    patient({ observations: [mhla(7999, plusHours(T_SCR, -96)), lymph(999, T_SCR)] }),
    'met',
    { cites: 'Observation/mhla', says: /7999.*999/ },
  ),
  row(
    'the same pair 97 h apart (mHLA-DR before the window, none there)',
    patient({ observations: [mhla(7999, plusHours(T_SCR, -97)), lymph(999, T_SCR)] }),
    'unknown',
  ),
  row(
    '97 h apart with a high mHLA-DR inside the window',
    patient({
      observations: [
        mhla(7999, plusHours(T_SCR, -97)),
        mhla(9000, plusHours(T_SCR, -10), 'high'),
        lymph(999, T_SCR),
      ],
    }),
    'not_met',
    { cites: 'Observation/high' },
  ),
  row(
    'mHLA-DR 8000 with lymphocytes 999',
    patient({ observations: [mhla(8000, plusHours(T_SCR, -5)), lymph(999, plusHours(T_SCR, -4))] }),
    'not_met',
  ),
  row(
    'mHLA-DR 7999 with lymphocytes 1000',
    patient({ observations: [mhla(7999, plusHours(T_SCR, -5)), lymph(1000, plusHours(T_SCR, -4))] }),
    'not_met',
  ),
  row(
    'low mHLA-DR, no lymphocyte count',
    patient({ observations: [mhla(5000, plusHours(T_SCR, -5))] }),
    'unknown',
  ),
  row(
    'a low mHLA-DR before ICU admission is outside the ICU stay (stay < 96 h)',
    patient({ observations: [mhla(5000, plusHours(T_ICU, -2)), lymph(500, plusHours(T_ICU, 10))] }),
    'unknown',
    { at: plusHours(T_ICU, 72) },
  ),
  row(
    'a lymphocyte count after screening is not read',
    patient({ observations: [mhla(5000, plusHours(T_SCR, -5)), lymph(500, plusHours(T_SCR, 1))] }),
    'unknown',
  ),
];

const E2: CriterionCase[] = [
  row(
    'cisplatin given exactly 42 d before screening',
    patient({
      medications: [medication('L01XA01', plusDays(T_SCR, -42), { isInstant: true, id: 'cis' })],
    }),
    'met',
    { cites: 'MedicationAdministration/cis', says: 'L01XA01' },
  ),
  row(
    'cisplatin given 42 d 1 h before screening',
    patient({
      medications: [medication('L01XA01', plusHours(plusDays(T_SCR, -42), -1), { isInstant: true })],
    }),
    'not_met',
  ),
  row(
    'radiotherapy ending 41 d before screening',
    patient({
      procedures: [
        procedure('radiotherapy', plusDays(T_SCR, -60), {
          end: plusDays(T_SCR, -41),
          inProgress: false,
          id: 'rt',
        }),
      ],
    }),
    'met',
    { cites: 'Procedure/rt' },
  ),
  row(
    'radiotherapy ending 43 d before screening',
    patient({
      procedures: [
        procedure('radiotherapy', plusDays(T_SCR, -60), { end: plusDays(T_SCR, -43), inProgress: false }),
      ],
    }),
    'not_met',
  ),
  row('no medication or procedure (closed world)', patient(), 'not_met'),
];

const recent = plusHours(T_SCR, -2);
// Normal APACHE II values (0 points each) for every variable but those replaced, 2 h before screening.
const APACHE_NORMAL = {
  temperature: 37,
  map: 80,
  heart_rate: 80,
  respiratory_rate: 16,
  ph: 7.4,
  sodium: 140,
  potassium: 4,
  creatinine: 1,
  hematocrit: 40,
  wbc: 8,
  gcs: 15,
  pao2: 90,
} satisfies Partial<Record<VariableId, number>>;
type ApacheVariable = keyof typeof APACHE_NORMAL;
function apacheValues(replace: Partial<Record<ApacheVariable, number>> = {}): ObservationRecord[] {
  const values = { ...APACHE_NORMAL, ...replace };
  const variables = Object.keys(APACHE_NORMAL).filter((v): v is ApacheVariable => v in values);
  return [
    obs('fio2', 0.3, plusHours(recent, -1)),
    ...variables.map((v) => obs(v, values[v], recent, { id: `a-${v}` })),
  ];
}
// GCS 3 (12) + temperature 41 (4) + MAP 45 (4) + RR 40 (3) + age 57 (3) = 26, plus heart rate 185 (4) or 150 (3).
const SEVERE = { gcs: 3, temperature: 41, map: 45, respiratory_rate: 40 };
const E3: CriterionCase[] = [
  row(
    'recorded APACHE II 30 in the last 24 h',
    patient({ observations: [obs('apache2_total', 30, recent, { id: 'apache' })] }),
    'met',
    { cites: 'Observation/apache', says: 'APACHE II 30' },
  ),
  row(
    'recorded APACHE II 29 in the last 24 h',
    patient({ observations: [obs('apache2_total', 29, recent)] }),
    'not_met',
    { says: 'APACHE II 29' },
  ),
  row(
    'the latest recorded total decides (35 then 29)',
    patient({
      observations: [obs('apache2_total', 35, plusHours(T_SCR, -20)), obs('apache2_total', 29, recent)],
    }),
    'not_met',
  ),
  row(
    'a recorded 30 from 25 h ago is not at screening, nothing else',
    patient({ observations: [obs('apache2_total', 30, plusHours(T_SCR, -25))] }),
    'unknown',
  ),
  row(
    'computed from every variable, lowest total 30',
    patient({ observations: apacheValues({ ...SEVERE, heart_rate: 185 }) }),
    'met',
    { cites: 'Observation/a-gcs' },
  ),
  row(
    'computed from every variable, lowest total 29 (chronic health 0-5 unread)',
    patient({ observations: apacheValues({ ...SEVERE, heart_rate: 150 }) }),
    'unknown',
  ),
  row('computed from normal values (at most 3 + 5)', patient({ observations: apacheValues() }), 'not_met'),
  row('no data', patient(), 'unknown'),
];

const E4: CriterionCase[] = [
  row(
    'Crohn disease K50 in remission (history, any status)',
    patient({ conditions: [condition('K50.0', { active: false, id: 'crohn' })] }),
    'met',
    { cites: 'Condition/crohn', says: 'K50.0' },
  ),
  row('type 1 diabetes E10 (autoimmune)', patient({ conditions: [condition('E10.9')] }), 'met'),
  row('kidney transplant failure T86.1', patient({ conditions: [condition('T86.1')] }), 'met'),
  row(
    'haematological malignancy abated 20 years ago',
    patient({ conditions: [condition('C91.0', { active: false, abatement: at('2006-01-01T00:00') })] }),
    'met',
  ),
  row('hepatitis C B18.2', patient({ conditions: [condition('B18.2')] }), 'met'),
  row('chronic hepatitis B B18.1', patient({ conditions: [condition('B18.1')] }), 'met'),
  row('tuberculosis sequelae B90', patient({ conditions: [condition('B90.9')] }), 'met'),
  row(
    'HIV stage C (B20) timed exactly 365 d before screening',
    patient({ conditions: [condition('B20', { onset: plusDays(T_SCR, -365), id: 'b20' })] }),
    'met',
    { cites: 'Condition/b20' },
  ),
  row(
    'HIV stage C (B20) timed 366 d before screening',
    patient({ conditions: [condition('B20', { onset: plusDays(T_SCR, -366) })] }),
    'not_met',
  ),
  row('HIV stage C without onset or recorded date', patient({ conditions: [condition('B20')] }), 'unknown'),
  row(
    'HIV Z21 plus Pneumocystis B59 timed 100 d ago',
    patient({ conditions: [condition('Z21'), condition('B59', { onset: plusDays(T_SCR, -100) })] }),
    'met',
  ),
  row(
    'HIV Z21 plus Pneumocystis B59 timed 366 d ago',
    patient({ conditions: [condition('Z21'), condition('B59', { onset: plusDays(T_SCR, -366) })] }),
    'not_met',
  ),
  row('HIV Z21 alone', patient({ conditions: [condition('Z21')] }), 'not_met'),
  row('no diagnosis (closed world)', patient(), 'not_met'),
  ...overrideCases('platinium', 'E4', { conditions: [condition('B18.2')] }, 'met', T_SCR),
];

// Prednisone at a rate in mg/d (70 kg: 1 mg/kg/d = 70 mg/d), `hours` long, ending `endsBefore` h before T_SCR.
const PREDNISONE = 'H02AB07';
const kg70 = weight(70, plusDays(T_SCR, -1), 'weight');
function prednisone(mgPerDay: number | undefined, hours: number, endsBefore = 24, id = 'pred') {
  const end = plusHours(T_SCR, -endsBefore);
  return steroid(PREDNISONE, end - hours * HOUR_MS, end, mgPerDay, { id });
}
const E5: CriterionCase[] = [
  row(
    'ciclosporin until exactly 30 d before screening',
    patient({
      medications: [medication('L04AD01', plusDays(T_SCR, -60), { end: plusDays(T_SCR, -30) })],
    }),
    'met',
  ),
  row(
    'ciclosporin until 30 d 1 h before screening',
    patient({
      medications: [
        medication('L04AD01', plusDays(T_SCR, -60), { end: plusHours(plusDays(T_SCR, -30), -1) }),
      ],
    }),
    'not_met',
  ),
  row(
    'prednisone 71 mg/d at 70 kg (> 1 mg/kg/d) for 169 h',
    patient({ medications: [prednisone(71, 169)], observations: [kg70] }),
    'met',
    { cites: 'MedicationAdministration/pred', says: '169 h' },
  ),
  row(
    'prednisone 71 mg/d at 70 kg for exactly 168 h',
    patient({ medications: [prednisone(71, 168)], observations: [kg70] }),
    'not_met',
  ),
  row(
    'prednisone 70 mg/d at 70 kg (exactly 1 mg/kg/d) for 200 h',
    patient({ medications: [prednisone(70, 200)], observations: [kg70] }),
    'not_met',
  ),
  row(
    'a 169 h stretch ending exactly 30 d before screening',
    patient({ medications: [prednisone(71, 169, 30 * 24)], observations: [kg70] }),
    'met',
  ),
  row(
    'a 169 h stretch ending 30 d 1 h before screening',
    patient({ medications: [prednisone(71, 169, 30 * 24 + 1)], observations: [kg70] }),
    'not_met',
  ),
  row('71 mg/d for 169 h without any weight', patient({ medications: [prednisone(71, 169)] }), 'unknown'),
  row(
    'daily 100 mg boluses for 10 days (boluses are not a rate)',
    patient({
      medications: Array.from({ length: 10 }, (_, i) => bolus(PREDNISONE, plusDays(T_SCR, -i - 1), 100)),
      observations: [kg70],
    }),
    'not_met',
  ),
  row(
    'prednisone 1 mg/d on 91 consecutive local days',
    patient({ medications: [prednisone(1, 91 * 24, 32)], observations: [kg70] }),
    'met',
    { says: /91 consecutive local days/ },
  ),
  row(
    'prednisone 1 mg/d on 90 consecutive local days',
    patient({ medications: [prednisone(1, 90 * 24, 32)], observations: [kg70] }),
    'not_met',
  ),
  row(
    'a corticosteroid of unknown dose on 91 days is on a corticosteroid',
    patient({ medications: [prednisone(undefined, 91 * 24, 32)] }),
    'met',
  ),
  row('no medication (closed world)', patient(), 'not_met'),
];

const platelets = (v: number, t: number, id = 'plt') => obs('platelets', v, t, { id });
const E6: CriterionCase[] = [
  row('current platelets 49.9 x10^9/L', patient({ observations: [platelets(49.9, recent)] }), 'met', {
    cites: 'Observation/plt',
    says: '49.9',
  }),
  row('current platelets 50 x10^9/L', patient({ observations: [platelets(50, recent)] }), 'not_met', {
    says: '50',
  }),
  row(
    'platelets 40 drawn 47 h before screening (current)',
    patient({ observations: [platelets(40, plusHours(T_SCR, -47))] }),
    'met',
  ),
  row(
    'platelets 40 drawn 49 h before screening only (not current)',
    patient({ observations: [platelets(40, plusHours(T_SCR, -49))] }),
    'unknown',
  ),
  row(
    'the latest result decides (40 then 60)',
    patient({ observations: [platelets(40, plusHours(T_SCR, -20)), platelets(60, recent, 'late')] }),
    'not_met',
    { cites: 'Observation/late' },
  ),
  row(
    'a low count after screening is not read',
    patient({ observations: [platelets(60, recent), platelets(20, plusHours(T_SCR, 1))] }),
    'not_met',
  ),
  row('no platelet count', patient(), 'unknown'),
];

const E7: CriterionCase[] = [
  row(
    'active traumatic brain injury S06.5',
    patient({ conditions: [condition('S06.5', { id: 'tbi' })] }),
    'met',
    { cites: 'Condition/tbi', says: 'S06.5' },
  ),
  row(
    'traumatic brain injury resolved before screening',
    patient({ conditions: [condition('S06.5', { abatement: plusDays(T_SCR, -2) })] }),
    'not_met',
  ),
  row('cervical cord injury S14.1', patient({ conditions: [condition('S14.1')] }), 'met'),
  row('spinal cord injury T09.3', patient({ conditions: [condition('T09.3')] }), 'met'),
  row(
    'nerve root injury S14.2 is not a cord injury',
    patient({ conditions: [condition('S14.2')] }),
    'not_met',
  ),
  row('no diagnosis (closed world)', patient(), 'not_met'),
];

const E8: CriterionCase[] = [
  row(
    'a woman with active pregnancy O26',
    patient({
      patient: { sex: 'female', birthDate: '1996-01-01' },
      conditions: [condition('O26.9', { id: 'o26' })],
    }),
    'met',
    { cites: 'Condition/o26', says: 'O26' },
  ),
  row('a man', patient(), 'not_met'),
  row(
    'a woman of 30 without hCG',
    patient({ patient: { sex: 'female', birthDate: '1996-01-01' } }),
    'unknown',
  ),
  ...overrideCases('platinium', 'E8', {}, 'not_met', T_SCR),
  row(
    'A*: the answer no settles an unknown',
    patient({
      patient: { sex: 'female', birthDate: '1996-01-01' },
      attestations: [answer('platinium', 'E8', false, recent)],
    }),
    'not_met',
  ),
];

const E9: CriterionCase[] = [
  ...(
    ['interferon', 'mannitol', 'sodium-succinate', 'succinic-acid', 'polysorbate-20', 'latex'] as const
  ).map((substance): CriterionCase =>
    row(`${substance} allergy`, patient({ allergies: [allergyTo(substance, 'a1')] }), 'met', {
      cites: 'AllergyIntolerance/a1',
      says: substance,
    }),
  ),
  row('no allergy (closed world)', patient(), 'not_met'),
  ...overrideCases('platinium', 'E9', { allergies: [allergyTo('latex')] }, 'met', T_SCR),
];

const enzyme = (
  v: 'ast' | 'alt' | 'lipase' | 'amylase',
  value: number,
  uln: number | undefined,
  t = recent,
) => obs(v, value, t, { id: v, referenceHigh: uln });
const E10: CriterionCase[] = [
  row(
    'AST 200.1 with ULN 40 (> 5 x ULN)',
    patient({ observations: [enzyme('ast', 200.1, 40), enzyme('lipase', 50, 60)] }),
    'met',
    { cites: 'Observation/ast', says: '200.1' },
  ),
  row(
    'AST 200 with ULN 40 (exactly 5 x ULN), lipase normal',
    patient({ observations: [enzyme('ast', 200, 40), enzyme('lipase', 50, 60)] }),
    'not_met',
    { says: '200' },
  ),
  row('ALT 201 with ULN 40', patient({ observations: [enzyme('alt', 201, 40)] }), 'met'),
  row(
    'lipase 180.1 with ULN 60 (> 3 x ULN)',
    patient({ observations: [enzyme('lipase', 180.1, 60)] }),
    'met',
    { cites: 'Observation/lipase' },
  ),
  row(
    'lipase 180 with ULN 60 (exactly 3 x ULN), ALT normal',
    patient({ observations: [enzyme('lipase', 180, 60), enzyme('alt', 30, 40)] }),
    'not_met',
  ),
  row('amylase 301 with ULN 100', patient({ observations: [enzyme('amylase', 301, 100)] }), 'met'),
  row(
    'AST normal, neither lipase nor amylase measured',
    patient({ observations: [enzyme('ast', 30, 40)] }),
    'unknown',
  ),
  row(
    'AST 500 (ULN 40) drawn 49 h before screening only (not current)',
    patient({ observations: [enzyme('ast', 500, 40, plusHours(T_SCR, -49)), enzyme('lipase', 50, 60)] }),
    'unknown',
  ),
  row(
    'AST 500 without a reference range, lipase normal',
    patient({ observations: [enzyme('ast', 500, undefined), enzyme('lipase', 50, 60)] }),
    'unknown',
  ),
  row(
    'AST 500 without a reference range, ALT and lipase normal (AST may exceed)',
    patient({
      observations: [enzyme('ast', 500, undefined), enzyme('alt', 30, 40), enzyme('lipase', 50, 60)],
    }),
    'unknown',
  ),
  row('no enzyme measured', patient(), 'unknown'),
];

// CKD-EPI 2021 (male, Scr > 0.9 mg/dL) solved for creatinine: Scr = 0.9 (eGFR / (142 x 0.9938^age))^(-1/1.2).
function creatinineForEgfr(egfr: number, time: number, birthDate = '1969-02-14'): number {
  const age = completedYears(birthDate, new Date(time).toISOString().slice(0, 10));
  return 0.9 * (egfr / (142 * 0.9938 ** age)) ** (-1 / 1.2);
}
const BASELINE = plusDays(T_HOSP, -30);
const creatinine = (mgDl: number, t = BASELINE, id = 'creat') => obs('creatinine', mgDl, t, { id });
const AT_9_9 = creatinineForEgfr(9.9, BASELINE);
// Rounded down so that the eGFR is 10 or just above, never 9.99999…
const AT_10 = Math.floor(creatinineForEgfr(10, BASELINE) * 1e6) / 1e6;
const FAR_BELOW = (t: number) => creatinineForEgfr(5, t);
const E11: CriterionCase[] = [
  row(
    'active CKD 5 on dialysis N18.6',
    patient({ conditions: [condition('N18.6', { id: 'dial' })] }),
    'met',
    { cites: 'Condition/dial' },
  ),
  row('chronic dialysis Z99.2', patient({ conditions: [condition('Z99.2')] }), 'met'),
  row('baseline eGFR 9.9', patient({ observations: [creatinine(AT_9_9)] }), 'met', {
    cites: 'Observation/creat',
    says: '9.9',
  }),
  row('baseline eGFR 10', patient({ observations: [creatinine(AT_10)] }), 'not_met', { says: /eGFR 10\b/ }),
  row(
    'the lowest creatinine of the baseline window decides',
    patient({ observations: [creatinine(AT_9_9), creatinine(AT_10, plusDays(BASELINE, 5), 'lower')] }),
    'not_met',
    { cites: 'Observation/lower' },
  ),
  row(
    'creatinine exactly T_hosp - 7 d (window end)',
    patient({ observations: [creatinine(FAR_BELOW(plusDays(T_HOSP, -7)), plusDays(T_HOSP, -7))] }),
    'met',
  ),
  row(
    'creatinine T_hosp - 7 d + 1 h (during the pre-admission week)',
    patient({
      observations: [creatinine(FAR_BELOW(plusDays(T_HOSP, -7)), plusHours(plusDays(T_HOSP, -7), 1))],
    }),
    'unknown',
  ),
  row(
    'creatinine exactly T_hosp - 365 d (window start)',
    patient({ observations: [creatinine(FAR_BELOW(plusDays(T_HOSP, -365)), plusDays(T_HOSP, -365))] }),
    'met',
  ),
  row(
    'creatinine T_hosp - 366 d',
    patient({ observations: [creatinine(FAR_BELOW(plusDays(T_HOSP, -366)), plusDays(T_HOSP, -366))] }),
    'unknown',
  ),
  row(
    'eGFR 10 with an active CKD stage 5 code',
    patient({ observations: [creatinine(AT_10)], conditions: [condition('N18.5')] }),
    'unknown',
  ),
  row(
    'dialysis code abated, no baseline creatinine',
    patient({ conditions: [condition('N18.6', { abatement: plusDays(T_SCR, -100) })] }),
    'unknown',
  ),
  row(
    'baseline creatinine but sex unknown',
    patient({ patient: { sex: 'unknown' }, observations: [creatinine(AT_9_9)] }),
    'unknown',
  ),
  row('no baseline creatinine', patient(), 'unknown'),
  ...overrideCases('platinium', 'E11', { observations: [creatinine(AT_10)] }, 'not_met', T_SCR),
];

const E12: CriterionCase[] = [
  row(
    'myocardial infarction I21.4 with onset exactly 72 h before screening',
    patient({ conditions: [condition('I21.4', { onset: plusHours(T_SCR, -72), id: 'mi' })] }),
    'met',
    { cites: 'Condition/mi', says: 'I21.4' },
  ),
  row(
    'myocardial infarction with onset 73 h before screening',
    patient({ conditions: [condition('I21.4', { onset: plusHours(T_SCR, -73) })] }),
    'not_met',
  ),
  row(
    'ventricular tachycardia I47.2 recorded 1 h before screening',
    patient({ conditions: [condition('I47.2', { recorded: plusHours(T_SCR, -1) })] }),
    'met',
  ),
  row(
    'ventricular fibrillation I49.0 resolved before screening',
    patient({
      conditions: [condition('I49.0', { onset: plusHours(T_SCR, -10), abatement: plusHours(T_SCR, -5) })],
    }),
    'not_met',
  ),
  row(
    'ventricular fibrillation without onset or recorded date',
    patient({ conditions: [condition('I49.0')] }),
    'unknown',
  ),
  row('no diagnosis (closed world)', patient(), 'not_met'),
  ...overrideCases('platinium', 'E12', { conditions: [condition('I49.0', { onset: recent })] }, 'met', T_SCR),
];

const TABLES: CriterionTables = [
  ['I0', 'adult in ICU >= 168 h', I0],
  ['I1', 'expected ICU stay > 10 d (A)', attestationOnlyCases('platinium', 'I1', T_SCR)],
  ['I2', 'SOFA >= 6 in ICU week 1 (A*)', I2],
  ['I3', 'mHLA-DR < 8000 and lymphocytes < 1000 within 96 h', I3],
  ['I4', 'understanding, social security, contraception (A)', attestationOnlyCases('platinium', 'I4', T_SCR)],
  ['E0', 'uncontrolled secondary infection (A)', attestationOnlyCases('platinium', 'E0', T_SCR)],
  ['E1', 'another trial within 30 d (A)', attestationOnlyCases('platinium', 'E1', T_SCR)],
  ['E2', 'chemotherapy or radiotherapy within 42 d', E2],
  ['E3', 'APACHE II >= 30 at screening', E3],
  ['E4', 'autoimmune, transplant, haematological, hepatitis, TB, HIV stage C (A*)', E4],
  ['E5', 'immunosuppressants and corticosteroids', E5],
  ['E6', 'current platelets < 50 x10^9/L', E6],
  ['E7', 'traumatic brain or spinal cord injury', E7],
  ['E8', 'pregnancy or breastfeeding (A*)', E8],
  ['E9', 'interferon, excipient or latex allergy (A*)', E9],
  ['E10', 'AST/ALT > 5 x ULN, lipase/amylase > 3 x ULN', E10],
  ['E11', 'eGFR < 10 (A*)', E11],
  ['E12', 'acute ECG event in the last 72 h (A*)', E12],
  ['E13', 'legal protection, capacity, trial team (A)', attestationOnlyCases('platinium', 'E13', T_SCR)],
];

it('the PLATINIUM tables walk every criterion on both sides, citing the deciding record and value', () => {
  expectCoverage(PLATINIUM, TABLES);
});

describe.each(TABLES)('PLATINIUM %s: %s', (id, _label, cases) => {
  it.each(named(cases))('%s', (_name, c) => {
    expectCase(PLATINIUM, id, c);
  });
});

describe('PLATINIUM E11 fixtures', () => {
  it('the creatinines sit on either side of eGFR 10 by the CKD-EPI 2021 equation', () => {
    const egfr = (scr: number) =>
      computeEgfrCkdEpi2021({ creatinineMgPerDl: scr, ageYears: 56, sex: 'male' });
    expect(egfr(AT_9_9)).toBeCloseTo(9.9, 9);
    expect(egfr(AT_10)).toBeGreaterThanOrEqual(10);
    expect(egfr(AT_10)).toBeLessThan(10.0001);
  });
});
