import { z } from 'zod';

// Shared zod schemas of the HTTP API. Text fields refuse NUL (PostgreSQL cannot store it) and are bounded.

/**
 * A bounded text without NUL characters (PostgreSQL cannot store them) and without HTML tags (`<b`, `</`,
 * `<!`: script injection has no place in trial data; "CRP < 5" stays allowed).
 */
export function text(max = 2000): z.ZodString {
  return z
    .string()
    .max(max)
    .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters')
    .refine((s) => !/<[A-Za-z/!?]/.test(s), 'must not contain HTML markup');
}

export const IdParam = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_.@:-]+$/, 'expected an identifier');
export const TrialParams = z.object({ trialId: IdParam }).strict();
export const ParticipantParams = z.object({ participantId: IdParam }).strict();
export const DateText = z.iso.date();
export const InstantText = z.iso.datetime({ offset: true });

export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), path: z.string().optional() }),
});

export const GrantSchema = z.object({
  id: z.string(),
  role: z.string(),
  trialId: z.string().nullable(),
  siteId: z.string().nullable(),
});

export const SessionSchema = z.object({
  user: z.object({ id: z.string(), username: z.string(), fullName: z.string() }),
  grants: z.array(GrantSchema),
  csrfToken: z.string(),
  expiresAt: z.string(),
});

export const ParticipantSchema = z.object({
  id: z.string(),
  trialId: z.string(),
  siteId: z.string(),
  screeningNumber: z.string(),
  patientRef: z.string(),
  status: z.string(),
  statusReason: z.string().nullable(),
  stratum: z.string().nullable(),
  protocolVersion: z.number(),
  randomizationNumber: z.number().nullable(),
  kitNumber: z.string().nullable(),
  d1Date: z.string().nullable(),
  deathDate: z.string().nullable(),
  icuDischargedAt: z.string().nullable().describe('ISO-8601 UTC; null until recorded'),
  hospitalDischargedAt: z.string().nullable().describe('ISO-8601 UTC; null until recorded'),
  icuAdmittedAt: z
    .string()
    .nullable()
    .describe('ISO-8601 UTC, at or before randomization; null until recorded'),
  hospitalAdmittedAt: z
    .string()
    .nullable()
    .describe('ISO-8601 UTC, at or before the ICU admission; null until recorded'),
  createdAt: z.string(),
  nextStatuses: z
    .array(z.string())
    .describe('the statuses a person may set next through POST /api/participants/:id/status'),
  arm: z.string().optional().describe('unblinded roles only'),
});

export const JsonValueSchema: z.ZodType = z.unknown();

export const ScreeningSchema = z.object({
  id: z.string(),
  participantId: z.string(),
  screeningNumber: z.string().optional(),
  siteId: z.string(),
  status: z.string(),
  source: z.string(),
  screenedAt: z.string(),
  protocolVersion: z.number(),
  criteria: JsonValueSchema,
  failureReasons: JsonValueSchema,
});

/** Standard error responses, for the OpenAPI document. */
export const ERRORS = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
} as const;
