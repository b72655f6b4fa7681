import { z } from 'zod';
import { orAssumed } from './assumed.js';
import { ArmSchema, AllocationSchema, BlindingSchema } from './design-schema.js';
import { EligibilitySchema } from './eligibility-schema.js';
import { EndpointSchema, SampleSizeSchema } from './endpoint-schema.js';
import { FormSchema } from './form-schema.js';
import {
  DatesSchema,
  EnrolmentSchema,
  IdentifiersSchema,
  PHASES,
  ProtocolIdSchema,
  SourceSchema,
  StatusSchema,
} from './metadata-schema.js';
import { DateSchema } from './quantity-schema.js';
import { RegimenSchema, VisitSchema } from './schedule-schema.js';

/**
 * A whole trial protocol as data (ARCHITECTURE.md: "the protocol is data"): who is eligible and how that
 * is decided, the arms and how participants are allocated and blinded, what each arm receives and when,
 * the visits, the endpoints and the sample size. Every value no public source gives is an `Assumed`
 * (`assumed: true` + a one-line provenance). Parsed once by `parseProtocol`; code after it trusts the types.
 */
export const ProtocolSchema = z
  .object({
    id: ProtocolIdSchema,
    version: z
      .string()
      .regex(/^\d+\.\d+(\.\d+)?$/, 'expected a version such as 1.0 or 1.2.3')
      .describe('version of this protocol file'),
    source_date: DateSchema.optional().describe(
      'date of the newest dated public source this version follows',
    ),
    title: z.string().min(1).describe('official title'),
    acronym: z.string().min(1),
    identifiers: IdentifiersSchema,
    sponsor: z.object({ name: z.string().min(1), country: z.string().optional() }).strict(),
    phase: orAssumed(z.enum(PHASES)),
    status: StatusSchema,
    dates: DatesSchema.optional(),
    enrolment: EnrolmentSchema,
    summary: z.string().optional(),
    sources: z.array(SourceSchema).min(1),
    eligibility: EligibilitySchema,
    arms: z.array(ArmSchema).min(2),
    allocation: AllocationSchema,
    blinding: BlindingSchema,
    regimens: z.array(RegimenSchema).min(1),
    visits: z.array(VisitSchema).default([]),
    endpoints: z.array(EndpointSchema).min(1),
    forms: z.array(FormSchema).default([]).describe('case report forms'),
    sample_size: SampleSizeSchema,
    notes: z.array(z.string().min(1)).default([]),
  })
  .strict();

/** A protocol after parsing (defaults applied). */
export type Protocol = z.infer<typeof ProtocolSchema>;
