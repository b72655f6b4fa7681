import { TrialError } from '@immunotrial/core';
import type { Participant, Tx } from '@immunotrial/db';
import type { Kysely } from 'kysely';
import type { Database } from '@immunotrial/db';
import { type Actor, authorize, rolesAt, seesArms } from '../auth/actor.js';
import type { Permission, Role } from '../auth/roles.js';

/** A participant the actor may act on, with the role that allows it and whether the actor sees arms. */
export interface ParticipantAccess {
  readonly participant: Participant;
  readonly role: Role;
  readonly unblinded: boolean;
}

/**
 * Loads a participant for an action. A user with no role at the participant's site gets `not_found`, the
 * same answer as for an id that does not exist, so other sites' participants cannot even be probed;
 * a role there without the permission gets `auth.forbidden`.
 * @param db - The database or the current transaction (use the transaction for writes).
 * @param forUpdate - Lock the row (writes that check the participant's state).
 */
export async function participantFor(
  db: Kysely<Database> | Tx,
  actor: Actor,
  participantId: string,
  permission: Permission,
  forUpdate = false,
): Promise<ParticipantAccess> {
  const participant = await db
    .selectFrom('participants')
    .selectAll()
    .where('id', '=', participantId)
    .$if(forUpdate, (q) => q.forUpdate())
    .executeTakeFirst();
  return accessTo(actor, participant, participantId, permission);
}

/**
 * The access checks of `participantFor` on a participant row the caller has already read (a service that
 * reads it with other rows in one query).
 * @throws TrialError `not_found`, `auth.forbidden`.
 */
export function accessTo(
  actor: Actor,
  participant: Participant | undefined,
  participantId: string,
  permission: Permission,
): ParticipantAccess {
  if (participant === undefined || rolesAt(actor, participant.trial_id, participant.site_id).length === 0) {
    throw new TrialError('not_found', `no participant "${participantId}"`);
  }
  const role = authorize(actor, permission, participant.trial_id, participant.site_id);
  return { participant, role, unblinded: seesArms(actor, participant.trial_id, participant.site_id) };
}
