// Counts the SQL statements one form save sends, per step (issue 4, Speed): every statement is a round trip
// to the database and CPU in the server and in PostgreSQL. BEGIN and COMMIT are not counted (the driver
// sends them, two per write transaction). Runs on an in-memory PGlite.
// Run: npx tsx bench/server/count-statements.ts
import { testBackends } from '@immunotrial/db';
import type { KyselyPlugin } from 'kysely';
import { authenticate, createDeps, login, randomizeParticipant, saveForm } from '@immunotrial/server';
import { enrolReady, PASSWORD, setUpUnit } from '../../packages/server/src/test-support.js';
import { setUpAllocation } from '../../packages/server/src/use-cases/allocation-setup.js';

const backend = testBackends({})[0];
if (backend === undefined) throw new Error('no backend');
const opened = await backend.open();
const u = await setUpUnit(opened);
await setUpAllocation(u.deps, u.as.unblinded_statistician, u.trialId, { seed: 'count-statements-seed' });
const pid = await enrolReady(u, u.siteA, 'count-1');
await randomizeParticipant(u.deps, u.as.investigator, pid, {});
const { token } = await login(u.deps, { username: 'coordinator-a', password: PASSWORD, client: 'bench' });

const seen: string[] = [];
const counter: KyselyPlugin = {
  transformQuery: (args) => {
    seen.push(args.node.kind);
    return args.node;
  },
  transformResult: (args) => Promise.resolve(args.result),
};
const deps = createDeps(u.deps.db.withPlugin(counter), {
  clock: () => u.now.ms,
  protocols: u.deps.protocols,
});
const count = async (what: string, run: () => Promise<unknown>): Promise<void> => {
  seen.length = 0;
  await run();
  console.log(`${what}: ${String(seen.length)} statements (${seen.join(', ')})`);
};
await count('session lookup', () => authenticate(deps, token));
await count('form save, new entry', () =>
  saveForm(deps, u.as.coordinator, pid, 'vital-signs', 'day-1', { values: { heart_rate: 70, map: 70 } }),
);
await count('form save, edit', () =>
  saveForm(deps, u.as.coordinator, pid, 'vital-signs', 'day-1', {
    values: { heart_rate: 72, map: 70 },
    reason: 'typo',
  }),
);
await opened.close();
