// Kills a real server process (the `immunotrial serve` command) with SIGKILL in the middle of a stream of
// randomizations and form saves, restarts it, and checks that every answered write is there, that no
// randomization is half-written, and that the audit chain verifies. Spawning the CLI from a server test is
// deliberate: it is the process a site runs.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type OpenDatabase,
  openDatabase,
  migrateToLatest,
  testBackends,
  verifyAuditChain,
} from '@immunotrial/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolReady, PASSWORD, setUpUnit } from '../test-support.js';
import { setUpAllocation } from '../use-cases/allocation-setup.js';

const CLI = fileURLToPath(new URL('../../../cli/bin/immunotrial.js', import.meta.url));

interface Server {
  readonly child: ChildProcess;
  readonly base: string;
}

function startServer(args: readonly string[], env: NodeJS.ProcessEnv): Promise<Server> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...args], {
    env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start: ${out}`));
    }, 90_000);
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const m = /serving (http:\/\/[\d.:]+)/.exec(out);
      if (m?.[1] !== undefined) {
        clearTimeout(timer);
        resolve({ child, base: m[1] });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${String(code)}): ${out}`));
    });
  });
}

async function signIn(
  base: string,
  username: string,
): Promise<(method: string, path: string, body?: unknown) => Promise<Response>> {
  const res = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return (method, path, body) =>
    fetch(`${base}${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else
      child.once('exit', () => {
        resolve();
      });
  });
}

describe.each(testBackends())('a server killed with SIGKILL mid-stream, on $name', ({ name, open }) => {
  const dir = mkdtempSync(join(tmpdir(), 'immunotrial-crash-'));
  const n = 16;
  const ids: string[] = [];
  let serverArgs: string[] = [];
  let serverEnv: NodeJS.ProcessEnv = {};
  let pgDatabase: OpenDatabase | undefined;
  beforeAll(async () => {
    const opened =
      name === 'postgres' ? await open() : await openDatabase({ kind: 'pglite', dataDir: join(dir, 'data') });
    await migrateToLatest(opened.db);
    const u = await setUpUnit(opened);
    await setUpAllocation(u.deps, u.as.unblinded_statistician, u.trialId, {
      seed: 'crash-recovery-seed-000',
    });
    for (let i = 0; i < n; i++) ids.push(await enrolReady(u, u.siteA, `k${String(i)}`));
    if (name === 'postgres') {
      pgDatabase = opened;
      serverEnv = { DATABASE_URL: opened.description };
    } else {
      await opened.close();
      serverArgs = ['--data', join(dir, 'data')];
      serverEnv = { DATABASE_URL: '' };
    }
  }, 180_000);
  afterAll(async () => {
    await pgDatabase?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every answered write, leaves no half-written randomization, and the chain verifies', async () => {
    const first = await startServer(serverArgs, serverEnv);
    const call = await signIn(first.base, 'investigator-a');
    const randomized = new Map<string, { randomizationNumber: number; kitNumber: string }>();
    const saved = new Map<string, number>();
    let next = 0;
    const state = { killed: false };
    const kill = (): void => {
      if (state.killed) return;
      state.killed = true;
      first.child.kill('SIGKILL');
    };
    const worker = async (): Promise<void> => {
      while (!state.killed && next < n) {
        const id = ids[next++] ?? '';
        try {
          const r = await call('POST', `/api/participants/${id}/randomization`, {});
          if (r.status === 200)
            randomized.set(id, (await r.json()) as { randomizationNumber: number; kitNumber: string });
          const hr = 60 + next;
          const f = await call('PUT', `/api/participants/${id}/forms/vital-signs/day-1`, {
            values: { heart_rate: hr, map: 70 },
          });
          if (f.status === 200) saved.set(id, hr);
        } catch {
          return; // the connection died with the server: this write's outcome is unknown
        }
        if (randomized.size >= 6) kill();
      }
    };
    await Promise.all([worker(), worker(), worker()]);
    await exited(first.child);
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(randomized.size).toBeGreaterThanOrEqual(6);

    const second = await startServer(serverArgs, serverEnv);
    const monitor = await signIn(second.base, 'monitor-a');
    const verification = (await (await monitor('GET', '/api/trials/infinity/audit/verification')).json()) as {
      ok: boolean;
    };
    expect(verification.ok).toBe(true);
    second.child.kill('SIGTERM');
    await exited(second.child);

    const db =
      name === 'postgres' && pgDatabase !== undefined
        ? pgDatabase
        : await openDatabase({ kind: 'pglite', dataDir: join(dir, 'data') });
    try {
      const participants = await db.db.selectFrom('participants').selectAll().execute();
      for (const [id, r] of randomized) {
        const p = participants.find((x) => x.id === id);
        expect({ id, number: p?.randomization_number, kit: p?.kit_number }).toEqual({
          id,
          number: r.randomizationNumber,
          kit: r.kitNumber,
        });
      }
      const forms = await db.db.selectFrom('form_entries').selectAll().execute();
      for (const [id, hr] of saved) {
        const values = forms.find((x) => x.participant_id === id)?.values;
        expect(
          typeof values === 'object' && values !== null && !Array.isArray(values)
            ? values.heart_rate
            : undefined,
        ).toBe(hr);
      }
      const allocations = await db.db.selectFrom('allocations').selectAll().execute();
      const slots = await db.db
        .selectFrom('allocation_slots')
        .selectAll()
        .where('participant_id', 'is not', null)
        .execute();
      const kits = await db.db.selectFrom('kits').selectAll().where('status', '=', 'dispensed').execute();
      const events = await db.db
        .selectFrom('audit_events')
        .selectAll()
        .where('action', 'in', ['randomize', 'allocate'])
        .execute();
      const withNumber = participants.filter((p) => p.randomization_number !== null);
      expect(allocations.length).toBe(withNumber.length);
      expect(slots.length).toBe(allocations.length);
      expect(kits.length).toBe(allocations.length);
      expect(events.length).toBe(2 * allocations.length);
      for (const a of allocations) {
        expect(participants.find((p) => p.id === a.participant_id)?.status).toBe('randomized');
        expect(slots.some((s) => s.participant_id === a.participant_id)).toBe(true);
        expect(kits.find((k) => k.participant_id === a.participant_id)?.kit_number).toBe(a.kit_number);
      }
      expect((await verifyAuditChain(db.db)).ok).toBe(true);
    } finally {
      if (name !== 'postgres') await db.close();
    }
  }, 240_000);
});
