import { z } from 'zod';
import { UcumUnitSchema } from './assumed.js';
import { IdSchema } from './quantity-schema.js';

export const FORM_FIELD_TYPES = [
  'number',
  'integer',
  'text',
  'date',
  'datetime',
  'boolean',
  'choice',
] as const;

/**
 * One typed field of a case report form. `min`/`max` bound the plausible range: a value outside is
 * accepted only when the person entering it confirms it, and then raises a query. `variable` links the
 * field to a canonical variable (e.g. `mhla_dr`), so `blinding.hidden_variables` can mask it.
 */
export const FormFieldSchema = z
  .object({
    id: IdSchema,
    label: z.string().min(1),
    type: z.enum(FORM_FIELD_TYPES),
    unit: UcumUnitSchema.optional().describe('UCUM unit of a number, e.g. mmol/L, 10*9/L, /min'),
    min: z.number().optional().describe('lowest plausible value (in unit)'),
    max: z.number().optional().describe('highest plausible value (in unit)'),
    options: z.array(z.string().min(1)).min(2).optional().describe('the choices of a choice field'),
    required: z.boolean().default(false),
    variable: z.string().min(1).optional().describe('canonical variable id, e.g. mhla_dr'),
  })
  .strict()
  .refine((f) => f.type !== 'choice' || f.options !== undefined, { message: 'a choice field needs options' })
  .refine((f) => f.min === undefined || f.max === undefined || f.min <= f.max, {
    message: 'min must not exceed max',
  });

/**
 * A case report form: its fields, and when it is filled in. `repeat: per_visit` forms are filled at the
 * listed visits (instance = visit id and day), `daily` once per study day, `once` a single time, `log` as
 * many times as needed (adverse events).
 */
export const FormSchema = z
  .object({
    id: IdSchema,
    label: z.string().min(1),
    repeat: z.enum(['once', 'per_visit', 'daily', 'log']),
    visits: z.array(IdSchema).optional().describe('visit ids, for per_visit forms'),
    fields: z.array(FormFieldSchema).min(1),
    source: z.string().optional(),
  })
  .strict();

export type FormField = z.infer<typeof FormFieldSchema>;
export type Form = z.infer<typeof FormSchema>;
