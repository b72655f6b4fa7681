import { z } from 'zod';
import { orAssumed, ScalarEntrySchema } from './assumed.js';
import { IdSchema } from './quantity-schema.js';

export const ENDPOINT_KINDS = ['binary', 'time_to_event', 'count', 'continuous', 'competing_risks'] as const;

/** An outcome measure and how it is derived. */
export const EndpointSchema = z
  .object({
    id: IdSchema,
    role: z.enum(['primary', 'secondary', 'safety', 'exploratory']),
    label: z.string().min(1),
    kind: orAssumed(z.enum(ENDPOINT_KINDS)),
    horizon_days: orAssumed(z.number().int().positive()).describe('days from time zero to the assessment'),
    time_zero: z.enum(['randomization', 'first_dose', 'icu_admission']).default('randomization'),
    competing_events: z.array(z.string().min(1)).default([]).describe('e.g. death, for competing_risks'),
    definition: z.string().min(1).describe('what is measured, as the source states it'),
    derivation: z.string().optional().describe('how the engine derives it; open questions'),
    parameters: z
      .record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'parameter names are snake_case'), ScalarEntrySchema)
      .default({})
      .describe('values of the derivation, sourced or assumed'),
    source: z.string().optional(),
  })
  .strict()
  .refine(
    (e) =>
      (typeof e.kind === 'string' ? e.kind : e.kind.value) !== 'competing_risks' ||
      e.competing_events.length > 0,
    { message: 'a competing_risks endpoint lists its competing_events', path: ['competing_events'] },
  );

/** An interim analysis, planned or assumed. */
export const InterimSchema = z
  .object({
    at: orAssumed(z.number().gt(0).lt(1)).describe('information fraction'),
    purpose: z.enum(['efficacy', 'futility', 'safety', 'efficacy_futility']),
    rule: z.string().optional(),
  })
  .strict();

/** The sample size and the assumptions behind it. */
export const SampleSizeSchema = z
  .object({
    target: orAssumed(z.number().int().positive()).describe('participants to randomize'),
    framework: orAssumed(z.enum(['frequentist', 'bayesian'])),
    endpoint: IdSchema.optional().describe('the endpoint the calculation is for'),
    alpha: orAssumed(z.number().gt(0).lt(1)).optional(),
    sidedness: orAssumed(z.enum(['one', 'two'])).optional(),
    power: orAssumed(z.number().gt(0).lt(1)).optional(),
    assumptions: z
      .record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'assumption names are snake_case'), ScalarEntrySchema)
      .default({})
      .describe('control rates, effect sizes, dropout, priors and decision thresholds'),
    interims: z.array(InterimSchema).default([]),
    note: z.string().optional(),
  })
  .strict();

export type Endpoint = z.infer<typeof EndpointSchema>;
export type SampleSize = z.infer<typeof SampleSizeSchema>;
