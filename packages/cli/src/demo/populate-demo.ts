import { existsSync, readdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { type ChainReport, verifyAuditChain } from '@immunotrial/db';
import {
  type Actor,
  createDeps,
  currentProtocol,
  DEFAULT_CONFIG,
  listParticipants,
  listTrials,
  listUsers,
  type ServerDeps,
} from '@immunotrial/server';
import { UsageError } from '../io.js';
import { CLI_ACTOR, openStore } from '../commands/server/open-store.js';
import { demoCohort } from './demo-cohort.js';
import { createDemoRandom } from './demo-random.js';
import { DemoSchedule } from './demo-schedule.js';
import { type DemoUnit, setUpDemoUnit } from './demo-setup.js';
import { type DemoCounts, emptyCounts, planPatient } from './demo-story.js';

const DAY_MS = 86_400_000;
/** The demo trial: INFINITY (the twin screens for it; its forms include the infection log). */
export const DEMO_TRIAL = 'infinity';
/** The shared password of the demo users when IMMUNOTRIAL_DEMO_PASSWORD is not set. */
export const DEFAULT_DEMO_PASSWORD = 'immunotrial-demo';

/** What `populateDemo` needs. */
export interface DemoOptions {
  /** The PGlite folder (never DATABASE_URL). */
  readonly dataDir: string;
  readonly cohort: number;
  readonly seed: number;
  readonly password: string;
  /** Delete an existing demo folder first. */
  readonly reset: boolean;
  /** The demo's "now" (ms): the story ends here; admissions spread over the ten weeks before it. */
  readonly now: number;
  /** scrypt cost of the demo users' password hashes (tests lower it). */
  readonly scryptCost?: number;
}

/** What a populated demo holds. */
export interface DemoResult {
  readonly unit: DemoUnit;
  readonly counts: DemoCounts;
  readonly audit: ChainReport;
}

/** Reads participants of every trial (a check before writing; it writes nothing, so no audit event). */
const INSPECTOR: Actor = {
  userId: 'demo-check',
  username: 'demo-check',
  fullName: 'immunotrial demo (check)',
  grants: [{ id: 'demo-check', role: 'data_manager', trialId: null, siteId: null }],
};

/** Refuses to write into the server's own data folder, and deletes a previous demo folder on --reset. */
function prepareFolder(dataDir: string, reset: boolean, env: NodeJS.ProcessEnv): void {
  const dir = resolve(dataDir);
  if (dir === resolve(env.IMMUNOTRIAL_DATA_DIR ?? './data'))
    throw new UsageError(
      `--data: ${dataDir} is the folder \`immunotrial serve\` uses; the demo writes only to a folder of its own (default ./data-demo)`,
    );
  if (!reset || !existsSync(dir)) return;
  const entries = readdirSync(dir);
  if (entries.length > 0 && !entries.includes('PG_VERSION'))
    throw new UsageError(
      `--reset: ${dataDir} is not an embedded database folder (no PG_VERSION); not deleting it`,
    );
  rmSync(dir, { recursive: true, force: true });
}

/** Throws a UsageError when the folder already holds a demo (or any users). */
async function refuseExisting(deps: ServerDeps, dataDir: string): Promise<void> {
  for (const trial of await listTrials(deps, CLI_ACTOR)) {
    const n = (await listParticipants(deps, INSPECTOR, trial.id)).length;
    if (n > 0)
      throw new UsageError(
        `${dataDir} already holds trial ${trial.acronym} with ${String(n)} participants; run \`immunotrial demo --reset\` to replace it`,
      );
  }
  const users = (await listUsers(deps, CLI_ACTOR)).length;
  if (users > 0)
    throw new UsageError(
      `${dataDir} already holds a database with ${String(users)} users; run \`immunotrial demo --reset\` to replace it`,
    );
}

/**
 * Fills an embedded database with a demo INFINITY trial, only through the server's use cases (so every
 * change has its audit event): the shipped protocols, three sites and their staff, the allocation, then
 * a seeded virtual cohort (the twin's) screened at realistic times over the ten weeks before `now`, with
 * consent, signed eligibility, randomization, doses, daily and visit forms, queries, infections and deaths
 * as the twin's courses say. Verifies the audit chains at the end.
 * @throws UsageError when the folder holds data (unless `reset`) or is the server's folder; Error when the
 *   audit chains do not verify.
 */
export async function populateDemo(
  options: DemoOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<DemoResult> {
  prepareFolder(options.dataDir, options.reset, env);
  const opened = await openStore(options.dataDir, {});
  try {
    const schedule = new DemoSchedule(options.now - 75 * DAY_MS, options.now);
    const deps = createDeps(opened.db, {
      clock: schedule.clock,
      config: { scryptCost: options.scryptCost ?? DEFAULT_CONFIG.scryptCost },
    });
    await refuseExisting(deps, options.dataDir);
    const unit = await setUpDemoUnit(
      deps,
      DEMO_TRIAL,
      options.password,
      `immunotrial-demo-allocation-${String(options.seed)}`,
    );
    const random = createDemoRandom(options.seed);
    const patients = demoCohort(
      DEMO_TRIAL,
      options.seed,
      options.cohort,
      { from: options.now - 70 * DAY_MS, to: options.now - 12 * DAY_MS },
      random,
    );
    const { loaded } = await currentProtocol(deps, DEMO_TRIAL);
    const counts = emptyCounts();
    const context = {
      deps,
      unit,
      protocol: loaded.protocol,
      schedule,
      random,
      password: options.password,
      counts,
    };
    for (const p of patients) planPatient(context, p);
    await schedule.run();
    const audit = await verifyAuditChain(opened.db);
    if (!audit.ok) {
      const b = audit.firstBreak;
      throw new Error(
        `the demo's audit chain does not verify: ${b === undefined ? 'unknown' : `chain ${b.chain}, event ${String(b.seq)}: ${b.problem}`}`,
      );
    }
    return { unit, counts, audit };
  } finally {
    await opened.close();
  }
}
