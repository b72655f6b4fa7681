import { type OpenDatabase, openDatabase, migrateToLatest } from '@immunotrial/db';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../http/app.js';
import { signIn } from '../http/test-client.js';
import { enrolReady, setUpUnit, type TestUnit } from '../test-support.js';
import { mondayOf } from './dashboard-routes.js';

describe('GET /api/trials/:trialId/dashboard', () => {
  let opened: OpenDatabase;
  let u: TestUnit;
  let app: FastifyInstance;
  beforeAll(async () => {
    opened = await openDatabase({ kind: 'memory' });
    await migrateToLatest(opened.db);
    u = await setUpUnit(opened);
    await enrolReady(u, u.siteA, 'patient-a1');
    await enrolReady(u, u.siteB, 'patient-b1');
    app = await buildApp(u.deps);
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  it("counts a site coordinator's own site only, with the protocol's planned size", async () => {
    const coordinator = await signIn(app, 'coordinator-a');
    const res = await coordinator.call('GET', '/api/trials/infinity/dashboard');
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      funnel: { siteId: string; screened: number; consented: number }[];
      target: number;
    }>();
    expect(body.target).toBe(170);
    expect(body.funnel).toEqual([
      expect.objectContaining({
        siteId: u.siteA,
        week: '2026-03-16',
        screened: 1,
        consented: 1,
        randomized: 0,
      }),
    ]);
  });

  it('counts every site for a trial-wide role', async () => {
    const statistician = await signIn(app, 'statistician-a');
    const res = await statistician.call('GET', '/api/trials/infinity/dashboard');
    expect(res.statusCode).toBe(200);
    const sites = res.json<{ funnel: { siteId: string }[] }>().funnel.map((r) => r.siteId);
    expect(sites.sort()).toEqual([u.siteA, u.siteB].sort());
  });

  it('puts a day in the week that starts on Monday', () => {
    expect(mondayOf('2026-03-22T23:00:00Z')).toBe('2026-03-16');
    expect(mondayOf('2026-03-23')).toBe('2026-03-23');
  });
});
