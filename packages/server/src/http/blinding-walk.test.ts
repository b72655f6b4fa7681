import { type OpenDatabase, testBackends } from '@immunotrial/db';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../auth/roles.js';
import { enrolReady, PASSWORD, setUpUnit, type TestUnit } from '../test-support.js';
import { setUpAllocation } from '../use-cases/allocation-setup.js';
import { recordAdministration } from '../use-cases/dosing.js';
import { saveForm } from '../use-cases/forms.js';
import { openQuery } from '../use-cases/queries.js';
import { randomizeParticipant } from '../use-cases/randomization.js';
import { emergencyUnblind } from '../use-cases/unblinding.js';
import { buildApp } from './app.js';
import { signIn, type TestClient } from './test-client.js';

const ARMS = ['ifn-gamma', 'placebo'];
const BLINDED: readonly Role[] = [
  'investigator',
  'coordinator',
  'monitor',
  'data_manager',
  'statistician',
  'admin',
];
const UNBLINDED: readonly Role[] = ['pharmacist', 'unblinded_statistician', 'dsmb'];

/** Keys and values that would reveal an allocation. */
function leaks(body: string): string[] {
  const found: string[] = [];
  for (const key of [
    '"arm"',
    '"pack"',
    '"blockSize"',
    '"block_size"',
    '"block"',
    '"allocation_slots"',
    '"seed"',
  ])
    if (body.includes(`${key}:`)) found.push(key);
  for (const arm of ARMS) if (body.includes(`"${arm}"`) || body.includes(`"${arm}:`)) found.push(arm);
  return found;
}

describe.each(testBackends())('every route as every role on $name', ({ open }) => {
  let opened: OpenDatabase;
  let u: TestUnit;
  let app: FastifyInstance;
  let routes: { method: string; path: string }[];
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    opened = await open();
    u = await setUpUnit(opened);
    await setUpAllocation(u.deps, u.as.unblinded_statistician, u.trialId, {
      seed: 'blinding-walk-seed-0123456789',
    });
    const pids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const id = await enrolReady(u, u.siteA, `walk-${String(i)}`);
      await randomizeParticipant(u.deps, u.as.investigator, id, { firstDoseAt: u.now.ms });
      pids.push(id);
    }
    const pid = pids[0] ?? '';
    await recordAdministration(u.deps, u.as.coordinator, pid, 'ifn-gamma-sc#1', {
      status: 'given',
      givenAt: u.now.ms,
    });
    const entry = await saveForm(u.deps, u.as.coordinator, pid, 'labs', 'd3', {
      values: { mhla_dr: 15000, lymphocytes: 700 },
    });
    const q = await openQuery(u.deps, u.as.monitor, pid, {
      formEntryId: entry.id,
      field: 'lymphocytes',
      text: 'please check',
    });
    await emergencyUnblind(u.deps, u.as.investigator, pids[1] ?? '', {
      reason: 'severe reaction',
      password: PASSWORD,
    });
    const grant = u.as.coordinator.grants[0];
    Object.assign(ids, {
      trialId: u.trialId,
      participantId: pid,
      queryId: q.id,
      userId: u.as.coordinator.userId,
      grantId: grant?.id ?? 'x',
      formId: 'labs',
      instance: 'd3',
      doseId: 'ifn-gamma-sc%231',
    });
    app = await buildApp(u.deps);
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => ({ method: m.toUpperCase(), path })),
    );
  }, 180_000);
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  function url(path: string): string {
    return path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? name);
  }

  async function walk(client: TestClient): Promise<{ route: string; status: number; body: string }[]> {
    const out = [];
    for (const r of routes) {
      if (r.path === '/api/session') continue;
      const res = await client.call(
        r.method as 'GET',
        url(r.path),
        r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
      );
      out.push({ route: `${r.method} ${r.path}`, status: res.statusCode, body: res.body });
    }
    return out;
  }

  it('walks more than 40 routes', () => {
    expect(routes.length).toBeGreaterThan(40);
  });

  // Before the walks: the admin's walk revokes the coordinator's grant (DELETE .../grants/{grantId}).
  it('lets only site coordinators and investigators record a discharge, and shows no arm in the answer', async () => {
    const path = `/api/participants/${ids.participantId ?? ''}/discharge`;
    expect(routes).toContainEqual({ method: 'POST', path: '/api/participants/{participantId}/discharge' });
    const body = { icuDischargedAt: new Date(u.now.ms).toISOString() };
    for (const role of [...BLINDED, ...UNBLINDED]) {
      const client = await signIn(app, role === 'admin' ? 'admin' : `${role}-a`);
      const res = await client.call('POST', path, body);
      const expected = role === 'coordinator' || role === 'investigator' ? 200 : 403;
      expect(`${role} ${String(res.statusCode)}`).toBe(`${role} ${String(expected)}`);
      expect(leaks(res.body)).toEqual([]);
    }
    const other = await (await signIn(app, 'coordinator-b')).call('POST', path, body);
    expect(other.statusCode).toBe(404);
  });

  it.each(BLINDED)('shows no arm, pack, block or seed to %s on any route, success or error', async (role) => {
    const client = await signIn(app, role === 'admin' ? 'admin' : `${role}-a`);
    const results = await walk(client);
    const leaking = results
      .filter((r) => !r.route.endsWith('/protocol') && leaks(r.body).length > 0)
      .map((r) => `${r.route} -> ${String(r.status)}: ${leaks(r.body).join(', ')}`);
    expect(leaking).toEqual([]);
    for (const r of results.filter(
      (x) =>
        x.route.includes('/kits') || x.route.includes('/dispensing') || x.route.includes('allocation-list'),
    )) {
      expect([403, 400]).toContain(r.status);
    }
  });

  it.each(UNBLINDED)('lets %s see arms where their role allows', async (role) => {
    const client = await signIn(app, `${role}-a`);
    const res = await client.call('GET', `/api/trials/${u.trialId}/participants`);
    expect(res.statusCode).toBe(200);
    expect(res.json<{ arm?: string }[]>().filter((p) => p.arm !== undefined).length).toBeGreaterThan(0);
  });

  it('lets only statistics roles reach the analysis routes: pooled when blinded, by arm when not', async () => {
    const ARM_LABELS = ['Interferon gamma-1b', 'Placebo'];
    const analysis = routes.filter((r) => r.path.includes('/analysis/'));
    expect(analysis.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      'GET /api/trials/{trialId}/analysis/completeness',
      'GET /api/trials/{trialId}/analysis/length-of-stay',
      'GET /api/trials/{trialId}/analysis/time-to-event',
    ]);
    const readers: Partial<Record<Role, readonly string[]>> = {
      statistician: ['completeness', 'time-to-event', 'length-of-stay'],
      unblinded_statistician: ['completeness', 'time-to-event', 'length-of-stay'],
      dsmb: ['completeness', 'time-to-event', 'length-of-stay'],
      data_manager: ['completeness'],
      monitor: ['completeness'],
    };
    for (const role of [...BLINDED, ...UNBLINDED]) {
      const client = await signIn(app, role === 'admin' ? 'admin' : `${role}-a`);
      for (const r of analysis) {
        const res = await client.call('GET', url(r.path));
        const allowed = (readers[role] ?? []).some((name) => r.path.endsWith(`/${name}`));
        expect(`${role} ${r.path} ${String(res.statusCode)}`).toBe(
          `${role} ${r.path} ${String(allowed ? 200 : 403)}`,
        );
        if (r.path.endsWith('/completeness') || !allowed) continue;
        const groups = res.json<{ blinded: boolean; groups: { label: string }[] }[]>();
        // INFINITY has no length-of-stay endpoint (PLATINIUM's are walked in analysis-length-of-stay.test.ts).
        if (r.path.endsWith('/length-of-stay')) expect(groups).toEqual([]);
        else expect(groups.length).toBeGreaterThan(0);
        for (const e of groups) {
          if (role === 'statistician') {
            expect(e.blinded).toBe(true);
            expect(e.groups.map((g) => g.label)).toEqual(['All participants']);
          } else {
            expect(e.blinded).toBe(false);
            expect(e.groups.map((g) => g.label)).toEqual(ARM_LABELS);
          }
        }
        if (role === 'statistician') for (const label of ARM_LABELS) expect(res.body).not.toContain(label);
      }
    }
  });

  it('keeps site A participants out of reach of site B: every participant route answers 404', async () => {
    const client = await signIn(app, 'investigator-b');
    const results = (await walk(client)).filter(
      (r) => r.route.includes('{participantId}') || r.route.includes('{queryId}'),
    );
    expect(results.length).toBeGreaterThan(15);
    const reached = results
      .filter((r) => r.status !== 404 && r.status !== 400)
      .map((r) => `${r.route} -> ${String(r.status)}`);
    expect(reached).toEqual([]);
    const list = await client.call('GET', `/api/trials/${u.trialId}/participants`);
    expect(list.json()).toEqual([]);
  });
});
