import { verifyAuditChain } from '@immunotrial/db';
import { z } from 'zod';
import { authorize } from '../auth/actor.js';
import type { ServerDeps } from '../deps.js';
import { allocationStatus, setUpAllocation } from '../use-cases/allocation-setup.js';
import { listAudit } from '../use-cases/audit-view.js';
import { trialOf } from '../use-cases/enrolment.js';
import { participantFor } from '../use-cases/participant-access.js';
import { listDispensing, listKits } from '../use-cases/pharmacy.js';
import { unblindingReport } from '../use-cases/unblinding.js';
import { actorOf } from './request-context.js';
import { ERRORS, IdParam, JsonValueSchema, ParticipantParams, text, TrialParams } from './schemas.js';
import type { ZodApp } from './zod-app.js';

const AuditEventSchema = z.object({
  seq: z.number(),
  at: z.string(),
  actorName: z.string(),
  role: z.string().nullable(),
  siteId: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  field: z.string().nullable(),
  oldValue: JsonValueSchema,
  newValue: JsonValueSchema,
  reason: z.string().nullable(),
  protocolVersion: z.number().nullable(),
  masked: z.boolean(),
  hash: z.string(),
});

export const AuditPage = z.object({ total: z.number(), events: z.array(AuditEventSchema) });

const AuditQuery = z
  .object({
    participantId: IdParam.optional(),
    entity: z.string().max(40).optional(),
    actor: z.string().max(200).optional(),
    from: z.string().max(40).optional(),
    to: z.string().max(40).optional(),
    limit: z.coerce.number().int().min(1).max(1000).optional(),
    offset: z.coerce.number().int().min(0).optional(),
  })
  .strict();

const AllocationStatusSchema = z.object({
  generated: z.boolean(),
  generatedAt: z.string().optional(),
  method: z.string().optional(),
  seedSha256: z.string().optional(),
  protocolVersion: z.number().optional(),
  usedSlots: z.number().optional(),
  seed: z.string().optional().describe('returned once, when the server generated the seed'),
});

/** Pharmacy, allocation set-up, audit trail and verification, unblinding report. */
export function registerOversightRoutes(app: ZodApp, deps: ServerDeps): void {
  app.get(
    '/api/trials/:trialId/kits',
    {
      schema: {
        tags: ['pharmacy'],
        summary: "Kit list with each kit's arm (pharmacists, unblinded statistician)",
        params: TrialParams,
        response: {
          200: z.array(
            z.object({
              kitNumber: z.string(),
              arm: z.string(),
              pack: z.string(),
              siteId: z.string(),
              status: z.string(),
              participantId: z.string().nullable(),
              dispensedAt: z.string().nullable(),
            }),
          ),
          ...ERRORS,
        },
      },
    },
    (request) => listKits(deps, actorOf(request), request.params.trialId),
  );
  app.get(
    '/api/trials/:trialId/dispensing',
    {
      schema: {
        tags: ['pharmacy'],
        summary:
          'Dispensing list: kit and arm of each randomized participant (pharmacists, unblinded statistician)',
        params: TrialParams,
        response: {
          200: z.array(
            z.object({
              participantId: z.string(),
              screeningNumber: z.string(),
              siteId: z.string(),
              kitNumber: z.string().nullable(),
              arm: z.string(),
              stratum: z.string().nullable(),
              randomizedAt: z.string(),
            }),
          ),
          ...ERRORS,
        },
      },
    },
    (request) => listDispensing(deps, actorOf(request), request.params.trialId),
  );
  app.get(
    '/api/trials/:trialId/allocation-list',
    {
      schema: {
        tags: ['randomization'],
        summary: 'Allocation set-up state (unblinded statistician; never the list)',
        params: TrialParams,
        response: { 200: AllocationStatusSchema, ...ERRORS },
      },
    },
    (request) => allocationStatus(deps, actorOf(request), request.params.trialId),
  );
  app.post(
    '/api/trials/:trialId/allocation-list',
    {
      schema: {
        tags: ['randomization'],
        summary: 'Set up the allocation from a secret seed (generated when omitted)',
        params: TrialParams,
        body: z.object({ seed: text(200).min(16).optional() }).strict(),
        response: { 200: AllocationStatusSchema, ...ERRORS },
      },
    },
    (request) => setUpAllocation(deps, actorOf(request), request.params.trialId, request.body),
  );
  app.get(
    '/api/trials/:trialId/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit trail (blinded values withheld from blinded roles)',
        params: TrialParams,
        querystring: AuditQuery,
        response: { 200: AuditPage, ...ERRORS },
      },
    },
    (request) => listAudit(deps, actorOf(request), request.params.trialId, request.query),
  );
  app.get(
    '/api/participants/:participantId/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit trail of one participant',
        params: ParticipantParams,
        response: { 200: AuditPage, ...ERRORS },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await participantFor(deps.db, actor, request.params.participantId, 'participant.read');
      return listAudit(deps, actor, await trialOf(deps, request.params.participantId), {
        participantId: request.params.participantId,
        limit: 1000,
      });
    },
  );
  app.get(
    '/api/trials/:trialId/audit/verification',
    {
      schema: {
        tags: ['audit'],
        summary: "Recompute the trial's hash chain; names the first broken link",
        params: TrialParams,
        response: {
          200: z.object({
            ok: z.boolean(),
            events: z.number(),
            firstBreak: z.object({ seq: z.number(), problem: z.string() }).optional(),
          }),
          ...ERRORS,
        },
      },
    },
    async (request) => {
      authorize(actorOf(request), 'audit.read', request.params.trialId);
      const report = await verifyAuditChain(deps.db, request.params.trialId);
      const events = report.chains[0]?.events ?? 0;
      return {
        ok: report.ok,
        events,
        ...(report.firstBreak === undefined
          ? {}
          : { firstBreak: { seq: report.firstBreak.seq, problem: report.firstBreak.problem } }),
      };
    },
  );
  app.get(
    '/api/trials/:trialId/unblinding-report',
    {
      schema: {
        tags: ['randomization'],
        summary: 'Emergency unblindings: who, whom, when, why (never the arm)',
        params: TrialParams,
        response: {
          200: z.array(
            z.object({
              participantId: z.string(),
              screeningNumber: z.string(),
              siteId: z.string(),
              unblindedBy: z.string(),
              role: z.string(),
              reason: z.string(),
              at: z.string(),
            }),
          ),
          ...ERRORS,
        },
      },
    },
    (request) => unblindingReport(deps, actorOf(request), request.params.trialId),
  );
}
