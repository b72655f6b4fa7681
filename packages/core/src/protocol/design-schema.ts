import { z } from 'zod';
import { orAssumed } from './assumed.js';
import { IdSchema } from './quantity-schema.js';

/** A randomized arm. Which drug each arm receives is in `regimens`. */
export const ArmSchema = z
  .object({
    id: IdSchema,
    label: z.string().min(1),
    kind: z.enum(['active', 'placebo']),
    description: z.string().optional(),
    source: z.string().optional(),
  })
  .strict();

export const ALLOCATION_METHODS = [
  'simple',
  'permuted_blocks',
  'minimization',
  'biomarker_stratified',
] as const;

/** A stratification factor of the allocation (not the eligibility strata, which a rule decides). */
export const AllocationFactorSchema = z
  .object({
    id: IdSchema,
    levels: z.array(z.string().min(1)).min(2).optional().describe('omitted for site (one level per site)'),
    from: z
      .enum(['eligibility_stratum', 'site', 'data', 'attestation'])
      .describe('where the level comes from: the eligibility stratum rule, the site, data, or a person'),
    description: z.string().optional(),
  })
  .strict();

/**
 * How participants are allocated to arms. `ratio` maps every arm id to its integer weight
 * (`{ active: 1, placebo: 1 }`).
 */
export const AllocationSchema = z
  .object({
    ratio: orAssumed(z.record(IdSchema, z.number().int().positive())).describe('arm id -> integer weight'),
    method: orAssumed(z.enum(ALLOCATION_METHODS)),
    block_sizes: orAssumed(z.array(z.number().int().positive()).min(1)).optional(),
    factors: z.array(AllocationFactorSchema).optional().describe('strata or minimization factors'),
    per_site: orAssumed(z.boolean()).describe('a separate sequence per site'),
    minimization: z
      .object({
        probability: orAssumed(z.number().gt(0.5).max(1)).describe(
          'chance of the arm that minimizes imbalance',
        ),
      })
      .strict()
      .optional(),
    concealment: z.string().optional().describe('how the sequence is hidden from sites'),
    source: z.string().optional(),
  })
  .strict();

export const MASKED_ROLES = ['participant', 'care_provider', 'investigator', 'outcomes_assessor'] as const;

/** One line of a double-dummy table: what an arm (in a stratum) receives, active drugs and dummies. */
export const DummyMappingSchema = z
  .object({
    arm: IdSchema,
    stratum: z.string().min(1).optional().describe('eligibility stratum id, when the drug depends on it'),
    regimens: z.array(IdSchema).min(1).describe('regimen ids given to this arm (and stratum)'),
  })
  .strict();

/** Blinding: who is masked, who is not and why, the double-dummy table, data hidden from blinded roles. */
export const BlindingSchema = z
  .object({
    level: z.enum(['open', 'single', 'double', 'triple', 'quadruple']),
    masked: z.array(z.enum(MASKED_ROLES)).optional(),
    unblinded: z
      .array(z.object({ role: z.string().min(1), reason: z.string().min(1) }).strict())
      .default([])
      .describe('roles that see the allocation, e.g. the pharmacist who prepares the drugs'),
    double_dummy: z
      .object({
        description: z.string().optional(),
        mapping: z.array(DummyMappingSchema).min(1),
      })
      .strict()
      .optional(),
    hidden_variables: z
      .array(
        z
          .object({
            variable: z.string().min(1).describe('canonical variable id, e.g. mhla_dr'),
            from: z.enum(['randomization', 'first_dose']),
            reason: z.string().min(1),
          })
          .strict(),
      )
      .default([])
      .describe('post-randomization results that would unblind sites'),
    emergency_unblinding: z.string().optional(),
    source: z.string().optional(),
  })
  .strict();

export type Arm = z.infer<typeof ArmSchema>;
export type Allocation = z.infer<typeof AllocationSchema>;
export type Blinding = z.infer<typeof BlindingSchema>;
