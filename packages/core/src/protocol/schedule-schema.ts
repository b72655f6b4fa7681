import { z } from 'zod';
import { orAssumed } from './assumed.js';
import {
  DayWindowSchema,
  IdSchema,
  MaybeAssumedDurationSchema,
  MaybeAssumedQuantitySchema,
  QuantitySchema,
} from './quantity-schema.js';

export const ROUTES = ['sc', 'iv', 'im', 'po', 'inhaled'] as const;

/** A study day: day 1 is D1, the day of the first dose; day 0 the day before; screening days are <= 0. */
const StudyDaySchema = z.number().int().describe('study day: 1 = D1 (first dose), 0 = the day before');

/**
 * When doses are given: every `every` from `first_day` to `last_day`, or on the listed `days`, at most
 * `max_doses` times. At least one of `every` and `days` is given.
 */
export const DosingScheduleSchema = z
  .object({
    every: MaybeAssumedDurationSchema.optional().describe(
      'interval between doses, e.g. { value: 8, unit: h }',
    ),
    days: orAssumed(z.array(StudyDaySchema).min(1)).optional().describe('explicit dosing days'),
    first_day: StudyDaySchema.default(1),
    last_day: orAssumed(StudyDaySchema).optional(),
    max_doses: orAssumed(z.number().int().positive()).optional(),
  })
  .strict()
  .refine((s) => s.every !== undefined || s.days !== undefined, {
    message: 'a dosing schedule needs every: or days:',
  });

/** A rule that changes dosing for one participant (reduce, interrupt, stop, switch route). */
export const DoseModificationSchema = z
  .object({
    when: z.string().min(1).describe('the trigger, as the source states it'),
    action: z.enum(['reduce', 'interrupt', 'stop', 'switch_route', 'adjust']),
    reduce_by_percent: z.number().positive().max(100).optional(),
    text: z.string().optional(),
    source: z.string().optional(),
    assumed: z.literal(true).optional().describe('no public source gives this rule for this trial'),
    provenance: z
      .string()
      .regex(/^[^\n]*$/, 'provenance is one line')
      .optional(),
  })
  .strict()
  .refine((m) => m.source !== undefined || (m.assumed === true && m.provenance !== undefined), {
    message: 'a dose modification needs a source, or assumed: true with a provenance',
  });

/** What one arm (in one eligibility stratum) receives: a study drug, its placebo, or a dummy. */
export const RegimenSchema = z
  .object({
    id: IdSchema,
    arm: IdSchema,
    stratum: z.string().min(1).optional().describe('eligibility stratum id, when the drug depends on it'),
    product: z.string().min(1).describe('drug, or the placebo it is (e.g. NaCl 0.9%)'),
    role: z
      .enum(['active', 'placebo', 'dummy'])
      .describe('dummy = placebo for the other route of a double dummy'),
    imitates: IdSchema.optional().describe('for a placebo or dummy: the active regimen it looks like'),
    dose: MaybeAssumedQuantitySchema.optional().describe(
      'per administration; UCUM unit (mg, ug, ug/kg, [iU])',
    ),
    volume: QuantitySchema.optional().describe('volume per administration'),
    route: z.enum(ROUTES),
    alternative_route: z
      .object({ route: z.enum(ROUTES), when: z.string().min(1) })
      .strict()
      .optional(),
    injection_sites: z.string().optional(),
    schedule: DosingScheduleSchema,
    dose_window: MaybeAssumedDurationSchema.optional().describe(
      'a dose given this much before or after its scheduled time is on time',
    ),
    max_duration_days: orAssumed(z.number().int().positive()).optional(),
    dose_modifications: z.array(DoseModificationSchema).default([]),
    source: z.string().optional(),
    note: z.string().optional(),
  })
  .strict();

/** A scheduled visit or assessment time point, relative to D1. */
export const VisitSchema = z
  .object({
    id: IdSchema,
    label: z.string().min(1).optional(),
    day: orAssumed(StudyDaySchema),
    window: orAssumed(DayWindowSchema).optional().describe('days before/after still accepted'),
    repeat: z
      .object({
        every_days: z.number().int().positive(),
        until: z.enum(['icu_discharge', 'hospital_discharge', 'last_dose', 'day']),
        until_day: StudyDaySchema.optional(),
      })
      .strict()
      .optional()
      .describe('a visit repeated from `day`, e.g. daily until ICU discharge'),
    assessments: z.array(z.string().min(1)).default([]),
    source: z.string().optional(),
    note: z.string().optional(),
  })
  .strict();

export type DosingSchedule = z.infer<typeof DosingScheduleSchema>;
export type Regimen = z.infer<typeof RegimenSchema>;
export type Visit = z.infer<typeof VisitSchema>;
