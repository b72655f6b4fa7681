// End-to-end unit variants and attestations: small FHIR R4 bundles through `fhirBundleToTimelines`
// (packages/ingest) and the shipped protocols (packages/core), on both sides of each threshold. The values
// sent in another unit land exactly where the same value in the canonical unit does (FHIR-PROFILE.md §3).
import { computeEgfrCkdEpi2021, evaluateEligibility, type EligibilityResult } from '@immunotrial/core';
import { fhirBundleToTimelines } from '@immunotrial/ingest';
import { describe, expect, it } from 'vitest';
import { loadProtocolById } from './protocol-files.js';

type Json = Record<string, unknown>;
const LOINC = 'http://loinc.org';
const LOCAL = 'https://immunotrial.dev/fhir/CodeSystem/variable';
const ICU_START = '2026-03-11T01:00:00+01:00'; // 2026-03-11T00:00Z
const HOSPITAL_START = '2026-03-10T21:00:00+01:00';
const PROTOCOLS = ['infinity', 'platinium', 'immunosep', 'iris7'] as const;
type ProtocolId = (typeof PROTOCOLS)[number];
const ELIGIBILITY = Object.fromEntries(PROTOCOLS.map((id) => [id, loadProtocolById(id).eligibility]));

/** A bundle of patient p1 (a man born 1969-02-14 unless said), hospital and ICU stays, and `resources`. */
function bundle(resources: readonly Json[], person: Json = {}): Json {
  const patient = { resourceType: 'Patient', id: 'p1', gender: 'male', birthDate: '1969-02-14', ...person };
  const subject = { reference: 'Patient/p1' };
  const stays = [
    {
      resourceType: 'Encounter',
      id: 'hosp',
      status: 'in-progress',
      class: { code: 'IMP' },
      subject,
      period: { start: HOSPITAL_START },
    },
    {
      resourceType: 'Encounter',
      id: 'icu',
      status: 'in-progress',
      class: { code: 'ACUTE' },
      subject,
      period: { start: ICU_START },
      partOf: { reference: 'Encounter/hosp' },
      type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'ICU' }] }],
    },
  ];
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [patient, ...stays, ...resources.map((r) => ({ ...r, subject }))].map((resource) => ({
      resource,
    })),
  };
}

/** An Observation with a LOINC (or local) code and a quantity in `unit` (UCUM code and unit as sent). */
function quantity(id: string, code: string, value: number, unit: string, time: string): Json {
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    code: { coding: [{ system: /^\d/.test(code) ? LOINC : LOCAL, code }] },
    effectiveDateTime: time,
    valueQuantity: { value, unit, system: 'http://unitsofmeasure.org', code: unit },
  };
}

function diagnosis(id: string, code: string, onset: string): Json {
  return {
    resourceType: 'Condition',
    id,
    code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code }] },
    onsetDateTime: onset,
  };
}

/** A screening QuestionnaireResponse answering `linkId` (nested in a group, as sites send them). */
function answers(protocol: string, linkId: string, value: boolean, authored: string): Json {
  return {
    resourceType: 'QuestionnaireResponse',
    id: 'qr',
    questionnaire: `https://immunotrial.dev/fhir/Questionnaire/${protocol}-screening|1.0`,
    status: 'completed',
    authored,
    item: [{ linkId: 'exclusions', item: [{ linkId, answer: [{ valueBoolean: value }] }] }],
  };
}

/** Prednisone at `mgPerDay` (rateQuantity mg/d) over a period. */
function prednisone(id: string, mgPerDay: number, start: string, end: string): Json {
  return {
    resourceType: 'MedicationAdministration',
    id,
    status: 'completed',
    medicationCodeableConcept: { coding: [{ system: 'http://www.whocc.no/atc', code: 'H02AB07' }] },
    effectivePeriod: { start, end },
    dosage: {
      rateQuantity: { value: mgPerDay, unit: 'mg/d', system: 'http://unitsofmeasure.org', code: 'mg/d' },
    },
  };
}

const SNOMED = 'http://snomed.info/sct';
const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';

/** A ventilation Procedure in progress since ICU admission, with its SNOMED code and optional device. */
function ventilation(code: string, device?: string): Json {
  return {
    resourceType: 'Procedure',
    id: 'vent',
    status: 'in-progress',
    code: { coding: [{ system: SNOMED, code }] },
    performedPeriod: { start: ICU_START },
    ...(device ? { usedCode: [{ coding: [{ system: SNOMED, code: device }] }] } : {}),
  };
}

/** A drug coded in RxNorm only, at a rate, over a period, with an optional SNOMED route. */
function rxnorm(code: string, rate: number, unit: string, start: string, end: string, route?: string): Json {
  return {
    resourceType: 'MedicationAdministration',
    id: 'rx',
    status: 'completed',
    medicationCodeableConcept: { coding: [{ system: RXNORM, code }] },
    effectivePeriod: { start, end },
    dosage: {
      rateQuantity: { value: rate, unit, system: 'http://unitsofmeasure.org', code: unit },
      ...(route ? { route: { coding: [{ system: SNOMED, code: route }] } } : {}),
    },
  };
}

function screen(
  protocol: ProtocolId,
  resources: readonly Json[],
  at: string,
  person: Json = {},
): EligibilityResult {
  const { patients, warnings } = fhirBundleToTimelines(bundle(resources, person), { source: 'test.json' });
  expect(warnings).toEqual([]); // every value was read, none rejected for its unit
  const [timeline] = patients;
  const eligibility = ELIGIBILITY[protocol];
  if (!timeline || !eligibility) throw new Error('no patient or protocol');
  return evaluateEligibility(eligibility, timeline, Date.parse(at));
}

interface UnitCase {
  readonly name: string;
  readonly protocol: ProtocolId;
  readonly id: string;
  readonly resources: readonly Json[];
  readonly at: string;
  readonly result: 'met' | 'not_met' | 'unknown';
  /** The deciding evidence, with its value in the canonical unit. */
  readonly evidence?: { readonly reference: string; readonly value?: number | boolean };
  readonly person?: Json;
}

// PLATINIUM screening 200 h after ICU admission; lab results 2 h before.
const PLAT_AT = '2026-03-19T09:00:00+01:00';
const PLAT_LAB = '2026-03-19T07:00:00+01:00';
const platelets = (value: number, unit: string) => quantity('plt', '777-3', value, unit, PLAT_LAB);
const lymphocytes = (value: number, unit: string, time = PLAT_LAB) =>
  quantity('lymph', '731-0', value, unit, time);
const mhla = (value: number, unit: string) => quantity('mhla', 'mhla-dr', value, unit, PLAT_LAB);

// CKD-EPI 2021 solved for creatinine (man aged 56 at the sample, Scr > 0.9 mg/dL), sent in umol/L (x 88.4).
const BASELINE_AT = '2026-02-08T09:00:00+01:00';
const creatinineUmolFor = (egfr: number): number => 88.4 * 0.9 * (egfr / (142 * 0.9938 ** 56)) ** (-1 / 1.2);
const UMOL_9_9 = creatinineUmolFor(9.9);
const UMOL_10 = Math.floor(creatinineUmolFor(10) * 1e4) / 1e4; // rounded down: eGFR 10 or just above

// ImmunoSep screening 2026-03-13T09:00+01:00.
const SEP_AT = '2026-03-13T09:00:00+01:00';
const SEP_LAB = '2026-03-13T07:00:00+01:00';

// IRIS-7 screening 82 h after ICU admission (2026-03-14T11:00+01:00); SIRS values at ICU hour 50.
const IRIS_AT = '2026-03-14T11:00:00+01:00';
const IRIS_W = '2026-03-13T03:00:00+01:00';
const sirsWith = (temperatureF: number): Json[] => [
  diagnosis('pneu', 'J18.9', ICU_START),
  quantity('temp', '8310-5', temperatureF, '[degF]', IRIS_W),
  quantity('hr', '8867-4', 91, '/min', IRIS_W),
  quantity('rr', '9279-1', 16, '/min', IRIS_W),
  quantity('wbc', '6690-2', 8000, '/mm3', IRIS_W),
];

// INFINITY: W0 values 2 h after ICU admission, platelets 80 x10^9/L (2 points) in /uL.
const W0 = '2026-03-11T03:00:00+01:00';
const INF_AT = '2026-03-17T11:00:00+01:00';
const w0With = (extra: Json): Json[] => [quantity('plt', '777-3', 80000, '/uL', W0), extra];

// PLATINIUM E5: prednisone 71 mg/d for 169 h ending the day before screening; weight sent in grams.
const PRED_169H = prednisone('pred', 71, '2026-03-11T08:00:00+01:00', '2026-03-18T09:00:00+01:00');
const weightGrams = (g: number) => quantity('weight', '29463-7', g, 'g', '2026-03-18T08:00:00+01:00');

const CASES: readonly UnitCase[] = [
  // Platelets sent per mm3 or uL (x 0.001), or as 10*3/uL and G/L (= 10^9/L): PLATINIUM E6 < 50 x10^9/L.
  {
    name: 'platelets 49,900 /mm3',
    protocol: 'platinium',
    id: 'E6',
    resources: [platelets(49900, '/mm3')],
    at: PLAT_AT,
    result: 'met',
    evidence: { reference: 'Observation/plt', value: 49.9 },
  },
  {
    name: 'platelets 50,000 /mm3',
    protocol: 'platinium',
    id: 'E6',
    resources: [platelets(50000, '/mm3')],
    at: PLAT_AT,
    result: 'not_met',
    evidence: { reference: 'Observation/plt', value: 50 },
  },
  {
    name: 'platelets 49,999 /uL',
    protocol: 'platinium',
    id: 'E6',
    resources: [platelets(49999, '/uL')],
    at: PLAT_AT,
    result: 'met',
  },
  {
    name: 'platelets 49.9 10*3/uL',
    protocol: 'platinium',
    id: 'E6',
    resources: [platelets(49.9, '10*3/uL')],
    at: PLAT_AT,
    result: 'met',
  },
  {
    name: 'platelets 50 G/L',
    protocol: 'platinium',
    id: 'E6',
    resources: [platelets(50, 'G/L')],
    at: PLAT_AT,
    result: 'not_met',
  },
  // Lymphocytes sent in G/L or 10*9/L (x 1000) or /uL: PLATINIUM I3 < 1000/mm3 (with mHLA-DR as AB/C or {AB}/{cell}).
  {
    name: 'lymphocytes 0.999 G/L with mHLA-DR 7999 AB/C',
    protocol: 'platinium',
    id: 'I3',
    resources: [mhla(7999, 'AB/C'), lymphocytes(0.999, 'G/L')],
    at: PLAT_AT,
    result: 'met',
    evidence: { reference: 'Observation/lymph', value: 999 },
  },
  {
    name: 'lymphocytes 1 G/L with mHLA-DR 7999 AB/C',
    protocol: 'platinium',
    id: 'I3',
    resources: [mhla(7999, 'AB/C'), lymphocytes(1, 'G/L')],
    at: PLAT_AT,
    result: 'not_met',
  },
  {
    name: 'lymphocytes 0.999 10*9/L with mHLA-DR 7999 {AB}/{cell}',
    protocol: 'platinium',
    id: 'I3',
    resources: [mhla(7999, '{AB}/{cell}'), lymphocytes(0.999, '10*9/L')],
    at: PLAT_AT,
    result: 'met',
  },
  {
    name: 'lymphocytes 999 /uL with mHLA-DR 8000 AB/C',
    protocol: 'platinium',
    id: 'I3',
    resources: [mhla(8000, 'AB/C'), lymphocytes(999, '/uL')],
    at: PLAT_AT,
    result: 'not_met',
  },
  // IRIS-7 I5: ALC <= 900/mm3 on the screening date or the day before.
  {
    name: 'ALC 0.9 G/L on the screening date',
    protocol: 'iris7',
    id: 'I5',
    resources: [lymphocytes(0.9, 'G/L', '2026-03-14T08:00:00+01:00')],
    at: IRIS_AT,
    result: 'met',
    evidence: { reference: 'Observation/lymph', value: 900 },
  },
  {
    name: 'ALC 0.901 G/L on the screening date',
    protocol: 'iris7',
    id: 'I5',
    resources: [lymphocytes(0.901, 'G/L', '2026-03-14T08:00:00+01:00')],
    at: IRIS_AT,
    result: 'not_met',
    evidence: { reference: 'Observation/lymph', value: 901 },
  },
  {
    name: 'ALC 0.9 10*3/uL at 00:30 local the day before',
    protocol: 'iris7',
    id: 'I5',
    resources: [lymphocytes(0.9, '10*3/uL', '2026-03-13T00:30:00+01:00')],
    at: IRIS_AT,
    result: 'met',
  },
  // ImmunoSep E3: neutrophils < 1500/mm3, sent in 10*9/L or G/L.
  {
    name: 'neutrophils 1.499 10*9/L',
    protocol: 'immunosep',
    id: 'E3',
    resources: [quantity('neut', '751-8', 1.499, '10*9/L', SEP_LAB)],
    at: SEP_AT,
    result: 'met',
    evidence: { reference: 'Observation/neut', value: 1499 },
  },
  {
    name: 'neutrophils 1.5 G/L',
    protocol: 'immunosep',
    id: 'E3',
    resources: [quantity('neut', '751-8', 1.5, 'G/L', SEP_LAB)],
    at: SEP_AT,
    result: 'not_met',
  },
  // ImmunoSep I4: ferritin in ug/L (= ng/mL) > 4420, mHLA-DR < 5000.
  {
    name: 'ferritin 4421 ug/L (MALS)',
    protocol: 'immunosep',
    id: 'I4',
    resources: [quantity('fer', '2276-4', 4421, 'ug/L', SEP_LAB)],
    at: SEP_AT,
    result: 'met',
    evidence: { reference: 'Observation/fer', value: 4421 },
  },
  {
    name: 'ferritin 4420 ug/L, mHLA-DR 4999 AB/C (SIP)',
    protocol: 'immunosep',
    id: 'I4',
    resources: [
      quantity('fer', '2276-4', 4420, 'ug/L', SEP_LAB),
      quantity('mhla', 'mhla-dr', 4999, 'AB/C', SEP_LAB),
    ],
    at: SEP_AT,
    result: 'met',
  },
  {
    name: 'ferritin 4420 ug/L, mHLA-DR 5000 AB/C (neither)',
    protocol: 'immunosep',
    id: 'I4',
    resources: [
      quantity('fer', '2276-4', 4420, 'ug/L', SEP_LAB),
      quantity('mhla', 'mhla-dr', 5000, 'AB/C', SEP_LAB),
    ],
    at: SEP_AT,
    result: 'not_met',
  },
  // PLATINIUM E11: a baseline creatinine in umol/L (/ 88.4) read by CKD-EPI 2021.
  {
    name: 'baseline creatinine giving eGFR 9.9, in umol/L',
    protocol: 'platinium',
    id: 'E11',
    resources: [quantity('creat', '14682-9', UMOL_9_9, 'umol/L', BASELINE_AT)],
    at: PLAT_AT,
    result: 'met',
    evidence: { reference: 'Observation/creat' },
  },
  {
    name: 'baseline creatinine giving eGFR 10, in umol/L',
    protocol: 'platinium',
    id: 'E11',
    resources: [quantity('creat', '14682-9', UMOL_10, 'umol/L', BASELINE_AT)],
    at: PLAT_AT,
    result: 'not_met',
  },
  // INFINITY I2, SOFA(W0) >= 6 from platelets 80 (2) and a renal or liver value in umol/L on its band edge.
  {
    name: 'creatinine 443 umol/L (> 5.0 mg/dL: renal 4)',
    protocol: 'infinity',
    id: 'I2',
    resources: w0With(quantity('creat', '2160-0', 443, 'umol/L', W0)),
    at: INF_AT,
    result: 'met',
    evidence: { reference: 'Observation/creat' },
  },
  {
    name: 'creatinine 442 umol/L (= 5.0 mg/dL: renal 3-4)',
    protocol: 'infinity',
    id: 'I2',
    resources: w0With(quantity('creat', '2160-0', 442, 'umol/L', W0)),
    at: INF_AT,
    result: 'unknown',
  },
  {
    name: 'bilirubin 205.3 umol/L (> 12.0 mg/dL: liver 4)',
    protocol: 'infinity',
    id: 'I2',
    resources: w0With(quantity('bili', '14631-6', 205.3, 'umol/L', W0)),
    at: INF_AT,
    result: 'met',
    evidence: { reference: 'Observation/bili' },
  },
  {
    name: 'bilirubin 205.2 umol/L (= 12.0 mg/dL: liver 3)',
    protocol: 'infinity',
    id: 'I2',
    resources: w0With(quantity('bili', '14631-6', 205.2, 'umol/L', W0)),
    at: INF_AT,
    result: 'unknown',
  },
  // IRIS-7 I2: temperature in [degF], (F - 32) x 5/9 > 38 Cel.
  {
    name: 'temperature 100.5 [degF] (38.06 Cel) with heart rate 91',
    protocol: 'iris7',
    id: 'I2',
    resources: sirsWith(100.5),
    at: IRIS_AT,
    result: 'met',
    evidence: { reference: 'Observation/temp' },
  },
  {
    name: 'temperature 100.4 [degF] (38.0 Cel) with heart rate 91',
    protocol: 'iris7',
    id: 'I2',
    resources: sirsWith(100.4),
    at: IRIS_AT,
    result: 'not_met',
  },
  // PLATINIUM E5: the weight in grams divides the prednisone rate (> 1 mg/kg/d for more than 168 h).
  {
    name: 'prednisone 71 mg/d for 169 h at 70,000 g',
    protocol: 'platinium',
    id: 'E5',
    resources: [PRED_169H, weightGrams(70000)],
    at: PLAT_AT,
    result: 'met',
    evidence: { reference: 'Observation/weight', value: 70 },
  },
  {
    name: 'prednisone 71 mg/d for 169 h at 71,000 g (exactly 1 mg/kg/d)',
    protocol: 'platinium',
    id: 'E5',
    resources: [PRED_169H, weightGrams(71000)],
    at: PLAT_AT,
    result: 'not_met',
  },
  // Codes: ventilation by SNOMED code and device (INFINITY I3), vasopressors and steroids by RxNorm.
  {
    name: 'IMV 1258985005',
    protocol: 'infinity',
    id: 'I3',
    resources: [ventilation('1258985005')],
    at: INF_AT,
    result: 'met',
    evidence: { reference: 'Procedure/vent' },
  },
  {
    name: 'artificial ventilation 40617009 with an endotracheal tube',
    protocol: 'infinity',
    id: 'I3',
    resources: [ventilation('40617009', '26412008')],
    at: INF_AT,
    result: 'met',
  },
  {
    name: 'artificial ventilation 40617009 without a tube (type unknown)',
    protocol: 'infinity',
    id: 'I3',
    resources: [ventilation('40617009')],
    at: INF_AT,
    result: 'unknown',
  },
  {
    name: 'non-invasive ventilation 428311008',
    protocol: 'infinity',
    id: 'I3',
    resources: [ventilation('428311008')],
    at: INF_AT,
    result: 'not_met',
  },
  {
    name: 'high-flow cannula 371907003 with 426854004',
    protocol: 'infinity',
    id: 'I3',
    resources: [ventilation('371907003', '426854004')],
    at: INF_AT,
    result: 'not_met',
  },
  {
    name: 'norepinephrine RxNorm 7512 at 0.05 ug/kg/min for 4 h',
    protocol: 'iris7',
    id: 'I4',
    resources: [rxnorm('7512', 0.05, 'ug/kg/min', '2026-03-12T10:00:00+01:00', '2026-03-12T14:00:00+01:00')],
    at: IRIS_AT,
    result: 'met',
    evidence: { reference: 'MedicationAdministration/rx', value: 0.05 },
  },
  {
    name: 'norepinephrine RxNorm 7512 at 0.05 ug/kg/min for 3 h 59 min',
    protocol: 'iris7',
    id: 'I4',
    resources: [rxnorm('7512', 0.05, 'ug/kg/min', '2026-03-12T10:00:00+01:00', '2026-03-12T13:59:00+01:00')],
    at: IRIS_AT,
    result: 'not_met',
  },
  {
    name: 'prednisone RxNorm 8640, 3 mg/d for 100 days, oral route',
    protocol: 'infinity',
    id: 'E6',
    resources: [
      rxnorm('8640', 3, 'mg/d', '2025-12-01T00:00:00+01:00', '2026-03-16T00:00:00+01:00', '26643006'),
    ],
    at: INF_AT,
    result: 'met',
  },
  {
    name: 'prednisone RxNorm 8640, 3 mg/d for 100 days, no route (not systemic)',
    protocol: 'infinity',
    id: 'E6',
    resources: [rxnorm('8640', 3, 'mg/d', '2025-12-01T00:00:00+01:00', '2026-03-16T00:00:00+01:00')],
    at: INF_AT,
    result: 'not_met',
  },
  // Attestations sent as QuestionnaireResponse items (nested): A, A* and ImmunoSep I1 (age and answer).
  {
    name: 'IRIS-7 E1 (A) answered yes',
    protocol: 'iris7',
    id: 'E1',
    resources: [answers('iris7', 'E1', true, '2026-03-14T10:00:00+01:00')],
    at: IRIS_AT,
    result: 'met',
    evidence: { reference: 'QuestionnaireResponse/qr', value: true },
  },
  {
    name: 'IRIS-7 E1 (A) not answered',
    protocol: 'iris7',
    id: 'E1',
    resources: [],
    at: IRIS_AT,
    result: 'unknown',
  },
  {
    name: 'IRIS-7 E1 answered after screening',
    protocol: 'iris7',
    id: 'E1',
    resources: [answers('iris7', 'E1', true, '2026-03-14T12:00:00+01:00')],
    at: IRIS_AT,
    result: 'unknown',
  },
  {
    name: 'INFINITY E2 (A*) cancer on record, answered no',
    protocol: 'infinity',
    id: 'E2',
    resources: [
      diagnosis('crc', 'C18.7', '2025-06-01'),
      answers('infinity', 'E2', false, '2026-03-17T09:00:00+01:00'),
    ],
    at: INF_AT,
    result: 'not_met',
    evidence: { reference: 'QuestionnaireResponse/qr', value: false },
  },
  {
    name: 'INFINITY E2 (A*) cancer on record, not answered',
    protocol: 'infinity',
    id: 'E2',
    resources: [diagnosis('crc', 'C18.7', '2025-06-01')],
    at: INF_AT,
    result: 'met',
    evidence: { reference: 'Condition/crc' },
  },
  {
    name: 'ImmunoSep I1 age 18 and consent answered yes',
    protocol: 'immunosep',
    id: 'I1',
    resources: [answers('immunosep', 'I1', true, SEP_LAB)],
    at: SEP_AT,
    result: 'met',
    person: { birthDate: '2008-03-13' },
  },
  {
    name: 'ImmunoSep I1 age 17 and consent answered yes',
    protocol: 'immunosep',
    id: 'I1',
    resources: [answers('immunosep', 'I1', true, SEP_LAB)],
    at: SEP_AT,
    result: 'not_met',
    person: { birthDate: '2008-03-14' },
  },
  {
    name: 'ImmunoSep I1 age 18, no answer',
    protocol: 'immunosep',
    id: 'I1',
    resources: [],
    at: SEP_AT,
    result: 'unknown',
    person: { birthDate: '2008-03-13' },
  },
];

describe('unit variants and attestations from FHIR through the shipped protocols', () => {
  it.each(CASES.map((c) => [`${c.protocol} ${c.id}: ${c.name}: ${c.result}`, c] as const))(
    '%s',
    (_name, c) => {
      const criterion = screen(c.protocol, c.resources, c.at, c.person).criteria.find((x) => x.id === c.id);
      expect(criterion?.result, criterion?.reason).toBe(c.result);
      if (c.evidence) expect(criterion?.evidence).toContainEqual(expect.objectContaining(c.evidence));
    },
  );

  it('the baseline creatinines sit on either side of eGFR 10', () => {
    const egfr = (umol: number) =>
      computeEgfrCkdEpi2021({ creatinineMgPerDl: umol / 88.4, ageYears: 56, sex: 'male' });
    expect(egfr(UMOL_9_9)).toBeCloseTo(9.9, 9);
    expect(egfr(UMOL_10)).toBeGreaterThanOrEqual(10);
    expect(egfr(UMOL_10)).toBeLessThan(10.001);
  });

  it('ImmunoSep strata from ferritin in ug/L and mHLA-DR in AB/C', () => {
    const stratum = (ferritin: number, hla: number) =>
      screen(
        'immunosep',
        [
          quantity('fer', '2276-4', ferritin, 'ug/L', SEP_LAB),
          quantity('mhla', 'mhla-dr', hla, 'AB/C', SEP_LAB),
        ],
        SEP_AT,
      ).stratum;
    expect([stratum(4421, 4999), stratum(4420, 4999), stratum(4420, 5000)]).toEqual(['MALS', 'SIP', 'none']);
  });
});
