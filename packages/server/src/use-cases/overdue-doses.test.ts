import { type OpenDatabase, testBackends, verifyAuditChain } from '@immunotrial/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeps } from '../deps.js';
import { startOverdueSweeps } from '../overdue-sweeper.js';
import { enrolReady, setUpUnit, type TestUnit } from '../test-support.js';
import { setUpAllocation } from './allocation-setup.js';
import { listDeviations } from './deviations.js';
import { participantDoses, recordAdministration } from './dosing.js';
import { DOSE_NOT_RECORDED, sweepOverdueDoses } from './overdue-doses.js';
import { changeStatus } from './participants.js';
import { randomizeParticipant } from './randomization.js';

// INFINITY: three SC doses at D1 + 0/24/48 h, each ± 2 h. D1 = 2026-03-17T08:00Z, so dose 1's window
// closes at 10:00Z on the 17th, dose 2's at 10:00Z on the 18th, dose 3's at 10:00Z on the 19th.
const D1 = Date.parse('2026-03-17T08:00:00Z');

describe.each(testBackends())('overdue-dose sweep on $name', ({ open }) => {
  let opened: OpenDatabase;
  let u: TestUnit;
  let given: string;
  let withdrawn: string;
  let silent: string;
  beforeAll(async () => {
    opened = await open();
    u = await setUpUnit(opened);
    u.now.ms = Date.parse('2026-03-17T07:00:00Z');
    await setUpAllocation(u.deps, u.as.unblinded_statistician, u.trialId, { seed: 'overdue-sweep-seed' });
    const randomized = async (ref: string): Promise<string> => {
      const id = await enrolReady(u, u.siteA, ref);
      await randomizeParticipant(u.deps, u.as.investigator, id, { firstDoseAt: D1 });
      return id;
    };
    silent = await randomized('od-silent');
    given = await randomized('od-given');
    withdrawn = await randomized('od-withdrawn');
  }, 120_000);
  afterAll(async () => {
    await opened.close();
  });

  const sweptOf = async (pid: string): Promise<string[]> =>
    (await listDeviations(u.deps, u.as.monitor, u.trialId, pid))
      .filter((d) => d.kind === DOSE_NOT_RECORDED)
      .map((d) => d.description);

  it('writes nothing while every window is still open', async () => {
    u.now.ms = Date.parse('2026-03-17T09:59:59Z');
    const report = await sweepOverdueDoses(u.deps);
    expect(report).toEqual({ participants: 3, deviations: 0, failed: [] });
  });

  it('writes one deviation and one system audit event for a dose due yesterday and never recorded', async () => {
    u.now.ms = Date.parse('2026-03-18T09:00:00Z');
    await recordAdministration(u.deps, u.as.coordinator, given, 'ifn-gamma-sc#1', {
      status: 'given',
      givenAt: Date.parse('2026-03-17T08:05:00Z'),
    });
    await changeStatus(u.deps, u.as.investigator, withdrawn, {
      status: 'withdrawn',
      reason: 'consent withdrawn',
      dataAfterWithdrawal: 'none',
    });
    const before = await verifyAuditChain(u.deps.db, u.trialId);
    const report = await sweepOverdueDoses(u.deps);
    // The withdrawn participant is not even examined; the given dose is recorded.
    expect(report).toEqual({ participants: 2, deviations: 1, failed: [] });
    expect(await sweptOf(silent)).toEqual([
      'dose ifn-gamma-sc no. 1 not recorded: its window closed at 2026-03-17T10:00:00.000Z (UTC) with no administration recorded',
    ]);
    expect(await sweptOf(given)).toEqual([]);
    expect(await sweptOf(withdrawn)).toEqual([]);
    const events = await u.deps.db
      .selectFrom('audit_events')
      .selectAll()
      .where('trial_id', '=', u.trialId)
      .where('entity', '=', 'deviation')
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor_id: 'system',
      actor_name: 'system',
      action: 'create',
      role: null,
    });
    const after = await verifyAuditChain(u.deps.db, u.trialId);
    expect(after.ok).toBe(true);
    expect(after.chains[0]?.events).toBe((before.chains[0]?.events ?? 0) + 1);
  });

  it('is idempotent: a second sweep, and two sweeping processes at once, write nothing twice', async () => {
    expect(await sweepOverdueDoses(u.deps)).toMatchObject({ deviations: 0 });
    u.now.ms = Date.parse('2026-03-18T10:00:01Z');
    // Two "servers" (separate deps, separate protocol caches) over one database, racing.
    const other = createDeps(u.deps.db, { clock: () => u.now.ms });
    const [a, b] = await Promise.all([sweepOverdueDoses(u.deps), sweepOverdueDoses(other)]);
    // Dose 2 of both randomized participants is now overdue: two deviations, whoever wrote them.
    expect(a.deviations + b.deviations).toBe(2);
    expect(await sweptOf(silent)).toHaveLength(2);
    expect(await sweptOf(given)).toHaveLength(1);
    const deviationEvents = await u.deps.db
      .selectFrom('audit_events')
      .select('entity_id')
      .where('trial_id', '=', u.trialId)
      .where('entity', '=', 'deviation')
      .where('actor_id', '=', 'system')
      .execute();
    expect(deviationEvents).toHaveLength(3);
    expect((await verifyAuditChain(u.deps.db)).ok).toBe(true);
  });

  it('has the database refuse a second not-recorded deviation for one dose (the cross-process guard)', async () => {
    const row = {
      trial_id: u.trialId,
      site_id: u.siteA,
      participant_id: silent,
      description: 'written behind the sweep',
      origin: 'auto',
      related_id: 'ifn-gamma-sc#1',
      at: '2026-03-18T10:00:01.000Z',
      recorded_by: 'system',
      protocol_version: 1,
    };
    await expect(
      u.deps.db
        .insertInto('deviations')
        .values({ ...row, id: 'dup-1', kind: DOSE_NOT_RECORDED })
        .execute(),
    ).rejects.toMatchObject({ code: '23505' });
    // Other kinds may repeat for a dose (a late dose edited to another late time).
    await u.deps.db
      .insertInto('deviations')
      .values([
        { ...row, id: 'late-1', kind: 'dose_out_of_window' },
        { ...row, id: 'late-2', kind: 'dose_out_of_window' },
      ])
      .execute();
    await u.deps.db.deleteFrom('deviations').where('id', 'in', ['late-1', 'late-2']).execute();
  });

  it('keeps the deviation when the dose is recorded late, and the calendar shows the late record', async () => {
    await recordAdministration(u.deps, u.as.coordinator, silent, 'ifn-gamma-sc#1', {
      status: 'held',
      reason: 'documented late: held for hypotension',
    });
    expect(await sweepOverdueDoses(u.deps)).toMatchObject({ deviations: 0, failed: [] });
    expect(await sweptOf(silent)).toHaveLength(2);
    const doses = await participantDoses(u.deps, u.as.coordinator, silent);
    expect(doses[0]).toMatchObject({ status: 'held' });
  });

  it('sweeps follow-up participants only for windows that closed before follow-up began', async () => {
    // Dose 3 closes at 2026-03-19T10:00Z; `given` moves to follow-up before that.
    await changeStatus(u.deps, u.as.investigator, given, { status: 'follow_up' });
    u.now.ms = Date.parse('2026-03-20T10:00:00Z');
    const report = await sweepOverdueDoses(u.deps);
    expect(report.deviations).toBe(1); // dose 3 of `silent` only
    expect(await sweptOf(given)).toHaveLength(1);
    expect(await sweptOf(silent)).toHaveLength(3);
    expect((await verifyAuditChain(u.deps.db)).ok).toBe(true);
  });

  it('sweeps at start and on a timer, and stops cleanly', async () => {
    const reports: number[] = [];
    const sweeper = startOverdueSweeps(u.deps, { onReport: (r) => reports.push(r.participants) }, 20);
    await new Promise((r) => setTimeout(r, 300));
    await sweeper.stop();
    const count = reports.length;
    expect(count).toBeGreaterThanOrEqual(2);
    await new Promise((r) => setTimeout(r, 100));
    expect(reports).toHaveLength(count);
  });
});
