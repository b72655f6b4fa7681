import { TrialError } from '@immunotrial/core';
import { writeTransaction } from '@immunotrial/db';
import { type Actor, authorize, sitesFor } from '../auth/actor.js';
import { isoAt, type ServerDeps } from '../deps.js';
import { recordAudit } from './audit-write.js';
import { trialOf } from './enrolment.js';
import { participantFor } from './participant-access.js';
import { checkSignaturePassword } from './sessions.js';

/** What an emergency unblinding reveals: one participant's arm. */
export interface UnblindingView {
  readonly participantId: string;
  readonly arm: string;
  readonly armLabel: string;
  readonly kitNumber: string | null;
  readonly unblindedAt: string;
}

/**
 * Emergency unblinding by an investigator of the participant's site, at any hour, without a sponsor: the
 * reason and the investigator's password are required; it reveals this one participant's arm, is
 * recorded (unblindings table and audit), and appears in the unblinding report.
 * @throws TrialError `request.invalid` for an empty reason, `signature.invalid`, `state.invalid` when the
 *   participant was not randomized.
 */
export async function emergencyUnblind(
  deps: ServerDeps,
  actor: Actor,
  participantId: string,
  input: { reason: string; password: string },
): Promise<UnblindingView> {
  if (input.reason.trim().length < 5)
    throw new TrialError(
      'request.invalid',
      'reason: say why the arm must be known (at least 5 characters)',
      'reason',
    );
  const trialId = await trialOf(deps, participantId);
  await participantFor(deps.db, actor, participantId, 'unblind.emergency');
  await checkSignaturePassword(deps, actor, input.password);
  return writeTransaction(deps.db, trialId, async (tx) => {
    const { participant: p, role } = await participantFor(
      tx,
      actor,
      participantId,
      'unblind.emergency',
      true,
    );
    const allocation = await tx
      .selectFrom('allocations')
      .selectAll()
      .where('participant_id', '=', p.id)
      .executeTakeFirst();
    if (allocation === undefined)
      throw new TrialError(
        'state.invalid',
        'this participant has not been randomized: there is nothing to unblind',
      );
    const loaded = await deps.protocols.get(tx, trialId, allocation.protocol_version);
    const armLabel = loaded.protocol.arms.find((a) => a.id === allocation.arm)?.label ?? allocation.arm;
    const at = isoAt(deps.clock());
    const id = deps.newId();
    await tx
      .insertInto('unblindings')
      .values({
        id,
        trial_id: trialId,
        participant_id: p.id,
        site_id: p.site_id,
        unblinded_by: actor.userId,
        role,
        reason: input.reason,
        at,
        protocol_version: allocation.protocol_version,
      })
      .execute();
    await recordAudit(tx, trialId, at, actor, role, [
      {
        siteId: p.site_id,
        action: 'unblind',
        entity: 'participant',
        entityId: p.id,
        field: 'blinding',
        newValue: { emergency: true },
        reason: input.reason,
        protocolVersion: allocation.protocol_version,
      },
      {
        siteId: p.site_id,
        action: 'reveal',
        entity: 'allocation',
        entityId: p.id,
        field: 'arm',
        newValue: { arm: allocation.arm },
        reason: input.reason,
        protocolVersion: allocation.protocol_version,
        blinded: true,
      },
    ]);
    return {
      participantId: p.id,
      arm: allocation.arm,
      armLabel,
      kitNumber: allocation.kit_number,
      unblindedAt: at,
    };
  });
}

/** One line of the unblinding report: who unblinded whom, when and why (never the arm). */
export interface UnblindingReportLine {
  readonly participantId: string;
  readonly screeningNumber: string;
  readonly siteId: string;
  readonly unblindedBy: string;
  readonly role: string;
  readonly reason: string;
  readonly at: string;
}

/** The unblinding report of a trial (monitor, data manager, DSMB, unblinded statistician; investigators for their sites). */
export async function unblindingReport(
  deps: ServerDeps,
  actor: Actor,
  trialId: string,
): Promise<UnblindingReportLine[]> {
  const viaReport = sitesFor(actor, 'unblinding.report', trialId);
  const viaUnblind = sitesFor(actor, 'unblind.emergency', trialId);
  if (viaReport !== 'all' && viaReport.length === 0 && viaUnblind !== 'all' && viaUnblind.length === 0)
    authorize(actor, 'unblinding.report', trialId);
  const scope = viaReport === 'all' || viaUnblind === 'all' ? 'all' : [...viaReport, ...viaUnblind];
  const rows = await deps.db
    .selectFrom('unblindings')
    .innerJoin('participants', 'participants.id', 'unblindings.participant_id')
    .innerJoin('users', 'users.id', 'unblindings.unblinded_by')
    .select([
      'unblindings.participant_id',
      'participants.screening_number',
      'unblindings.site_id',
      'users.full_name',
      'unblindings.role',
      'unblindings.reason',
      'unblindings.at',
    ])
    .where('unblindings.trial_id', '=', trialId)
    .orderBy('unblindings.at')
    .execute();
  return rows
    .filter((r) => scope === 'all' || scope.includes(r.site_id))
    .map((r) => ({
      participantId: r.participant_id,
      screeningNumber: r.screening_number,
      siteId: r.site_id,
      unblindedBy: r.full_name,
      role: r.role,
      reason: r.reason,
      at: r.at,
    }));
}
