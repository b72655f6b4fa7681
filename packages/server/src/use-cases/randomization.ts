import {
  addToCounts,
  allocateByMinimization,
  type AllocationDesign,
  deriveRandomSource,
  type FactorLevels,
  generateKitList,
  generateStratumList,
  type MinimizationCounts,
  stratumKeyOf,
  TrialError,
  treatmentFor,
} from '@immunotrial/core';
import { type JsonValue, type Participant, serializableTransaction, type Tx } from '@immunotrial/db';
import type { Actor } from '../auth/actor.js';
import { isoAt, type ServerDeps } from '../deps.js';
import { allocationSecret } from './allocation-setup.js';
import { recordAudit } from './audit-write.js';
import { trialOf } from './enrolment.js';
import { participantFor } from './participant-access.js';

/** What a randomization returns: the arm only to an unblinded caller. */
export interface RandomizationView {
  readonly randomizationNumber: number;
  readonly kitNumber: string;
  readonly randomizedAt: string;
  readonly arm?: string;
}

/** Slots generated at a time when a stratum's stored list runs out (prefix-stable, so earlier slots stay). */
const LIST_CHUNK = 24;
/** Kits generated at a time for a site (a resupply). */
const KIT_CHUNK = 40;

function levelsOf(
  design: AllocationDesign,
  p: Participant,
  given: Readonly<Record<string, string>>,
): FactorLevels {
  const levels: Record<string, string> = {};
  for (const f of design.factors) {
    if (f.from === 'site') levels[f.id] = p.site_id;
    else if (f.from === 'eligibility_stratum') levels[f.id] = p.stratum ?? '';
    else levels[f.id] = given[f.id] ?? '';
  }
  return levels;
}

async function takeListSlot(
  tx: Tx,
  trialId: string,
  design: AllocationDesign,
  seed: string,
  key: string,
): Promise<{ arm: string; position: number; detail: JsonValue }> {
  const free = () =>
    tx
      .selectFrom('allocation_slots')
      .selectAll()
      .where('trial_id', '=', trialId)
      .where('list_key', '=', key)
      .where('participant_id', 'is', null)
      .orderBy('position')
      .limit(1)
      .forUpdate()
      .executeTakeFirst();
  let slot = await free();
  if (slot === undefined) {
    const stored = await tx
      .selectFrom('allocation_slots')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .where('trial_id', '=', trialId)
      .where('list_key', '=', key)
      .executeTakeFirst();
    const have = Number(stored?.n ?? 0);
    const list = generateStratumList(design, seed, key, have + LIST_CHUNK);
    const fresh = list.slots.slice(have).map((s) => ({
      trial_id: trialId,
      list_key: key,
      position: s.sequence,
      arm: s.arm,
      block_no: s.block,
      block_size: s.blockSize,
      participant_id: null,
      used_at: null,
    }));
    await tx.insertInto('allocation_slots').values(fresh).execute();
    slot = await free();
  }
  if (slot === undefined) throw new Error(`internal: no slot after extending list ${key}`);
  return {
    arm: slot.arm,
    position: slot.position,
    detail: { block: slot.block_no, blockSize: slot.block_size },
  };
}

async function minimize(
  tx: Tx,
  trialId: string,
  design: AllocationDesign,
  seed: string,
  levels: FactorLevels,
): Promise<{ arm: string; position: number; detail: JsonValue }> {
  const rows = await tx
    .selectFrom('allocations')
    .select(['arm', 'detail'])
    .where('trial_id', '=', trialId)
    .execute();
  let counts: MinimizationCounts = {};
  for (const r of rows) {
    const d = r.detail;
    const l = typeof d === 'object' && d !== null && !Array.isArray(d) ? d.levels : undefined;
    if (typeof l !== 'object' || l === null || Array.isArray(l)) continue;
    const lv: Record<string, string> = {};
    for (const [k, v] of Object.entries(l)) if (typeof v === 'string') lv[k] = v;
    counts = addToCounts(counts, design, lv, r.arm);
  }
  const n = rows.length;
  const rng = deriveRandomSource(seed, [
    'minimization',
    design.protocolId,
    design.protocolVersion,
    String(n),
  ]);
  const decision = allocateByMinimization(design, counts, levels, rng);
  return {
    arm: decision.arm,
    position: n,
    detail: { imbalance: { ...decision.imbalance }, preferred: [...decision.preferred], tie: decision.tie },
  };
}

async function takeKit(
  tx: Tx,
  trialId: string,
  design: AllocationDesign,
  seed: string,
  siteId: string,
  pack: string,
): Promise<string> {
  const free = () =>
    tx
      .selectFrom('kits')
      .select('kit_number')
      .where('trial_id', '=', trialId)
      .where('site_id', '=', siteId)
      .where('pack', '=', pack)
      .where('status', '=', 'available')
      .orderBy('sequence')
      .limit(1)
      .forUpdate()
      .executeTakeFirst();
  let kit = await free();
  if (kit === undefined) {
    const site = await tx
      .selectFrom('sites')
      .select('code')
      .where('id', '=', siteId)
      .executeTakeFirstOrThrow();
    const stored = await tx
      .selectFrom('kits')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .where('trial_id', '=', trialId)
      .where('site_id', '=', siteId)
      .executeTakeFirst();
    const have = Number(stored?.n ?? 0);
    const list = generateKitList(design, seed, siteId, have + KIT_CHUNK, { prefix: `${site.code}-` });
    const fresh = list.kits.slice(have).map((k) => ({
      trial_id: trialId,
      kit_number: k.kitNumber,
      pack: k.pack,
      site_id: siteId,
      sequence: k.sequence,
      status: 'available',
      participant_id: null,
      dispensed_at: null,
    }));
    await tx.insertInto('kits').values(fresh).execute();
    kit = await free();
  }
  // A list of KIT_CHUNK kits holds every pack; reaching here means the pack is not in the design.
  if (kit === undefined) throw new Error('internal: no kit after a resupply');
  return kit.kit_number;
}

/**
 * Randomizes a consented participant whose eligibility an investigator signed, in one SERIALIZABLE
 * transaction: the next slot of the participant's stratum list (or a minimization decision), a kit of the
 * allocated pack from the site's stock, the participant's randomization number and status, and the audit
 * events (the allocation itself in a blinded event). A crash leaves all of it or none of it.
 * @param input.factors - Levels of `data` and `attestation` factors (eligibility stratum and site come from the record).
 * @param input.firstDoseAt - Planned first dose (D1), ms; default now.
 * @throws TrialError `state.invalid` unless consented and signed eligible, `randomization.not_ready`,
 *   core's `randomization.stratum` for a missing or unknown factor level.
 */
export async function randomizeParticipant(
  deps: ServerDeps,
  actor: Actor,
  participantId: string,
  input: { factors?: Readonly<Record<string, string>>; firstDoseAt?: number } = {},
): Promise<RandomizationView> {
  const trialId = await trialOf(deps, participantId);
  await participantFor(deps.db, actor, participantId, 'randomize');
  const { seed, design, versionNo } = await allocationSecret(deps, trialId);
  return serializableTransaction(deps.db, trialId, async (tx) => {
    const {
      participant: p,
      role,
      unblinded,
    } = await participantFor(tx, actor, participantId, 'randomize', true);
    if (p.status !== 'consented')
      throw new TrialError(
        'state.invalid',
        `only a consented participant can be randomized; this one is ${p.status}`,
      );
    const signed = await tx
      .selectFrom('eligibility_confirmations')
      .select('eligible')
      .where('participant_id', '=', p.id)
      .orderBy('signed_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (signed?.eligible !== true)
      throw new TrialError(
        'state.invalid',
        'an investigator must confirm and sign eligibility before randomization',
      );
    const levels = levelsOf(design, p, input.factors ?? {});
    const key = design.method === 'minimization' ? 'minimization' : stratumKeyOf(design, levels);
    const slot =
      design.method === 'minimization'
        ? await minimize(tx, trialId, design, seed, levels)
        : await takeListSlot(tx, trialId, design, seed, key);
    const pack = treatmentFor(design.treatments, slot.arm, p.stratum ?? undefined).pack;
    const kitNumber = await takeKit(tx, trialId, design, seed, p.site_id, pack);
    const at = isoAt(deps.clock());
    const site = await tx
      .selectFrom('sites')
      .select('time_zone')
      .where('id', '=', p.site_id)
      .executeTakeFirstOrThrow();
    const d1 = input.firstDoseAt ?? deps.clock();
    const d1Date = new Intl.DateTimeFormat('en-CA', {
      timeZone: site.time_zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(d1);
    const count = await tx
      .selectFrom('allocations')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .where('trial_id', '=', trialId)
      .executeTakeFirst();
    const randomizationNumber = Number(count?.n ?? 0) + 1;
    if (design.method !== 'minimization') {
      await tx
        .updateTable('allocation_slots')
        .set({ participant_id: p.id, used_at: at })
        .where('trial_id', '=', trialId)
        .where('list_key', '=', key)
        .where('position', '=', slot.position)
        .execute();
    }
    await tx
      .updateTable('kits')
      .set({ status: 'dispensed', participant_id: p.id, dispensed_at: at })
      .where('trial_id', '=', trialId)
      .where('kit_number', '=', kitNumber)
      .execute();
    const detail: JsonValue = { levels: { ...levels }, pack, slot: slot.detail };
    await tx
      .insertInto('allocations')
      .values({
        participant_id: p.id,
        trial_id: trialId,
        arm: slot.arm,
        list_key: key,
        position: slot.position,
        kit_number: kitNumber,
        detail: JSON.stringify(detail),
        randomized_at: at,
        randomized_by: actor.userId,
        protocol_version: versionNo,
      })
      .execute();
    await tx
      .updateTable('participants')
      .set({
        status: 'randomized',
        randomization_number: randomizationNumber,
        kit_number: kitNumber,
        d1_at: isoAt(d1),
        d1_date: d1Date,
        updated_at: at,
      })
      .where('id', '=', p.id)
      .execute();
    await recordAudit(tx, trialId, at, actor, role, [
      {
        siteId: p.site_id,
        action: 'randomize',
        entity: 'participant',
        entityId: p.id,
        field: 'randomization',
        newValue: { randomizationNumber, kitNumber, d1Date },
        protocolVersion: versionNo,
      },
      {
        siteId: p.site_id,
        action: 'allocate',
        entity: 'allocation',
        entityId: p.id,
        field: 'arm',
        newValue: { arm: slot.arm, pack, stratumKey: key, position: slot.position, slot: slot.detail },
        protocolVersion: versionNo,
        blinded: true,
      },
      {
        siteId: p.site_id,
        action: 'update',
        entity: 'participant',
        entityId: p.id,
        field: 'status',
        oldValue: p.status,
        newValue: 'randomized',
        protocolVersion: versionNo,
      },
    ]);
    return { randomizationNumber, kitNumber, randomizedAt: at, ...(unblinded ? { arm: slot.arm } : {}) };
  });
}
