import { type Actor, authorize, sitesFor } from '../auth/actor.js';
import type { ServerDeps } from '../deps.js';

/** A kit of the pharmacy stock, with its pack: for pharmacists and unblinded roles only. */
export interface KitView {
  readonly kitNumber: string;
  readonly arm: string;
  readonly pack: string;
  readonly siteId: string;
  readonly status: string;
  readonly participantId: string | null;
  readonly dispensedAt: string | null;
}

function armOf(pack: string): string {
  const i = pack.indexOf(':');
  return i < 0 ? pack : pack.slice(0, i);
}

/**
 * The kit list with each kit's pack (pharmacists: their sites; unblinded statistician: all).
 * @throws TrialError `auth.forbidden` for every blinded role.
 */
export async function listKits(deps: ServerDeps, actor: Actor, trialId: string): Promise<KitView[]> {
  authorize(actor, 'kits.read', trialId);
  const scope = sitesFor(actor, 'kits.read', trialId);
  const rows = await deps.db
    .selectFrom('kits')
    .selectAll()
    .where('trial_id', '=', trialId)
    .orderBy('site_id')
    .orderBy('sequence')
    .execute();
  return rows
    .filter((k) => scope === 'all' || scope.includes(k.site_id))
    .map((k) => ({
      kitNumber: k.kit_number,
      arm: armOf(k.pack),
      pack: k.pack,
      siteId: k.site_id,
      status: k.status,
      participantId: k.participant_id,
      dispensedAt: k.dispensed_at,
    }));
}

/** A dispensing line: which kit (and arm) a randomized participant gets. Pharmacists and unblinded roles. */
export interface DispensingView {
  readonly participantId: string;
  readonly screeningNumber: string;
  readonly siteId: string;
  readonly kitNumber: string | null;
  readonly arm: string;
  readonly stratum: string | null;
  readonly randomizedAt: string;
}

/** The dispensing list. @throws TrialError `auth.forbidden` for blinded roles. */
export async function listDispensing(
  deps: ServerDeps,
  actor: Actor,
  trialId: string,
): Promise<DispensingView[]> {
  authorize(actor, 'kits.read', trialId);
  const scope = sitesFor(actor, 'kits.read', trialId);
  const rows = await deps.db
    .selectFrom('allocations')
    .innerJoin('participants', 'participants.id', 'allocations.participant_id')
    .select([
      'allocations.participant_id',
      'participants.screening_number',
      'participants.site_id',
      'allocations.kit_number',
      'allocations.arm',
      'participants.stratum',
      'allocations.randomized_at',
    ])
    .where('allocations.trial_id', '=', trialId)
    .orderBy('allocations.randomized_at')
    .execute();
  return rows
    .filter((r) => scope === 'all' || scope.includes(r.site_id))
    .map((r) => ({
      participantId: r.participant_id,
      screeningNumber: r.screening_number,
      siteId: r.site_id,
      kitNumber: r.kit_number,
      arm: r.arm,
      stratum: r.stratum,
      randomizedAt: r.randomized_at,
    }));
}
