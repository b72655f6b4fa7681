import {
  appliedMigrations,
  type Backup,
  createBackup,
  MIGRATIONS,
  parseBackup,
  restoreBackup,
  testBackends,
  verifyAuditChain,
  type OpenDatabase,
} from '@immunotrial/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolReady, setUpUnit, type TestUnit } from '../test-support.js';
import { setUpAllocation } from '../use-cases/allocation-setup.js';
import { recordDischarge } from '../use-cases/discharges.js';
import { saveForm } from '../use-cases/forms.js';
import { randomizeParticipant } from '../use-cases/randomization.js';

const backends = testBackends();
const DAY_MS = 86_400_000;

/** Participant rows as a backup taken before 0003 has them: no discharge or admission columns. */
function withoutStayColumns(rows: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.map(
    ({
      icu_discharged_at: _icuOut,
      hospital_discharged_at: _hospitalOut,
      icu_admitted_at: _icuIn,
      hospital_admitted_at: _hospitalIn,
      ...rest
    }) => rest,
  );
}

// A populated trial is dumped from each backend and restored into each backend (PGlite -> PGlite always;
// PGlite <-> PostgreSQL when TEST_DATABASE_URL is set); the restored database dumps to the same content and
// its audit chains verify.
describe.each(backends)('backup from $name', (source) => {
  let from: OpenDatabase;
  let u: TestUnit;
  beforeAll(async () => {
    from = await source.open();
    u = await setUpUnit(from);
    await setUpAllocation(u.deps, u.as.unblinded_statistician, u.trialId, {
      seed: 'backup-roundtrip-seed-42',
    });
    for (let i = 0; i < 3; i++) {
      const id = await enrolReady(u, i === 2 ? u.siteB : u.siteA, `b${String(i)}`);
      await randomizeParticipant(u.deps, i === 2 ? u.siteBInvestigator : u.as.investigator, id);
      if (i < 2)
        await saveForm(u.deps, u.as.coordinator, id, 'vital-signs', 'day-1', {
          values: { heart_rate: 88, map: 65.5, temperature: 38.2 },
        });
      if (i === 0)
        await recordDischarge(u.deps, u.as.coordinator, id, {
          hospitalAdmittedAt: u.now.ms - 3 * DAY_MS,
          icuAdmittedAt: u.now.ms - 2 * DAY_MS,
          icuDischargedAt: u.now.ms,
          hospitalDischargedAt: u.now.ms,
        });
    }
  }, 180_000);
  afterAll(async () => {
    await from.close();
  });

  it.each(backends.map((b) => [b.name, b] as const))(
    'restores into %s with the same rows and an intact chain',
    async (_name, target) => {
      const backup = await createBackup(u.deps.db, '2026-03-17T10:00:00.000Z');
      const text = JSON.stringify(backup);
      const to = await target.open();
      try {
        const report = await restoreBackup(to.db, parseBackup(JSON.parse(text)));
        expect(report.ok).toBe(true);
        expect(report.chains.find((c) => c.chain === 'infinity')?.events).toBeGreaterThan(20);
        const again = await createBackup(to.db, '2026-03-17T10:00:00.000Z');
        expect(JSON.stringify(again) === text).toBe(true);
        const discharged = await to.db
          .selectFrom('participants')
          .select(['icu_discharged_at', 'hospital_discharged_at', 'icu_admitted_at', 'hospital_admitted_at'])
          .where('icu_discharged_at', 'is not', null)
          .execute();
        expect(discharged).toEqual([
          {
            icu_discharged_at: '2026-03-17T09:00:00.000Z',
            hospital_discharged_at: '2026-03-17T09:00:00.000Z',
            icu_admitted_at: '2026-03-15T09:00:00.000Z',
            hospital_admitted_at: '2026-03-14T09:00:00.000Z',
          },
        ]);
        await sql`update form_entries set values = '{"heart_rate": 60}'::jsonb`.execute(to.db);
        await sql`update audit_events set new_value = '60'::jsonb where entity = 'form_entry' and field = 'heart_rate'`.execute(
          to.db,
        );
        const tampered = await verifyAuditChain(to.db, 'infinity');
        expect(tampered.ok).toBe(false);
        expect(tampered.firstBreak?.problem).toBe('content does not match its hash');
      } finally {
        await to.close();
      }
    },
    120_000,
  );

  // A backup taken before 0002-0004 (built from a real one: no discharge or admission columns, the first
  // migration only)
  // restores into a new database at its own level, then passes through the later migrations.
  it.each(backends.map((b) => [b.name, b] as const))(
    'restores a backup of an older version into a new %s database and migrates it to the latest',
    async (_name, target) => {
      const current = await createBackup(u.deps.db, '2026-03-17T10:00:00.000Z');
      const old: Backup = {
        ...current,
        migrations: ['0001-initial'],
        tables: { ...current.tables, participants: withoutStayColumns(current.tables.participants ?? []) },
      };
      const to = await target.openEmpty();
      try {
        const report = await restoreBackup(to.db, parseBackup(JSON.parse(JSON.stringify(old))));
        expect(report.ok).toBe(true);
        expect(report.chains.find((c) => c.chain === 'infinity')?.events).toBeGreaterThan(20);
        expect(await appliedMigrations(to.db)).toEqual(Object.keys(MIGRATIONS));
        const again = await createBackup(to.db, '2026-03-17T10:00:00.000Z');
        const nulled = (current.tables.participants ?? []).map((r) => ({
          ...r,
          icu_discharged_at: null,
          hospital_discharged_at: null,
          icu_admitted_at: null,
          hospital_admitted_at: null,
        }));
        expect(again.tables.participants).toEqual(nulled);
        expect(nulled.length).toBe(3);
        expect(again.tables.audit_events).toEqual(current.tables.audit_events);
      } finally {
        await to.close();
      }
    },
    120_000,
  );

  // Later migrations run over the restored rows: two "dose not recorded" deviations for one dose break
  // 0002's unique index, and the whole restore (schema and rows) rolls back.
  it.each(backends.map((b) => [b.name, b] as const))(
    'rolls a %s target back to new when a later migration fails on the restored rows',
    async (_name, target) => {
      const current = await createBackup(u.deps.db, '2026-03-17T10:00:00.000Z');
      const p = (current.tables.participants ?? [])[0] ?? {};
      const deviation = (id: string): Record<string, unknown> => ({
        id,
        trial_id: p.trial_id,
        site_id: p.site_id,
        participant_id: p.id,
        kind: 'dose.not_recorded',
        description: 'dose not recorded',
        origin: 'automatic',
        related_id: 'dose-1',
        at: '2026-03-17T10:00:00.000Z',
        recorded_by: 'system',
        protocol_version: 1,
      });
      const old = {
        ...current,
        migrations: ['0001-initial'],
        tables: {
          ...current.tables,
          participants: withoutStayColumns(current.tables.participants ?? []),
          deviations: [deviation('dev-a'), deviation('dev-b')],
        },
      };
      const to = await target.openEmpty();
      try {
        await expect(restoreBackup(to.db, parseBackup(old))).rejects.toThrow(
          'migration 0002-deviation-dose-not-recorded failed',
        );
        expect(await appliedMigrations(to.db)).toEqual([]);
      } finally {
        await to.close();
      }
    },
    120_000,
  );

  it('refuses to restore an older backup into a database already at the latest migration', async () => {
    const current = await createBackup(u.deps.db, '2026-03-17T10:00:00.000Z');
    const to = await source.open();
    try {
      await expect(
        restoreBackup(to.db, parseBackup({ ...current, migrations: ['0001-initial'] })),
      ).rejects.toThrow(
        `the target database is already at migration ${Object.keys(MIGRATIONS).at(-1) ?? ''}, newer than the backup's 0001-initial; restore into a new data folder (--data DIR)`,
      );
      expect(await to.db.selectFrom('participants').select('id').execute()).toEqual([]);
    } finally {
      await to.close();
    }
  }, 60_000);
});
