import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../open-database.js';
import { testBackends } from '../testing.js';
import { writeTransaction } from '../transaction.js';
import { createHash } from 'node:crypto';
import {
  type AuditEntry,
  appendAuditEvents,
  auditHashParts,
  GENESIS_HASH,
  hashAuditEvent,
  verifyAuditChain,
} from './audit-chain.js';

const entry = (i: number): AuditEntry => ({
  actorId: 'u1',
  actorName: 'Dr A',
  role: 'investigator',
  siteId: 's1',
  action: 'update',
  entity: 'form_entry',
  entityId: `f${i}`,
  field: 'heart_rate',
  oldValue: i,
  newValue: { value: i + 1, unit: '/min', nested: [1, 'x', null] },
  reason: 'typo',
  protocolVersion: 1,
});

const awkward: AuditEntry = {
  actorId: null,
  actorName: 'Dr Ø\'Brien "the" \\ élève 🧪',
  role: null,
  siteId: null,
  action: 'update',
  entity: 'form_entry',
  entityId: 'p/f/"i"',
  field: 'notes',
  oldValue: { prev_hash: 'x', seq: 3, z: [1.5, -0, 1e21, 'a\nb\u0001'] },
  newValue: 'line 1\r\nline 2 \u2028 — "quoted"',
  reason: '"prev_hash":"00","seq":1',
  protocolVersion: null,
  blinded: true,
};

describe('auditHashParts', () => {
  it('cuts the canonical JSON around prev_hash and seq exactly', () => {
    const fields = {
      trial_id: 't',
      at: '2026-03-17T10:00:00.000Z',
      actor_id: awkward.actorId,
      actor_name: awkward.actorName,
      role: awkward.role,
      site_id: awkward.siteId,
      action: awkward.action,
      entity: awkward.entity,
      entity_id: awkward.entityId,
      field: awkward.field ?? null,
      old_value: awkward.oldValue ?? null,
      new_value: awkward.newValue ?? null,
      reason: awkward.reason ?? null,
      protocol_version: null,
      blinded: true,
    };
    const [a, b, c] = auditHashParts(fields);
    const prev = 'ab'.repeat(32);
    const text = `${a}${prev}${b}${String(12)}${c}`;
    expect(createHash('sha256').update(text, 'utf8').digest('hex')).toBe(
      hashAuditEvent({ ...fields, seq: 12, prev_hash: prev }),
    );
  });
});

describe.each(testBackends())('audit chain on $name', ({ open }) => {
  let opened: OpenDatabase;
  beforeAll(async () => {
    opened = await open();
  }, 120_000);
  afterAll(async () => {
    await opened.close();
  });

  async function append(chain: string, n: number): Promise<void> {
    for (let i = 0; i < n; i++) {
      await writeTransaction(opened.db, chain, (tx) =>
        appendAuditEvents(tx, chain, `2026-03-17T10:00:0${i % 10}.000Z`, [entry(i)]),
      );
    }
  }

  it('links each event to the previous hash, starting from the genesis hash', async () => {
    await append('chain-a', 3);
    const events = await opened.db
      .selectFrom('audit_events')
      .selectAll()
      .where('trial_id', '=', 'chain-a')
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(events[0]?.prev_hash).toBe(GENESIS_HASH);
    expect(events[1]?.prev_hash).toBe(events[0]?.hash);
    expect(events[2]?.new_value).toEqual({ value: 3, unit: '/min', nested: [1, 'x', null] });
    const report = await verifyAuditChain(opened.db, 'chain-a');
    expect(report).toMatchObject({ ok: true, chains: [{ chain: 'chain-a', events: 3 }] });
  });

  it('hashes in the database exactly as verification does in JavaScript (quotes, Unicode, several events)', async () => {
    const stored = await writeTransaction(opened.db, 'chain-u', (tx) =>
      appendAuditEvents(tx, 'chain-u', '2026-03-17T10:00:00.000Z', [awkward, entry(1), awkward]),
    );
    expect(stored.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(stored.map((e) => e.hash)).toEqual(stored.map(({ hash: _h, ...f }) => hashAuditEvent(f)));
    expect(stored[1]?.prev_hash).toBe(stored[0]?.hash);
    await append('chain-u', 2);
    expect(await verifyAuditChain(opened.db, 'chain-u')).toMatchObject({ ok: true, chains: [{ events: 5 }] });
  });

  it('names the first edited event when a row is changed behind the service', async () => {
    await append('chain-b', 4);
    await sql`update audit_events set new_value = '"forged"'::jsonb where trial_id = 'chain-b' and seq = 2`.execute(
      opened.db,
    );
    const report = await verifyAuditChain(opened.db, 'chain-b');
    expect(report.ok).toBe(false);
    expect(report.firstBreak).toEqual({
      chain: 'chain-b',
      seq: 2,
      problem: 'content does not match its hash',
    });
  });

  it('finds a deleted event in the middle and at the end', async () => {
    await append('chain-c', 4);
    await sql`delete from audit_events where trial_id = 'chain-c' and seq = 3`.execute(opened.db);
    expect((await verifyAuditChain(opened.db, 'chain-c')).firstBreak).toEqual({
      chain: 'chain-c',
      seq: 3,
      problem: 'event 3 is missing (next is 4)',
    });
    await append('chain-d', 3);
    await sql`delete from audit_events where trial_id = 'chain-d' and seq = 3`.execute(opened.db);
    expect((await verifyAuditChain(opened.db, 'chain-d')).firstBreak?.problem).toBe(
      'the head says 3 events, found 2',
    );
  });

  it('rolls back the events with the transaction that wrote them', async () => {
    await expect(
      writeTransaction(opened.db, 'chain-e', async (tx) => {
        await appendAuditEvents(tx, 'chain-e', '2026-03-17T10:00:00.000Z', [entry(1)]);
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from audit_events where trial_id = 'chain-e'`.execute(opened.db);
    expect(rows[0]?.n).toBe(0);
  });

  it('keeps one gap-free chain when writers append concurrently', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        writeTransaction(opened.db, 'chain-f', (tx) =>
          appendAuditEvents(tx, 'chain-f', '2026-03-17T10:00:00.000Z', [entry(i), entry(i + 100)]),
        ),
      ),
    );
    const report = await verifyAuditChain(opened.db, 'chain-f');
    expect(report).toMatchObject({ ok: true, chains: [{ chain: 'chain-f', events: 24 }] });
  });
});
