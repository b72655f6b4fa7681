import { createHash } from 'node:crypto';
import { type Kysely, type RawBuilder, sql } from 'kysely';
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
 * The canonical JSON of an event (what `hashAuditEvent` hashes) cut around the two values only the chain's
 * head decides, so that the database can finish it: text = `[0] + prev_hash + [1] + seq + [2]`. Top-level
 * keys are fixed and sorted, and every value but those two is known before the head is locked.
 */
export function auditHashParts(fields: Omit<HashedFields, 'seq' | 'prev_hash'>): [string, string, string] {
  const content: Record<string, JsonValue> = {
    trial_id: fields.trial_id,
    at: fields.at,
    actor_id: fields.actor_id,
    actor_name: fields.actor_name,
    role: fields.role,
    site_id: fields.site_id,
    action: fields.action,
    entity: fields.entity,
    entity_id: fields.entity_id,
    field: fields.field,
    old_value: fields.old_value,
    new_value: fields.new_value,
    reason: fields.reason,
    protocol_version: fields.protocol_version,
    blinded: fields.blinded,
    prev_hash: null,
    seq: null,
  };
  const parts: string[] = [];
  let current = '{';
  for (const key of Object.keys(content).sort()) {
    if (current !== '{') current += ',';
    current += `${JSON.stringify(key)}:`;
    if (key === 'prev_hash') {
      // A hex hash: its JSON is the hex between quotes.
      parts.push(`${current}"`);
      current = '"';
    } else if (key === 'seq') {
      parts.push(current);
      current = '';
    } else {
      current += canonicalJson(content[key] ?? null);
    }
  }
  return [parts[0] ?? '', parts[1] ?? '', `${current}}`];
}

type Stored = Omit<AuditEvent, 'seq' | 'prev_hash' | 'hash'>;

/** The name of the CTE that locks the chain's head in `auditAppendStatement`: gate writes on it. */
export const AUDIT_HEAD_CTE = 'audit_head';

/** Conditions and writes that go into the append statement with the events (all or nothing). */
export interface AuditAppendGates {
  /** Checked as the head is locked: when false the head is not locked and nothing is appended. */
  readonly headIf?: RawBuilder<unknown>;
  /**
   * The caller's own data-modifying CTEs (`name as (insert ... returning ...)`), placed after the head;
   * each should write only `where exists (select 1 from audit_head)`.
   */
  readonly writes?: readonly RawBuilder<unknown>[];
  /** The name of one of `writes` that must return a row for the events to be appended. */
  readonly eventsIf?: string;
}

/** One append: its statement, and the rows it chains (in order). */
export interface AuditAppend {
  readonly statement: RawBuilder<{ seq: number; prev_hash: string; hash: string }>;
  readonly rows: readonly Stored[];
}

function storedRows(chain: string, at: string, entries: readonly AuditEntry[]): Stored[] {
  return entries.map((e) => ({
    trial_id: chain,
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
  }));
}

/**
 * One statement that locks the chain's head, chains the events (seq, prev_hash, and the SHA-256 that
 * PostgreSQL computes over the canonical JSON parts from `auditHashParts`), inserts them and moves the
 * head, together with the caller's `gates.writes`. Appends of a trial are serial, so the time the head is
 * locked bounds the trial's write rate: as one statement outside an explicit transaction, the lock is held
 * only while PostgreSQL runs it and flushes its commit, never across a round trip to the server. Returns
 * no row when the chain has no head yet or a gate is closed; then nothing was written.
 */
export function auditAppendStatement(
  chain: string,
  at: string,
  entries: readonly AuditEntry[],
  gates: AuditAppendGates = {},
): AuditAppend {
  const rows = storedRows(chain, at, entries);
  const name = (i: number): RawBuilder<unknown> => sql.ref(i === 0 ? AUDIT_HEAD_CTE : `audit_e${String(i)}`);
  const eventsIf =
    gates.eventsIf === undefined ? sql`` : sql` where exists (select 1 from ${sql.ref(gates.eventsIf)})`;
  const steps = rows.map((r, i) => {
    const [a, b, c] = auditHashParts(r);
    return sql`${name(i + 1)} as (select p.seq + 1 as seq, p.hash as prev_hash,
      encode(sha256(convert_to(${a}::text || p.hash || ${b}::text || (p.seq + 1)::text || ${c}::text, 'UTF8')), 'hex') as hash
      from ${name(i)} p${i === 0 ? eventsIf : sql``})`;
  });
  const selects = rows.map(
    (
      r,
      i,
    ) => sql`select ${r.trial_id}::text, c.seq, ${r.at}::text, ${r.actor_id}::text, ${r.actor_name}::text,
      ${r.role}::text, ${r.site_id}::text, ${r.action}::text, ${r.entity}::text, ${r.entity_id}::text,
      ${r.field}::text, ${r.old_value === null ? null : JSON.stringify(r.old_value)}::jsonb,
      ${r.new_value === null ? null : JSON.stringify(r.new_value)}::jsonb, ${r.reason}::text,
      ${r.protocol_version}::integer, ${r.blinded}::boolean, c.prev_hash, c.hash
      from ${name(i + 1)} c`,
  );
  const headIf = gates.headIf === undefined ? sql`` : sql` and (${gates.headIf})`;
  const statement = sql<{ seq: number; prev_hash: string; hash: string }>`
    with ${name(0)} as materialized (select seq, hash from audit_heads where trial_id = ${chain}${headIf} for update),
    ${sql.join([...(gates.writes ?? []), ...steps])},
    audit_ins as (insert into audit_events (trial_id, seq, at, actor_id, actor_name, role, site_id, action, entity,
      entity_id, field, old_value, new_value, reason, protocol_version, blinded, prev_hash, hash)
      ${sql.join(selects, sql` union all `)}),
    audit_upd as (update audit_heads set seq = l.seq, hash = l.hash from ${name(rows.length)} l
      where audit_heads.trial_id = ${chain})
    ${sql.join(
      rows.map((_, i) => sql`select seq, prev_hash, hash from ${name(i + 1)}`),
      sql` union all `,
    )}`;
  return { statement, rows };
}

/**
 * The events an append statement stored, from the rows it returned.
 * @returns undefined when it stored none (no head, or a gate closed).
 * @throws Error when it stored some but not all (cannot happen: one statement).
 */
export function appendedEvents(
  append: AuditAppend,
  returned: readonly { seq: number; prev_hash: string; hash: string }[],
): AuditEvent[] | undefined {
  if (returned.length === 0) return undefined;
  if (returned.length !== append.rows.length)
    throw new Error(`audit append stored ${String(returned.length)} of ${String(append.rows.length)} events`);
  const sorted = [...returned].sort((x, y) => x.seq - y.seq);
  return append.rows.map((r, i) => {
    const c = sorted[i];
    if (c === undefined) throw new Error(`audit append: event ${String(i)} missing`);
    return { ...r, seq: c.seq, prev_hash: c.prev_hash, hash: c.hash };
  });
}

/** Creates a chain's head row when it has none (a new trial, or the system chain's first event). */
export async function ensureAuditHead(db: Kysely<Database> | Tx, chain: string): Promise<void> {
  await db
    .insertInto('audit_heads')
    .values({ trial_id: chain, seq: 0, hash: GENESIS_HASH })
    .onConflict((oc) => oc.column('trial_id').doNothing())
    .execute();
}

/**
 * Appends events to a trial's chain inside the caller's transaction (so they commit with the change they
 * describe, or not at all). Locks the chain's head row, so appends to one chain are serial; the lock,
 * the chaining, the insert and the head update are one statement (`auditAppendStatement`).
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
  const append = auditAppendStatement(chain, at, entries);
  let events = appendedEvents(append, (await append.statement.execute(tx)).rows);
  if (events === undefined) {
    // A new chain: create its head row, then append, so two first appends queue on it too.
    await ensureAuditHead(tx, chain);
    events = appendedEvents(append, (await append.statement.execute(tx)).rows);
  }
  if (events === undefined) throw new Error(`audit chain ${chain}: the append wrote no event`);
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
