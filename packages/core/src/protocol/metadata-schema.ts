import { z } from 'zod';
import { orAssumed } from './assumed.js';
import { DateSchema } from './quantity-schema.js';

/** The four shipped protocols; any other kebab-case id is accepted for new ones. */
export const KNOWN_PROTOCOL_IDS = ['infinity', 'platinium', 'immunosep', 'iris7'] as const;

export const ProtocolIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'expected a kebab-case id such as infinity or iris7')
  .describe(`protocol id: ${KNOWN_PROTOCOL_IDS.join(', ')}, or any kebab-case id`);

/** Public registry identifiers. Formats are checked so that a typo does not point at another trial. */
export const IdentifiersSchema = z
  .object({
    nct: z
      .string()
      .regex(/^NCT\d{8}$/, 'expected NCT followed by 8 digits')
      .optional()
      .describe('ClinicalTrials.gov'),
    ctis: z
      .string()
      .regex(/^\d{4}-\d{6}-\d{2}-\d{2}$/, 'expected a CTIS number such as 2023-506725-11-00')
      .optional()
      .describe('EU Clinical Trials Information System'),
    eudract: z
      .string()
      .regex(/^\d{4}-\d{6}-\d{2}$/, 'expected a EudraCT number such as 2020-005768-74')
      .optional(),
    sponsor_code: z.string().min(1).optional().describe("the sponsor's own study code"),
    other: z
      .array(z.object({ system: z.string().min(1), value: z.string().min(1) }).strict())
      .optional()
      .describe('other registries (CCMO, ISRCTN, ...)'),
  })
  .strict();

export const PHASES = ['1', '1/2', '2', '2a', '2b', '2/3', '3', '4'] as const;

export const RECRUITMENT_STATUSES = [
  'not_yet_recruiting',
  'recruiting',
  'active_not_recruiting',
  'suspended',
  'terminated',
  'completed',
  'withdrawn',
  'unknown',
] as const;

/**
 * Recruitment status with the date of the source copy that reports it (omitted only when that copy is
 * undated), and earlier reports, oldest first (registry drift, DOMAIN.md §9.7).
 */
const StatusEntrySchema = z
  .object({
    value: z.enum(RECRUITMENT_STATUSES),
    as_of: DateSchema.optional().describe('date of the source copy that reports this status'),
    source: z.string().min(1).describe('source id (see sources)'),
  })
  .strict();

export const StatusSchema = StatusEntrySchema.extend({
  previous: z.array(StatusEntrySchema).optional().describe('earlier reports, oldest first'),
}).strict();

/** A public source cited by the protocol file (DOMAIN.md §11 numbering). */
export const SourceSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'expected a short source id such as S1 or seed-000'),
    title: z.string().min(1),
    url: z.url().optional(),
    date: DateSchema.optional().describe('date of the copy read'),
    note: z.string().optional(),
  })
  .strict();

/** Key dates from the registry (start, completion, ...). */
export const DatesSchema = z
  .object({
    start: DateSchema.optional(),
    primary_completion: DateSchema.optional(),
    completion: DateSchema.optional(),
    first_patient_in: DateSchema.optional(),
    last_follow_up: DateSchema.optional(),
  })
  .strict();

/** Planned and actual enrolment. */
export const EnrolmentSchema = z
  .object({
    planned: orAssumed(z.number().int().positive()),
    actual: z.number().int().nonnegative().optional(),
    note: z.string().optional(),
  })
  .strict();

export type Identifiers = z.infer<typeof IdentifiersSchema>;
export type RecruitmentStatus = z.infer<typeof StatusSchema>;
export type Source = z.infer<typeof SourceSchema>;
