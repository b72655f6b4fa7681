// INFINITY (protocols/infinity.yaml): every criterion walked through the real YAML rule, on both sides of
// each threshold of FHIR-PROFILE.md §9, with the unknown and closed-world cases and the attestations.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { medication, steroid } from '../rules/functions/test-support.js';
import { at, codedObs, condition, obs, procedure } from '../rules/functions/test-timeline.js';
import {
  allergyTo,
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
  T_HOSP,
  T_ICU,
} from './criteria-test-support.js';
import { parseProtocol } from './parse-protocol.js';

const FILE = join(import.meta.dirname, '..', '..', '..', '..', 'protocols', 'infinity.yaml');
const INFINITY = parseProtocol(readFileSync(FILE, 'utf8'), 'protocols/infinity.yaml').eligibility;

// ICU admission 2026-03-11T00:00Z (ICU day 0); screening on ICU day 6.
const DAY0 = at('2026-03-17T00:00'); // local midnight of the screening date
const T_SCR = plusHours(DAY0, 10);
const row = rowsAt(T_SCR);

const I1: CriterionCase[] = [
  row('18th birthday on the screening date', patient({ patient: { birthDate: '2008-03-17' } }), 'met', {
    cites: 'Patient/p1',
    says: 'age 18',
  }),
  row('18th birthday the day after screening', patient({ patient: { birthDate: '2008-03-18' } }), 'not_met', {
    says: 'age 17',
  }),
  row(
    'local date (UTC+1) already the birthday at 23:30Z the day before',
    patient({ patient: { birthDate: '2008-03-17' }, offsetMinutes: 60 }),
    'met',
    { at: at('2026-03-16T23:30') },
  ),
  row(
    'same instant in UTC, still the day before the birthday',
    patient({ patient: { birthDate: '2008-03-17' } }),
    'not_met',
    { at: at('2026-03-16T23:30') },
  ),
  row('no birth date', patient({ patient: { birthDate: undefined } }), 'unknown'),
];

const W0 = plusHours(T_ICU, 2);
const I2: CriterionCase[] = [
  row(
    'SOFA exactly 6 in W0 (all organs known)',
    patient({ observations: sofaRecords(W0, { coag: 3, liver: 3 }, 'w0') }),
    'met',
    { cites: 'Observation/w0-platelets', says: /SOFA in W0 .*6/ },
  ),
  row(
    'SOFA exactly 5 in W0 (all organs known)',
    patient({ observations: sofaRecords(W0, { coag: 3, liver: 2 }, 'w0') }),
    'not_met',
    { says: /SOFA in W0 .*5/ },
  ),
  row(
    'lowest possible total 6 with organs missing',
    patient({
      observations: [obs('platelets', 15, W0, { id: 'plt' }), obs('bilirubin', 3, W0)],
    }),
    'met',
    { cites: 'Observation/plt' },
  ),
  row(
    'partly known SOFA that could reach 6 or not',
    patient({ observations: [obs('platelets', 40, W0)] }),
    'unknown',
  ),
  row(
    'a worse value at T_icu + 24 h is outside W0 (half-open)',
    patient({
      observations: [
        ...sofaRecords(W0, { coag: 3, liver: 2 }, 'w0'),
        obs('platelets', 10, plusHours(T_ICU, 24)),
        obs('gcs', 3, plusHours(T_ICU, 24)),
      ],
    }),
    'not_met',
  ),
  row(
    'a worse value just before T_icu + 24 h counts',
    patient({
      observations: [
        ...sofaRecords(W0, { coag: 3, liver: 2 }, 'w0'),
        obs('gcs', 13, plusMinutes(T_ICU, 24 * 60 - 1)),
      ],
    }),
    'met',
  ),
  row(
    'recorded SOFA total 6 when W0 has no component data',
    patient({ observations: [obs('sofa_total', 6, W0, { id: 'sofa6' })] }),
    'met',
    { cites: 'Observation/sofa6', says: 'recorded total' },
  ),
  row(
    'recorded SOFA total 5 when W0 has no component data',
    patient({ observations: [obs('sofa_total', 5, W0)] }),
    'not_met',
  ),
  row('no ICU stay (W0 cannot be placed)', patient({ icu: null }), 'unknown'),
];

const I3: CriterionCase[] = [
  row('IMV running at screening', patient({ procedures: [procedure('imv', T_ICU, { id: 'imv' })] }), 'met', {
    cites: 'Procedure/imv',
    says: 'invasive mechanical ventilation',
  }),
  row('IMV started exactly at screening', patient({ procedures: [procedure('imv', T_SCR)] }), 'met'),
  row(
    'IMV ending exactly at screening (not running)',
    patient({ procedures: [procedure('imv', T_ICU, { end: T_SCR, inProgress: false })] }),
    'not_met',
  ),
  row(
    'IMV ending a minute after screening',
    patient({ procedures: [procedure('imv', T_ICU, { end: plusMinutes(T_SCR, 1), inProgress: false })] }),
    'met',
  ),
  row('NIV running', patient({ procedures: [procedure('niv', T_ICU)] }), 'not_met'),
  row('high-flow nasal oxygen running', patient({ procedures: [procedure('hfno', T_ICU)] }), 'not_met'),
  row(
    'ventilation of unknown type running',
    patient({ procedures: [procedure('ventilation_unknown', T_ICU, { id: 'vent' })] }),
    'unknown',
    { cites: 'Procedure/vent' },
  ),
  row('no procedure at all (closed world)', patient(), 'not_met'),
  row(
    'IMV starting after screening is not read',
    patient({ procedures: [procedure('imv', plusHours(T_SCR, 1))] }),
    'not_met',
  ),
];

// ICU day n starts at local midnight of 2026-03-11 + n days; screening on ICU day 11 for the window edges.
const icuDay = (n: number, hhmm = '08:00'): number =>
  at(`2026-03-${String(11 + n).padStart(2, '0')}T${hhmm}`);
const T_SCR_DAY11 = icuDay(11, '10:00');
const mhla = (value: number, time: number, id?: string) =>
  obs('mhla_dr', value, time, id === undefined ? {} : { id });
const I4: CriterionCase[] = [
  row('7999 AB/C on ICU day 5', patient({ observations: [mhla(7999, icuDay(5, '00:00'), 'm5')] }), 'met', {
    at: T_SCR_DAY11,
    cites: 'Observation/m5',
    says: '7999',
  }),
  row('8000 AB/C on ICU day 5', patient({ observations: [mhla(8000, icuDay(5), 'm5')] }), 'not_met', {
    at: T_SCR_DAY11,
    cites: 'Observation/m5',
    says: '8000',
  }),
  row(
    '7999 on ICU day 4 at 23:59 only (none on day 5-10)',
    patient({ observations: [mhla(7999, icuDay(4, '23:59'))] }),
    'unknown',
    { at: T_SCR_DAY11 },
  ),
  row('7999 on ICU day 10 at 23:59', patient({ observations: [mhla(7999, icuDay(10, '23:59'))] }), 'met', {
    at: T_SCR_DAY11,
  }),
  row('7999 on ICU day 11 only', patient({ observations: [mhla(7999, icuDay(11, '01:00'))] }), 'unknown', {
    at: T_SCR_DAY11,
  }),
  row(
    'the latest result of day 5-10 decides (7000 then 9000)',
    patient({ observations: [mhla(7000, icuDay(6)), mhla(9000, icuDay(8), 'late')] }),
    'not_met',
    { at: T_SCR_DAY11, cites: 'Observation/late' },
  ),
  row(
    'the latest result of day 5-10 decides (9000 then 7000)',
    patient({ observations: [mhla(9000, icuDay(6)), mhla(7000, icuDay(8))] }),
    'met',
    { at: T_SCR_DAY11 },
  ),
  row(
    'a later low result on day 11 does not replace the day-10 one',
    patient({ observations: [mhla(9000, icuDay(10)), mhla(5000, icuDay(11, '02:00'))] }),
    'not_met',
    { at: T_SCR_DAY11 },
  ),
  row(
    'ICU days follow the local date (UTC+1): 23:30Z on 03-15 is day 5',
    patient({ observations: [mhla(7999, at('2026-03-15T23:30'))], offsetMinutes: 60 }),
    'met',
    { at: T_SCR_DAY11 },
  ),
  row(
    'the same instant in UTC is ICU day 4',
    patient({ observations: [mhla(7999, at('2026-03-15T23:30'))] }),
    'unknown',
    { at: T_SCR_DAY11 },
  ),
  row(
    'a result after screening is not read',
    patient({ observations: [mhla(7999, plusHours(T_SCR, 1))] }),
    'unknown',
  ),
  row('no ICU stay', patient({ icu: null, observations: [mhla(7999, icuDay(6))] }), 'unknown', {
    at: T_SCR_DAY11,
  }),
];

const FIVE_YEARS_DAYS = 5 * 365.25;
const E2: CriterionCase[] = [
  row('active solid cancer', patient({ conditions: [condition('C18.7', { id: 'crc' })] }), 'met', {
    cites: 'Condition/crc',
    says: 'C18.7',
  }),
  row(
    'solid cancer abated 1826 days (< 5 years) before screening',
    patient({ conditions: [condition('C50.9', { active: false, abatement: plusDays(T_SCR, -1826) })] }),
    'met',
  ),
  row(
    'solid cancer abated exactly 5 years before screening',
    patient({
      conditions: [condition('C50.9', { active: false, abatement: plusDays(T_SCR, -FIVE_YEARS_DAYS) })],
    }),
    'not_met',
  ),
  row(
    'inactive haematological malignancy without abatement date',
    patient({ conditions: [condition('C91.1', { active: false })] }),
    'unknown',
  ),
  row('active haematological malignancy (D46)', patient({ conditions: [condition('D46.9')] }), 'met'),
  row(
    'systemic disease in remission long ago (any status)',
    patient({ conditions: [condition('M32.1', { active: false, abatement: at('2001-01-01T00:00') })] }),
    'met',
  ),
  row(
    'Sjögren-like M35.7 is not a systemic disease',
    patient({ conditions: [condition('M35.7')] }),
    'not_met',
  ),
  row('kidney transplant Z94.0', patient({ conditions: [condition('Z94.0')] }), 'met'),
  row('HIV Z21', patient({ conditions: [condition('Z21')] }), 'met'),
  row('an unrelated diagnosis only (closed world)', patient({ conditions: [condition('J18.9')] }), 'not_met'),
  row(
    'a cancer diagnosed after screening is not read',
    patient({ conditions: [condition('C18.7', { onset: plusHours(T_SCR, 1) })] }),
    'not_met',
  ),
  ...overrideCases('infinity', 'E2', { conditions: [condition('C18.7')] }, 'met', T_SCR),
];

const gcs = (value: number, time: number, fields: { sedated?: boolean; id?: string } = {}) =>
  obs('gcs', value, time, fields);
const E3: CriterionCase[] = [
  row('active coma', patient({ conditions: [condition('R40.2', { id: 'coma' })] }), 'met', {
    cites: 'Condition/coma',
    says: 'R40.2',
  }),
  row(
    'coma abated before screening',
    patient({ conditions: [condition('R40.2', { abatement: plusDays(T_SCR, -1) })] }),
    'not_met',
  ),
  row('myopathy G71.0, any status', patient({ conditions: [condition('G71.0', { active: false })] }), 'met'),
  row('G72.0 is left out of the neuromuscular set', patient({ conditions: [condition('G72.0')] }), 'not_met'),
  row('long-term MV Z99.1', patient({ conditions: [condition('Z99.1')] }), 'met'),
  row(
    'stroke with onset T_hosp - 7 d and GCS 7 in W0',
    patient({
      conditions: [condition('I63.9', { onset: plusDays(T_HOSP, -7) })],
      observations: [gcs(7, plusHours(T_ICU, 3), { id: 'g7' })],
    }),
    'met',
    { cites: 'Observation/g7' },
  ),
  row(
    'stroke with onset 1 h before T_hosp - 7 d',
    patient({
      conditions: [condition('I63.9', { onset: plusHours(plusDays(T_HOSP, -7), -1) })],
      observations: [gcs(7, plusHours(T_ICU, 3))],
    }),
    'not_met',
  ),
  row(
    'stroke with onset exactly T_icu + 24 h and GCS 7',
    patient({
      conditions: [condition('I61.0', { onset: plusHours(T_ICU, 24) })],
      observations: [gcs(7, plusHours(T_ICU, 3))],
    }),
    'met',
  ),
  row(
    'stroke with onset T_icu + 25 h',
    patient({
      conditions: [condition('I61.0', { onset: plusHours(T_ICU, 25) })],
      observations: [gcs(7, plusHours(T_ICU, 3))],
    }),
    'not_met',
  ),
  row(
    'stroke with GCS 8 before support',
    patient({
      conditions: [condition('I63.9', { onset: T_HOSP })],
      observations: [gcs(8, plusHours(T_ICU, 1), { id: 'g8' })],
    }),
    'not_met',
    { cites: 'Observation/g8' },
  ),
  row(
    'stroke whose only GCS was taken under sedation',
    patient({
      conditions: [condition('I63.9', { onset: T_HOSP })],
      observations: [gcs(5, plusHours(T_ICU, 1), { sedated: true })],
    }),
    'unknown',
  ),
  row(
    'stroke resolved before screening',
    patient({
      conditions: [condition('I63.9', { onset: T_HOSP, abatement: plusDays(T_SCR, -1) })],
      observations: [gcs(5, plusHours(T_ICU, 1))],
    }),
    'not_met',
  ),
  row('no diagnosis (closed world)', patient(), 'not_met'),
  ...overrideCases('infinity', 'E3', { conditions: [condition('Z99.1')] }, 'met', T_SCR),
];

const woman = (birthDate = '1996-05-01') => ({ sex: 'female' as const, birthDate });
const E4: CriterionCase[] = [
  row(
    'active pregnancy Z33 (WHO)',
    patient({ patient: woman(), conditions: [condition('Z33', { id: 'preg' })] }),
    'met',
    { cites: 'Condition/preg', says: 'Z33' },
  ),
  row('active lactation Z39.1', patient({ patient: woman(), conditions: [condition('Z39.1')] }), 'met'),
  row(
    'positive qualitative hCG since admission',
    patient({
      patient: woman(),
      observations: [codedObs('hcg_qualitative', 'positive', plusHours(T_HOSP, 1), { id: 'hcg' })],
    }),
    'met',
    { cites: 'Observation/hcg' },
  ),
  row(
    'negative qualitative hCG since admission',
    patient({
      patient: woman(),
      observations: [codedObs('hcg_qualitative', 'negative', plusHours(T_HOSP, 1))],
    }),
    'not_met',
  ),
  row(
    'beta-hCG 25 IU/L without reference range',
    patient({ patient: woman(), observations: [obs('beta_hcg', 25, plusHours(T_HOSP, 1), { id: 'b' })] }),
    'met',
    { says: '25' },
  ),
  row(
    'beta-hCG 24.9 IU/L without reference range',
    patient({ patient: woman(), observations: [obs('beta_hcg', 24.9, plusHours(T_HOSP, 1))] }),
    'not_met',
    { says: '24.9' },
  ),
  row(
    'beta-hCG 5.1 above its own ULN 5',
    patient({
      patient: woman(),
      observations: [obs('beta_hcg', 5.1, plusHours(T_HOSP, 1), { referenceHigh: 5 })],
    }),
    'met',
  ),
  row(
    'beta-hCG 5 at its own ULN 5',
    patient({
      patient: woman(),
      observations: [obs('beta_hcg', 5, plusHours(T_HOSP, 1), { referenceHigh: 5 })],
    }),
    'not_met',
  ),
  row(
    'a positive hCG before hospital admission is not read',
    patient({
      patient: woman(),
      observations: [codedObs('hcg_qualitative', 'positive', plusHours(T_HOSP, -1))],
    }),
    'unknown',
  ),
  row('a man', patient(), 'not_met'),
  row('a woman of 30 without data', patient({ patient: woman() }), 'unknown'),
  row('a woman turning 55 on the screening date', patient({ patient: woman('1971-03-17') }), 'not_met'),
  row('a woman turning 55 the day after screening', patient({ patient: woman('1971-03-18') }), 'unknown'),
  row(
    'puerperal O85 with a negative hCG (breastfeeding possible)',
    patient({
      patient: woman(),
      conditions: [condition('O85')],
      observations: [codedObs('hcg_qualitative', 'negative', plusHours(T_HOSP, 1))],
    }),
    'unknown',
  ),
  row('sex other than male or female, no data', patient({ patient: { sex: 'other' } }), 'unknown'),
  ...overrideCases('infinity', 'E4', { patient: woman(), conditions: [condition('Z33')] }, 'met', T_SCR),
];

const E5: CriterionCase[] = [
  row('interferon allergy', patient({ allergies: [allergyTo('interferon', 'ifn')] }), 'met', {
    cites: 'AllergyIntolerance/ifn',
    says: 'interferon allergy',
  }),
  row('latex allergy is not an INFINITY exclusion', patient({ allergies: [allergyTo('latex')] }), 'not_met'),
  row('no allergy (closed world)', patient(), 'not_met'),
  ...overrideCases('infinity', 'E5', { allergies: [allergyTo('interferon')] }, 'met', T_SCR),
];

// A corticosteroid over whole local days: `days` days ending at the local midnight `daysBeforeScr` days
// before the screening date (0: the run ends at the start of the screening date).
const PREDNISONE = 'H02AB07';
const HYDROCORTISONE = 'H02AB09';
function steroidRun(atc: string, mgPerDay: number | undefined, days: number, endsDaysBefore = 0, id = 'cs') {
  const end = plusDays(DAY0, -endsDaysBefore);
  return steroid(atc, plusDays(end, -days), end, mgPerDay, { id });
}
const E6: CriterionCase[] = [
  row(
    'tacrolimus ending exactly 30 d before screening (touching)',
    patient({
      medications: [medication('L04AD02', plusDays(T_SCR, -40), { end: plusDays(T_SCR, -30), id: 'tac' })],
    }),
    'met',
    { cites: 'MedicationAdministration/tac' },
  ),
  row(
    'tacrolimus ending 30 d 1 h before screening',
    patient({
      medications: [
        medication('L04AD02', plusDays(T_SCR, -40), { end: plusHours(plusDays(T_SCR, -30), -1) }),
      ],
    }),
    'not_met',
  ),
  row(
    'prednisone 3 mg/d on 90 consecutive local days',
    patient({ medications: [steroidRun(PREDNISONE, 3, 90)] }),
    'met',
    { cites: 'MedicationAdministration/cs', says: /90 consecutive local days/ },
  ),
  row(
    'prednisone 3 mg/d on 89 consecutive local days',
    patient({ medications: [steroidRun(PREDNISONE, 3, 89)] }),
    'not_met',
    { says: /89 consecutive local days/ },
  ),
  row(
    'prednisone 2.5 mg/d (not above 2.5) for 120 days',
    patient({ medications: [steroidRun(PREDNISONE, 2.5, 120)] }),
    'not_met',
  ),
  row(
    'hydrocortisone 10.4 mg/d (2.6 mg prednisone-eq) for 90 days',
    patient({ medications: [steroidRun(HYDROCORTISONE, 10.4, 90)] }),
    'met',
  ),
  row(
    'a 90-day run whose last day is 30 days before the screening date reaches into the last 30 d',
    patient({ medications: [steroidRun(PREDNISONE, 3, 90, 29)] }),
    'met',
  ),
  row(
    'a 90-day run whose last day is 31 days before the screening date',
    patient({ medications: [steroidRun(PREDNISONE, 3, 90, 30)] }),
    'not_met',
  ),
  row(
    'a corticosteroid of unknown dose for 120 days',
    patient({ medications: [steroidRun(PREDNISONE, undefined, 120)] }),
    'unknown',
  ),
  row('no medication (closed world)', patient(), 'not_met'),
  ...overrideCases('infinity', 'E6', { medications: [steroidRun(PREDNISONE, 3, 89)] }, 'not_met', T_SCR),
];

const TABLES: CriterionTables = [
  ['I1', 'age >= 18', I1],
  ['I2', 'SOFA(W0) >= 6', I2],
  ['I3', 'IMV running at screening', I3],
  ['I4', 'latest mHLA-DR of ICU day 5-10 < 8000 AB/C', I4],
  ['I5', 'social security and consent (A)', attestationOnlyCases('infinity', 'I5', T_SCR)],
  ['E1', 'life expectancy, short stay (A)', attestationOnlyCases('infinity', 'E1', T_SCR)],
  ['E2', 'pre-existing immunosuppression (A*)', E2],
  ['E3', 'expected prolonged ventilation (A*)', E3],
  ['E4', 'pregnancy or breastfeeding (A*)', E4],
  ['E5', 'interferon hypersensitivity (A*)', E5],
  ['E6', 'immunosuppressive therapy (A*)', E6],
  ['E7', 'severe hepatic or renal insufficiency (A)', attestationOnlyCases('infinity', 'E7', T_SCR)],
  ['E8', 'other trial, protected adult (A)', attestationOnlyCases('infinity', 'E8', T_SCR)],
];

it('the INFINITY tables walk every criterion on both sides, citing the deciding record and value', () => {
  expectCoverage(INFINITY, TABLES);
});

describe.each(TABLES)('INFINITY %s: %s', (id, _label, cases) => {
  it.each(named(cases))('%s', (_name, c) => {
    expectCase(INFINITY, id, c);
  });
});
