// CPU per form save, split by layer, on one connection (issue 4, Speed). Unlike bench-server.ts, which
// measures latency at 50 clients and so depends on everything else the machine runs, CPU time per save is
// close to stable under load: use it to compare two versions of the code.
// Run: TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/server/form-save-cpu.ts
import { testBackends } from '@immunotrial/db';
import { buildApp } from '../../packages/server/src/http/app.js';
import { signIn } from '../../packages/server/src/http/test-client.js';
import { authenticate, login } from '../../packages/server/src/use-cases/sessions.js';
import { saveForm } from '../../packages/server/src/use-cases/forms.js';
import { randomizeParticipant } from '../../packages/server/src/use-cases/randomization.js';
import { setUpAllocation } from '../../packages/server/src/use-cases/allocation-setup.js';
import { enrolReady, PASSWORD, setUpUnit } from '../../packages/server/src/test-support.js';
import { postgresCpu } from './proc-cpu.js';

const SAVES = Number(process.env.BENCH_FORM_SAVES ?? 3000);
if (!Number.isInteger(SAVES) || SAVES < 1 || SAVES > 20_000)
  throw new Error('BENCH_FORM_SAVES: expected 1 to 20000 (50 participants, days up to 999)');
const PARTICIPANTS = 50;

// BENCH_ONLY=<text>: only the rows whose label contains it (e.g. to profile one layer with --cpu-prof).
const ONLY = process.env.BENCH_ONLY ?? '';

async function measure(label: string, n: number, step: (k: number) => Promise<unknown>): Promise<void> {
  if (!label.includes(ONLY)) return;
  for (let k = 0; k < 200; k++) await step(-1 - k); // warm-up: JIT, prepared statements
  const pg0 = postgresCpu();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let k = 0; k < n; k++) await step(k);
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const pg = postgresCpu() - pg0;
  const us = (x: number): string => ((x / n) * 1e6).toFixed(0).padStart(5);
  console.log(`| ${label} | ${us((c.user + c.system) / 1e6)} | ${us(pg)} | ${us(wall / 1000)} |`);
}

const backend = testBackends().at(-1);
if (backend === undefined) throw new Error('no backend');
const opened = await backend.open();
try {
  const u = await setUpUnit(opened);
  await setUpAllocation(u.deps, u.as.unblinded_statistician, u.trialId, { seed: 'bench-seed-0123456789' });
  const ids: string[] = [];
  for (let i = 0; i < PARTICIPANTS; i++) {
    const id = await enrolReady(u, u.siteA, `cpu-${String(i)}`);
    await randomizeParticipant(u.deps, u.as.investigator, id);
    ids.push(id);
  }
  const app = await buildApp(u.deps);
  const client = await signIn(app, 'investigator-a');
  const { token } = await login(u.deps, { username: 'investigator-a', password: PASSWORD, client: 'bench' });
  // Each step saves a new entry (day 1, 2, … of the participants in turn): three fields, three events.
  let next = 0;
  const target = (): { id: string; instance: string; values: Record<string, number> } => {
    const j = next++;
    return {
      id: ids[j % ids.length] ?? '',
      instance: `day-${String(1 + Math.floor(j / ids.length))}`,
      values: { heart_rate: 60 + (j % 40), map: 70, temperature: 37.5 },
    };
  };
  console.log(`backend: ${backend.name}; ${String(SAVES)} serial form saves per row`);
  console.log('');
  console.log('| layer | server CPU µs/save | PostgreSQL CPU µs/save | wall µs/save |');
  console.log('|---|---|---|---|');
  await measure('session lookup only (`authenticate`)', SAVES, () => authenticate(u.deps, token));
  await measure('form save use case (`saveForm`)', SAVES, async () => {
    const t = target();
    await saveForm(u.deps, u.as.investigator, t.id, 'vital-signs', t.instance, { values: t.values });
  });
  await measure('HTTP PUT through Fastify (inject: no socket)', SAVES, async () => {
    const t = target();
    const res = await client.call('PUT', `/api/participants/${t.id}/forms/vital-signs/${t.instance}`, {
      values: t.values,
    });
    if (res.statusCode !== 200) throw new Error(`save failed: ${res.body}`);
  });
  await app.close();
} finally {
  await opened.close();
}
