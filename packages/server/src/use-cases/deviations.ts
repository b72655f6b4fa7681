import { TrialError } from '@immunotrial/core';
import { type Deviation, writeTransaction } from '@immunotrial/db';
import { type Actor, authorize, sitesFor } from '../auth/actor.js';
import { isoAt, type ServerDeps } from '../deps.js';
import { recordAudit } from './audit-write.js';
import { trialOf } from './enrolment.js';
import { participantFor } from './participant-access.js';

/** A protocol deviation as shown. */
export interface DeviationView {
  readonly id: string;
  readonly participantId: string;
  readonly siteId: string;
  readonly kind: string;
  readonly description: string;
  readonly origin: string;
  readonly at: string;
  readonly protocolVersion: number;
}

function view(d: Deviation): DeviationView {
  return {
    id: d.id,
    participantId: d.participant_id,
    siteId: d.site_id,
    kind: d.kind,
    description: d.description,
    origin: d.origin,
    at: d.at,
    protocolVersion: d.protocol_version,
  };
}

/** Records a deviation by hand (automatic ones come from dosing). @throws `request.invalid` for empty text. */
export async function recordDeviation(
  deps: ServerDeps,
  actor: Actor,
  participantId: string,
  input: { kind: string; description: string },
): Promise<DeviationView> {
  if (input.description.trim() === '')
    throw new TrialError('request.invalid', 'description: say what happened', 'description');
  const trialId = await trialOf(deps, participantId);
  return writeTransaction(deps.db, trialId, async (tx) => {
    const { participant: p, role } = await participantFor(tx, actor, participantId, 'deviation.write');
    const at = isoAt(deps.clock());
    const row = {
      id: deps.newId(),
      trial_id: trialId,
      site_id: p.site_id,
      participant_id: p.id,
      kind: input.kind,
      description: input.description,
      origin: 'manual',
      related_id: null,
      at,
      recorded_by: actor.userId,
      protocol_version: p.protocol_version,
    };
    await tx.insertInto('deviations').values(row).execute();
    await recordAudit(tx, trialId, at, actor, role, [
      {
        siteId: p.site_id,
        action: 'create',
        entity: 'deviation',
        entityId: row.id,
        newValue: { kind: input.kind, description: input.description },
        protocolVersion: p.protocol_version,
      },
    ]);
    return view(row);
  });
}

/** Deviations of a trial (or one participant) for the sites the actor may read. */
export async function listDeviations(
  deps: ServerDeps,
  actor: Actor,
  trialId: string,
  participantId?: string,
): Promise<DeviationView[]> {
  authorize(actor, 'participant.read', trialId);
  const scope = sitesFor(actor, 'participant.read', trialId);
  const rows = await deps.db
    .selectFrom('deviations')
    .selectAll()
    .where('trial_id', '=', trialId)
    .$if(participantId !== undefined, (q) => q.where('participant_id', '=', participantId ?? ''))
    .orderBy('at')
    .execute();
  return rows.filter((d) => scope === 'all' || scope.includes(d.site_id)).map(view);
}
