import { type OpenDatabase, testBackends, verifyAuditChain } from '@immunotrial/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolReady, setUpUnit, type TestUnit } from '../test-support.js';
import { setUpAllocation } from './allocation-setup.js';
import { planFormSave, readForSave, writeFormSaveAtOnce } from './form-save.js';
import { hiddenFields, saveForm } from './forms.js';
import { randomizeParticipant } from './randomization.js';

describe.each(testBackends())('form save in one statement on $name', ({ open }) => {
  let opened: OpenDatabase;
  let u: TestUnit;
  let pid: string;
  beforeAll(async () => {
    opened = await open();
    u = await setUpUnit(opened);
    await setUpAllocation(u.deps, u.as.unblinded_statistician, u.trialId, { seed: 'form-save-test-seed' });
    pid = await enrolReady(u, u.siteA, 'fs-1');
    await randomizeParticipant(u.deps, u.as.investigator, pid, {});
  }, 120_000);
  afterAll(async () => {
    await opened.close();
  });

  const counts = async (): Promise<number[]> =>
    Promise.all(
      (['form_entries', 'queries', 'audit_events'] as const).map(async (t) =>
        Number(
          (
            await u.deps.db
              .selectFrom(t)
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      ),
    );

  const plan = async (instance: string, values: Record<string, number>, reason?: string) => {
    const read = await readForSave(u.deps.db, pid, 'vital-signs', instance, false);
    const p = await planFormSave(
      u.deps,
      u.as.coordinator,
      { participantId: pid, formId: 'vital-signs', instance },
      { values, reason, confirmOutOfRange: ['heart_rate'] },
      read,
      hiddenFields,
    );
    if (p.kind !== 'write') throw new Error('expected a write');
    return p;
  };

  it('writes the entry, an out-of-range query and their chained events at once', async () => {
    const before = await counts();
    const p = await plan('day-1', { heart_rate: 300, map: 70 });
    expect(await writeFormSaveAtOnce(u.deps.db, u.as.coordinator, p)).toBe(true);
    const after = await counts();
    // One entry, one query, three events (two fields and the query).
    expect(after.map((n, i) => n - (before[i] ?? 0))).toEqual([1, 1, 3]);
    expect((await verifyAuditChain(u.deps.db, u.trialId)).ok).toBe(true);
  });

  it('writes nothing when the entry changed after the read (revision guard)', async () => {
    const p = await plan('day-1', { heart_rate: 80, map: 70 }, 'corrected');
    await saveForm(u.deps, u.as.coordinator, pid, 'vital-signs', 'day-1', {
      values: { heart_rate: 90, map: 70 },
      reason: 'someone else first',
    });
    const before = await counts();
    expect(await writeFormSaveAtOnce(u.deps.db, u.as.coordinator, p)).toBe(false);
    expect(await counts()).toEqual(before);
  });

  it('writes nothing when the participant changed after the read (status guard)', async () => {
    const p = await plan('day-2', { heart_rate: 80, map: 70 });
    await u.deps.db
      .updateTable('participants')
      .set({ status: 'on_treatment' })
      .where('id', '=', pid)
      .execute();
    const before = await counts();
    expect(await writeFormSaveAtOnce(u.deps.db, u.as.coordinator, p)).toBe(false);
    expect(await counts()).toEqual(before);
    // saveForm itself reads again and saves.
    const saved = await saveForm(u.deps, u.as.coordinator, pid, 'vital-signs', 'day-2', {
      values: { heart_rate: 80, map: 70 },
    });
    expect(saved.revision).toBe(1);
  });

  it('keeps one gap-free chain under concurrent saves, with a 409 for a concurrent duplicate', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 24 }, (_, i) =>
        saveForm(u.deps, u.as.coordinator, pid, 'vital-signs', `day-${String(3 + (i % 12))}`, {
          values: { heart_rate: 60 + i, map: 70 },
        }),
      ),
    );
    const refused = results.filter((r) => r.status === 'rejected');
    // Two saves per instance race: each instance is created once; the other meets the unique key (409), or
    // finds the entry saved and, with other values and no reason, is refused.
    for (const r of refused)
      expect(['23505', 'form.reason_required']).toContain((r.reason as { code?: unknown }).code);
    const report = await verifyAuditChain(u.deps.db, u.trialId);
    expect(report.ok).toBe(true);
    const entries = await u.deps.db
      .selectFrom('form_entries')
      .select('instance')
      .where('participant_id', '=', pid)
      .execute();
    expect(entries).toHaveLength(14);
  });
});
