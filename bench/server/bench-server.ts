// Server benchmark (issue 4, Speed): randomizations and form saves per second, p50/p99 latency at 50
// concurrent clients, against a running `immunotrial serve` process on PostgreSQL (BENCH_DATABASE_URL or
// TEST_DATABASE_URL: a fresh database is created next to it and dropped after), or on PGlite without one.
// Run: TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/server/bench-server.ts
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { migrateToLatest, openDatabase, testBackends } from '@immunotrial/db';
import { enrolReady, PASSWORD, setUpUnit } from '../../packages/server/src/test-support.js';
import { setUpAllocation } from '../../packages/server/src/use-cases/allocation-setup.js';
import { postgresCpu, procCpu } from './proc-cpu.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
// BENCH_WORKERS: `serve --workers N` (server processes sharing the port; PostgreSQL only).
const WORKERS = process.env.BENCH_WORKERS ?? '1';
const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 400);
const FORM_SAVES = Number(process.env.BENCH_FORM_SAVES ?? 6000);
const CLI = join(import.meta.dirname, '..', '..', 'packages', 'cli', 'bin', 'immunotrial.js');

function startServer(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; base: string }> {
  // BENCH_SERVER_NODE_ARGS: node flags for the server process, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');
  const child = spawn(process.execPath, [...nodeArgs, CLI, 'serve', '--port', '0', ...args], {
    env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const m = /serving (http:\/\/[\d.:]+)/.exec(out);
      if (m?.[1] !== undefined) resolve({ child, base: m[1] });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      reject(new Error(`server exited (${String(code)}): ${out}`));
    });
  });
}

async function session(base: string, username: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

/**
 * Where the CPU went during `f`: the server process and its workers, PostgreSQL's processes, this load
 * generator.
 */
async function withCpu<T>(serverPid: number, f: () => Promise<T>): Promise<{ value: T; cpu: string }> {
  const server = (systemOnly = false): number =>
    procCpu((pid, _, ppid) => pid === serverPid || ppid === serverPid, systemOnly);
  const [s0, k0, p0, c0] = [server(), server(true), postgresCpu(), process.cpuUsage()];
  const value = await f();
  const c = process.cpuUsage(c0);
  return {
    value,
    cpu: `server ${(server() - s0).toFixed(2)} s (system ${(server(true) - k0).toFixed(2)} s), PostgreSQL ${(postgresCpu() - p0).toFixed(2)} s, load generator ${((c.user + c.system) / 1e6).toFixed(2)} s`,
  };
}

function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => {
      if (err) reject(err instanceof Error ? err : new Error(String(err)));
      else resolve(result);
    });
  });
}

function summary(name: string, r: autocannon.Result): string {
  const ok = r['2xx'];
  const seconds = r.duration;
  return `| ${name} | ${String(ok)} | ${String(r.non2xx)} | ${(ok / seconds).toFixed(0)} | ${String(r.latency.p50)} | ${String(r.latency.p99)} | ${String(r.latency.max)} |`;
}

const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const dir = mkdtempSync(join(tmpdir(), 'immunotrial-bench-'));
const backend = testBackends(pgUrl === undefined ? {} : { TEST_DATABASE_URL: pgUrl }).at(-1);
if (backend === undefined) throw new Error('no backend');
const opened =
  backend.name === 'postgres'
    ? await backend.open()
    : await openDatabase({ kind: 'pglite', dataDir: join(dir, 'data') });
await migrateToLatest(opened.db);
const u = await setUpUnit(opened);
await setUpAllocation(u.deps, u.as.unblinded_statistician, u.trialId, { seed: 'bench-seed-0123456789' });
const started = performance.now();
const ids: string[] = [];
for (let i = 0; i < PARTICIPANTS; i++) ids.push(await enrolReady(u, u.siteA, `bench-${String(i)}`));
console.log(
  `enrolled ${String(PARTICIPANTS)} participants in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
if (backend.name === 'pglite') await opened.close();
const server = await startServer(
  backend.name === 'pglite' ? ['--data', join(dir, 'data')] : WORKERS === '1' ? [] : ['--workers', WORKERS],
  backend.name === 'postgres' ? { DATABASE_URL: opened.description } : { DATABASE_URL: '' },
);
try {
  const { cookie, csrf } = await session(server.base, 'investigator-a');
  const headers = { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' };
  let r = 0;
  const pid = server.child.pid ?? 0;
  const { value: randomizations, cpu: randomizationCpu } = await withCpu(pid, () =>
    run({
      url: server.base,
      connections: CONNECTIONS,
      amount: PARTICIPANTS,
      requests: [
        {
          method: 'POST',
          headers,
          body: '{}',
          setupRequest: (req) => ({
            ...req,
            path: `/api/participants/${ids[r++ % ids.length] ?? ''}/randomization`,
          }),
        },
      ],
    }),
  );
  let f = 0;
  const { value: formSaves, cpu: formSaveCpu } = await withCpu(pid, () =>
    run({
      url: server.base,
      connections: CONNECTIONS,
      amount: FORM_SAVES,
      requests: [
        {
          method: 'PUT',
          headers,
          setupRequest: (req) => {
            const k = f++;
            const id = ids[k % ids.length] ?? '';
            const day = 1 + Math.floor(k / ids.length);
            return {
              ...req,
              path: `/api/participants/${id}/forms/vital-signs/day-${String(day)}`,
              body: JSON.stringify({ values: { heart_rate: 60 + (k % 40), map: 70, temperature: 37.5 } }),
            };
          },
        },
      ],
    }),
  );
  const lines = [
    `backend: ${backend.name}; ${WORKERS} server process(es); ${String(CONNECTIONS)} connections; ${String(PARTICIPANTS)} randomizations, ${String(FORM_SAVES)} form saves`,
    '',
    '| workload | 2xx | non-2xx | per second | p50 ms | p99 ms | max ms |',
    '|---|---|---|---|---|---|---|',
    summary('randomization', randomizations),
    summary('form save', formSaves),
    '',
    `CPU during the randomizations: ${randomizationCpu}`,
    `CPU during the form saves: ${formSaveCpu}`,
  ];
  console.log(lines.join('\n'));
} finally {
  server.child.kill('SIGTERM');
  await new Promise((resolve) => server.child.once('exit', resolve));
  if (backend.name === 'postgres') await opened.close();
  rmSync(dir, { recursive: true, force: true });
}
