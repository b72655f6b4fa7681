import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appliedMigrations, MIGRATIONS, openDatabase } from '@immunotrial/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test-support.js';

describe('immunotrial db migrate, user add, backup, restore, audit verify (PGlite folders)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'immunotrial-cli-'));
    process.env.IMMUNOTRIAL_USER_PASSWORD = 'a long enough password';
    delete process.env.DATABASE_URL;
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('migrates, adds a user, backs up and restores into an empty folder with the chain verified', async () => {
    const data = join(dir, 'a');
    expect(await runCli(['db', 'migrate', '--data', data])).toMatchObject({ code: 0 });
    const add = await runCli([
      'user',
      'add',
      'ada',
      '--name',
      'Ada Admin',
      '--role',
      'admin',
      '--data',
      data,
    ]);
    expect(add).toMatchObject({ code: 0, out: 'created user ada (Ada Admin) as admin\n' });
    const bad = await runCli([
      'user',
      'add',
      'bob',
      '--name',
      'Bob',
      '--role',
      'investigator',
      '--data',
      data,
    ]);
    expect(bad.code).toBe(1);
    expect(bad.err).toBe('error: trialId: investigator is granted in a trial\n');
    const file = join(dir, 'backup.json');
    expect((await runCli(['backup', file, '--data', data])).code).toBe(0);
    const restored = await runCli(['restore', file, '--data', join(dir, 'b')]);
    expect(restored.code).toBe(0);
    expect(restored.out).toContain('audit chains verified (_system: 2)');
    const again = await runCli(['restore', file, '--data', join(dir, 'b')]);
    expect(again).toMatchObject({
      code: 1,
      err: 'error: restore: the target database is not empty (table users has rows)\n',
    });
  }, 120_000);

  it('restores a backup of an older version into a new folder, and refuses newer backups and migrated targets', async () => {
    const current = JSON.parse(readFileSync(join(dir, 'backup.json'), 'utf8')) as {
      migrations: string[];
      tables: Record<string, Record<string, unknown>[]>;
    };
    const participants = (current.tables.participants ?? []).map(
      ({
        icu_discharged_at: _icuOut,
        hospital_discharged_at: _hospitalOut,
        icu_admitted_at: _icuIn,
        hospital_admitted_at: _hospitalIn,
        ...rest
      }) => rest,
    );
    const old = join(dir, 'old.json');
    writeFileSync(
      old,
      JSON.stringify({
        ...current,
        migrations: ['0001-initial'],
        tables: { ...current.tables, participants },
      }),
    );
    const restored = await runCli(['restore', old, '--data', join(dir, 'c')]);
    expect(restored).toMatchObject({ code: 0, err: '' });
    expect(restored.out).toContain('audit chains verified (_system: 2)');
    const opened = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'c') });
    try {
      expect(await appliedMigrations(opened.db)).toEqual(Object.keys(MIGRATIONS));
      expect(await opened.db.selectFrom('users').select('username').execute()).toEqual([{ username: 'ada' }]);
    } finally {
      await opened.close();
    }

    expect((await runCli(['db', 'migrate', '--data', join(dir, 'd')])).code).toBe(0);
    const migrated = await runCli(['restore', old, '--data', join(dir, 'd')]);
    expect(migrated.code).toBe(1);
    expect(migrated.err).toBe(
      `error: restore: the target database is already at migration ${Object.keys(MIGRATIONS).at(-1) ?? ''}, newer than the backup's 0001-initial; restore into a new data folder (--data DIR) or a new, empty PostgreSQL database (DATABASE_URL), never one a server has already started on\n`,
    );

    const future = join(dir, 'future.json');
    writeFileSync(future, JSON.stringify({ ...current, migrations: [...current.migrations, '9999-future'] }));
    const newer = await runCli(['restore', future, '--data', join(dir, 'e')]);
    expect(newer).toMatchObject({
      code: 1,
      err: `error: ${future}: backup was made by a newer version of Immunotrial: this version does not know migration(s) 9999-future; restore it with that version or a later one\n`,
    });
  }, 120_000);

  it('names the first broken link when an audit row was edited behind the server', async () => {
    const data = join(dir, 'a');
    expect((await runCli(['audit', 'verify', '--data', data])).out).toContain(
      '_system: 2 events, chain intact',
    );
    const opened = await openDatabase({ kind: 'pglite', dataDir: data });
    await sql`update audit_events set actor_name = 'someone else' where seq = 1`.execute(opened.db);
    await opened.close();
    const verify = await runCli(['audit', 'verify', '--data', data]);
    expect(verify).toMatchObject({
      code: 1,
      err: 'error: audit chain broken: chain _system, event 1: content does not match its hash\n',
    });
  }, 120_000);
});
