import { z } from 'zod';
import type { ServerDeps } from '../deps.js';
import { formCompleteness } from '../use-cases/analysis-completeness.js';
import { lengthOfStayAnalyses } from '../use-cases/analysis-length-of-stay.js';
import { timeToEventAnalyses } from '../use-cases/analysis-time-to-event.js';
import { actorOf } from './request-context.js';
import { ERRORS, TrialParams } from './schemas.js';
import type { ZodApp } from './zod-app.js';

const StepCurveSchema = z.object({
  label: z.string().describe('"All participants" (blinded) or the arm label of the protocol'),
  steps: z
    .array(z.object({ time: z.number(), value: z.number() }))
    .describe('value after each jump, from time 0; empty for a group nobody is in'),
  censorTimes: z.array(z.number()),
  atRisk: z.array(z.object({ time: z.number(), n: z.number() })).describe('every 7 days and the horizon'),
});

const TimeToEventSchema = z.object({
  endpointId: z.string(),
  label: z.string(),
  kind: z.enum(['km', 'cif']).describe('km: probability without the event; cif: cumulative incidence'),
  timeUnit: z.literal('days').describe('days since randomization, in the site time zone'),
  blinded: z.boolean(),
  groups: z.array(StepCurveSchema),
});

const LengthOfStayGroupSchema = z.object({
  label: z.string().describe('"All participants" (blinded) or the arm label of the protocol'),
  n: z.number(),
  dischargedAlive: z.number().describe('discharged alive by the horizon, admission time recorded'),
  days: z
    .object({ q1: z.number(), median: z.number(), q3: z.number() })
    .nullable()
    .describe(
      '(discharge - admission) / 24 h among those discharged alive, type-7 quartiles (R quantile); null when nobody is',
    ),
  diedInUnit: z.number().describe('died in the unit by the horizon: flagged, no length of stay imputed'),
  stillInUnit: z.number().describe('alive and not discharged by the horizon'),
  admissionUnknown: z.number().describe('discharged alive with no admission time recorded'),
});

const LengthOfStaySchema = z.object({
  endpointId: z.string(),
  label: z.string(),
  unit: z.enum(['icu', 'hospital']),
  timeUnit: z.literal('days'),
  horizonDays: z.number().describe('read up to this many days after randomization (site time zone)'),
  blinded: z.boolean(),
  groups: z.array(LengthOfStayGroupSchema),
});

const CompletenessSchema = z.object({
  formId: z.string(),
  label: z.string(),
  expected: z.number().describe('(participant, instance) pairs due by now'),
  completed: z.number(),
});

/** Statistics and DSMB: time-to-event curves, lengths of stay and form completeness (docs/web-api-needs.md). */
export function registerAnalysisRoutes(app: ZodApp, deps: ServerDeps): void {
  app.get(
    '/api/trials/:trialId/analysis/time-to-event',
    {
      schema: {
        tags: ['analysis'],
        summary:
          'Kaplan-Meier and cumulative-incidence curves: pooled for the statistician, by arm for the unblinded statistician and the DSMB',
        params: TrialParams,
        response: { 200: z.array(TimeToEventSchema), ...ERRORS },
      },
    },
    (request) => timeToEventAnalyses(deps, actorOf(request), request.params.trialId),
  );
  app.get(
    '/api/trials/:trialId/analysis/length-of-stay',
    {
      schema: {
        tags: ['analysis'],
        summary:
          'ICU and hospital length of stay (discharge - admission): pooled for the statistician, by arm for the unblinded statistician and the DSMB',
        params: TrialParams,
        response: { 200: z.array(LengthOfStaySchema), ...ERRORS },
      },
    },
    (request) => lengthOfStayAnalyses(deps, actorOf(request), request.params.trialId),
  );
  app.get(
    '/api/trials/:trialId/analysis/completeness',
    {
      schema: {
        tags: ['analysis'],
        summary:
          'Completeness of each scheduled form: instances due by now and those saved (no split by arm)',
        params: TrialParams,
        response: { 200: z.array(CompletenessSchema), ...ERRORS },
      },
    },
    (request) => formCompleteness(deps, actorOf(request), request.params.trialId),
  );
}
