import { type OpenDatabase, testBackends, verifyAuditChain } from '@immunotrial/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor } from '../auth/actor.js';
import { actorOf, enrolReady, PASSWORD, setUpUnit, type TestUnit } from '../test-support.js';
import { setUpAllocation } from '../use-cases/allocation-setup.js';
import { randomizeParticipant } from '../use-cases/randomization.js';
import { createSite } from '../use-cases/sites.js';
import { createUser, grantRole } from '../use-cases/users.js';

// 50 concurrent requests on PostgreSQL (several connections, real concurrency); on PGlite, which has one
// connection, the same checks on a smaller batch (its requests queue on the connection anyway).
describe.each(testBackends())('concurrent randomizations across 3 sites on $name', ({ name, open }) => {
  const n = name === 'postgres' ? 50 : 12;
  let opened: OpenDatabase;
  let u: TestUnit;
  const ids: string[] = [];
  beforeAll(async () => {
    opened = await open();
    u = await setUpUnit(opened);
    const siteC = (
      await createSite(u.deps, u.admin, {
        code: 'C01',
        name: 'Site C',
        timeZone: 'Europe/Madrid',
        trialIds: ['infinity'],
      })
    ).id;
    const staffOf = async (role: 'coordinator' | 'investigator'): Promise<Actor> => {
      const user = await createUser(u.deps, u.admin, {
        username: `${role}-c`,
        fullName: `${role} c`,
        password: PASSWORD,
      });
      await grantRole(u.deps, u.admin, user.id, { role, trialId: 'infinity', siteId: siteC });
      return actorOf(u.deps, user.id, `${role}-c`, `${role} c`);
    };
    const c = { coordinator: await staffOf('coordinator'), investigator: await staffOf('investigator') };
    await setUpAllocation(u.deps, u.as.unblinded_statistician, u.trialId, {
      seed: 'concurrency-test-seed-0001',
    });
    for (let i = 0; i < n; i++) {
      const site = [u.siteA, u.siteB, siteC][i % 3] ?? u.siteA;
      ids.push(await enrolReady(u, site, `c${String(i)}`, undefined, site === siteC ? c : undefined));
    }
  }, 180_000);
  afterAll(async () => {
    await opened.close();
  });

  it('gives every participant exactly one slot and one kit, reuses none, and balances completed blocks', async () => {
    const actorFor = async (id: string): Promise<Actor> => {
      const p = await u.deps.db
        .selectFrom('participants')
        .select('site_id')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return p.site_id === u.siteA
        ? u.as.investigator
        : p.site_id === u.siteB
          ? u.siteBInvestigator
          : await actorOf(
              u.deps,
              (
                await u.deps.db
                  .selectFrom('users')
                  .select('id')
                  .where('username', '=', 'investigator-c')
                  .executeTakeFirstOrThrow()
              ).id,
              'investigator-c',
              'investigator c',
            );
    };
    const actors = await Promise.all(ids.map(actorFor));
    const results = await Promise.all(
      ids.map((id, i) => randomizeParticipant(u.deps, actors[i] ?? u.as.investigator, id)),
    );
    expect(results).toHaveLength(n);
    expect(new Set(results.map((r) => r.kitNumber)).size).toBe(n);
    expect(new Set(results.map((r) => r.randomizationNumber)).size).toBe(n);
    const allocations = await u.deps.db.selectFrom('allocations').selectAll().execute();
    expect(allocations).toHaveLength(n);
    expect(new Set(allocations.map((a) => a.participant_id)).size).toBe(n);
    const used = await u.deps.db
      .selectFrom('allocation_slots')
      .selectAll()
      .where('participant_id', 'is not', null)
      .execute();
    expect(used).toHaveLength(n);
    expect(new Set(used.map((s) => `${s.list_key}#${String(s.position)}`)).size).toBe(n);
    const kits = await u.deps.db.selectFrom('kits').selectAll().where('status', '=', 'dispensed').execute();
    expect(kits).toHaveLength(n);
    for (const a of allocations)
      expect(kits.find((k) => k.participant_id === a.participant_id)?.pack).toBe(a.arm);
    // Each stratum's used slots are a prefix of its list: no gaps, so every block before the last is complete.
    const slots = await u.deps.db.selectFrom('allocation_slots').selectAll().execute();
    for (const key of new Set(slots.map((s) => s.list_key))) {
      const list = slots.filter((s) => s.list_key === key).sort((a, b) => a.position - b.position);
      const usedCount = list.filter((s) => s.participant_id !== null).length;
      expect(list.slice(0, usedCount).every((s) => s.participant_id !== null)).toBe(true);
      for (const block of new Set(list.slice(0, usedCount).map((s) => s.block_no))) {
        const members = list.filter((s) => s.block_no === block);
        if (members.some((s) => s.participant_id === null)) continue;
        expect(members.filter((s) => s.arm === 'ifn-gamma').length * 2).toBe(members.length);
      }
    }
    expect((await verifyAuditChain(u.deps.db, 'infinity')).ok).toBe(true);
  }, 120_000);
});
