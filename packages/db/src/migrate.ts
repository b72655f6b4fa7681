import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import { up as initial } from './migrations/0001-initial.js';
import { up as deviationDoseNotRecorded } from './migrations/0002-deviation-dose-not-recorded.js';
import { up as participantDischarges } from './migrations/0003-participant-discharges.js';
import type { Database } from './schema.js';

/** The migrations, in order; names sort as they apply. Bundled in code so no directory scan is needed. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial': { up: initial },
  '0002-deviation-dose-not-recorded': { up: deviationDoseNotRecorded },
  '0003-participant-discharges': { up: participantDischarges },
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve({ ...MIGRATIONS }) };

/** What `migrateToLatest` did: the names of the migrations it applied (empty when up to date). */
export interface MigrationReport {
  readonly applied: readonly string[];
}

/**
 * Applies every pending migration, each in its own transaction (Kysely's Migrator, which also takes a lock
 * so two processes starting together do not both migrate).
 * @throws Error naming the migration that failed, with its cause.
 * @example await migrateToLatest(db) // => { applied: ['0001-initial'] } on an empty database
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationReport> {
  const migrator = new Migrator({ db, provider });
  const { error, results = [] } = await migrator.migrateToLatest();
  const failed = results.find((r) => r.status === 'Error');
  if (error !== undefined) {
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed`, { cause: error });
  }
  return { applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
