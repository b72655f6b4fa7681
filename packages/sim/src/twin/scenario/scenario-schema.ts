import { z } from 'zod';

/** Drug effects of one scenario; a drug left out has no effect (the null scenario leaves them all out). */
export const EffectsSchema = z
  .object({
    ifn_gamma: z
      .object({
        mhla_dr_fold: z
          .number()
          .gt(0)
          .default(1)
          .describe('fold rise of mHLA-DR at full exposure (S28: 4.67)'),
        infection_hazard_ratio: z
          .number()
          .gt(0)
          .default(1)
          .describe('direct hazard ratio of infection at full exposure, besides the mHLA-DR pathway'),
        sofa_decrease_per_day: z
          .number()
          .min(0)
          .default(0)
          .describe('SOFA points removed per day of treatment (immune restoration speeding organ recovery)'),
      })
      .strict()
      .optional(),
    anakinra: z
      .object({
        sofa_decrease_per_day: z
          .number()
          .min(0)
          .default(0)
          .describe('SOFA points removed per day of treatment in MALS'),
      })
      .strict()
      .optional(),
    il7: z
      .object({ lymphocyte_fold: z.number().gt(0).default(1).describe('fold rise of lymphocytes (S8: 3-4)') })
      .strict()
      .optional(),
  })
  .strict();

export type Effects = z.output<typeof EffectsSchema>;

/** The effect parameters a sweep can vary. */
export const SWEEP_PARAMETERS = [
  'ifn_gamma.mhla_dr_fold',
  'ifn_gamma.infection_hazard_ratio',
  'ifn_gamma.sofa_decrease_per_day',
  'anakinra.sofa_decrease_per_day',
  'il7.lymphocyte_fold',
] as const;
export type SweepParameter = (typeof SWEEP_PARAMETERS)[number];

// YAML reads `name: null` as the null value: a scenario named null is the text "null".
const ScenarioName = z.preprocess((v) => (v === null ? 'null' : v), z.string().min(1));

export const NamedScenarioSchema = z
  .object({ name: ScenarioName, effects: EffectsSchema.default({}) })
  .strict();

/** A scenario file (docs/twin.md): accrual, the screening pool, and the scenarios to simulate. */
export const ScenarioFileSchema = z
  .object({
    name: z.string().min(1).optional(),
    accrual: z
      .object({
        sites: z.number().int().min(1).max(999).default(20),
        admissions_per_site_per_day: z.number().gt(0).default(1),
        site_rate_sd_log: z.number().min(0).default(0.5),
      })
      .strict()
      .default({ sites: 20, admissions_per_site_per_day: 1, site_rate_sd_log: 0.5 }),
    pool: z
      .object({
        admissions: z.number().int().min(100).max(500_000).optional().describe('a fixed pool of admissions'),
        eligible: z
          .number()
          .int()
          .min(10)
          .max(100_000)
          .optional()
          .describe('admissions until this many are eligible'),
      })
      .strict()
      .optional(),
    scenarios: z.array(NamedScenarioSchema).default([]),
    sweep: z
      .object({
        parameter: z.enum(SWEEP_PARAMETERS),
        values: z.array(z.number()).min(1),
        effects: EffectsSchema.default({}).describe('effects held while the parameter varies'),
      })
      .strict()
      .optional(),
  })
  .strict();

export type ScenarioFile = z.output<typeof ScenarioFileSchema>;
