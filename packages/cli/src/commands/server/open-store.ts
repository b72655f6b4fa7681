import { readFileSync } from 'node:fs';
import { locateDatabase, migrateToLatest, type OpenDatabase, openDatabase } from '@immunotrial/db';
import {
  type Actor,
  createDeps,
  loadProtocol,
  type ProtocolLoad,
  type ServerDeps,
} from '@immunotrial/server';
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
 * Opens the database a command works on (`--data DIR`, else DATABASE_URL, else IMMUNOTRIAL_DATA_DIR or
 * ./data) and, unless told not to, applies pending migrations.
 */
export async function openStore(
  dataDir: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  options: OpenStoreOptions = {},
): Promise<OpenDatabase> {
  const opened = await openDatabase(locateDatabase(env, dataDir));
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
