import { allocationDesignOf, generateStratumList } from '@immunotrial/core';
import { type OpenDatabase, testBackends, verifyAuditChain } from '@immunotrial/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolReady, PASSWORD, setUpUnit, type TestUnit } from '../test-support.js';
import { allocationStatus, setUpAllocation } from './allocation-setup.js';
import { listDispensing, listKits } from './pharmacy.js';
import { randomizeParticipant } from './randomization.js';
import { emergencyUnblind, unblindingReport } from './unblinding.js';

const SEED = 'a-secret-seed-of-the-unblinded-statistician';

describe.each(testBackends())('randomization on $name', ({ open }) => {
  let opened: OpenDatabase;
  let u: TestUnit;
  const ids: string[] = [];
  beforeAll(async () => {
    opened = await open();
    u = await setUpUnit(opened);
  }, 120_000);
  afterAll(async () => {
    await opened.close();
  });

  it('refuses to randomize before the allocation is set up, and lets only the unblinded statistician set it up', async () => {
    const id = await enrolReady(u, u.siteA, 'early');
    ids.push(id);
    await expect(randomizeParticipant(u.deps, u.as.investigator, id)).rejects.toMatchObject({
      code: 'randomization.not_ready',
    });
    await expect(setUpAllocation(u.deps, u.as.statistician, u.trialId, { seed: SEED })).rejects.toMatchObject(
      { code: 'auth.forbidden' },
    );
    const status = await setUpAllocation(u.deps, u.as.unblinded_statistician, u.trialId, { seed: SEED });
    expect(status).toMatchObject({ generated: true, method: 'permuted_blocks' });
    expect(status.seed).toBeUndefined();
    await expect(setUpAllocation(u.deps, u.as.unblinded_statistician, u.trialId, {})).rejects.toMatchObject({
      code: 'conflict.exists',
    });
  });

  it('gives each participant one slot and one kit, follows the seeded list, and never tells a blinded caller the arm', async () => {
    for (let i = 0; i < 15; i++)
      ids.push(await enrolReady(u, i % 3 === 0 ? u.siteB : u.siteA, `r${String(i)}`));
    const results = [];
    for (const id of ids) {
      const p = await u.deps.db
        .selectFrom('participants')
        .select('site_id')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const actor = p.site_id === u.siteA ? u.as.coordinator : u.siteBCoordinator;
      const r = await randomizeParticipant(u.deps, actor, id);
      expect(r).not.toHaveProperty('arm');
      expect(JSON.stringify(r)).not.toMatch(/ifn-gamma|placebo/);
      results.push(r);
    }
    expect(new Set(results.map((r) => r.kitNumber)).size).toBe(ids.length);
    expect(results.map((r) => r.randomizationNumber)).toEqual(ids.map((_, i) => i + 1));
    const slots = await u.deps.db
      .selectFrom('allocation_slots')
      .selectAll()
      .where('participant_id', 'is not', null)
      .execute();
    expect(new Set(slots.map((s) => `${s.list_key}#${String(s.position)}`)).size).toBe(ids.length);
    const design = allocationDesignOf((await u.deps.protocols.get(u.deps.db, u.trialId, 1)).protocol);
    for (const key of new Set(slots.map((s) => s.list_key))) {
      const used = slots.filter((s) => s.list_key === key).sort((a, b) => a.position - b.position);
      const expected = generateStratumList(design, SEED, key, used.length).slots.slice(0, used.length);
      expect(used.map((s) => s.arm)).toEqual(expected.map((s) => s.arm));
      expect(used.map((s) => s.position)).toEqual(expected.map((s) => s.sequence));
    }
    const dispensing = await listDispensing(u.deps, u.as.unblinded_statistician, u.trialId);
    expect(dispensing).toHaveLength(ids.length);
    const kits = await listKits(u.deps, u.as.pharmacist, u.trialId);
    expect(kits.every((k) => k.siteId === u.siteA)).toBe(true);
    for (const d of dispensing.filter((x) => x.siteId === u.siteA)) {
      expect(kits.find((k) => k.kitNumber === d.kitNumber)?.arm).toBe(d.arm);
    }
    await expect(listKits(u.deps, u.as.investigator, u.trialId)).rejects.toMatchObject({
      code: 'auth.forbidden',
    });
    await expect(listDispensing(u.deps, u.as.monitor, u.trialId)).rejects.toMatchObject({
      code: 'auth.forbidden',
    });
    expect((await allocationStatus(u.deps, u.as.unblinded_statistician, u.trialId)).usedSlots).toBe(
      ids.length,
    );
  });

  it('balances every completed block', async () => {
    const slots = await u.deps.db.selectFrom('allocation_slots').selectAll().execute();
    const blocks = new Map<string, typeof slots>();
    for (const s of slots) {
      const k = `${s.list_key}#${String(s.block_no)}`;
      blocks.set(k, [...(blocks.get(k) ?? []), s]);
    }
    for (const block of blocks.values()) {
      const size = block[0]?.block_size ?? 0;
      if (block.length < size || block.some((s) => s.participant_id === null)) continue;
      const active = block.filter((s) => s.arm === 'ifn-gamma').length;
      expect(active * 2).toBe(size);
    }
  });

  it('unblinds one participant for an investigator of the site with reason and password, and reports it', async () => {
    const id = ids[0] ?? ''; // site A
    await expect(
      emergencyUnblind(u.deps, u.siteBInvestigator, id, { reason: 'anaphylaxis', password: PASSWORD }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      emergencyUnblind(u.deps, u.as.coordinator, id, { reason: 'anaphylaxis', password: PASSWORD }),
    ).rejects.toMatchObject({ code: 'auth.forbidden' });
    await expect(
      emergencyUnblind(u.deps, u.as.investigator, id, { reason: 'anaphylaxis', password: 'not my password' }),
    ).rejects.toMatchObject({ code: 'signature.invalid' });
    const revealed = await emergencyUnblind(u.deps, u.as.investigator, id, {
      reason: 'anaphylaxis',
      password: PASSWORD,
    });
    const allocation = await u.deps.db
      .selectFrom('allocations')
      .select('arm')
      .where('participant_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(revealed.arm).toBe(allocation.arm);
    const report = await unblindingReport(u.deps, u.as.monitor, u.trialId);
    expect(report).toMatchObject([
      { participantId: id, reason: 'anaphylaxis', unblindedBy: 'investigator -a' },
    ]);
    expect(JSON.stringify(report)).not.toContain(allocation.arm);
    expect(await unblindingReport(u.deps, u.siteBInvestigator, u.trialId)).toEqual([]);
    expect((await verifyAuditChain(u.deps.db)).ok).toBe(true);
  });
});
