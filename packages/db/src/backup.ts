import { type Kysely, sql } from 'kysely';
import { verifyAuditChain, type ChainReport } from './audit/audit-chain.js';
import { appliedMigrations, MIGRATIONS, migrateTo, migrateToLatest } from './migrate.js';
import { type Database, JSON_COLUMNS, TABLES_IN_DEPENDENCY_ORDER } from './schema.js';
import { readTransaction } from './transaction.js';

/** The format tag of a backup file. */
export const BACKUP_FORMAT = 'immunotrial-backup';

/** A logical dump: every table's rows, read in one snapshot, in dependency order. */
export interface Backup {
  readonly format: typeof BACKUP_FORMAT;
  readonly formatVersion: 1;
  readonly createdAt: string;
  /**
   * The migrations the source database had. This version restores a backup whose list is a prefix of its
   * own (same or older version): the rows go in at that level, then the later migrations run over them.
   */
  readonly migrations: readonly string[];
  readonly tables: Readonly<Record<string, readonly Record<string, unknown>[]>>;
}

type TableName = (typeof TABLES_IN_DEPENDENCY_ORDER)[number];

/**
 * Reads every table inside one REPEATABLE READ, read-only transaction, so the dump is one consistent
 * moment even while the server writes. Rows are ordered by their primary key columns (as text), so two
 * dumps of the same data are equal.
 * @param createdAt - When the dump was taken (ISO-8601 UTC).
 */
export async function createBackup(db: Kysely<Database>, createdAt: string): Promise<Backup> {
  return readTransaction(db, async (tx) => {
    const tables: Record<string, Record<string, unknown>[]> = {};
    for (const table of TABLES_IN_DEPENDENCY_ORDER) {
      const result = await sql<
        Record<string, unknown>
      >`select * from ${sql.table(table)} order by 1, 2`.execute(tx);
      tables[table] = result.rows;
    }
    return {
      format: BACKUP_FORMAT,
      formatVersion: 1,
      createdAt,
      migrations: Object.keys(MIGRATIONS),
      tables,
    };
  });
}

/**
 * Checks that a parsed JSON document is a backup this version can restore: taken by this version or an
 * older one (its migrations are a prefix of ours). The result keeps the backup's own migration list.
 * @throws Error naming what is wrong: not a backup, another format version, a migration this version does
 *   not know (a backup from a newer version), a missing table.
 */
export function parseBackup(data: unknown): Backup {
  if (typeof data !== 'object' || data === null || !('format' in data) || data.format !== BACKUP_FORMAT) {
    throw new Error(`not an Immunotrial backup: expected "format": "${BACKUP_FORMAT}"`);
  }
  if (!('formatVersion' in data) || data.formatVersion !== 1)
    throw new Error('backup formatVersion: expected 1');
  const migrations = parseMigrations('migrations' in data ? data.migrations : undefined);
  const tables =
    'tables' in data && typeof data.tables === 'object' && data.tables !== null ? data.tables : {};
  const current = migrations.length === Object.keys(MIGRATIONS).length;
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const t of TABLES_IN_DEPENDENCY_ORDER) {
    const rows: unknown = (tables as Record<string, unknown>)[t];
    // An older backup may predate a table a later migration creates; restoreBackup checks the table did
    // not exist at the backup's level.
    if (rows === undefined && !current) continue;
    if (!Array.isArray(rows)) throw new Error(`backup: table "${t}" is missing`);
    out[t] = rows.filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null);
    if (out[t].length !== rows.length)
      throw new Error(`backup: table "${t}" has a row that is not an object`);
  }
  const createdAt = 'createdAt' in data && typeof data.createdAt === 'string' ? data.createdAt : '';
  return { format: BACKUP_FORMAT, formatVersion: 1, createdAt, migrations, tables: out };
}

function parseMigrations(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((m) => typeof m === 'string')) {
    throw new Error('backup migrations: expected a non-empty list of migration names');
  }
  const names: string[] = value;
  const ours = Object.keys(MIGRATIONS);
  const unknown = names.filter((m) => !ours.includes(m));
  if (unknown.length > 0) {
    throw new Error(
      `backup was made by a newer version of Immunotrial: this version does not know migration(s) ${unknown.join(', ')}; restore it with that version or a later one`,
    );
  }
  const at = names.findIndex((m, i) => m !== ours[i]);
  if (at !== -1) {
    throw new Error(
      `backup migrations ${JSON.stringify(names)} are not a prefix of this version's ${JSON.stringify(ours)} (at position ${String(at + 1)})`,
    );
  }
  return names;
}

function rowForInsert(table: TableName, row: Record<string, unknown>): Record<string, unknown> {
  const json = JSON_COLUMNS[table] ?? [];
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    out[k] = json.includes(k) && v !== null ? JSON.stringify(v) : v;
  }
  return out;
}

// Raw SQL rather than the typed builder: the rows are checked against the schema by the database itself.
async function insertRows(
  tx: Kysely<Database>,
  table: TableName,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  const first = rows[0];
  if (first === undefined) return;
  const columns = Object.keys(first);
  const values = rows.map((r) => {
    const row = rowForInsert(table, r);
    return sql`(${sql.join(columns.map((c) => sql`${row[c] ?? null}`))})`;
  });
  await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) values ${sql.join(values)}`.execute(
    tx,
  );
}

async function tableExists(tx: Kysely<Database>, table: string): Promise<boolean> {
  const { rows } = await sql<{ t: string | null }>`select to_regclass(${table})::text as t`.execute(tx);
  return rows[0]?.t != null;
}

/** The backup's level: a target already past it cannot take its rows (migrations never go down). */
async function checkLevel(tx: Kysely<Database>, backup: Backup): Promise<void> {
  const applied = await appliedMigrations(tx);
  if (applied.length <= backup.migrations.length) return;
  throw new Error(
    `restore: the target database is already at migration ${applied.at(-1) ?? ''}, newer than the backup's ${backup.migrations.at(-1) ?? ''}; restore into a new data folder (--data DIR) or a new, empty PostgreSQL database (DATABASE_URL), never one a server has already started on`,
  );
}

async function insertAll(tx: Kysely<Database>, backup: Backup): Promise<void> {
  for (const table of TABLES_IN_DEPENDENCY_ORDER) {
    if (!(await tableExists(tx, table))) continue;
    if (backup.tables[table] === undefined)
      throw new Error(`backup: table "${table}" is missing (it exists at the backup's migration level)`);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(tx);
    if ((rows[0]?.n ?? 0) > 0) {
      throw new Error(`restore: the target database is not empty (table ${table} has rows)`);
    }
  }
  for (const table of TABLES_IN_DEPENDENCY_ORDER) {
    const rows = backup.tables[table] ?? [];
    for (let i = 0; i < rows.length; i += 200) {
      await insertRows(tx, table, rows.slice(i, i + 200));
    }
  }
}

/**
 * Restores a backup into an empty database (either backend) that is new or migrated no further than the
 * backup, then verifies every audit chain. One transaction, so a failure anywhere leaves the target exactly
 * as it was: the schema is migrated to the backup's level, the rows go in, the later migrations of this
 * version run over them (so a migration that transforms data applies to restored data too), and only then
 * does it commit.
 * @returns The chain report of the restored database (verified after the final migration).
 * @throws Error when the target is past the backup's migration level, already holds data (restore never
 *   merges), or a row does not fit.
 */
export async function restoreBackup(db: Kysely<Database>, backup: Backup): Promise<ChainReport> {
  const last = backup.migrations.at(-1);
  if (last === undefined) throw new Error('restore: the backup lists no migrations');
  // Kysely cannot run its Migrator inside db.transaction(), so the transaction is begun by hand on one
  // pinned connection and the migrations join it.
  await db.connection().execute(async (conn) => {
    await sql`begin`.execute(conn);
    try {
      await checkLevel(conn, backup);
      await migrateTo(conn, last, { insideTransaction: true });
      await insertAll(conn, backup);
      await migrateToLatest(conn, { insideTransaction: true });
      await sql`commit`.execute(conn);
    } catch (error) {
      await sql`rollback`.execute(conn);
      throw error;
    }
  });
  return verifyAuditChain(db);
}
