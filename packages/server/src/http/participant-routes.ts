import { z } from 'zod';
import type { ServerDeps } from '../deps.js';
import { listDeviations, recordDeviation } from '../use-cases/deviations.js';
import { CONSENT_GIVERS, confirmEligibility, recordConsent, trialOf } from '../use-cases/enrolment.js';
import { participantFor } from '../use-cases/participant-access.js';
import { changeStatus, PARTICIPANT_STATUSES, participantDetail } from '../use-cases/participants.js';
import { randomizeParticipant } from '../use-cases/randomization.js';
import { emergencyUnblind } from '../use-cases/unblinding.js';
import { actorOf } from './request-context.js';
import {
  DateText,
  ERRORS,
  IdParam,
  InstantText,
  JsonValueSchema,
  ParticipantParams,
  ParticipantSchema,
  ScreeningSchema,
  text,
  TrialParams,
} from './schemas.js';
import type { ZodApp } from './zod-app.js';

const DeviationSchema = z.object({
  id: z.string(),
  participantId: z.string(),
  siteId: z.string(),
  kind: z.string(),
  description: z.string(),
  origin: z.string(),
  at: z.string(),
  protocolVersion: z.number(),
});

/** One participant: detail, consent, eligibility signature, randomization, unblinding, status, deviations. */
export function registerParticipantRoutes(app: ZodApp, deps: ServerDeps): void {
  app.get(
    '/api/participants/:participantId',
    {
      schema: {
        tags: ['participants'],
        summary:
          'A participant with screening, consent, eligibility and randomization (arm only for unblinded roles)',
        params: ParticipantParams,
        response: {
          200: z.object({
            participant: ParticipantSchema,
            screening: ScreeningSchema.nullable(),
            consent: z.object({ givenBy: z.string(), consentDate: z.string() }).nullable(),
            eligibility: z
              .object({
                eligible: z.boolean(),
                signerName: z.string(),
                signedAt: z.string(),
                meaning: z.string(),
                answers: JsonValueSchema,
              })
              .nullable(),
            randomization: z
              .object({
                randomizationNumber: z.number(),
                kitNumber: z.string().nullable(),
                randomizedAt: z.string(),
                arm: z.string().optional(),
              })
              .nullable(),
          }),
          ...ERRORS,
        },
      },
    },
    (request) => participantDetail(deps, actorOf(request), request.params.participantId),
  );
  app.post(
    '/api/participants/:participantId/consent',
    {
      schema: {
        tags: ['enrolment'],
        summary: 'Record informed consent',
        params: ParticipantParams,
        body: z.object({ givenBy: z.enum(CONSENT_GIVERS), consentDate: DateText }).strict(),
        response: { 200: ParticipantSchema, ...ERRORS },
      },
    },
    (request) => recordConsent(deps, actorOf(request), request.params.participantId, request.body),
  );
  app.post(
    '/api/participants/:participantId/eligibility',
    {
      schema: {
        tags: ['enrolment'],
        summary: 'Confirm eligibility and sign (password re-entry; 21 CFR 11.50 name, time, meaning)',
        params: ParticipantParams,
        body: z
          .object({
            answers: z.record(z.string().regex(/^[IE]\d+$/), z.boolean()),
            password: text(200).min(1),
            meaning: text(500).min(1),
          })
          .strict(),
        response: {
          200: z.object({
            eligible: z.boolean(),
            signerName: z.string(),
            signedAt: z.string(),
            meaning: z.string(),
            answers: z.record(z.string(), z.boolean()),
            failing: z.array(z.string()),
          }),
          ...ERRORS,
        },
      },
    },
    (request) => confirmEligibility(deps, actorOf(request), request.params.participantId, request.body),
  );
  app.post(
    '/api/participants/:participantId/randomization',
    {
      schema: {
        tags: ['randomization'],
        summary:
          'Randomize (slot, kit and audit in one serialisable transaction); the arm only for unblinded roles',
        params: ParticipantParams,
        body: z
          .object({
            factors: z.record(z.string().max(64), text(100)).optional(),
            firstDoseAt: InstantText.optional(),
          })
          .strict(),
        response: {
          200: z.object({
            randomizationNumber: z.number(),
            kitNumber: z.string(),
            randomizedAt: z.string(),
            arm: z.string().optional(),
          }),
          ...ERRORS,
        },
      },
    },
    (request) =>
      randomizeParticipant(deps, actorOf(request), request.params.participantId, {
        ...(request.body.factors === undefined ? {} : { factors: request.body.factors }),
        ...(request.body.firstDoseAt === undefined
          ? {}
          : { firstDoseAt: Date.parse(request.body.firstDoseAt) }),
      }),
  );
  app.post(
    '/api/participants/:participantId/unblind',
    {
      schema: {
        tags: ['randomization'],
        summary: 'Emergency unblinding of this participant (investigator; reason and password)',
        params: ParticipantParams,
        body: z.object({ reason: text(1000).min(1), password: text(200).min(1) }).strict(),
        response: {
          200: z.object({
            participantId: z.string(),
            arm: z.string(),
            armLabel: z.string(),
            kitNumber: z.string().nullable(),
            unblindedAt: z.string(),
          }),
          ...ERRORS,
        },
      },
    },
    (request) => emergencyUnblind(deps, actorOf(request), request.params.participantId, request.body),
  );
  app.post(
    '/api/participants/:participantId/status',
    {
      schema: {
        tags: ['participants'],
        summary:
          'Change status (on treatment, follow-up, completed, withdrawn with reason and data statement, dead with date)',
        params: ParticipantParams,
        body: z
          .object({
            status: z.enum(PARTICIPANT_STATUSES),
            reason: text(1000).optional(),
            deathDate: DateText.optional(),
            dataAfterWithdrawal: text(500).optional(),
          })
          .strict(),
        response: { 200: ParticipantSchema, ...ERRORS },
      },
    },
    (request) => changeStatus(deps, actorOf(request), request.params.participantId, request.body),
  );
  app.get(
    '/api/participants/:participantId/deviations',
    {
      schema: {
        tags: ['dosing'],
        summary: 'Protocol deviations of a participant',
        params: ParticipantParams,
        response: { 200: z.array(DeviationSchema), ...ERRORS },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await participantFor(deps.db, actor, request.params.participantId, 'participant.read');
      return listDeviations(
        deps,
        actor,
        await trialOf(deps, request.params.participantId),
        request.params.participantId,
      );
    },
  );
  app.post(
    '/api/participants/:participantId/deviations',
    {
      schema: {
        tags: ['dosing'],
        summary: 'Record a protocol deviation',
        params: ParticipantParams,
        body: z.object({ kind: z.string().regex(/^[a-z_]{2,40}$/), description: text(2000).min(1) }).strict(),
        response: { 200: DeviationSchema, ...ERRORS },
      },
    },
    (request) => recordDeviation(deps, actorOf(request), request.params.participantId, request.body),
  );
  app.get(
    '/api/trials/:trialId/deviations',
    {
      schema: {
        tags: ['dosing'],
        summary: 'Protocol deviations of a trial',
        params: TrialParams,
        querystring: z.object({ siteId: IdParam.optional() }).strict(),
        response: { 200: z.array(DeviationSchema), ...ERRORS },
      },
    },
    async (request) =>
      (await listDeviations(deps, actorOf(request), request.params.trialId)).filter(
        (d) => request.query.siteId === undefined || d.siteId === request.query.siteId,
      ),
  );
}
