import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '@immunotrial/db';
import {
  type Actor,
  createDeps,
  grantsOf,
  listScreenings,
  listParticipants,
  listUsers,
  participantDoses,
} from '@immunotrial/server';
import { populateDemo } from '../demo/populate-demo.js';
import { runCli } from '../test-support.js';
import { CLI_ACTOR, openStore } from './server/open-store.js';

const AS_OF = '2026-03-30';
const PASSWORD = 'immunotrial-demo';
const folders: string[] = [];

async function folder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'immunotrial-demo-'));
  folders.push(dir);
  return join(dir, 'data-demo');
}

afterAll(async () => {
  for (const dir of folders) await rm(dir, { recursive: true, force: true });
});

/** What a demo folder holds, read back through the use cases as the unblinded statistician. */
async function contents(dataDir: string): Promise<{
  screenings: number;
  statuses: Record<string, number>;
  participants: Record<string, number>;
  randomizedWithoutKit: number;
  doses: Record<string, number>;
  deathsWithDate: number;
  auditOk: boolean;
}> {
  const opened = await openStore(dataDir, {});
  try {
    const deps = createDeps(opened.db);
    const user = (await listUsers(deps, CLI_ACTOR)).find((u) => u.username === 'unblinded.statistician');
    if (user === undefined) throw new Error('no unblinded statistician in the demo');
    const reader: Actor = {
      userId: user.id,
      username: user.username,
      fullName: user.fullName,
      grants: await grantsOf(deps, user.id),
    };
    const screenings = await listScreenings(deps, reader, 'infinity');
    const statuses: Record<string, number> = {};
    for (const s of screenings) statuses[s.status] = (statuses[s.status] ?? 0) + 1;
    const people = await listParticipants(deps, reader, 'infinity');
    const participants: Record<string, number> = {};
    for (const p of people) participants[p.status] = (participants[p.status] ?? 0) + 1;
    const randomized = people.filter((p) => p.randomizationNumber !== null);
    const doses: Record<string, number> = {};
    for (const p of randomized)
      for (const d of await participantDoses(deps, reader, p.id))
        doses[d.status] = (doses[d.status] ?? 0) + 1;
    return {
      screenings: screenings.length,
      statuses,
      participants,
      randomizedWithoutKit: randomized.filter((p) => p.kitNumber === null || p.arm === undefined).length,
      doses,
      deathsWithDate: people.filter(
        (p) => p.status === 'dead' && /^\d{4}-\d{2}-\d{2}$/.test(p.deathDate ?? ''),
      ).length,
      auditOk: (await verifyAuditChain(opened.db)).ok,
    };
  } finally {
    await opened.close();
  }
}

describe('immunotrial demo', () => {
  it('populates a demo INFINITY trial from 20 virtual patients, the same for a seed, and refuses a second time', async () => {
    const first = await folder();
    const run = await runCli([
      'demo',
      '--data',
      first,
      '--cohort',
      '20',
      '--seed',
      '1',
      '--as-of',
      AS_OF,
      '--no-serve',
    ]);
    expect(run.err).not.toContain('error');
    expect(run.code).toBe(0);
    expect(run.out).toContain('screened 20 virtual patients');
    expect(run.out).toContain(`demo users (password: ${PASSWORD})`);
    expect(run.out).toMatch(/investigator\.paris +investigator at paris/);

    const got = await contents(first);
    expect(got.screenings).toBe(20);
    expect(got.statuses['eligible'] ?? 0).toBeGreaterThan(0);
    expect(got.statuses['ineligible'] ?? 0).toBeGreaterThan(0);
    const randomized =
      20 -
      (got.participants['screen_failed'] ?? 0) -
      (got.participants['screened'] ?? 0) -
      (got.participants['consented'] ?? 0);
    expect(randomized).toBeGreaterThan(0);
    expect(got.randomizedWithoutKit).toBe(0);
    expect(got.doses['given'] ?? 0).toBeGreaterThan(0);
    expect(got.deathsWithDate).toBeGreaterThan(0);
    expect(got.auditOk).toBe(true);

    // The same seed and date give the same trial (the function the command runs, with cheaper password hashes).
    const second = await folder();
    await populateDemo({
      dataDir: second,
      cohort: 20,
      seed: 1,
      password: PASSWORD,
      reset: false,
      now: Date.parse(`${AS_OF}T00:00:00Z`),
      scryptCost: 1024,
    });
    expect(await contents(second)).toEqual(got);

    const again = await runCli(['demo', '--data', first, '--cohort', '20', '--no-serve']);
    expect(again.code).toBe(1);
    expect(again.err).toContain(
      `error: ${first} already holds trial INFINITY with 20 participants; run \`immunotrial demo --reset\` to replace it`,
    );
  }, 240_000);

  it('never writes to the folder the server uses, nor deletes a folder that is not a database', async () => {
    const dir = await folder();
    const options = { dataDir: dir, cohort: 5, seed: 1, password: PASSWORD, reset: true, now: 0 };
    await expect(populateDemo(options, { IMMUNOTRIAL_DATA_DIR: dir })).rejects.toThrow(
      `--data: ${dir} is the folder \`immunotrial serve\` uses; the demo writes only to a folder of its own (default ./data-demo)`,
    );
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'notes.txt'), 'keep me');
    await expect(populateDemo(options, {})).rejects.toThrow(
      `--reset: ${dir} is not an embedded database folder (no PG_VERSION); not deleting it`,
    );
    expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('keep me');
  });

  it('names a bad option', async () => {
    const bad = await runCli(['demo', '--as-of', '30/03/2026', '--no-serve']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('error: --as-of: expected a date YYYY-MM-DD, received "30/03/2026"');
    const none = await runCli(['demo', '--cohort', '0', '--no-serve']);
    expect(none.code).toBe(1);
    expect(none.err).toContain('error: --cohort: expected a whole number >= 1, received "0"');
  });
});
