import type { AllergyRecord, ConditionRecord, MedicationRecord, ObservationRecord } from '@immunotrial/core';
import { COMORBIDITY_BITS } from '../kernel/layout.js';
import type { RecordMaker } from './records.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** ICD-10 (WHO) code of each admission sepsis source (SEPSIS_SITES order), all in FHIR-PROFILE.md §6 sets. */
export const SEPSIS_SITE_CODES = ['J189', 'R7881', 'K650', 'N10', 'L039'] as const;

/** ICD-10 code of an ICU-acquired infection, by INFECTION_TYPES index. */
export const INFECTION_TYPE_CODES = ['J189', 'R7881', 'N390', 'A499'] as const;

/** What a patient's history holds before the ICU: conditions, treatments, allergies, a baseline creatinine. */
export interface History {
  readonly conditions: ConditionRecord[];
  readonly medications: MedicationRecord[];
  readonly allergies: AllergyRecord[];
  readonly observations: ObservationRecord[];
}

/**
 * The history of a virtual patient from its comorbidity bits (FHIR-PROFILE.md §5-§7 codes): a solid cancer
 * (C34.9), haematological malignancy (C91.1), rheumatoid arthritis (M06.9), kidney transplant (Z94.0), HIV
 * (Z21), hepatitis C (B18.2), dialysis (N18.6), brain injury (S06.5), stroke (I63.9), myocardial infarction
 * (I21.9), pregnancy (O26.9); long-term prednisone 10 mg/d, methotrexate, a cisplatin dose 20 days before
 * admission; interferon or latex allergy; and a creatinine 120 days before admission (the eGFR baseline).
 * @param make - The patient's record maker.
 * @param bits - B_COMORBID.
 * @param hospitalStart - T_hosp.
 */
export function renderHistory(make: RecordMaker, bits: number, hospitalStart: number): History {
  const conditions: ConditionRecord[] = [];
  const medications: MedicationRecord[] = [];
  const allergies: AllergyRecord[] = [];
  const has = (bit: number): boolean => (bits & bit) !== 0;
  const history = hospitalStart - 400 * DAY_MS;
  if (has(COMORBIDITY_BITS.solid_cancer)) conditions.push(make.condition('C349', history));
  if (has(COMORBIDITY_BITS.haematological_malignancy)) conditions.push(make.condition('C911', history));
  if (has(COMORBIDITY_BITS.autoimmune)) conditions.push(make.condition('M069', history));
  if (has(COMORBIDITY_BITS.transplant)) conditions.push(make.condition('Z940', history));
  if (has(COMORBIDITY_BITS.hiv)) conditions.push(make.condition('Z21', history));
  if (has(COMORBIDITY_BITS.hepatitis)) conditions.push(make.condition('B182', history));
  if (has(COMORBIDITY_BITS.ckd_dialysis)) conditions.push(make.condition('N186', history));
  if (has(COMORBIDITY_BITS.tbi)) conditions.push(make.condition('S065', hospitalStart));
  if (has(COMORBIDITY_BITS.stroke)) conditions.push(make.condition('I639', hospitalStart - 2 * HOUR_MS));
  if (has(COMORBIDITY_BITS.acute_ecg_event))
    conditions.push(make.condition('I219', hospitalStart + 2 * HOUR_MS));
  if (has(COMORBIDITY_BITS.pregnancy)) conditions.push(make.condition('O269', hospitalStart - 60 * DAY_MS));
  if (has(COMORBIDITY_BITS.long_term_steroids)) {
    medications.push(
      make.medication('MedicationStatement', 'H02AB07', hospitalStart - 200 * DAY_MS, undefined, {
        value: 10,
        unit: 'mg/d',
      }),
    );
  }
  if (has(COMORBIDITY_BITS.immunosuppressant)) {
    medications.push(
      make.medication('MedicationStatement', 'L04AX03', hospitalStart - 300 * DAY_MS, undefined, undefined),
    );
  }
  if (has(COMORBIDITY_BITS.recent_chemotherapy))
    medications.push(make.bolus('L01XA01', hospitalStart - 20 * DAY_MS, 100));
  if (has(COMORBIDITY_BITS.interferon_allergy)) allergies.push(make.allergy('interferon', history));
  if (has(COMORBIDITY_BITS.latex_allergy)) allergies.push(make.allergy('latex', history));
  const baselineCreatinine = has(COMORBIDITY_BITS.ckd_dialysis) ? 7.2 : 0.9;
  const observations = [make.observation('creatinine', baselineCreatinine, hospitalStart - 120 * DAY_MS)];
  return { conditions, medications, allergies, observations };
}
