// IRIS-7 (protocols/iris7.yaml): every criterion walked through the real YAML rule, on both sides of each
// threshold of FHIR-PROFILE.md §9, with the unknown and closed-world cases and the attestations.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { at, condition, infusion, obs } from '../rules/functions/test-timeline.js';
import type { ObservationRecord } from '../timeline/types.js';
import {
  attestationOnlyCases,
  type CriterionCase,
  type CriterionTables,
  expectCase,
  expectCoverage,
  rowsAt,
  named,
  overrideCases,
  patient,
  plusHours,
  plusMinutes,
  sofaRecords,
  T_ICU,
} from './criteria-test-support.js';
import { parseProtocol } from './parse-protocol.js';

const FILE = join(import.meta.dirname, '..', '..', '..', '..', 'protocols', 'iris7.yaml');
const IRIS7 = parseProtocol(readFileSync(FILE, 'utf8'), 'protocols/iris7.yaml').eligibility;

// ICU admission 2026-03-11T00:00Z; screening 82 h later, on 2026-03-14 at 10:00Z.
const T_SCR = plusHours(T_ICU, 82);
const row = rowsAt(T_SCR);
const icuHour = (h: number) => plusHours(T_ICU, h);

const I1: CriterionCase[] = [
  row(
    'age 79 (80th birthday the day after screening)',
    patient({ patient: { birthDate: '1946-03-15' } }),
    'met',
    { cites: 'Patient/p1', says: 'age 79' },
  ),
  row('age 80 on the screening date', patient({ patient: { birthDate: '1946-03-14' } }), 'not_met', {
    says: 'age 80',
  }),
  row('age 18 on the screening date', patient({ patient: { birthDate: '2008-03-14' } }), 'met'),
  row(
    'age 17 (18th birthday the day after screening)',
    patient({ patient: { birthDate: '2008-03-15' } }),
    'not_met',
  ),
  row('no birth date', patient({ patient: { birthDate: undefined } }), 'unknown'),
];

// SIRS items at ICU hours; `normal` fills the items a case does not set with non-qualifying values.
type SirsItem = 'temperature' | 'heart_rate' | 'respiratory_rate' | 'paco2' | 'wbc';
const SIRS_ITEMS: readonly SirsItem[] = ['temperature', 'heart_rate', 'respiratory_rate', 'paco2', 'wbc'];
const NORMAL: Partial<Record<SirsItem, number>> = {
  temperature: 37,
  heart_rate: 80,
  respiratory_rate: 16,
  wbc: 8,
};
function sirs(values: Partial<Record<SirsItem, number>>, hour = 50, normal = true): ObservationRecord[] {
  const all = normal ? { ...NORMAL, ...values } : values;
  return SIRS_ITEMS.flatMap((v) => {
    const x = all[v];
    return x === undefined ? [] : [obs(v, x, icuHour(hour), { id: `sirs-${v}` })];
  });
}
const pneumonia = condition('J18.9', { onset: T_ICU, id: 'pneu' });
const I2: CriterionCase[] = [
  row(
    'temperature 38.1 and heart rate 91 with pneumonia, screening at ICU hour 82',
    patient({ conditions: [pneumonia], observations: sirs({ temperature: 38.1, heart_rate: 91 }) }),
    'met',
    { cites: 'Observation/sirs-temperature', says: 'temperature 38.1' },
  ),
  row(
    'temperature 38.0 (not above 38), only heart rate 91 qualifies',
    patient({ conditions: [pneumonia], observations: sirs({ temperature: 38, heart_rate: 91 }) }),
    'not_met',
  ),
  row(
    'temperature 35.9 and heart rate 91',
    patient({ conditions: [pneumonia], observations: sirs({ temperature: 35.9, heart_rate: 91 }) }),
    'met',
  ),
  row(
    'temperature 36 (not below 36), heart rate 91',
    patient({ conditions: [pneumonia], observations: sirs({ temperature: 36, heart_rate: 91 }) }),
    'not_met',
  ),
  row(
    'heart rate 90 (not above 90), respiratory rate 21',
    patient({ conditions: [pneumonia], observations: sirs({ heart_rate: 90, respiratory_rate: 21 }) }),
    'not_met',
  ),
  row(
    'respiratory rate 21 and heart rate 91',
    patient({ conditions: [pneumonia], observations: sirs({ respiratory_rate: 21, heart_rate: 91 }) }),
    'met',
  ),
  row(
    'PaCO2 31.9 and heart rate 91',
    patient({ conditions: [pneumonia], observations: sirs({ paco2: 31.9, heart_rate: 91 }) }),
    'met',
  ),
  row(
    'PaCO2 32 with respiratory rate 20, heart rate 91',
    patient({
      conditions: [pneumonia],
      observations: sirs({ paco2: 32, respiratory_rate: 20, heart_rate: 91 }),
    }),
    'not_met',
  ),
  row(
    'WBC 12.1 and heart rate 91',
    patient({ conditions: [pneumonia], observations: sirs({ wbc: 12.1, heart_rate: 91 }) }),
    'met',
  ),
  row(
    'WBC 3.9 and heart rate 91',
    patient({ conditions: [pneumonia], observations: sirs({ wbc: 3.9, heart_rate: 91 }) }),
    'met',
  ),
  row(
    'WBC 4 and 12 (within range), heart rate 91',
    patient({
      conditions: [pneumonia],
      observations: [...sirs({ wbc: 4, heart_rate: 91 }), obs('wbc', 12, icuHour(60))],
    }),
    'not_met',
  ),
  row(
    'heart rate 91 alone, other items without values (they still could)',
    patient({ conditions: [pneumonia], observations: sirs({ heart_rate: 91 }, 50, false) }),
    'unknown',
  ),
  row(
    'fever and tachycardia exactly 24 h apart',
    patient({
      conditions: [pneumonia],
      observations: [
        ...sirs({}, 49),
        obs('temperature', 39, icuHour(50)),
        obs('heart_rate', 120, icuHour(74)),
      ],
    }),
    'met',
  ),
  row(
    'fever and tachycardia 25 h apart',
    patient({
      conditions: [pneumonia],
      observations: [
        ...sirs({}, 49),
        obs('temperature', 39, icuHour(50)),
        obs('heart_rate', 120, icuHour(75)),
      ],
    }),
    'not_met',
  ),
  row(
    'fever at ICU hour 47 (before the window) is not read',
    patient({
      conditions: [pneumonia],
      observations: [obs('temperature', 39, icuHour(47)), ...sirs({ heart_rate: 120 }, 50)],
    }),
    'not_met',
  ),
  row(
    'screening exactly 48 h after ICU admission',
    patient({ conditions: [pneumonia], observations: sirs({ temperature: 39, heart_rate: 120 }, 48) }),
    'met',
    { at: icuHour(48) },
  ),
  row(
    'screening 47 h 59 min after ICU admission',
    patient({ conditions: [pneumonia], observations: sirs({ temperature: 39, heart_rate: 120 }, 47) }),
    'not_met',
    { at: plusMinutes(icuHour(48), -1) },
  ),
  row(
    'screening exactly 120 h after ICU admission',
    patient({ conditions: [pneumonia], observations: sirs({ temperature: 39, heart_rate: 120 }) }),
    'met',
    { at: icuHour(120) },
  ),
  row(
    'screening 120 h 1 min after ICU admission',
    patient({ conditions: [pneumonia], observations: sirs({ temperature: 39, heart_rate: 120 }) }),
    'not_met',
    { at: plusMinutes(icuHour(120), 1) },
  ),
  row(
    'SIRS pair with sepsis A41.9 as the infection',
    patient({
      conditions: [condition('A41.9')],
      observations: sirs({ temperature: 39, heart_rate: 120 }),
    }),
    'met',
  ),
  row(
    'SIRS pair with cellulitis L03.1 as the infection',
    patient({
      conditions: [condition('L03.1')],
      observations: sirs({ temperature: 39, heart_rate: 120 }),
    }),
    'met',
  ),
  row(
    'SIRS pair without an infection condition (closed world)',
    patient({ observations: sirs({ temperature: 39, heart_rate: 120 }) }),
    'not_met',
  ),
  row(
    'SIRS pair, pneumonia resolved before screening',
    patient({
      conditions: [condition('J18.9', { onset: T_ICU, abatement: icuHour(60) })],
      observations: sirs({ temperature: 39, heart_rate: 120 }),
    }),
    'not_met',
  ),
  ...overrideCases('iris7', 'I2', { conditions: [pneumonia] }, 'not_met', icuHour(30)),
];

const W = icuHour(50);
const I3: CriterionCase[] = [
  row(
    'platelets 99 (2 points) in the window',
    patient({ observations: [obs('platelets', 99, W, { id: 'plt' })] }),
    'met',
    { cites: 'Observation/plt', says: '99' },
  ),
  row(
    'every organ known, platelets 100 (1 point) the worst',
    patient({ observations: sofaRecords(W, { coag: 1, liver: 1, cns: 1, renal: 1, resp: 1, cv: 1 }) }),
    'not_met',
  ),
  row(
    'platelets 100 only (other organs could fail)',
    patient({ observations: [obs('platelets', 100, W)] }),
    'unknown',
  ),
  row(
    'renal: creatinine 1.5 (1 point) without urine output, others known normal',
    patient({ observations: sofaRecords(W, {}).filter((o) => o.variable !== 'urine_output_24h') }),
    'unknown',
  ),
  row(
    'creatinine 2.0 (2 points) without urine output',
    patient({ observations: [obs('creatinine', 2, W)] }),
    'met',
  ),
  row(
    'platelets 50 at ICU hour 47 (before the window), every organ normal inside',
    patient({ observations: [obs('platelets', 50, icuHour(47)), ...sofaRecords(W, {})] }),
    'not_met',
  ),
  row(
    'platelets 50 at ICU hour 120 (window end), every organ normal before',
    patient({ observations: [obs('platelets', 50, icuHour(120)), ...sofaRecords(W, {})] }),
    'met',
    { at: icuHour(130) },
  ),
  row(
    'platelets 50 at ICU hour 121 (after the window)',
    patient({ observations: [obs('platelets', 50, icuHour(121)), ...sofaRecords(W, {})] }),
    'not_met',
    { at: icuHour(130) },
  ),
  row(
    'a GCS of 5 taken under sedation is not used',
    patient({ observations: [...sofaRecords(W, {}), obs('gcs', 5, icuHour(51), { sedated: true })] }),
    'not_met',
  ),
  row('no data in the window', patient(), 'unknown'),
];

const NE = 'C01CA03';
const EPI = 'C01CA24';
const DOPA = 'C01CA04';
const run = (atc: string, rate: number | undefined, startHour: number, minutes: number, id = 'vp') =>
  infusion(atc, icuHour(startHour), plusMinutes(icuHour(startHour), minutes), rate, { id });
const I4: CriterionCase[] = [
  row(
    'norepinephrine 0.05 ug/kg/min for exactly 4 h',
    patient({ medications: [run(NE, 0.05, 10, 240)] }),
    'met',
    { cites: 'MedicationAdministration/vp', says: '4 h' },
  ),
  row('norepinephrine 0.05 for 3 h 59 min', patient({ medications: [run(NE, 0.05, 10, 239)] }), 'not_met', {
    says: '3.98',
  }),
  row('norepinephrine 0.049 for 6 h', patient({ medications: [run(NE, 0.049, 10, 360)] }), 'not_met'),
  row('epinephrine 0.05 for 4 h', patient({ medications: [run(EPI, 0.05, 10, 240)] }), 'met'),
  row('dopamine 5 for 4 h', patient({ medications: [run(DOPA, 5, 10, 240)] }), 'met'),
  row('dopamine 4.9 for 6 h', patient({ medications: [run(DOPA, 4.9, 10, 360)] }), 'not_met'),
  row(
    'vasopressin 0.01 U/min for 4 h',
    patient({
      medications: [
        infusion('H01BA01', icuHour(10), icuHour(14), undefined, { rate: { value: 0.01, unit: 'U/min' } }),
      ],
    }),
    'met',
  ),
  row(
    'norepinephrine 2 h then vasopressin 2 h, touching',
    patient({
      medications: [
        run(NE, 0.1, 10, 120),
        infusion('H01BA01', icuHour(12), icuHour(14), undefined, { rate: { value: 0.03, unit: 'U/min' } }),
      ],
    }),
    'met',
  ),
  row(
    'two 2 h norepinephrine runs 1 min apart',
    patient({
      medications: [run(NE, 0.1, 10, 120, 'a'), infusion(NE, plusMinutes(icuHour(12), 1), icuHour(15), 0.1)],
    }),
    'not_met',
  ),
  row(
    'a 0.03 step inside a norepinephrine run breaks it',
    patient({
      medications: [run(NE, 0.1, 10, 120, 'a'), run(NE, 0.03, 12, 30, 'b'), run(NE, 0.1, 12.5, 150, 'c')],
    }),
    'not_met',
  ),
  row(
    'norepinephrine without a rate for 5 h',
    patient({ medications: [run(NE, undefined, 10, 300)] }),
    'unknown',
  ),
  row('dobutamine 10 for 6 h', patient({ medications: [run('C01CA07', 10, 10, 360)] }), 'not_met'),
  row(
    'norepinephrine running since 4 h before screening',
    patient({ medications: [infusion(NE, plusHours(T_SCR, -4), undefined, 0.2)] }),
    'met',
  ),
  row(
    'norepinephrine running since 3 h before screening (counted up to screening)',
    patient({ medications: [infusion(NE, plusHours(T_SCR, -3), plusHours(T_SCR, 5), 0.2)] }),
    'not_met',
  ),
  row('no vasopressor (closed world)', patient(), 'not_met'),
  ...overrideCases('iris7', 'I4', { medications: [run(NE, 0.2, 10, 300)] }, 'met', T_SCR),
];

// Screening on 2026-03-14 (10:00Z): lymphocytes of 03-14 or 03-13 count.
const alc = (v: number, iso: string, id = 'alc') => obs('lymphocytes', v, at(iso), { id });
const I5: CriterionCase[] = [
  row('ALC 900 on the screening date', patient({ observations: [alc(900, '2026-03-14T07:00')] }), 'met', {
    cites: 'Observation/alc',
    says: '900',
  }),
  row('ALC 901 on the screening date', patient({ observations: [alc(901, '2026-03-14T07:00')] }), 'not_met', {
    cites: 'Observation/alc',
    says: '901',
  }),
  row('ALC 900 at 00:00 the day before', patient({ observations: [alc(900, '2026-03-13T00:00')] }), 'met'),
  row(
    'ALC 900 two days before (23:59) only',
    patient({ observations: [alc(900, '2026-03-12T23:59')] }),
    'unknown',
  ),
  row(
    'ALC 900 two days before and 950 the day before',
    patient({ observations: [alc(900, '2026-03-12T12:00', 'old'), alc(950, '2026-03-13T08:00')] }),
    'not_met',
  ),
  row(
    'ALC 1000 today but 800 the day before',
    patient({ observations: [alc(800, '2026-03-13T08:00', 'low'), alc(1000, '2026-03-14T08:00')] }),
    'met',
    { cites: 'Observation/low' },
  ),
  row(
    'local dates follow the ICU offset (UTC+1): 23:30Z on 03-12 is 03-13',
    patient({ observations: [alc(900, '2026-03-12T23:30')], offsetMinutes: 60 }),
    'met',
  ),
  row(
    'the same instant in UTC is two days before',
    patient({ observations: [alc(900, '2026-03-12T23:30')] }),
    'unknown',
  ),
  row(
    'ALC 500 later on the screening date, after screening',
    patient({ observations: [alc(500, '2026-03-14T12:00')] }),
    'unknown',
  ),
];

const TABLES: CriterionTables = [
  ['I1', '18 <= age < 80', I1],
  ['I2', 'persistent suspected sepsis 48-120 h (A*)', I2],
  ['I3', 'organ failure (SOFA organ >= 2) 48-120 h', I3],
  ['I4', 'vasopressors >= 4 h (A*)', I4],
  ['I5', 'ALC <= 900/mm3 on the screening date or the day before', I5],
  ['I6', 'predicted ICU stay, consent (A)', attestationOnlyCases('iris7', 'I6', T_SCR)],
  ['E1', 'an exclusion of the full protocol (A)', attestationOnlyCases('iris7', 'E1', T_SCR)],
];

it('the IRIS-7 tables walk every criterion on both sides, citing the deciding record and value', () => {
  expectCoverage(IRIS7, TABLES);
});

describe.each(TABLES)('IRIS-7 %s: %s', (id, _label, cases) => {
  it.each(named(cases))('%s', (_name, c) => {
    expectCase(IRIS7, id, c);
  });
});
