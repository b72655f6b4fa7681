import { valueOf } from '@immunotrial/core';
import { z } from 'zod';
import type { ServerDeps } from '../deps.js';
import { actorOf } from '../http/request-context.js';
import { ErrorBody, TrialParams } from '../http/schemas.js';
import type { ZodApp } from '../http/zod-app.js';
import { participantDoses, participantVisits } from '../use-cases/dosing.js';
import { listParticipants } from '../use-cases/participants.js';
import { listQueries } from '../use-cases/queries.js';
import { currentProtocol } from '../use-cases/trials.js';
import { type Actor, authorize, may } from '../auth/actor.js';

// The trial dashboard of the web app (docs/web-api-needs.md "Dashboard"): the screening funnel per site and week,
// enrolment against the protocol's planned size, overdue visits and doses, open queries. Built from the same
// use cases as the other routes, so site scope and blinding are theirs: counts never split by arm.

const FunnelRowSchema = z.object({
  siteId: z.string(),
  week: z.string().describe('Monday of the week of screening, YYYY-MM-DD (UTC)'),
  screened: z.number(),
  eligible: z.number(),
  consented: z.number(),
  randomized: z.number(),
  completed: z.number(),
});

const DashboardSchema = z.object({
  funnel: z.array(FunnelRowSchema),
  target: z.number().nullable(),
  randomizedTotal: z.number(),
  overdueVisits: z.array(
    z.object({
      participantId: z.string(),
      screeningNumber: z.string(),
      siteId: z.string(),
      visitId: z.string(),
      label: z.string(),
      windowEnd: z.string(),
    }),
  ),
  overdueDoses: z.array(
    z.object({
      participantId: z.string(),
      screeningNumber: z.string(),
      siteId: z.string(),
      administrationId: z.string(),
      regimenId: z.string(),
      scheduledAt: z.string(),
    }),
  ),
  openQueries: z.array(
    z.object({
      id: z.string(),
      participantId: z.string(),
      screeningNumber: z.string(),
      siteId: z.string(),
      field: z.string().nullable(),
      text: z.string(),
      openedAt: z.string(),
    }),
  ),
});

type Dashboard = z.infer<typeof DashboardSchema>;

/** Monday (UTC) of the week of an ISO instant or date, as YYYY-MM-DD. @example mondayOf('2026-03-19T10:00:00Z') // => '2026-03-16' */
export function mondayOf(iso: string): string {
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  const offset = (d.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - offset))
    .toISOString()
    .slice(0, 10);
}

const AFTER_CONSENT = new Set([
  'consented',
  'randomized',
  'on_treatment',
  'follow_up',
  'completed',
  'withdrawn',
  'dead',
]);

async function dashboardOf(deps: ServerDeps, actor: Actor, trialId: string): Promise<Dashboard> {
  authorize(actor, 'trial.read', trialId);
  // Roles that may not read participants (admin) get the trial's target and empty counts, not a refusal.
  const participants = may(actor, 'participant.read', trialId)
    ? await listParticipants(deps, actor, trialId)
    : [];
  const ids = participants.map((p) => p.id);
  const screenings =
    ids.length === 0
      ? []
      : await deps.db
          .selectFrom('screenings')
          .select(['participant_id', 'status', 'screened_at'])
          .where('participant_id', 'in', ids)
          .execute();
  const consents =
    ids.length === 0
      ? []
      : await deps.db
          .selectFrom('consents')
          .select('participant_id')
          .where('participant_id', 'in', ids)
          .execute();
  const consented = new Set(consents.map((c) => c.participant_id));
  const funnel = new Map<string, Dashboard['funnel'][number]>();
  for (const p of participants) {
    const s = screenings.find((x) => x.participant_id === p.id);
    const week = mondayOf(s?.screened_at ?? p.createdAt);
    const key = `${p.siteId} ${week}`;
    const row = funnel.get(key) ?? {
      siteId: p.siteId,
      week,
      screened: 0,
      eligible: 0,
      consented: 0,
      randomized: 0,
      completed: 0,
    };
    row.screened += 1;
    if (s?.status === 'eligible') row.eligible += 1;
    if (consented.has(p.id) || AFTER_CONSENT.has(p.status)) row.consented += 1;
    if (p.randomizationNumber !== null) row.randomized += 1;
    if (p.status === 'completed') row.completed += 1;
    funnel.set(key, row);
  }

  const overdueVisits: Dashboard['overdueVisits'] = [];
  const overdueDoses: Dashboard['overdueDoses'] = [];
  for (const p of participants.filter((x) => x.randomizationNumber !== null)) {
    if (may(actor, 'dose.read', trialId, p.siteId)) {
      for (const d of await participantDoses(deps, actor, p.id)) {
        if (d.status === 'planned' && d.state === 'missed') {
          overdueDoses.push({
            participantId: p.id,
            screeningNumber: p.screeningNumber,
            siteId: p.siteId,
            administrationId: d.id,
            regimenId: d.label,
            scheduledAt: d.scheduledAt,
          });
        }
      }
      for (const v of await participantVisits(deps, actor, p.id)) {
        if (v.status === 'missed') {
          overdueVisits.push({
            participantId: p.id,
            screeningNumber: p.screeningNumber,
            siteId: p.siteId,
            visitId: v.visitId,
            label: v.label,
            windowEnd: v.windowEnd,
          });
        }
      }
    }
  }

  const byId = new Map(participants.map((p) => [p.id, p]));
  const openQueries = may(actor, 'query.read', trialId)
    ? (await listQueries(deps, actor, trialId, { status: 'open' })).map((q) => ({
        id: q.id,
        participantId: q.participantId,
        screeningNumber: byId.get(q.participantId)?.screeningNumber ?? '',
        siteId: q.siteId,
        field: q.field,
        text: q.text,
        openedAt: q.openedAt,
      }))
    : [];

  const { loaded } = await currentProtocol(deps, trialId);
  return {
    funnel: [...funnel.values()].sort(
      (a, b) => a.week.localeCompare(b.week) || a.siteId.localeCompare(b.siteId),
    ),
    target: valueOf(loaded.protocol.enrolment.planned),
    randomizedTotal: participants.filter((p) => p.randomizationNumber !== null).length,
    overdueVisits,
    overdueDoses,
    openQueries,
  };
}

/** GET /api/trials/:trialId/dashboard (any role in the trial; site roles see their sites). */
export function registerDashboardRoutes(app: ZodApp, deps: ServerDeps): void {
  app.get(
    '/api/trials/:trialId/dashboard',
    {
      schema: {
        tags: ['trials'],
        summary:
          'The trial dashboard: screening funnel, enrolment against target, overdue work, open queries',
        params: TrialParams,
        response: { 200: DashboardSchema, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    (request) => dashboardOf(deps, actorOf(request), request.params.trialId),
  );
}
