import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditEvent, Database, JsonValue } from '../schema.js';
import type { Tx } from '../transaction.js';
import { canonicalJson } from './canonical-json.js';

/** The hash before the first event of a chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** The chain of events that belong to no trial (users, sites, logins). */
export const SYSTEM_CHAIN = '_system';

/** One change to record: who did what to which field, and why. */
export interface AuditEntry {
  readonly actorId: string | null;
  readonly actorName: string;
  readonly role: string | null;
  readonly siteId: string | null;
  /** A verb: `create`, `update`, `sign`, `randomize`, `unblind`, `login` … */
  readonly action: string;
  readonly entity: string;
  readonly entityId: string;
  readonly field?: string | null;
  readonly oldValue?: JsonValue;
  readonly newValue?: JsonValue;
  readonly reason?: string | null;
  readonly protocolVersion?: number | null;
  /** True when a value reveals an allocation: blinded roles see the event, never its values. */
  readonly blinded?: boolean;
}

type HashedFields = Omit<AuditEvent, 'hash'>;

/** The SHA-256 (hex) of an event: canonical JSON of every column but `hash`, which includes `prev_hash`. */
export function hashAuditEvent(event: HashedFields): string {
  const content: JsonValue = {
    trial_id: event.trial_id,
    seq: event.seq,
    at: event.at,
    actor_id: event.actor_id,
    actor_name: event.actor_name,
    role: event.role,
    site_id: event.site_id,
    action: event.action,
    entity: event.entity,
    entity_id: event.entity_id,
    field: event.field,
    old_value: event.old_value,
    new_value: event.new_value,
    reason: event.reason,
    protocol_version: event.protocol_version,
    blinded: event.blinded,
    prev_hash: event.prev_hash,
  };
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

/**
 * Appends events to a trial's chain inside the caller's transaction (so they commit with the change they
 * describe, or not at all). Locks the chain's head row, so appends to one chain are serial.
 * @param tx - The write transaction.
 * @param chain - The trial id, or `SYSTEM_CHAIN`.
 * @param at - UTC time of the change (ISO-8601).
 * @returns The stored events, with their sequence numbers and hashes.
 */
export async function appendAuditEvents(
  tx: Tx,
  chain: string,
  at: string,
  entries: readonly AuditEntry[],
): Promise<AuditEvent[]> {
  if (entries.length === 0) return [];
  const lockHead = () =>
    tx
      .selectFrom('audit_heads')
      .select(['seq', 'hash'])
      .where('trial_id', '=', chain)
      .forUpdate()
      .executeTakeFirst();
  let head = await lockHead();
  if (head === undefined) {
    // A new chain: create its head row, then lock it, so two first appends queue on it too.
    await tx
      .insertInto('audit_heads')
      .values({ trial_id: chain, seq: 0, hash: GENESIS_HASH })
      .onConflict((oc) => oc.column('trial_id').doNothing())
      .execute();
    head = await lockHead();
  }
  let seq = head?.seq ?? 0;
  let prev = head?.hash ?? GENESIS_HASH;
  const events: AuditEvent[] = [];
  for (const e of entries) {
    seq += 1;
    const fields: HashedFields = {
      trial_id: chain,
      seq,
      at,
      actor_id: e.actorId,
      actor_name: e.actorName,
      role: e.role,
      site_id: e.siteId,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId,
      field: e.field ?? null,
      old_value: e.oldValue ?? null,
      new_value: e.newValue ?? null,
      reason: e.reason ?? null,
      protocol_version: e.protocolVersion ?? null,
      blinded: e.blinded ?? false,
      prev_hash: prev,
    };
    const hash = hashAuditEvent(fields);
    events.push({ ...fields, hash });
    prev = hash;
  }
  await tx
    .insertInto('audit_events')
    .values(
      events.map((e) => ({
        ...e,
        old_value: e.old_value === null ? null : JSON.stringify(e.old_value),
        new_value: e.new_value === null ? null : JSON.stringify(e.new_value),
      })),
    )
    .execute();
  await tx.updateTable('audit_heads').set({ seq, hash: prev }).where('trial_id', '=', chain).execute();
  return events;
}

/** The first place a chain does not hold. */
export interface ChainBreak {
  readonly chain: string;
  readonly seq: number;
  readonly problem: string;
}

/** What `verifyAuditChain` found. */
export interface ChainReport {
  readonly ok: boolean;
  readonly chains: readonly { readonly chain: string; readonly events: number; readonly lastHash: string }[];
  readonly firstBreak?: ChainBreak;
}

const PAGE = 2000;

/**
 * Recomputes every chain (or one) from its first event: sequence numbers 1, 2, 3 …, each event's
 * `prev_hash` equal to the previous event's hash, each stored hash equal to the recomputed one, and the head
 * row equal to the last event (which catches deleted tail events). Stops at the first broken link.
 * @example (await verifyAuditChain(db)).ok // => true on an untouched database
 */
export async function verifyAuditChain(db: Kysely<Database>, chain?: string): Promise<ChainReport> {
  const heads = await db
    .selectFrom('audit_heads')
    .selectAll()
    .$if(chain !== undefined, (q) => q.where('trial_id', '=', chain ?? ''))
    .orderBy('trial_id')
    .execute();
  const chainIds = new Set(heads.map((h) => h.trial_id));
  const withEvents = await db
    .selectFrom('audit_events')
    .select('trial_id')
    .distinct()
    .$if(chain !== undefined, (q) => q.where('trial_id', '=', chain ?? ''))
    .execute();
  for (const r of withEvents) chainIds.add(r.trial_id);
  const chains: { chain: string; events: number; lastHash: string }[] = [];
  for (const id of [...chainIds].sort()) {
    const broken = (seq: number, problem: string): ChainReport => ({
      ok: false,
      chains,
      firstBreak: { chain: id, seq, problem },
    });
    let expectedSeq = 1;
    let prev = GENESIS_HASH;
    for (;;) {
      const page = await db
        .selectFrom('audit_events')
        .selectAll()
        .where('trial_id', '=', id)
        .where('seq', '>=', expectedSeq)
        .orderBy('seq')
        .limit(PAGE)
        .execute();
      for (const e of page) {
        if (e.seq !== expectedSeq)
          return broken(expectedSeq, `event ${expectedSeq} is missing (next is ${e.seq})`);
        if (e.prev_hash !== prev) return broken(e.seq, 'prev_hash does not match the previous event');
        const { hash, ...fields } = e;
        if (hashAuditEvent(fields) !== hash) return broken(e.seq, 'content does not match its hash');
        prev = hash;
        expectedSeq += 1;
      }
      if (page.length < PAGE) break;
    }
    const count = expectedSeq - 1;
    const head = heads.find((h) => h.trial_id === id);
    if (head === undefined) return broken(count, 'the chain has no head row');
    if (head.seq !== count || head.hash !== prev) {
      return broken(Math.min(head.seq, count + 1), `the head says ${head.seq} events, found ${count}`);
    }
    chains.push({ chain: id, events: count, lastHash: prev });
  }
  return { ok: true, chains };
}
