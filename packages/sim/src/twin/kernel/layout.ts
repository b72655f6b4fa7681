// Layout of the twin's typed arrays: one row of constants per patient (B_*), one row of state carried
// from day to day (S_*), and one record per patient-day (V_*). Rows are slices of flat Float64Array /
// Float32Array buffers, so a cohort or a pool is a handful of arrays, not objects per patient-day.

/** Days simulated: ICU day 0 (the 24 h from ICU admission) to day 90. */
export const DAYS = 91;

/** SOFA organs, in the order of every organ row: respiration, coagulation, liver, cardiovascular, CNS, renal. */
export const ORGANS = 6;
export const RESP = 0;
export const COAG = 1;
export const LIVER = 2;
export const CARDIO = 3;
export const CNS = 4;
export const RENAL = 5;

// Patient constants.
export const B_CATEGORY = 0;
/** Index of the admission sepsis source (SEPSIS_SITES), -1 when not septic. */
export const B_SEPSIS_SITE = 1;
export const B_AGE = 2;
export const B_MALE = 3;
export const B_WEIGHT = 4;
export const B_SITE = 5;
export const B_VIA_ED = 6;
/** Hours from hospital admission to ICU admission. */
export const B_PRE_ICU_HOURS = 7;
/** Hours from sepsis onset to ICU admission (NaN when not septic). */
export const B_SEPSIS_LEAD_HOURS = 8;
/** Organ recovery rate (per day). */
export const B_KAPPA = 9;
/** ln mHLA-DR at recovery, and its daily recovery rate. */
export const B_HLA_INF = 10;
export const B_HLA_RHO = 11;
/** ln lymphocytes at recovery, and their daily recovery rate. */
export const B_LY_INF = 12;
export const B_LY_RHO = 13;
export const B_FRAILTY_DEATH = 14;
export const B_FRAILTY_INFECTION = 15;
/** Comorbidity bits (COMORBIDITY_BITS). */
export const B_COMORBID = 16;
/** ln ferritin at admission. */
export const B_FERRITIN0 = 17;
/** Hyperinflammation trait: admission ferritin > 4420 ng/mL (MALS, S7). */
export const B_MALS = 18;
/** Admission SOFA drawn for the patient (before the organ split). */
export const B_SOFA0 = 19;
/** Site effects on the log infection and death hazards (set by the caller for a trial's site). */
export const B_SITE_INFECTION = 20;
export const B_SITE_DEATH = 21;
/** A uniform of the patient, for rendering choices that must not consume the physiology's stream. */
export const B_RENDER_SEED = 22;
export const NB = 23;

// State carried from one day to the next.
export const S_ACUTE = 0; // 6 organs
export const S_NOISE = 6; // 6 organs
export const S_CHRONIC = 12; // 6 organs
export const S_IMV = 18;
/** 0 ICU, 1 ward, 2 home, 3 dead. */
export const S_LOCATION = 19;
/** ln mHLA-DR minus its recovery level (decays at B_HLA_RHO), and its noise. */
export const S_HLA_DEV = 20;
export const S_HLA_NOISE = 21;
export const S_LY_DEV = 22;
export const S_LY_NOISE = 23;
export const S_FERRITIN_NOISE = 24;
export const S_LAST_INFECTION_DAY = 25;
export const S_INFECTIONS = 26;
/** Drug exposure states in [0, 1] (pharmacodynamics): IFN-gamma, anakinra, IL-7. */
export const S_IFN = 27;
export const S_ANAKINRA = 28;
export const S_IL7 = 29;
/** The next day to simulate. */
export const S_DAY = 30;
/** Day and hour within the day (from the day's start) of death, ICU discharge, hospital discharge; -1 none. */
export const S_DEATH_DAY = 31;
export const S_DEATH_HOUR = 32;
export const S_ICU_OUT_DAY = 33;
export const S_ICU_OUT_HOUR = 34;
export const S_HOSP_OUT_DAY = 35;
export const S_HOSP_OUT_HOUR = 36;
export const NS = 37;

export const AT_ICU = 0;
export const AT_WARD = 1;
export const AT_HOME = 2;
export const DEAD = 3;

// One record per patient-day, read at the day's measurement time.
export const V_X = 0; // 6 organ latents (SOFA points before floor and clamp)
export const V_IMV = 6;
export const V_LOCATION = 7;
export const V_LN_MHLA_DR = 8;
export const V_LN_LYMPHOCYTES = 9;
export const V_LN_FERRITIN = 10;
/** Infection with its date of event on this day: 0 none, else an INFECTION_TYPES index + 1. */
export const V_INFECTION = 11;
export const NV = 12;

/** ICU-acquired infection types (NHSN site groups); the repeat-infection timeframe applies per type. */
export const INFECTION_TYPES = ['PNEU', 'BSI', 'UTI', 'OTHER'] as const;

/** Comorbidity bits of B_COMORBID. */
export const COMORBIDITY_BITS = {
  solid_cancer: 1,
  haematological_malignancy: 2,
  autoimmune: 4,
  transplant: 8,
  hiv: 16,
  hepatitis: 32,
  ckd_dialysis: 64,
  long_term_steroids: 128,
  immunosuppressant: 256,
  recent_chemotherapy: 512,
  tbi: 1024,
  stroke: 2048,
  acute_ecg_event: 4096,
  pregnancy: 8192,
  interferon_allergy: 16384,
  latex_allergy: 32768,
  neutropenia: 65536,
  stress_steroids: 131072,
  enzyme_rise: 262144,
} as const;
export type Comorbidity = keyof typeof COMORBIDITY_BITS;

/**
 * SOFA points of an organ latent: floor(x) clamped to 0-4; respiration scores 3-4 only with respiratory
 * support (Vincent et al. 1996, Table 1), so without invasive ventilation it is capped at 2.
 * @param x - Organ latent (SOFA points before rounding).
 * @param organ - Organ index.
 * @param ventilated - Invasive ventilation running.
 * @example organPoints(3.7, RESP, false) // => 2
 */
export function organPoints(x: number, organ: number, ventilated: boolean): number {
  const p = x < 0 ? 0 : x >= 4 ? 4 : Math.floor(x);
  return organ === RESP && !ventilated && p > 2 ? 2 : p;
}
