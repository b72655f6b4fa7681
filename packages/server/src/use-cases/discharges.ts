import { addDays, formatInstant, startOfLocalDate, TrialError, type Zone } from '@immunotrial/core';
import { type Participant, writeTransaction } from '@immunotrial/db';
import type { Actor } from '../auth/actor.js';
import { isoAt, type ServerDeps } from '../deps.js';
import { type Change, recordAudit } from './audit-write.js';
import { trialOf } from './enrolment.js';
import { participantFor } from './participant-access.js';
import { participantView, type ParticipantView } from './participant-view.js';
import { siteZone } from './site-zone.js';

// ICU and hospital admission and discharge: the end events of visits repeated "until icu_discharge"
// (PLATINIUM's daily follow-up) and of ICU mortality, and both ends of the lengths of stay
// (docs/endpoints.md, docs/schedules.md, analysis-length-of-stay.ts).

/** The two discharge fields, as the API and the audit trail name them. */
export type DischargeField = 'icuDischargedAt' | 'hospitalDischargedAt';
/** The two admission fields, as the API and the audit trail name them. */
export type AdmissionField = 'icuAdmittedAt' | 'hospitalAdmittedAt';
/** Every field the discharge route records. */
export type StayField = AdmissionField | DischargeField;

/**
 * What a request changes: an instant (ms since the epoch) records or corrects an admission or a discharge,
 * `null` removes one recorded in error, absent leaves it as it is.
 */
export interface DischargeInput {
  readonly icuAdmittedAt?: number | null | undefined;
  readonly hospitalAdmittedAt?: number | null | undefined;
  readonly icuDischargedAt?: number | null | undefined;
  readonly hospitalDischargedAt?: number | null | undefined;
  /** Required to change or remove a recorded value (like a form edit). */
  readonly reason?: string | undefined;
}

/** A browser clock a few minutes ahead of the server's is not a discharge in the future (as for doses). */
const CLOCK_SKEW_MS = 5 * 60_000;

const LABEL = {
  icuAdmittedAt: 'ICU admission',
  hospitalAdmittedAt: 'hospital admission',
  icuDischargedAt: 'ICU discharge',
  hospitalDischargedAt: 'hospital discharge',
} as const;
const FIELDS: readonly StayField[] = [
  'hospitalAdmittedAt',
  'icuAdmittedAt',
  'icuDischargedAt',
  'hospitalDischargedAt',
];
const ADMISSIONS: readonly StayField[] = ['icuAdmittedAt', 'hospitalAdmittedAt'];

/**
 * The pairs that must not go backwards, earlier first. With randomization in between (admissions at or
 * before it, discharges at or after it) a discharge cannot precede its admission through this route, but a
 * row written otherwise (a restore, a later rule change) is still refused rather than left to give a
 * negative length of stay.
 */
const ORDER: readonly (readonly [StayField, StayField])[] = [
  ['hospitalAdmittedAt', 'icuAdmittedAt'],
  ['icuAdmittedAt', 'icuDischargedAt'],
  ['hospitalAdmittedAt', 'hospitalDischargedAt'],
  ['icuDischargedAt', 'hospitalDischargedAt'],
];

/** The recorded or requested value of each field: ISO-8601 UTC text, or null. */
export type StayTimes = Readonly<Record<StayField, string | null>>;

/**
 * Records, corrects or removes a randomized participant's ICU and hospital admission and discharge, with
 * one audit event per changed field in the same transaction. Coordinators and investigators of the
 * participant's site (`status.write`, the permission of status changes). Resubmitting the recorded value
 * changes nothing.
 * Checks, each naming the field: none in the future; admissions not after randomization (patients are
 * screened and randomized in the ICU), discharges not before it nor after the end of a recorded death date
 * (site's local day); the hospital admission not after the ICU admission, each discharge not before its
 * admission, the hospital discharge not before the ICU discharge.
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
      throw new TrialError(
        'request.invalid',
        'icuAdmittedAt, hospitalAdmittedAt, icuDischargedAt or hospitalDischargedAt: one is required',
      );
    const allocation = await tx
      .selectFrom('allocations')
      .select('randomized_at')
      .where('participant_id', '=', p.id)
      .executeTakeFirst();
    if (allocation === undefined)
      throw new TrialError(
        'state.invalid',
        `a ${p.status} participant has no admission or discharge to record before randomization`,
      );
    const zone = await siteZone(tx, p.site_id);
    const recorded: StayTimes = {
      icuAdmittedAt: p.icu_admitted_at,
      hospitalAdmittedAt: p.hospital_admitted_at,
      icuDischargedAt: p.icu_discharged_at,
      hospitalDischargedAt: p.hospital_discharged_at,
    };
    const next: Record<StayField, string | null> = { ...recorded };
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
    const disorder = stayOrderError(next, changed, zone);
    if (disorder !== undefined) throw disorder;
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
    const update = {
      icu_admitted_at: next.icuAdmittedAt,
      hospital_admitted_at: next.hospitalAdmittedAt,
      icu_discharged_at: next.icuDischargedAt,
      hospital_discharged_at: next.hospitalDischargedAt,
    };
    await tx.updateTable('participants').set(update).where('id', '=', p.id).execute();
    await recordAudit(tx, trialId, at, actor, role, changes(p, changed, recorded, next, reason));
    return participantView({ ...p, ...update });
  });
}

/**
 * The first pair of recorded times out of order (an admission after the ICU admission or after its
 * discharge, the hospital discharge before the ICU discharge), as the error to answer; undefined when all
 * are in order. The error names the field the request changed: the later one of the pair when it changed,
 * else the earlier one (moving the ICU discharge past a recorded hospital discharge names the ICU discharge).
 * @param times - The values after the request, ISO-8601 UTC or null (a null is never out of order).
 * @param changed - The fields the request changes.
 * @param zone - The site's zone, in which the message shows the instants.
 * @example stayOrderError({ …, icuDischargedAt: '2026-03-21T14:00:00.000Z', hospitalDischargedAt: '2026-03-20T09:00:00.000Z' }, ['hospitalDischargedAt'], utc)
 *   // => TrialError 'hospitalDischargedAt: 2026-03-20T09:00:00Z is before the ICU discharge (2026-03-21T14:00:00Z)'
 */
export function stayOrderError(
  times: StayTimes,
  changed: readonly StayField[],
  zone: Zone,
): TrialError | undefined {
  for (const [earlier, later] of ORDER) {
    const [a, b] = [times[earlier], times[later]];
    if (a === null || b === null || Date.parse(b) >= Date.parse(a)) continue;
    const [aShown, bShown] = [formatInstant(Date.parse(a), zone), formatInstant(Date.parse(b), zone)];
    return changed.includes(later)
      ? new TrialError(
          'request.invalid',
          `${later}: ${bShown} is before the ${LABEL[earlier]} (${aShown})`,
          later,
        )
      : new TrialError(
          'request.invalid',
          `${earlier}: ${aShown} is after the ${LABEL[later]} (${bShown})`,
          earlier,
        );
  }
  return undefined;
}

function changes(
  p: Participant,
  fields: readonly StayField[],
  before: StayTimes,
  after: StayTimes,
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
 * One admission or discharge instant against the clock, randomization and a recorded death date.
 * Admissions are at or before randomization, discharges at or after it. A death is a date without a time,
 * so a discharge is refused only after the end of that local day at the site.
 */
function checkInstant(
  field: StayField,
  t: number,
  ctx: { now: number; randomizedAt: number; deathDate: string | null; zone: Zone },
): void {
  const shown = formatInstant(t, ctx.zone);
  const randomized = formatInstant(ctx.randomizedAt, ctx.zone);
  if (t > ctx.now + CLOCK_SKEW_MS)
    throw new TrialError('request.invalid', `${field}: ${shown} is in the future`, field);
  if (ADMISSIONS.includes(field)) {
    if (t > ctx.randomizedAt)
      throw new TrialError(
        'request.invalid',
        `${field}: ${shown} is after randomization (${randomized}); participants are randomized in the ICU`,
        field,
      );
    return;
  }
  if (t < ctx.randomizedAt)
    throw new TrialError(
      'request.invalid',
      `${field}: ${shown} is before randomization (${randomized})`,
      field,
    );
  if (ctx.deathDate !== null && t >= startOfLocalDate(addDays(ctx.deathDate, 1), ctx.zone))
    throw new TrialError(
      'request.invalid',
      `${field}: ${shown} is after the recorded death date (${ctx.deathDate})`,
      field,
    );
}
