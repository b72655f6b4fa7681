import { z } from 'zod';

/** Admission categories of the twin, in the order of every per-category array. */
export const CATEGORIES = ['sepsis', 'medical', 'surgical', 'trauma'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Sources of the admission sepsis, in the order of every per-site array. */
export const SEPSIS_SITES = ['pneumonia', 'bacteraemia', 'intra_abdominal', 'urinary', 'skin'] as const;
export type SepsisSite = (typeof SEPSIS_SITES)[number];

/** The envelope of one parameter: its value and where it comes from (checked, then dropped). */
const ParameterEnvelope = z
  .object({
    value: z.unknown(),
    source: z.string().min(1).optional(),
    note: z.string().optional(),
    assumed: z.literal(true).optional(),
    rationale: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.source === undefined && p.assumed !== true) {
      ctx.addIssue({
        code: 'custom',
        message: 'a parameter needs a source (an id of sources) or assumed: true with a rationale',
      });
    } else if (p.source !== undefined && p.assumed === true) {
      ctx.addIssue({
        code: 'custom',
        message: 'a parameter has a source or is assumed, not both',
        path: ['assumed'],
      });
    } else if (p.assumed === true && p.rationale === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'an assumed parameter needs a one-line rationale',
        path: ['rationale'],
      });
    }
  })
  .transform((p) => p.value);

/**
 * One model parameter as written in the file: `{ value, source }` (an id of `sources`, with an optional
 * note) or `{ value, assumed: true, rationale }`. Parsed to its value, then checked by `value`; where it
 * came from is read separately (`parseTwinModel`'s provenance).
 */
function param<T extends z.ZodType>(value: T) {
  return ParameterEnvelope.pipe(value);
}

const probability = z.number().min(0).max(1);
const positive = z.number().gt(0);
const finite = z.number();
const nonNegative = z.number().min(0);

function perCategory<T extends z.ZodType>(value: T) {
  return z.object({ sepsis: value, medical: value, surgical: value, trauma: value }).strict();
}

function shares<K extends string>(keys: readonly [K, ...K[]]) {
  return z.record(z.enum(keys), probability).refine((s) => Math.abs(sum(Object.values(s)) - 1) < 1e-6, {
    message: 'shares must add up to 1',
  });
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

const organShares = z.array(nonNegative).length(6);

export const SourceSchema = z
  .object({ id: z.string().min(1), title: z.string().min(1), url: z.url().optional() })
  .strict();

/** The natural-history model file (packages/sim/models/icu-immunosuppression.yaml; docs/twin.md). */
export const TwinModelSchema = z
  .object({
    name: z.string().min(1),
    version: z.string().min(1),
    sources: z.array(SourceSchema).min(1),
    population: z
      .object({
        category_shares: param(shares(CATEGORIES)),
        sepsis_site_shares: param(shares(SEPSIS_SITES)),
        age_mean_years: param(positive),
        age_sd_years: param(positive),
        male_share: param(probability),
        weight_mean_kg: param(positive),
        weight_sd_kg: param(positive),
        ed_admission_share: param(perCategory(probability)),
        hospital_to_icu_hours_mean: param(nonNegative),
        ward_to_icu_days_mean: param(nonNegative),
      })
      .strict(),
    organs: z
      .object({
        admission_sofa_mean: param(perCategory(nonNegative)),
        admission_sofa_sd: param(nonNegative),
        organ_shares: param(perCategory(organShares)),
        organ_spread_sd: param(nonNegative),
        recovery_rate_median_per_day: param(perCategory(positive)),
        recovery_rate_sd_log: param(nonNegative),
        recovery_log_per_log_mhla_dr: param(finite),
        mals_recovery_log: param(finite),
        daily_noise_sd: param(nonNegative),
        daily_noise_autocorrelation: param(z.number().min(0).lt(1)),
        mals_load: param(nonNegative),
        chronic_renal_load: param(nonNegative),
      })
      .strict(),
    ventilation: z
      .object({
        admission_logit: param(perCategory(finite)),
        admission_logit_per_resp_point: param(finite),
        extubation_per_day: param(probability),
        extubation_below_resp: param(nonNegative),
        intubation_per_day: param(probability),
      })
      .strict(),
    mhla_dr: z
      .object({
        admission_median_ab_per_cell: param(perCategory(positive)),
        admission_sd_log: param(nonNegative),
        severity_log_per_sofa_point: param(finite),
        recovery_median_ab_per_cell: param(positive),
        recovery_sd_log: param(nonNegative),
        recovery_rate_median_per_day: param(positive),
        recovery_rate_sd_log: param(nonNegative),
        noise_sd_log: param(nonNegative),
        noise_autocorrelation: param(z.number().min(0).lt(1)),
        measurement_cv: param(nonNegative),
        infection_drop_log: param(finite),
      })
      .strict(),
    lymphocytes: z
      .object({
        admission_median_per_mm3: param(perCategory(positive)),
        admission_sd_log: param(nonNegative),
        recovery_median_per_mm3: param(positive),
        recovery_sd_log: param(nonNegative),
        recovery_rate_median_per_day: param(positive),
        recovery_rate_sd_log: param(nonNegative),
        noise_sd_log: param(nonNegative),
        noise_autocorrelation: param(z.number().min(0).lt(1)),
      })
      .strict(),
    ferritin: z
      .object({
        admission_median_ng_per_ml: param(perCategory(positive)),
        admission_sd_log: param(perCategory(nonNegative)),
        daily_change_log: param(finite),
        noise_sd_log: param(nonNegative),
      })
      .strict(),
    infection: z
      .object({
        first_day: param(z.number().int().min(0)),
        baseline_per_day: param(probability),
        mhla_dr_log_hazard_per_log_unit: param(finite),
        mhla_dr_reference_ab_per_cell: param(positive),
        lymphocyte_log_hazard_per_log_unit: param(finite),
        lymphocyte_reference_per_mm3: param(positive),
        ventilation_hazard_ratio: param(positive),
        ward_hazard_ratio: param(nonNegative),
        frailty_sd_log: param(nonNegative),
        pneumonia_share_ventilated: param(probability),
        pneumonia_share_not_ventilated: param(probability),
        bloodstream_share: param(probability),
        organ_load: param(nonNegative),
        shock_share: param(probability),
        active_days: param(z.number().int().min(0)),
      })
      .strict(),
    death: z
      .object({
        icu_log_hazard_intercept: param(finite),
        icu_log_hazard_per_sofa_point: param(finite),
        log_hazard_per_age_decade: param(finite),
        infection_log_hazard: param(finite),
        mals_log_hazard: param(finite),
        ward_log_hazard_intercept: param(finite),
        home_log_hazard_intercept: param(finite),
        frailty_sd_log: param(nonNegative),
      })
      .strict(),
    discharge: z
      .object({
        icu_logit_intercept: param(finite),
        icu_logit_per_sofa_point: param(finite),
        icu_min_day: param(z.number().int().min(1)),
        hospital_per_day: param(probability),
      })
      .strict(),
    sites: z.object({ infection_sd_log: param(nonNegative), death_sd_log: param(nonNegative) }).strict(),
    comorbidities: z
      .object({
        solid_cancer: param(probability),
        haematological_malignancy: param(probability),
        autoimmune: param(probability),
        transplant: param(probability),
        hiv: param(probability),
        hepatitis: param(probability),
        ckd_dialysis: param(probability),
        long_term_steroids: param(probability),
        immunosuppressant: param(probability),
        recent_chemotherapy: param(probability),
        tbi_in_trauma: param(probability),
        stroke_in_medical: param(probability),
        acute_ecg_event: param(probability),
        pregnancy_under_45: param(probability),
        interferon_allergy: param(probability),
        latex_allergy: param(probability),
        neutropenia: param(probability),
        stress_steroids_in_shock: param(probability),
        enzyme_rise: param(probability),
      })
      .strict(),
    sampling: z
      .object({
        lab_offset_hours: param(z.number().min(0).lt(24)),
        mhla_dr_offset_hours: param(z.number().min(0).lt(24)),
        mhla_dr_days: param(z.array(z.number().int().min(0).max(90)).min(1)),
      })
      .strict(),
    pharmacodynamics: z
      .object({
        ifn_gamma_action_hours: param(positive),
        anakinra_action_hours: param(positive),
        il7_action_hours: param(positive),
        onset_days: param(positive),
        offset_days: param(positive),
      })
      .strict(),
  })
  .strict();

/** The model's parameters, as numbers (the file's values). */
export type TwinModel = z.output<typeof TwinModelSchema>;
