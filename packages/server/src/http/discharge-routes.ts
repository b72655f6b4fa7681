import { z } from 'zod';
import type { ServerDeps } from '../deps.js';
import { recordDischarge } from '../use-cases/discharges.js';
import { actorOf } from './request-context.js';
import { ERRORS, InstantText, ParticipantParams, ParticipantSchema, text } from './schemas.js';
import type { ZodApp } from './zod-app.js';

const StayTime = InstantText.nullable().optional();

/**
 * ICU and hospital admission and discharge of a participant (the end of PLATINIUM's daily visits, ICU
 * mortality, both ends of the lengths of stay).
 */
export function registerDischargeRoutes(app: ZodApp, deps: ServerDeps): void {
  app.post(
    '/api/participants/:participantId/discharge',
    {
      schema: {
        tags: ['participants'],
        summary:
          'Record ICU and/or hospital admission and discharge (an instant with its offset; null removes one recorded in error; a change needs a reason)',
        params: ParticipantParams,
        body: z
          .object({
            icuAdmittedAt: StayTime.describe('at or before randomization'),
            hospitalAdmittedAt: StayTime.describe('at or before the ICU admission'),
            icuDischargedAt: StayTime.describe('at or after randomization and the ICU admission'),
            hospitalDischargedAt: StayTime.describe(
              'at or after the ICU discharge and the hospital admission',
            ),
            reason: text(1000).optional(),
          })
          .strict(),
        response: { 200: ParticipantSchema, ...ERRORS },
      },
    },
    (request) => {
      const { icuAdmittedAt, hospitalAdmittedAt, icuDischargedAt, hospitalDischargedAt, reason } =
        request.body;
      const instant = (v: string | null | undefined): number | null | undefined =>
        v === undefined || v === null ? v : Date.parse(v);
      return recordDischarge(deps, actorOf(request), request.params.participantId, {
        icuAdmittedAt: instant(icuAdmittedAt),
        hospitalAdmittedAt: instant(hospitalAdmittedAt),
        icuDischargedAt: instant(icuDischargedAt),
        hospitalDischargedAt: instant(hospitalDischargedAt),
        reason,
      });
    },
  );
}
