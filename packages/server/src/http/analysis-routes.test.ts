import { type OpenDatabase, testBackends } from '@immunotrial/db';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpUnit, type TestUnit } from '../test-support.js';
import { buildApp } from './app.js';
import { anonymous, signIn } from './test-client.js';

describe.each(testBackends())('analysis routes on $name', ({ open }) => {
  let opened: OpenDatabase;
  let u: TestUnit;
  let app: FastifyInstance;
  beforeAll(async () => {
    opened = await open();
    u = await setUpUnit(opened);
    app = await buildApp(u.deps);
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  const paths = ['time-to-event', 'length-of-stay', 'completeness'];

  it('answers 401 without a session', async () => {
    for (const p of paths) {
      const res = await anonymous(app).call('GET', `/api/trials/${u.trialId}/analysis/${p}`);
      expect(res.statusCode).toBe(401);
    }
  });

  it('answers 400 naming the parameter for a malformed trial id', async () => {
    const client = await signIn(app, 'statistician-a');
    for (const p of paths) {
      const res = await client.call('GET', `/api/trials/bad%20id/analysis/${p}`);
      expect(res.statusCode).toBe(400);
      expect(res.json<{ error: { code: string; message: string } }>().error.message).toContain('trialId');
    }
  });

  it('answers 403 with a message to a coordinator, and 403 for a trial the statistician has no role in', async () => {
    const coordinator = await signIn(app, 'coordinator-a');
    const res = await coordinator.call('GET', `/api/trials/${u.trialId}/analysis/completeness`);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual({
      error: { code: 'auth.forbidden', message: 'your roles do not allow reading form completeness here' },
    });
    const statistician = await signIn(app, 'statistician-a');
    expect((await statistician.call('GET', '/api/trials/platinium/analysis/time-to-event')).statusCode).toBe(
      403,
    );
  });

  it('gives the statistician an empty curve list and zero counts before anyone is randomized', async () => {
    const client = await signIn(app, 'statistician-a');
    const tte = await client.call('GET', `/api/trials/${u.trialId}/analysis/time-to-event`);
    expect(tte.json()).toEqual([]);
    const los = await client.call('GET', `/api/trials/${u.trialId}/analysis/length-of-stay`);
    expect(los.statusCode).toBe(200);
    expect(los.json()).toEqual([]);
    const completeness = await client.call('GET', `/api/trials/${u.trialId}/analysis/completeness`);
    const rows = completeness.json<{ formId: string; expected: number; completed: number }[]>();
    expect(rows.map((r) => [r.formId, r.expected, r.completed])).toEqual([
      ['vital-signs', 0, 0],
      ['sofa', 0, 0],
      ['labs', 0, 0],
    ]);
  });
});
