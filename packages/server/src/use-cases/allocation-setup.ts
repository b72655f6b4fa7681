import { allocationDesignOf, type AllocationDesign, TrialError } from '@immunotrial/core';
import { serializableTransaction } from '@immunotrial/db';
import { type Actor, authorize } from '../auth/actor.js';
import { isoAt, type ServerDeps, sha256Hex } from '../deps.js';
import { recordAudit } from './audit-write.js';
import { currentProtocol } from './trials.js';

/** The state of a trial's allocation, as the unblinded statistician sees it (never the list itself). */
export interface AllocationStatus {
  readonly generated: boolean;
  readonly generatedAt?: string;
  readonly method?: string;
  readonly seedSha256?: string;
  /** The protocol version whose design the lists follow. */
  readonly protocolVersion?: number;
  readonly usedSlots?: number;
  /** The seed, returned once, when the server generated it: the statistician keeps it. */
  readonly seed?: string;
}

/** The secret seed and the design the lists follow. Server-internal: never leaves the server. */
export interface AllocationSecret {
  readonly seed: string;
  readonly design: AllocationDesign;
  readonly versionNo: number;
}

/**
 * Reads the trial's allocation secret (inside a randomization transaction).
 * @throws TrialError `randomization.not_ready` (409) when no list was generated.
 */
export async function allocationSecret(deps: ServerDeps, trialId: string): Promise<AllocationSecret> {
  const row = await deps.db
    .selectFrom('allocation_lists')
    .selectAll()
    .where('trial_id', '=', trialId)
    .executeTakeFirst();
  if (row === undefined) {
    throw new TrialError(
      'randomization.not_ready',
      'randomization is not open: the unblinded statistician has not set up the allocation',
    );
  }
  const params = row.parameters;
  const versionNo =
    typeof params === 'object' &&
    params !== null &&
    !Array.isArray(params) &&
    typeof params.versionNo === 'number'
      ? params.versionNo
      : 1;
  const loaded = await deps.protocols.get(deps.db, trialId, versionNo);
  return { seed: row.seed, design: allocationDesignOf(loaded.protocol), versionNo };
}

/**
 * Sets up a trial's allocation from a secret seed (the unblinded statistician's; generated here when not
 * given, and then returned once). The lists and kit lists are derived from it on demand and are
 * reproducible from it (core: generateStratumList, generateKitList). Only once per trial: a second seed
 * would change the sequence after randomizations.
 * @throws TrialError `conflict.exists` (409) when already set up; core's `randomization.seed` for a short seed.
 */
export async function setUpAllocation(
  deps: ServerDeps,
  actor: Actor,
  trialId: string,
  input: { seed?: string | undefined },
): Promise<AllocationStatus> {
  const role = authorize(actor, 'allocation.manage', trialId);
  const { versionNo, loaded } = await currentProtocol(deps, trialId);
  const design = allocationDesignOf(loaded.protocol);
  const seed = input.seed ?? deps.randomHex(32);
  if (seed.length < 16)
    throw new TrialError(
      'request.invalid',
      `seed: expected at least 16 characters, got ${String(seed.length)}`,
      'seed',
    );
  const seedSha256 = sha256Hex(seed);
  const at = isoAt(deps.clock());
  await serializableTransaction(deps.db, trialId, async (tx) => {
    const existing = await tx
      .selectFrom('allocation_lists')
      .select('trial_id')
      .where('trial_id', '=', trialId)
      .executeTakeFirst();
    if (existing !== undefined)
      throw new TrialError('conflict.exists', 'the allocation of this trial is already set up');
    await tx
      .insertInto('allocation_lists')
      .values({
        trial_id: trialId,
        seed,
        seed_sha256: seedSha256,
        method: design.method,
        parameters: JSON.stringify({ versionNo }),
        generated_at: at,
        generated_by: actor.userId,
      })
      .execute();
    await recordAudit(tx, trialId, at, actor, role, [
      {
        siteId: null,
        action: 'create',
        entity: 'allocation',
        entityId: trialId,
        newValue: { method: design.method, seedSha256, versionNo },
        protocolVersion: versionNo,
        blinded: true,
      },
    ]);
  });
  return {
    generated: true,
    generatedAt: at,
    method: design.method,
    seedSha256,
    protocolVersion: versionNo,
    usedSlots: 0,
    ...(input.seed === undefined ? { seed } : {}),
  };
}

/** The allocation's state for the unblinded statistician. */
export async function allocationStatus(
  deps: ServerDeps,
  actor: Actor,
  trialId: string,
): Promise<AllocationStatus> {
  authorize(actor, 'allocation.manage', trialId);
  const row = await deps.db
    .selectFrom('allocation_lists')
    .selectAll()
    .where('trial_id', '=', trialId)
    .executeTakeFirst();
  if (row === undefined) return { generated: false };
  const used = await deps.db
    .selectFrom('allocations')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
    .where('trial_id', '=', trialId)
    .executeTakeFirst();
  const { versionNo } = await allocationSecret(deps, trialId);
  return {
    generated: true,
    generatedAt: row.generated_at,
    method: row.method,
    seedSha256: row.seed_sha256,
    protocolVersion: versionNo,
    usedSlots: Number(used?.n ?? 0),
  };
}
