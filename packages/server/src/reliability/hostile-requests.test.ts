import { createBackup, type OpenDatabase, testBackends } from '@immunotrial/db';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../http/app.js';
import { signIn, type TestClient } from '../http/test-client.js';
import { enrolReady, setUpUnit, type TestUnit } from '../test-support.js';

/** Every table but sessions (touched by sign-in): the state hostile requests must not change. */
async function snapshot(u: TestUnit): Promise<string> {
  const { tables } = await createBackup(u.deps.db, 'x');
  return JSON.stringify({ ...tables, sessions: [], login_attempts: [] });
}

describe.each(testBackends())('malformed and hostile requests on $name', ({ open }) => {
  let opened: OpenDatabase;
  let u: TestUnit;
  let app: FastifyInstance;
  let coordinator: TestClient;
  let investigator: TestClient;
  let pid: string;
  beforeAll(async () => {
    opened = await open();
    u = await setUpUnit(opened);
    pid = await enrolReady(u, u.siteA, 'hostile-1');
    app = await buildApp(u.deps, { bodyLimit: 256 * 1024 });
    coordinator = await signIn(app, 'coordinator-a');
    investigator = await signIn(app, 'investigator-a');
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  it('answers each with a clear 4xx and leaves the database unchanged', async () => {
    const siteB = await signIn(app, 'coordinator-b');
    const before = await snapshot(u);
    const cases: {
      who: TestClient;
      method: 'GET' | 'POST' | 'PUT';
      url: string;
      body?: unknown;
      status: number;
      code: string;
    }[] = [
      {
        who: coordinator,
        method: 'POST',
        url: `/api/participants/${pid}/consent`,
        body: { givenBy: 42, consentDate: true },
        status: 400,
        code: 'request.invalid',
      },
      {
        who: coordinator,
        method: 'POST',
        url: `/api/participants/${pid}/consent`,
        body: { givenBy: 'patient', consentDate: '2026-03-17', isAdmin: true },
        status: 400,
        code: 'request.invalid',
      },
      {
        who: coordinator,
        method: 'POST',
        url: `/api/participants/${pid}/deviations`,
        body: { kind: 'other', description: 'x'.repeat(300 * 1024) },
        status: 413,
        code: 'request.too_large',
      },
      {
        who: coordinator,
        method: 'GET',
        url: `/api/participants/1'%20OR%20'1'='1`,
        status: 400,
        code: 'request.invalid',
      },
      {
        who: coordinator,
        method: 'GET',
        url: `/api/trials/infinity'%3B%20DROP%20TABLE%20participants%3B--/participants`,
        status: 400,
        code: 'request.invalid',
      },
      {
        who: coordinator,
        method: 'POST',
        url: `/api/participants/${pid}/deviations`,
        body: { kind: 'other', description: '<script>alert(document.cookie)</script>' },
        status: 400,
        code: 'request.invalid',
      },
      {
        who: coordinator,
        method: 'POST',
        url: `/api/participants/${pid}/deviations`,
        body: { kind: "x'; DROP TABLE audit_events; --", description: 'y' },
        status: 400,
        code: 'request.invalid',
      },
      {
        who: coordinator,
        method: 'POST',
        url: `/api/participants/${pid}/deviations`,
        body: { kind: 'other', description: 'nul \u0000 byte' },
        status: 400,
        code: 'request.invalid',
      },
      {
        who: siteB,
        method: 'POST',
        url: `/api/participants/${pid}/consent`,
        body: { givenBy: 'patient', consentDate: '2026-03-17' },
        status: 404,
        code: 'not_found',
      },
      { who: siteB, method: 'GET', url: `/api/participants/${pid}/forms`, status: 404, code: 'not_found' },
      {
        who: investigator,
        method: 'GET',
        url: `/api/trials/infinity/kits`,
        status: 403,
        code: 'auth.forbidden',
      },
      {
        who: investigator,
        method: 'GET',
        url: `/api/trials/infinity/dispensing`,
        status: 403,
        code: 'auth.forbidden',
      },
      {
        who: investigator,
        method: 'POST',
        url: `/api/trials/infinity/allocation-list`,
        body: { seed: 'i-want-to-know-the-list' },
        status: 403,
        code: 'auth.forbidden',
      },
      {
        who: coordinator,
        method: 'PUT',
        url: `/api/participants/${pid}/forms/vital-signs/day-1`,
        body: { values: { heart_rate: '80; DELETE FROM form_entries' } },
        status: 400,
        code: 'form.invalid',
      },
      {
        who: coordinator,
        method: 'PUT',
        url: `/api/participants/${pid}/forms/vital-signs/day-1`,
        body: { values: { heart_rate: 80, map: 70, pwned: 1 } },
        status: 400,
        code: 'form.invalid',
      },
      {
        who: coordinator,
        method: 'PUT',
        url: `/api/participants/${pid}/forms/vital-signs/..%2F..%2Fetc`,
        body: { values: { heart_rate: 80 } },
        status: 400,
        code: 'request.invalid',
      },
    ];
    for (const c of cases) {
      const res = await c.who.call(c.method, c.url, c.body);
      expect({
        url: c.url.slice(0, 60),
        status: res.statusCode,
        code: res.json<{ error: { code: string } }>().error.code,
      }).toEqual({ url: c.url.slice(0, 60), status: c.status, code: c.code });
      expect(res.json<{ error: { message: string } }>().error.message.length).toBeGreaterThan(5);
    }
    const notJson = await app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "x", ',
    });
    expect(notJson.statusCode).toBe(400);
    const unchanged = (await snapshot(u)) === before;
    expect(unchanged).toBe(true);
  });

  it('stores an apostrophe-laden clinical text verbatim (parameterised SQL), harmlessly', async () => {
    const res = await coordinator.call('POST', `/api/participants/${pid}/deviations`, {
      kind: 'other',
      description: "O'Brien's infusion ran late'; DROP TABLE participants; --",
    });
    expect(res.statusCode).toBe(200);
    const rows = await u.deps.db
      .selectFrom('deviations')
      .select('description')
      .where('participant_id', '=', pid)
      .execute();
    expect(rows.map((r) => r.description)).toContain(
      "O'Brien's infusion ran late'; DROP TABLE participants; --",
    );
    expect((await u.deps.db.selectFrom('participants').select('id').execute()).length).toBeGreaterThan(0);
  });
});
