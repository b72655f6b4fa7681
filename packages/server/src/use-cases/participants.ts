import { localDateOf, TrialError } from '@immunotrial/core';
import { type JsonValue, type Tx, writeTransaction } from '@immunotrial/db';
import { type Actor, authorize, seesArms, sitesFor } from '../auth/actor.js';
import { isoAt, type ServerDeps } from '../deps.js';
import { recordAudit } from './audit-write.js';
import { trialOf } from './enrolment.js';
import { participantFor } from './participant-access.js';
import { participantView, type ParticipantView } from './participant-view.js';
import { screeningView, type ScreeningView } from './screening.js';
import { siteZone } from './site-zone.js';
import { nextStatusesOf } from './status-transitions.js';

/** Participant statuses (issue 4), plus `screen_failed` for the screening log. */
export const PARTICIPANT_STATUSES = [
  'screened',
  'screen_failed',
  'consented',
  'randomized',
  'on_treatment',
  'follow_up',
  'completed',
  'withdrawn',
  'dead',
] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

/** The participants of a trial the actor may read; an unblinded role also gets each arm. */
export async function listParticipants(
  deps: ServerDeps,
  actor: Actor,
  trialId: string,
  filter: { siteId?: string | undefined; status?: string | undefined } = {},
): Promise<ParticipantView[]> {
  authorize(actor, 'participant.read', trialId);
  const scope = sitesFor(actor, 'participant.read', trialId);
  const rows = await deps.db
    .selectFrom('participants')
    .leftJoin('allocations', 'allocations.participant_id', 'participants.id')
    .selectAll('participants')
    .select('allocations.arm')
    .where('participants.trial_id', '=', trialId)
    .$if(filter.siteId !== undefined, (q) => q.where('participants.site_id', '=', filter.siteId ?? ''))
    .$if(filter.status !== undefined, (q) => q.where('participants.status', '=', filter.status ?? ''))
    .orderBy('participants.created_at')
    .orderBy('participants.screening_number')
    .execute();
  return rows
    .filter((r) => scope === 'all' || scope.includes(r.site_id))
    .map(({ arm, ...p }) =>
      participantView(p, arm !== null && seesArms(actor, trialId, p.site_id) ? arm : undefined),
    );
}

/** Everything about one participant a role may see. */
export interface ParticipantDetail {
  readonly participant: ParticipantView;
  readonly screening: ScreeningView | null;
  readonly consent: { readonly givenBy: string; readonly consentDate: string } | null;
  readonly eligibility: {
    readonly eligible: boolean;
    readonly signerName: string;
    readonly signedAt: string;
    readonly meaning: string;
    readonly answers: JsonValue;
  } | null;
  readonly randomization: {
    readonly randomizationNumber: number;
    readonly kitNumber: string | null;
    readonly randomizedAt: string;
    readonly arm?: string;
  } | null;
}

/** One participant in full (arm only for unblinded roles). */
export async function participantDetail(
  deps: ServerDeps,
  actor: Actor,
  participantId: string,
): Promise<ParticipantDetail> {
  const { participant: p, unblinded } = await participantFor(
    deps.db,
    actor,
    participantId,
    'participant.read',
  );
  const screening = await deps.db
    .selectFrom('screenings')
    .selectAll()
    .where('participant_id', '=', p.id)
    .orderBy('recorded_at', 'desc')
    .executeTakeFirst();
  const consent = await deps.db
    .selectFrom('consents')
    .selectAll()
    .where('participant_id', '=', p.id)
    .orderBy('recorded_at', 'desc')
    .executeTakeFirst();
  const eligibility = await deps.db
    .selectFrom('eligibility_confirmations')
    .selectAll()
    .where('participant_id', '=', p.id)
    .orderBy('signed_at', 'desc')
    .executeTakeFirst();
  const allocation = await deps.db
    .selectFrom('allocations')
    .selectAll()
    .where('participant_id', '=', p.id)
    .executeTakeFirst();
  return {
    participant: participantView(p, unblinded && allocation !== undefined ? allocation.arm : undefined),
    screening: screening === undefined ? null : screeningView(screening, p.screening_number),
    consent: consent === undefined ? null : { givenBy: consent.given_by, consentDate: consent.consent_date },
    eligibility:
      eligibility === undefined
        ? null
        : {
            eligible: eligibility.eligible,
            signerName: eligibility.signer_name,
            signedAt: eligibility.signed_at,
            meaning: eligibility.meaning,
            answers: eligibility.answers,
          },
    randomization:
      allocation === undefined || p.randomization_number === null
        ? null
        : {
            randomizationNumber: p.randomization_number,
            kitNumber: allocation.kit_number,
            randomizedAt: allocation.randomized_at,
            ...(unblinded ? { arm: allocation.arm } : {}),
          },
  };
}

/**
 * Changes a participant's status by hand: into treatment, follow-up, completed, withdrawn (with the
 * reason and what data may still be collected) or dead (with the date).
 * @throws TrialError `state.invalid` for a transition the status does not allow, `request.invalid` for a
 *   missing reason, date or data statement.
 */
export async function changeStatus(
  deps: ServerDeps,
  actor: Actor,
  participantId: string,
  input: {
    status: ParticipantStatus;
    reason?: string | undefined;
    deathDate?: string | undefined;
    dataAfterWithdrawal?: string | undefined;
  },
): Promise<ParticipantView> {
  if (
    input.status === 'withdrawn' &&
    ((input.reason ?? '').trim() === '' || input.dataAfterWithdrawal === undefined)
  ) {
    throw new TrialError(
      'request.invalid',
      'withdrawal needs a reason and dataAfterWithdrawal (what may still be collected)',
      'reason',
    );
  }
  if (input.status === 'dead' && input.deathDate === undefined)
    throw new TrialError('request.invalid', 'deathDate: required', 'deathDate');
  const trialId = await trialOf(deps, participantId);
  return writeTransaction(deps.db, trialId, async (tx) => {
    const { participant: p, role } = await participantFor(tx, actor, participantId, 'status.write', true);
    if (!(nextStatusesOf(p.status) as readonly string[]).includes(input.status)) {
      throw new TrialError(
        'state.invalid',
        `a ${p.status} participant cannot become ${input.status}`,
        'status',
      );
    }
    if (input.status === 'dead') await checkDeathDate(tx, p, input.deathDate ?? '', deps.clock());
    const at = isoAt(deps.clock());
    const update = {
      status: input.status,
      status_reason: input.reason ?? null,
      updated_at: at,
      ...(input.status === 'dead' ? { death_date: input.deathDate ?? null } : {}),
      ...(input.status === 'withdrawn' ? { data_after_withdrawal: input.dataAfterWithdrawal ?? null } : {}),
    };
    await tx.updateTable('participants').set(update).where('id', '=', p.id).execute();
    await recordAudit(tx, trialId, at, actor, role, [
      {
        siteId: p.site_id,
        action: 'update',
        entity: 'participant',
        entityId: p.id,
        field: 'status',
        oldValue: p.status,
        newValue: {
          status: input.status,
          deathDate: input.deathDate ?? null,
          dataAfterWithdrawal: input.dataAfterWithdrawal ?? null,
        },
        reason: input.reason ?? null,
        protocolVersion: p.protocol_version,
      },
    ]);
    return participantView({ ...p, ...update });
  });
}

/**
 * A death date is a calendar date at the participant's site: not after today there (a date typed a year
 * ahead would otherwise end follow-up in the analyses), and not before the participant was screened.
 * @throws TrialError `request.invalid` naming `deathDate`.
 */
async function checkDeathDate(
  tx: Tx,
  p: {
    site_id: string;
    created_at: string;
    icu_discharged_at: string | null;
    hospital_discharged_at: string | null;
  },
  deathDate: string,
  now: number,
): Promise<void> {
  const zone = await siteZone(tx, p.site_id);
  const today = localDateOf(now, zone);
  if (deathDate > today)
    throw new TrialError(
      'request.invalid',
      `deathDate: ${deathDate} is after today (${today} at the site, ${zone.name})`,
      'deathDate',
    );
  const screened = localDateOf(Date.parse(p.created_at), zone);
  if (deathDate < screened)
    throw new TrialError(
      'request.invalid',
      `deathDate: ${deathDate} is before the participant was screened (${screened})`,
      'deathDate',
    );
  // The mirror of the discharge check (discharges.ts): nobody leaves the ICU or hospital after their death day.
  const discharges = [p.icu_discharged_at, p.hospital_discharged_at].filter((d) => d !== null);
  const lastDischarge = discharges
    .map((d) => localDateOf(Date.parse(d), zone))
    .sort()
    .at(-1);
  if (lastDischarge !== undefined && deathDate < lastDischarge)
    throw new TrialError(
      'request.invalid',
      `deathDate: ${deathDate} is before the recorded discharge (${lastDischarge})`,
      'deathDate',
    );
}
