import { TrialError } from '@immunotrial/core';
import { z } from 'zod';
import type { ServerDeps } from '../deps.js';
import {
  evaluateBundle,
  listScreenings,
  manualOutcome,
  outcomeOfResult,
  recordScreening,
  type ScreeningOutcome,
} from '../use-cases/screening.js';
import { listTrialSites } from '../use-cases/sites.js';
import { currentProtocol, listTrials, protocolVersion } from '../use-cases/trials.js';
import { formDefinitions } from '../use-cases/forms.js';
import { listParticipants } from '../use-cases/participants.js';
import { actorOf } from './request-context.js';
import {
  ERRORS,
  IdParam,
  InstantText,
  JsonValueSchema,
  ParticipantSchema,
  ScreeningSchema,
  text,
  TrialParams,
} from './schemas.js';
import type { ZodApp } from './zod-app.js';

const CriterionAnswer = z
  .object({
    id: z.string().regex(/^[IE]\d+$/, 'expected a criterion id such as I1'),
    result: z.enum(['met', 'not_met', 'unknown']),
    reason: text(500).optional(),
  })
  .strict();

/** An entry of `immunotrial screen --format json` (one patient). */
const ScreenJsonPatient = z
  .object({
    patientId: text(200).min(1),
    status: z.enum(['eligible', 'ineligible', 'incomplete']),
    stratum: text(100).optional(),
    dosingDeadline: z.string().nullable().optional(),
    criteria: z
      .array(
        z
          .object({
            id: z.string().regex(/^[IE]\d+$/),
            kind: z.enum(['inclusion', 'exclusion']),
            result: z.enum(['met', 'not_met', 'unknown']),
            reason: text(2000),
            evidence: z.array(JsonValueSchema).max(200).optional(),
          })
          .strict(),
      )
      .max(200),
  })
  .strict();

const ScreeningBody = z
  .object({
    siteId: IdParam,
    at: InstantText.optional().describe('screening instant; default now'),
    bundle: z.record(z.string(), z.unknown()).optional().describe('a FHIR R4 Bundle holding one patient'),
    result: ScreenJsonPatient.optional().describe('one patient of `immunotrial screen --format json`'),
    patientRef: text(200).min(1).optional().describe("manual screening: the site's patient reference"),
    criteria: z.array(CriterionAnswer).max(200).optional().describe('manual screening: every criterion'),
  })
  .strict();

/** Trials, their sites, protocol and forms; the screening log. */
export function registerTrialRoutes(app: ZodApp, deps: ServerDeps): void {
  app.get(
    '/api/trials',
    {
      schema: {
        tags: ['trials'],
        summary: 'Trials the caller holds a role in',
        response: {
          200: z.array(
            z.object({ id: z.string(), acronym: z.string(), title: z.string(), currentVersion: z.number() }),
          ),
          ...ERRORS,
        },
      },
    },
    (request) => listTrials(deps, actorOf(request)),
  );
  app.get(
    '/api/trials/:trialId/sites',
    {
      schema: {
        tags: ['trials'],
        summary: 'Sites of a trial the caller may see',
        params: TrialParams,
        response: {
          200: z.array(
            z.object({ id: z.string(), code: z.string(), name: z.string(), timeZone: z.string() }),
          ),
          ...ERRORS,
        },
      },
    },
    async (request) =>
      (await listTrialSites(deps, actorOf(request), request.params.trialId)).map(
        ({ trialIds: _t, ...s }) => s,
      ),
  );
  app.get(
    '/api/trials/:trialId/protocol',
    {
      schema: {
        tags: ['trials'],
        summary: 'A protocol version (default: current): the file and the parsed protocol',
        params: TrialParams,
        querystring: z.object({ version: z.coerce.number().int().min(1).optional() }).strict(),
        response: {
          200: z.object({
            version: z.number(),
            protocolVersion: z.string(),
            yaml: z.string(),
            protocol: JsonValueSchema,
          }),
          ...ERRORS,
        },
      },
    },
    async (request) => {
      const v = await protocolVersion(deps, actorOf(request), request.params.trialId, request.query.version);
      return {
        version: v.versionNo,
        protocolVersion: v.protocolVersion,
        yaml: v.yaml,
        protocol: v.loaded.protocol,
      };
    },
  );
  app.get(
    '/api/trials/:trialId/forms',
    {
      schema: {
        tags: ['forms'],
        summary: 'Case report form definitions of the current protocol',
        params: TrialParams,
        response: { 200: z.array(JsonValueSchema), ...ERRORS },
      },
    },
    (request) => formDefinitions(deps, actorOf(request), request.params.trialId),
  );
  app.post(
    '/api/trials/:trialId/screenings/evaluate',
    {
      schema: {
        tags: ['screening'],
        summary: 'Evaluate a FHIR bundle against the protocol (nothing is written)',
        params: TrialParams,
        body: z
          .object({ siteId: IdParam, bundle: z.record(z.string(), z.unknown()), at: InstantText.optional() })
          .strict(),
        response: { 200: JsonValueSchema, ...ERRORS },
      },
    },
    (request) =>
      evaluateBundle(deps, actorOf(request), request.params.trialId, {
        siteId: request.body.siteId,
        bundle: request.body.bundle,
        ...(request.body.at === undefined ? {} : { at: Date.parse(request.body.at) }),
      }),
  );
  app.post(
    '/api/trials/:trialId/screenings',
    {
      schema: {
        tags: ['screening'],
        summary:
          'Record a screening: from a FHIR bundle, an `immunotrial screen` entry, or by hand (exactly one)',
        params: TrialParams,
        body: ScreeningBody,
        response: {
          200: z.object({ screening: ScreeningSchema, participant: ParticipantSchema }),
          ...ERRORS,
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { trialId } = request.params;
      const b = request.body;
      const given = [b.bundle, b.result, b.criteria].filter((x) => x !== undefined).length;
      if (given !== 1)
        throw new TrialError(
          'request.invalid',
          'body: send exactly one of bundle, result, or patientRef with criteria',
          'body',
        );
      const at = b.at === undefined ? deps.clock() : Date.parse(b.at);
      let outcome: ScreeningOutcome;
      let source: 'fhir' | 'screen_json' | 'manual';
      if (b.bundle !== undefined) {
        outcome = outcomeOfResult(
          await evaluateBundle(deps, actor, trialId, { siteId: b.siteId, bundle: b.bundle, at }),
          new Date(at).toISOString(),
        );
        source = 'fhir';
      } else if (b.result !== undefined) {
        const r = b.result;
        const { loaded } = await currentProtocol(deps, trialId);
        const { inclusion, exclusion } = loaded.protocol.eligibility;
        const textOf = (id: string): string =>
          [...inclusion, ...exclusion].find((x) => x.id === id)?.text ?? '';
        outcome = {
          patientRef: r.patientId,
          status: r.status,
          stratum: r.stratum ?? null,
          screenedAt: new Date(at).toISOString(),
          criteria: r.criteria.map((c) => ({
            ...c,
            evidence: c.evidence ?? [],
            decidedBy: 'data',
            text: textOf(c.id),
          })),
        };
        source = 'screen_json';
      } else {
        if (b.patientRef === undefined)
          throw new TrialError('request.invalid', 'patientRef: required with criteria', 'patientRef');
        outcome = await manualOutcome(deps, trialId, { patientRef: b.patientRef, answers: b.criteria ?? [] });
        source = 'manual';
      }
      return recordScreening(deps, actor, trialId, { siteId: b.siteId, source, outcome });
    },
  );
  app.get(
    '/api/trials/:trialId/screenings',
    {
      schema: {
        tags: ['screening'],
        summary: 'The screening log',
        params: TrialParams,
        querystring: z.object({ siteId: IdParam.optional() }).strict(),
        response: { 200: z.array(ScreeningSchema), ...ERRORS },
      },
    },
    (request) => listScreenings(deps, actorOf(request), request.params.trialId, request.query.siteId),
  );
  app.get(
    '/api/trials/:trialId/participants',
    {
      schema: {
        tags: ['participants'],
        summary: 'Participants of the sites the caller may read (arm only for unblinded roles)',
        params: TrialParams,
        querystring: z.object({ siteId: IdParam.optional(), status: z.string().max(40).optional() }).strict(),
        response: { 200: z.array(ParticipantSchema), ...ERRORS },
      },
    },
    (request) => listParticipants(deps, actorOf(request), request.params.trialId, request.query),
  );
}
