import { z } from 'zod';

/**
 * A protocol parameter: a value no public source fixes, or a reading of the profile that a sponsor may
 * rule on. Durations use UCUM time units (h, d); `assumed: true` marks a value no public source gives.
 */
export const ParameterSchema = z
  .object({
    value: z.number(),
    unit: z.string().min(1).describe('UCUM unit, e.g. h, d, ug/kg/min, or 1 for a plain number'),
    assumed: z.boolean().default(false).describe('true when no public source gives this value'),
    provenance: z.string().min(1).describe('one line: where the value comes from'),
    description: z.string().optional(),
  })
  .strict();

export const CriterionSchema = z
  .object({
    id: z.string().regex(/^[IE]\d+$/, 'expected an id such as I1 or E10'),
    text: z.string().min(1).describe('the registry text, verbatim'),
    rule: z.string().min(1).optional().describe('computable rule (docs/protocol-authoring.md)'),
    attestation: z
      .boolean()
      .optional()
      .describe('true: a person attests the criterion (with a rule: data pre-fills, a person confirms)'),
    combine: z
      .enum(['override', 'and'])
      .optional()
      .describe(
        'with both rule and attestation: override = an answer replaces the data (A*); and = both must hold',
      ),
    label: z.string().optional().describe('a short name for tables'),
    source: z.string().optional().describe('where the rule reading comes from, e.g. FHIR-PROFILE.md §9'),
    note: z.string().optional(),
  })
  .strict()
  .refine((c) => c.rule !== undefined || c.attestation === true, {
    message: 'a criterion needs a rule, attestation: true, or both',
  });

export const StratumSchema = z
  .object({
    id: z.string().min(1),
    rule: z.string().min(1),
    description: z.string().optional(),
  })
  .strict();

export const EligibilitySchema = z
  .object({
    parameters: z.record(z.string(), ParameterSchema).default({}),
    definitions: z
      .record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'definition names are snake_case'), z.string().min(1))
      .default({})
      .describe('named sub-rules, usable by name in later definitions and in criteria'),
    inclusion: z.array(CriterionSchema).min(1),
    exclusion: z.array(CriterionSchema).default([]),
    stratification: z
      .object({
        description: z.string().optional(),
        strata: z.array(StratumSchema).min(1).describe('in priority order: the first met stratum wins'),
      })
      .strict()
      .optional(),
    deadline: z
      .object({
        rule: z.string().min(1).describe('a time, e.g. T_sep + 72 h'),
        description: z.string().optional(),
      })
      .strict()
      .optional()
      .describe('the latest time for the first dose'),
  })
  .strict();

export type ProtocolParameter = z.infer<typeof ParameterSchema>;
export type Criterion = z.infer<typeof CriterionSchema>;
export type Eligibility = z.infer<typeof EligibilitySchema>;
