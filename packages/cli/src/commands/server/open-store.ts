import { readFileSync } from 'node:fs';
import {
  type DatabaseLocation,
  locateDatabase,
  migrateToLatest,
  type OpenDatabase,
  openDatabase,
} from '@immunotrial/db';
import {
  type Actor,
  createDeps,
  loadProtocol,
  type ProtocolLoad,
  type ServerDeps,
} from '@immunotrial/server';
import { UsageError } from '../../io.js';
import { listProtocolFiles, REPOSITORY_ROOT } from '../../protocol-files.js';
import { relative } from 'node:path';

/** The command line acting as an administrator (audit events name it "command line"). */
export const CLI_ACTOR: Actor = {
  userId: 'cli',
  username: 'cli',
  fullName: 'command line',
  grants: [{ id: 'cli', role: 'admin', trialId: null, siteId: null }],
};

/** How `openStore` prepares the database. */
export interface OpenStoreOptions {
  /**
   * Apply pending migrations (default true). `restore` passes false: it migrates the target to the
   * backup's level itself, puts the rows in, and only then migrates to this version's latest.
   */
  readonly migrate?: boolean;
}

/**
 * Where a command's database is (`--data DIR`, else DATABASE_URL, else IMMUNOTRIAL_DATA_DIR or ./data).
 * @throws UsageError for a bad setting (e.g. DATABASE_POOL_SIZE), so the message is shown without a trace.
 */
export function locateStore(
  dataDir: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): DatabaseLocation {
  try {
    return locateDatabase(env, dataDir);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Opens the database a command works on (`--data DIR`, else DATABASE_URL, else IMMUNOTRIAL_DATA_DIR or
 * ./data) and, unless told not to, applies pending migrations.
 */
export async function openStore(
  dataDir: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  options: OpenStoreOptions = {},
): Promise<OpenDatabase> {
  const opened = await openDatabase(locateStore(dataDir, env));
  if (options.migrate === false) return opened;
  try {
    await migrateToLatest(opened.db);
  } catch (error) {
    await opened.close();
    throw error;
  }
  return opened;
}

/** Loads the shipped protocols (`protocols/*.yaml`): new trials on the first start, amendments after a change. */
export async function loadShippedProtocols(deps: ServerDeps): Promise<ProtocolLoad[]> {
  const loads: ProtocolLoad[] = [];
  for (const file of listProtocolFiles()) {
    loads.push(
      await loadProtocol(deps, 'system', readFileSync(file, 'utf8'), relative(REPOSITORY_ROOT, file)),
    );
  }
  return loads;
}

/** Services' dependencies for a command. */
export function commandDeps(opened: OpenDatabase): ServerDeps {
  return createDeps(opened.db, { config: { secureCookies: process.env.IMMUNOTRIAL_SECURE_COOKIES === '1' } });
}
