import { z } from 'zod';
import type { ServerDeps } from '../deps.js';
import { participantDoses, participantVisits, recordAdministration } from '../use-cases/dosing.js';
import { trialOf } from '../use-cases/enrolment.js';
import { listForms, saveForm, signForm } from '../use-cases/forms.js';
import { participantFor } from '../use-cases/participant-access.js';
import { answerQuery, closeQuery, listQueries, openQuery } from '../use-cases/queries.js';
import { actorOf } from './request-context.js';
import {
  ERRORS,
  IdParam,
  InstantText,
  JsonValueSchema,
  ParticipantParams,
  text,
  TrialParams,
} from './schemas.js';
import type { ZodApp } from './zod-app.js';

const DoseSchema = z.object({
  id: z.string(),
  label: z.string(),
  route: z.string(),
  doseNo: z.number(),
  studyDay: z.number(),
  scheduledAt: z.string(),
  windowStart: z.string(),
  windowEnd: z.string(),
  status: z.enum(['planned', 'given', 'held', 'missed']),
  state: z.string(),
  givenAt: z.string().nullable(),
  reason: z.string().nullable(),
  regimen: z.string().optional().describe('unblinded roles only'),
  product: z.string().optional().describe('unblinded roles only'),
  role: z.string().optional().describe('unblinded roles only'),
});

const FormEntrySchema = z.object({
  id: z.string(),
  formId: z.string(),
  instance: z.string(),
  values: z.record(z.string(), JsonValueSchema),
  masked: z.array(z.string()),
  revision: z.number(),
  signedBy: z.string().nullable(),
  signedAt: z.string().nullable(),
  updatedAt: z.string(),
  protocolVersion: z.number(),
});

const QuerySchema = z.object({
  id: z.string(),
  participantId: z.string(),
  siteId: z.string(),
  formEntryId: z.string().nullable(),
  formId: z.string().nullable(),
  field: z.string().nullable(),
  status: z.string(),
  origin: z.string(),
  text: z.string(),
  answer: z.string().nullable(),
  openedAt: z.string(),
  answeredAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});

const FormValue = z.union([z.number(), z.boolean(), text(2000), z.null()]);
const FormParams = z
  .object({
    participantId: IdParam,
    formId: IdParam,
    instance: z.string().regex(/^[A-Za-z0-9@_-]{1,60}$/, 'expected an instance such as day-3, d28 or ae-1'),
  })
  .strict();
const QueryParams = z.object({ queryId: IdParam }).strict();

/** Dosing and visits, case report forms and queries. */
export function registerDataRoutes(app: ZodApp, deps: ServerDeps): void {
  app.get(
    '/api/participants/:participantId/doses',
    {
      schema: {
        tags: ['dosing'],
        summary: 'Dosing calendar with administrations (blinded labels for blinded roles)',
        params: ParticipantParams,
        response: { 200: z.array(DoseSchema), ...ERRORS },
      },
    },
    (request) => participantDoses(deps, actorOf(request), request.params.participantId),
  );
  app.post(
    '/api/participants/:participantId/doses/:doseId',
    {
      schema: {
        tags: ['dosing'],
        summary: 'Record a dose given (time), held or missed (reason); an edit needs a reason',
        params: z
          .object({
            participantId: IdParam,
            doseId: z
              .string()
              .regex(/^[A-Za-z0-9_-]{1,60}#\d{1,4}$/, 'expected a dose id such as ifn-gamma-sc#2'),
          })
          .strict(),
        body: z
          .object({
            status: z.enum(['given', 'held', 'missed']),
            givenAt: InstantText.optional(),
            reason: text(1000).optional(),
          })
          .strict(),
        response: { 200: DoseSchema, ...ERRORS },
      },
    },
    (request) =>
      recordAdministration(deps, actorOf(request), request.params.participantId, request.params.doseId, {
        status: request.body.status,
        givenAt: request.body.givenAt === undefined ? undefined : Date.parse(request.body.givenAt),
        reason: request.body.reason,
      }),
  );
  app.get(
    '/api/participants/:participantId/visits',
    {
      schema: {
        tags: ['dosing'],
        summary: 'Visit calendar with windows and state',
        params: ParticipantParams,
        response: {
          200: z.array(
            z.object({
              visitId: z.string(),
              visit: z.string(),
              label: z.string(),
              day: z.number(),
              date: z.string(),
              windowStart: z.string(),
              windowEnd: z.string(),
              status: z.string(),
              formIds: z.array(z.string()),
            }),
          ),
          ...ERRORS,
        },
      },
    },
    (request) => participantVisits(deps, actorOf(request), request.params.participantId),
  );
  app.get(
    '/api/participants/:participantId/forms',
    {
      schema: {
        tags: ['forms'],
        summary: 'Saved forms (hidden biomarkers masked for blinded roles)',
        params: ParticipantParams,
        response: { 200: z.array(FormEntrySchema), ...ERRORS },
      },
    },
    (request) => listForms(deps, actorOf(request), request.params.participantId),
  );
  app.put(
    '/api/participants/:participantId/forms/:formId/:instance',
    {
      schema: {
        tags: ['forms'],
        summary:
          'Save a form; out-of-range values need confirmOutOfRange and raise a query; edits need a reason',
        params: FormParams,
        body: z
          .object({
            values: z.record(z.string().max(64), FormValue),
            reason: text(1000).optional(),
            confirmOutOfRange: z.array(z.string().max(64)).max(100).optional(),
          })
          .strict(),
        response: { 200: FormEntrySchema, ...ERRORS },
      },
    },
    (request) =>
      saveForm(
        deps,
        actorOf(request),
        request.params.participantId,
        request.params.formId,
        request.params.instance,
        request.body,
      ),
  );
  app.post(
    '/api/participants/:participantId/forms/:formId/:instance/signature',
    {
      schema: {
        tags: ['forms'],
        summary: 'Sign a saved form (investigator; password re-entry)',
        params: FormParams,
        body: z.object({ password: text(200).min(1), meaning: text(500).min(1) }).strict(),
        response: { 200: FormEntrySchema, ...ERRORS },
      },
    },
    (request) =>
      signForm(
        deps,
        actorOf(request),
        request.params.participantId,
        request.params.formId,
        request.params.instance,
        request.body,
      ),
  );
  app.get(
    '/api/participants/:participantId/queries',
    {
      schema: {
        tags: ['queries'],
        summary: 'Queries of a participant',
        params: ParticipantParams,
        response: { 200: z.array(QuerySchema), ...ERRORS },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await participantFor(deps.db, actor, request.params.participantId, 'query.read');
      return listQueries(deps, actor, await trialOf(deps, request.params.participantId), {
        participantId: request.params.participantId,
      });
    },
  );
  app.get(
    '/api/trials/:trialId/queries',
    {
      schema: {
        tags: ['queries'],
        summary: 'Queries of a trial',
        params: TrialParams,
        querystring: z.object({ status: z.enum(['open', 'answered', 'closed']).optional() }).strict(),
        response: { 200: z.array(QuerySchema), ...ERRORS },
      },
    },
    (request) =>
      listQueries(deps, actorOf(request), request.params.trialId, { status: request.query.status }),
  );
  app.post(
    '/api/participants/:participantId/queries',
    {
      schema: {
        tags: ['queries'],
        summary: 'Open a query (monitor, data manager)',
        params: ParticipantParams,
        body: z
          .object({
            formEntryId: IdParam.nullable(),
            field: z.string().max(64).nullable(),
            text: text(2000).min(1),
          })
          .strict(),
        response: { 200: QuerySchema, ...ERRORS },
      },
    },
    (request) => openQuery(deps, actorOf(request), request.params.participantId, request.body),
  );
  app.post(
    '/api/queries/:queryId/answer',
    {
      schema: {
        tags: ['queries'],
        summary: 'Answer a query (site)',
        params: QueryParams,
        body: z.object({ answer: text(2000).min(1) }).strict(),
        response: { 200: QuerySchema, ...ERRORS },
      },
    },
    (request) => answerQuery(deps, actorOf(request), request.params.queryId, request.body),
  );
  app.post(
    '/api/queries/:queryId/close',
    {
      schema: {
        tags: ['queries'],
        summary: 'Close a query (monitor, data manager)',
        params: QueryParams,
        body: z.object({}).strict().optional(),
        response: { 200: QuerySchema, ...ERRORS },
      },
    },
    (request) => closeQuery(deps, actorOf(request), request.params.queryId),
  );
}
