import { z } from 'zod';
import { parseYamlFile } from '../yaml-file.js';

/** Who a site screens for a protocol. */
export const POPULATIONS = ['all', 'sepsis', 'sepsis_pneumonia_or_bacteraemia'] as const;
/** Facts of the simulation an attestation can be answered from. */
export const ATTESTATION_FACTS = ['active_infection', 'stage_iv_or_dnr'] as const;
export type AttestationFact = (typeof ATTESTATION_FACTS)[number];

const CriterionId = z.string().regex(/^[IE]\d+$/, 'a criterion id such as I3 or E10');

export const ScreeningPlanSchema = z
  .object({
    population: z.enum(POPULATIONS),
    anchor: z.enum(['icu_admission', 'sepsis_onset']),
    times_hours: z
      .array(z.number().min(0))
      .min(1)
      .refine((t) => t.every((v, i) => i === 0 || v > (t[i - 1] ?? -1)), { message: 'times must increase' }),
    mhla_dr_sample_before_hours: z.number().min(0).optional(),
    rationale: z.string().min(1),
    rescreen_on: z.array(CriterionId).default([]),
    attestations: z
      .object({
        default_favourable: z.number().min(0).max(1),
        favourable: z.record(CriterionId, z.number().min(0).max(1)).default({}),
        facts: z.record(CriterionId, z.enum(ATTESTATION_FACTS)).default({}),
      })
      .strict(),
  })
  .strict();

export type ScreeningPlan = z.output<typeof ScreeningPlanSchema>;

export const ScreeningPlansSchema = z.record(
  z.string().regex(/^[a-z][a-z0-9-]*$/, 'a protocol id'),
  ScreeningPlanSchema,
);

/**
 * Parses the screening plans file (packages/sim/models/screening.yaml): per protocol id, who is screened,
 * when, which failures allow a later screening, and how attestations are answered.
 * @param text - The YAML text.
 * @param fileName - Used in messages.
 * @throws TwinFileInvalidError with located messages.
 * @example parseScreeningPlans(text, 'screening.yaml').get('platinium')?.times_hours // => [178, 250, 346]
 */
export function parseScreeningPlans(text: string, fileName: string): ReadonlyMap<string, ScreeningPlan> {
  const { data } = parseYamlFile(ScreeningPlansSchema, text, fileName);
  return new Map(Object.entries(data));
}
