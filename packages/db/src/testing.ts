import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import pg from 'pg';
import { MIGRATIONS, migrateToLatest } from './migrate.js';
import { openDatabase, type OpenDatabase } from './open-database.js';
import { PgliteDialect } from './pglite-dialect.js';
import type { Database } from './schema.js';

// A migrated, empty PGlite data directory, made once per migration set and reused: starting PGlite from
// it skips initdb and the migrations (about 2 s a test file on this machine).
let migratedImage: Promise<Blob> | undefined;

function imagePath(): string {
  const key = createHash('sha256')
    .update(JSON.stringify(Object.keys(MIGRATIONS)))
    .update(
      Object.values(MIGRATIONS)
        .map((m) => m.up.toString())
        .join('\n'),
    )
    .digest('hex')
    .slice(0, 16);
  return join(tmpdir(), `immunotrial-pglite-${key}.tar`);
}

async function makeImage(): Promise<Blob> {
  const path = imagePath();
  if (existsSync(path)) return new Blob([readFileSync(path)]);
  const lite = await PGlite.create();
  const db = new Kysely<Database>({ dialect: new PgliteDialect(lite) });
  await migrateToLatest(db);
  const image = await lite.dumpDataDir('none');
  await db.destroy();
  const tmp = `${path}.${String(process.pid)}`;
  writeFileSync(tmp, Buffer.from(await image.arrayBuffer()));
  renameSync(tmp, path);
  return image;
}

/** A fresh in-memory PGlite with every migration applied (from a cached image). */
export async function openMigratedMemoryDatabase(): Promise<OpenDatabase> {
  migratedImage ??= makeImage();
  const lite = await PGlite.create({ loadDataDir: await migratedImage });
  const db = new Kysely<Database>({ dialect: new PgliteDialect(lite) });
  // Applies only what the image lacks (nothing, unless the image is stale).
  await migrateToLatest(db);
  return { db, kind: 'pglite', description: 'memory', close: () => db.destroy() };
}

/** A backend the storage and service tests run on. */
export interface TestBackend {
  readonly name: 'pglite' | 'postgres';
  /** A fresh, migrated database: in-memory PGlite, or a new PostgreSQL database dropped on close. */
  readonly open: () => Promise<OpenDatabase>;
  /** A fresh database with no migrations applied (restores of older backups start from one). */
  readonly openEmpty: () => Promise<OpenDatabase>;
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function openEmptyMemoryDatabase(): Promise<OpenDatabase> {
  const db = new Kysely<Database>({ dialect: new PgliteDialect(await PGlite.create()) });
  return { db, kind: 'pglite', description: 'memory', close: () => db.destroy() };
}

async function openPostgresTestDatabase(baseUrl: string, migrate = true): Promise<OpenDatabase> {
  const name = `immunotrial_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(baseUrl, `create database ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const opened = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 20 });
  if (migrate) await migrateToLatest(opened.db);
  return {
    ...opened,
    close: async () => {
      await opened.close();
      await adminQuery(baseUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

/**
 * The backends to test on: PGlite always, and PostgreSQL when `TEST_DATABASE_URL` is set (a database the
 * tests may create databases next to, e.g. `postgres://postgres@127.0.0.1:5432/postgres`).
 * @example describe.each(testBackends())('on $name', ({ open }) => { … })
 */
export function testBackends(env: Readonly<Record<string, string | undefined>> = process.env): TestBackend[] {
  const backends: TestBackend[] = [
    {
      name: 'pglite',
      open: openMigratedMemoryDatabase,
      openEmpty: openEmptyMemoryDatabase,
    },
  ];
  const url = env.TEST_DATABASE_URL;
  if (url !== undefined && url !== '')
    backends.push({
      name: 'postgres',
      open: () => openPostgresTestDatabase(url),
      openEmpty: () => openPostgresTestDatabase(url, false),
    });
  return backends;
}
