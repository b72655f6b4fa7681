import { z } from 'zod';
import type { ServerDeps } from '../deps.js';
import { recordDischarge } from '../use-cases/discharges.js';
import { actorOf } from './request-context.js';
import { ERRORS, InstantText, ParticipantParams, ParticipantSchema, text } from './schemas.js';
import type { ZodApp } from './zod-app.js';

const DischargeTime = InstantText.nullable().optional();

/** ICU and hospital discharge of a participant (the end of PLATINIUM's daily visits, ICU mortality, LOS). */
export function registerDischargeRoutes(app: ZodApp, deps: ServerDeps): void {
  app.post(
    '/api/participants/:participantId/discharge',
    {
      schema: {
        tags: ['participants'],
        summary:
          'Record ICU and/or hospital discharge (an instant with its offset; null removes one recorded in error; a change needs a reason)',
        params: ParticipantParams,
        body: z
          .object({
            icuDischargedAt: DischargeTime,
            hospitalDischargedAt: DischargeTime,
            reason: text(1000).optional(),
          })
          .strict(),
        response: { 200: ParticipantSchema, ...ERRORS },
      },
    },
    (request) => {
      const { icuDischargedAt, hospitalDischargedAt, reason } = request.body;
      const instant = (v: string | null | undefined): number | null | undefined =>
        v === undefined || v === null ? v : Date.parse(v);
      return recordDischarge(deps, actorOf(request), request.params.participantId, {
        icuDischargedAt: instant(icuDischargedAt),
        hospitalDischargedAt: instant(hospitalDischargedAt),
        reason,
      });
    },
  );
}
