import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditEntry, appendAuditEvents, SYSTEM_CHAIN } from './audit/audit-chain.js';
import { type Backup, createBackup, parseBackup, restoreBackup } from './backup.js';
import { appliedMigrations, MIGRATIONS, migrateTo } from './migrate.js';
import type { OpenDatabase } from './open-database.js';
import { testBackends } from './testing.js';
import { writeTransaction } from './transaction.js';

const OURS = Object.keys(MIGRATIONS);

const entry = (i: number): AuditEntry => ({
  actorId: null,
  actorName: 'command line',
  role: 'admin',
  siteId: null,
  action: 'create',
  entity: 'user',
  entityId: `u${String(i)}`,
  newValue: { username: `user${String(i)}` },
});

/** A backup as JSON text would bring it (parseBackup's input), at the given migrations. */
function document(backup: Backup, migrations: readonly string[]): Record<string, unknown> {
  return { ...(JSON.parse(JSON.stringify(backup)) as Record<string, unknown>), migrations };
}

describe('parseBackup and migration levels', () => {
  const empty: Backup = {
    format: 'immunotrial-backup',
    formatVersion: 1,
    createdAt: '2026-03-17T10:00:00.000Z',
    migrations: OURS,
    tables: {},
  };

  it('accepts a backup of an older version and keeps its own migration list', () => {
    const parsed = parseBackup({ ...empty, migrations: ['0001-initial'] });
    expect(parsed.migrations).toEqual(['0001-initial']);
  });

  it('refuses a backup of a newer version, naming the migrations it does not know', () => {
    expect(() => parseBackup({ ...empty, migrations: [...OURS, '9999-future', '9999-later'] })).toThrow(
      'backup was made by a newer version of Immunotrial: this version does not know migration(s) 9999-future, 9999-later',
    );
  });

  it('refuses a list that is not a prefix of ours, and one that is missing', () => {
    expect(() =>
      parseBackup({ ...empty, migrations: ['0001-initial', '0003-participant-discharges'] }),
    ).toThrow('are not a prefix of this version');
    expect(() => parseBackup({ ...empty, migrations: [] })).toThrow(
      'backup migrations: expected a non-empty list of migration names',
    );
    expect(() => parseBackup({ format: 'immunotrial-backup', formatVersion: 1, tables: {} })).toThrow(
      'backup migrations: expected a non-empty list of migration names',
    );
  });

  it('still requires every table of a backup at this version', () => {
    expect(() => parseBackup(empty)).toThrow('backup: table "trials" is missing');
  });
});

describe.each(testBackends())('restoring older backups on $name', (backend) => {
  let source: OpenDatabase;
  let backup: Backup;
  beforeAll(async () => {
    source = await backend.open();
    for (let i = 0; i < 3; i++) {
      await writeTransaction(source.db, SYSTEM_CHAIN, (tx) =>
        appendAuditEvents(tx, SYSTEM_CHAIN, '2026-03-17T10:00:00.000Z', [entry(i)]),
      );
    }
    backup = await createBackup(source.db, '2026-03-17T10:00:00.000Z');
  }, 60_000);
  afterAll(async () => {
    await source.close();
  });

  it('migrates a new database to the backup level, restores, then migrates to the latest', async () => {
    const target = await backend.openEmpty();
    try {
      const report = await restoreBackup(target.db, parseBackup(document(backup, ['0001-initial'])));
      expect(report.ok).toBe(true);
      expect(report.chains).toEqual([expect.objectContaining({ chain: SYSTEM_CHAIN, events: 3 })]);
      expect(await appliedMigrations(target.db)).toEqual(OURS);
    } finally {
      await target.close();
    }
  }, 60_000);

  it('refuses a target already past the backup level and leaves it as it was', async () => {
    const target = await backend.open();
    try {
      await expect(restoreBackup(target.db, parseBackup(document(backup, ['0001-initial'])))).rejects.toThrow(
        `restore: the target database is already at migration ${OURS.at(-1) ?? ''}, newer than the backup's 0001-initial; restore into a new data folder (--data DIR)`,
      );
      const rows = await target.db.selectFrom('audit_events').select('seq').execute();
      expect(rows).toEqual([]);
    } finally {
      await target.close();
    }
  }, 60_000);

  it('rolls back the migrations too when a row does not fit (nothing half-written)', async () => {
    const target = await backend.openEmpty();
    try {
      const bad = document(backup, ['0001-initial']);
      const tables = bad.tables as Record<string, Record<string, unknown>[]>;
      tables.audit_events = (tables.audit_events ?? []).map((r) => ({ ...r, no_such_column: 1 }));
      await expect(restoreBackup(target.db, parseBackup(bad))).rejects.toThrow(/no_such_column/);
      expect(await appliedMigrations(target.db)).toEqual([]);
      // The failed attempt left nothing behind: the same backup, fixed, restores.
      expect((await restoreBackup(target.db, parseBackup(document(backup, OURS)))).ok).toBe(true);
    } finally {
      await target.close();
    }
  }, 60_000);

  it('refuses an older backup without a table that exists at its level', async () => {
    const target = await backend.openEmpty();
    try {
      const { users: _dropped, ...tables } = backup.tables;
      await expect(
        restoreBackup(target.db, parseBackup({ ...document(backup, ['0001-initial']), tables })),
      ).rejects.toThrow('backup: table "users" is missing (it exists at the backup\'s migration level)');
      expect(await appliedMigrations(target.db)).toEqual([]);
    } finally {
      await target.close();
    }
  }, 60_000);

  it('migrateTo stops at the named migration and never goes down', async () => {
    const target = await backend.openEmpty();
    try {
      expect(await migrateTo(target.db, '0002-deviation-dose-not-recorded')).toEqual({
        applied: ['0001-initial', '0002-deviation-dose-not-recorded'],
      });
      expect(await appliedMigrations(target.db)).toEqual(OURS.slice(0, 2));
      await expect(migrateTo(target.db, '0001-initial')).rejects.toThrow(
        'migrateTo: the database is already at 0002-deviation-dose-not-recorded, past 0001-initial',
      );
      await expect(migrateTo(target.db, '9999-future')).rejects.toThrow(
        'migrateTo: "9999-future" is not a migration of this version',
      );
    } finally {
      await target.close();
    }
  }, 60_000);
});
