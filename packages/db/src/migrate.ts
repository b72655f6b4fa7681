import {
  type Kysely,
  type Migration,
  type MigrationProvider,
  type MigrationResultSet,
  Migrator,
  sql,
} from 'kysely';
import { up as initial } from './migrations/0001-initial.js';
import { up as deviationDoseNotRecorded } from './migrations/0002-deviation-dose-not-recorded.js';
import { up as participantDischarges } from './migrations/0003-participant-discharges.js';
import { up as participantAdmissions } from './migrations/0004-participant-admissions.js';
import type { Database } from './schema.js';

/** The migrations, in order; names sort as they apply. Bundled in code so no directory scan is needed. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial': { up: initial },
  '0002-deviation-dose-not-recorded': { up: deviationDoseNotRecorded },
  '0003-participant-discharges': { up: participantDischarges },
  '0004-participant-admissions': { up: participantAdmissions },
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve({ ...MIGRATIONS }) };

/** What `migrateToLatest` or `migrateTo` did: the names of the migrations it applied (empty when none). */
export interface MigrationReport {
  readonly applied: readonly string[];
}

/** How a migration run is wrapped. */
export interface MigrateOptions {
  /**
   * The caller has already begun a transaction on `db` (one pinned connection), so the run joins it instead
   * of opening its own: Kysely cannot nest transactions, and a restore needs migrations and row inserts to
   * commit or roll back together.
   */
  readonly insideTransaction?: boolean;
}

// Inside the caller's transaction each migration runs in a savepoint: a failed statement would otherwise
// abort the transaction before Kysely releases its migration lock, and that failure would hide which
// migration failed.
function inSavepoint(migration: Migration): Migration {
  return {
    up: async (db) => {
      await sql`savepoint immunotrial_migration`.execute(db);
      try {
        await migration.up(db);
      } catch (error) {
        await sql`rollback to savepoint immunotrial_migration`.execute(db);
        throw error;
      }
      await sql`release savepoint immunotrial_migration`.execute(db);
    },
  };
}

const savepointProvider: MigrationProvider = {
  getMigrations: () =>
    Promise.resolve(Object.fromEntries(Object.entries(MIGRATIONS).map(([n, m]) => [n, inSavepoint(m)]))),
};

function migrator(db: Kysely<Database>, options: MigrateOptions): Migrator {
  return options.insideTransaction === true
    ? new Migrator({ db, provider: savepointProvider, disableTransactions: true })
    : new Migrator({ db, provider });
}

function report({ error, results = [] }: MigrationResultSet): MigrationReport {
  const failed = results.find((r) => r.status === 'Error');
  if (error !== undefined) {
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed`, { cause: error });
  }
  return { applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

/**
 * The names of the migrations applied to a database, in order (empty for a new database).
 * @example await appliedMigrations(db) // => ['0001-initial', '0002-deviation-dose-not-recorded']
 */
export async function appliedMigrations(db: Kysely<Database>): Promise<string[]> {
  const infos = await migrator(db, {}).getMigrations();
  return infos.filter((m) => m.executedAt !== undefined).map((m) => m.name);
}

/**
 * Applies every pending migration, all in one transaction (Kysely's Migrator, which also takes a lock so two
 * processes starting together do not both migrate).
 * @throws Error naming the migration that failed, with its cause.
 * @example await migrateToLatest(db) // => { applied: ['0001-initial', …] } on an empty database
 */
export async function migrateToLatest(
  db: Kysely<Database>,
  options: MigrateOptions = {},
): Promise<MigrationReport> {
  return report(await migrator(db, options).migrateToLatest());
}

/**
 * Applies the pending migrations up to and including `name`, and no further (a restore brings the schema
 * to the level its backup was taken at before the rows go in). Never migrates down: there are no down
 * migrations.
 * @throws Error when `name` is not a migration of this version, when the database is already past it, or
 *   naming the migration that failed.
 * @example await migrateTo(db, '0001-initial') // => { applied: ['0001-initial'] } on an empty database
 */
export async function migrateTo(
  db: Kysely<Database>,
  name: string,
  options: MigrateOptions = {},
): Promise<MigrationReport> {
  const names = Object.keys(MIGRATIONS);
  const target = names.indexOf(name);
  if (target === -1) {
    throw new Error(`migrateTo: "${name}" is not a migration of this version (${names.join(', ')})`);
  }
  const applied = await appliedMigrations(db);
  if (applied.length > target + 1) {
    throw new Error(
      `migrateTo: the database is already at ${applied.at(-1) ?? ''}, past ${name} (migrations never go down)`,
    );
  }
  return report(await migrator(db, options).migrateTo(name));
}
