import { type Kysely, sql } from 'kysely';
import { verifyAuditChain, type ChainReport } from './audit/audit-chain.js';
import { MIGRATIONS } from './migrate.js';
import { type Database, JSON_COLUMNS, TABLES_IN_DEPENDENCY_ORDER } from './schema.js';
import { readTransaction, type Tx } from './transaction.js';

/** The format tag of a backup file. */
export const BACKUP_FORMAT = 'immunotrial-backup';

/** A logical dump: every table's rows, read in one snapshot, in dependency order. */
export interface Backup {
  readonly format: typeof BACKUP_FORMAT;
  readonly formatVersion: 1;
  readonly createdAt: string;
  /** The migrations the source database had: a restore target must have the same. */
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
 * Checks that a parsed JSON document is a backup this version can restore.
 * @throws Error naming what is wrong: not a backup, another format version, other migrations, a missing table.
 */
export function parseBackup(data: unknown): Backup {
  if (typeof data !== 'object' || data === null || !('format' in data) || data.format !== BACKUP_FORMAT) {
    throw new Error(`not an Immunotrial backup: expected "format": "${BACKUP_FORMAT}"`);
  }
  if (!('formatVersion' in data) || data.formatVersion !== 1)
    throw new Error('backup formatVersion: expected 1');
  const migrations = 'migrations' in data && Array.isArray(data.migrations) ? data.migrations : [];
  const ours = Object.keys(MIGRATIONS);
  if (migrations.length !== ours.length || migrations.some((m, i) => m !== ours[i])) {
    throw new Error(
      `backup schema ${JSON.stringify(migrations)} differs from this version's ${JSON.stringify(ours)}`,
    );
  }
  const tables =
    'tables' in data && typeof data.tables === 'object' && data.tables !== null ? data.tables : {};
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const t of TABLES_IN_DEPENDENCY_ORDER) {
    const rows: unknown = (tables as Record<string, unknown>)[t];
    if (!Array.isArray(rows)) throw new Error(`backup: table "${t}" is missing`);
    out[t] = rows.filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null);
    if (out[t].length !== rows.length)
      throw new Error(`backup: table "${t}" has a row that is not an object`);
  }
  const createdAt = 'createdAt' in data && typeof data.createdAt === 'string' ? data.createdAt : '';
  return { format: BACKUP_FORMAT, formatVersion: 1, createdAt, migrations: ours, tables: out };
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
async function insertRows(tx: Tx, table: TableName, rows: readonly Record<string, unknown>[]): Promise<void> {
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

/**
 * Restores a backup into an empty, migrated database (either backend), in one transaction, then verifies
 * every audit chain.
 * @returns The chain report of the restored database.
 * @throws Error when the target already holds data (restore never merges), or when a row does not fit.
 */
export async function restoreBackup(db: Kysely<Database>, backup: Backup): Promise<ChainReport> {
  await db.transaction().execute(async (tx) => {
    for (const table of TABLES_IN_DEPENDENCY_ORDER) {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(
        tx,
      );
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
  });
  return verifyAuditChain(db);
}
