import { addDays, formatInstant, startOfLocalDate, TrialError, type Zone } from '@immunotrial/core';
import { type Participant, writeTransaction } from '@immunotrial/db';
import type { Actor } from '../auth/actor.js';
import { isoAt, type ServerDeps } from '../deps.js';
import { type Change, recordAudit } from './audit-write.js';
import { trialOf } from './enrolment.js';
import { participantFor } from './participant-access.js';
import { participantView, type ParticipantView } from './participant-view.js';
import { siteZone } from './site-zone.js';

// ICU and hospital discharge: the end events of visits repeated "until icu_discharge" (PLATINIUM's daily
// follow-up), of ICU mortality and of the lengths of stay (docs/endpoints.md, docs/schedules.md).

/** The two discharge fields, as the API and the audit trail name them. */
export type DischargeField = 'icuDischargedAt' | 'hospitalDischargedAt';

/**
 * What a request changes: an instant (ms since the epoch) records or corrects a discharge, `null` removes
 * one recorded in error, absent leaves it as it is.
 */
export interface DischargeInput {
  readonly icuDischargedAt?: number | null | undefined;
  readonly hospitalDischargedAt?: number | null | undefined;
  /** Required to change or remove a recorded value (like a form edit). */
  readonly reason?: string | undefined;
}

/** A browser clock a few minutes ahead of the server's is not a discharge in the future (as for doses). */
const CLOCK_SKEW_MS = 5 * 60_000;

const LABEL = { icuDischargedAt: 'ICU discharge', hospitalDischargedAt: 'hospital discharge' } as const;
const FIELDS: readonly DischargeField[] = ['icuDischargedAt', 'hospitalDischargedAt'];

/**
 * Records, corrects or removes a randomized participant's ICU and hospital discharge, with one audit event
 * per changed field in the same transaction. Coordinators and investigators of the participant's site
 * (`status.write`, the permission of status changes). Resubmitting the recorded value changes nothing.
 * Checks, each naming the field: not in the future, not before randomization, the hospital discharge not
 * before the ICU discharge, neither after the end of a recorded death date (site's local day).
 * @throws TrialError `request.invalid` (nothing to record, a check failed, a correction without reason),
 *   `state.invalid` (not randomized), `not_found`, `auth.forbidden`.
 */
export async function recordDischarge(
  deps: ServerDeps,
  actor: Actor,
  participantId: string,
  input: DischargeInput,
): Promise<ParticipantView> {
  const given = FIELDS.filter((f) => input[f] !== undefined);
  const trialId = await trialOf(deps, participantId);
  return writeTransaction(deps.db, trialId, async (tx) => {
    // Access first, so another site's participant answers not_found whatever the body.
    const { participant: p, role } = await participantFor(tx, actor, participantId, 'status.write', true);
    if (given.length === 0)
      throw new TrialError('request.invalid', 'icuDischargedAt or hospitalDischargedAt: one is required');
    const allocation = await tx
      .selectFrom('allocations')
      .select('randomized_at')
      .where('participant_id', '=', p.id)
      .executeTakeFirst();
    if (allocation === undefined)
      throw new TrialError(
        'state.invalid',
        `a ${p.status} participant has no discharge to record before randomization`,
      );
    const zone = await siteZone(tx, p.site_id);
    const recorded = { icuDischargedAt: p.icu_discharged_at, hospitalDischargedAt: p.hospital_discharged_at };
    const next = { ...recorded };
    for (const f of given) {
      const value = input[f];
      next[f] = value === undefined || value === null ? null : isoAt(value);
    }
    const changed = FIELDS.filter((f) => next[f] !== recorded[f]);
    if (changed.length === 0) return participantView(p);
    // The values first: a reason does not make a wrong time right.
    for (const f of changed) {
      const value = next[f];
      if (value !== null)
        checkInstant(f, Date.parse(value), {
          now: deps.clock(),
          randomizedAt: Date.parse(allocation.randomized_at),
          deathDate: p.death_date,
          zone,
        });
    }
    const { icuDischargedAt: icu, hospitalDischargedAt: hospital } = next;
    if (icu !== null && hospital !== null && Date.parse(hospital) < Date.parse(icu)) {
      const [icuShown, hospitalShown] = [
        formatInstant(Date.parse(icu), zone),
        formatInstant(Date.parse(hospital), zone),
      ];
      // Name the field the request changed: moving the ICU discharge past a recorded hospital discharge.
      throw changed.includes('hospitalDischargedAt')
        ? new TrialError(
            'request.invalid',
            `hospitalDischargedAt: ${hospitalShown} is before the ICU discharge (${icuShown})`,
            'hospitalDischargedAt',
          )
        : new TrialError(
            'request.invalid',
            `icuDischargedAt: ${icuShown} is after the hospital discharge (${hospitalShown})`,
            'icuDischargedAt',
          );
    }
    const reason = (input.reason ?? '').trim();
    for (const f of changed) {
      const old = recorded[f];
      if (old !== null && reason === '')
        throw new TrialError(
          'request.invalid',
          `reason: the recorded ${LABEL[f]} (${formatInstant(Date.parse(old), zone)}) can be changed only with a reason`,
          'reason',
        );
    }
    const at = isoAt(deps.clock());
    // `updated_at` stays: for a dead or withdrawn participant it is when follow-up stopped (the calendars'
    // and the analyses' stop), which a discharge recorded later must not move.
    const update = { icu_discharged_at: icu, hospital_discharged_at: hospital };
    await tx.updateTable('participants').set(update).where('id', '=', p.id).execute();
    await recordAudit(tx, trialId, at, actor, role, changes(p, changed, recorded, next, reason));
    return participantView({ ...p, ...update });
  });
}

function changes(
  p: Participant,
  fields: readonly DischargeField[],
  before: Readonly<Record<DischargeField, string | null>>,
  after: Readonly<Record<DischargeField, string | null>>,
  reason: string,
): Change[] {
  return fields.map((f) => ({
    siteId: p.site_id,
    action: 'update',
    entity: 'participant',
    entityId: p.id,
    field: f,
    oldValue: before[f],
    newValue: after[f],
    reason: reason === '' ? null : reason,
    protocolVersion: p.protocol_version,
  }));
}

/**
 * One discharge instant against the clock, randomization and a recorded death date. A death is a date
 * without a time, so a discharge is refused only after the end of that local day at the site.
 */
function checkInstant(
  field: DischargeField,
  t: number,
  ctx: { now: number; randomizedAt: number; deathDate: string | null; zone: Zone },
): void {
  const shown = formatInstant(t, ctx.zone);
  if (t > ctx.now + CLOCK_SKEW_MS)
    throw new TrialError('request.invalid', `${field}: ${shown} is in the future`, field);
  if (t < ctx.randomizedAt)
    throw new TrialError(
      'request.invalid',
      `${field}: ${shown} is before randomization (${formatInstant(ctx.randomizedAt, ctx.zone)})`,
      field,
    );
  if (ctx.deathDate !== null && t >= startOfLocalDate(addDays(ctx.deathDate, 1), ctx.zone))
    throw new TrialError(
      'request.invalid',
      `${field}: ${shown} is after the recorded death date (${ctx.deathDate})`,
      field,
    );
}
