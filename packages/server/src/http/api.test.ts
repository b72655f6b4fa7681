import { type OpenDatabase, testBackends } from '@immunotrial/db';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, setUpUnit, type TestUnit } from '../test-support.js';
import { buildApp } from './app.js';
import { anonymous, signIn, type TestClient } from './test-client.js';

describe.each(testBackends())('HTTP API on $name', ({ open }) => {
  let opened: OpenDatabase;
  let u: TestUnit;
  let app: FastifyInstance;
  let coordinator: TestClient;
  let investigator: TestClient;
  beforeAll(async () => {
    opened = await open();
    u = await setUpUnit(opened);
    app = await buildApp(u.deps);
    app.get('/api/boom', { config: { public: true } }, () => {
      throw new Error('secret internals: password=hunter2');
    });
    coordinator = await signIn(app, 'coordinator-a');
    investigator = await signIn(app, 'investigator-a');
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  it('serves an OpenAPI 3.1 document generated from the route schemas', async () => {
    const res = await anonymous(app).call('GET', '/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/session',
        '/api/participants/{participantId}/randomization',
        '/api/trials/{trialId}/audit',
      ]),
    );
  });

  it('signs in with an HttpOnly, SameSite=Strict cookie and sends security headers', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'monitor-a', password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'immunotrial_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.json()).toMatchObject({ user: { username: 'monitor-a' }, grants: [{ role: 'monitor' }] });
  });

  it('answers 401 with the error shape to a wrong password and to a call without a session', async () => {
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'monitor-a', password: 'not the password' },
      remoteAddress: '10.9.9.9',
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ error: { code: 'auth.failed', message: 'wrong user name or password' } });
    const none = await anonymous(app).call('GET', '/api/trials');
    expect(none.statusCode).toBe(401);
    expect(none.json()).toEqual({ error: { code: 'auth.required', message: 'sign in first' } });
  });

  it('rate-limits sign-in after five failures for a user name', async () => {
    for (let i = 0; i < 5; i++)
      await app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'statistician-a', password: 'wrong wrong' },
        remoteAddress: `10.1.1.${String(i)}`,
      });
    const res = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'statistician-a', password: PASSWORD },
      remoteAddress: '10.1.1.99',
    });
    expect(res.statusCode).toBe(429);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('auth.rate_limited');
  });

  it('refuses a write without the CSRF token', async () => {
    const login = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'data_manager-a', password: PASSWORD },
    });
    const cookie = login.cookies.find((c) => c.name === 'immunotrial_session')?.value ?? '';
    const res = await app.inject({
      method: 'POST',
      url: `/api/participants/x/queries`,
      cookies: { immunotrial_session: cookie },
      payload: { formEntryId: null, field: null, text: 'x' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('csrf.invalid');
  });

  it('enrols and randomizes through the API, with a 400 naming the field and a 403 for the wrong role', async () => {
    const loaded = await u.deps.protocols.get(u.deps.db, 'infinity', 1);
    const e = loaded.protocol.eligibility;
    const criteria = [
      ...e.inclusion.map((c) => ({ id: c.id, result: 'met' })),
      ...e.exclusion.map((c) => ({ id: c.id, result: 'not_met' })),
    ];
    const screened = await coordinator.call('POST', '/api/trials/infinity/screenings', {
      siteId: u.siteA,
      patientRef: 'H-1',
      criteria,
    });
    expect(screened.statusCode).toBe(200);
    const pid = screened.json<{ participant: { id: string } }>().participant.id;
    const bad = await coordinator.call('POST', `/api/participants/${pid}/consent`, {
      givenBy: 'patient',
      consentDate: '17/03/2026',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'request.invalid', path: 'body.consentDate' } });
    expect(bad.json<{ error: { message: string } }>().error.message).toMatch(/^body\.consentDate: /);
    const unknownField = await coordinator.call('POST', `/api/participants/${pid}/consent`, {
      givenBy: 'patient',
      consentDate: '2026-03-17',
      arm: 'placebo',
    });
    expect(unknownField.statusCode).toBe(400);
    expect(
      (
        await coordinator.call('POST', `/api/participants/${pid}/consent`, {
          givenBy: 'patient',
          consentDate: '2026-03-17',
        })
      ).statusCode,
    ).toBe(200);
    const answers = Object.fromEntries(
      [...e.inclusion, ...e.exclusion]
        .filter((c) => c.attestation === true)
        .map((c) => [c.id, c.id.startsWith('I')]),
    );
    const forbidden = await coordinator.call('POST', `/api/participants/${pid}/eligibility`, {
      answers,
      password: PASSWORD,
      meaning: 'I confirm',
    });
    expect(forbidden.statusCode).toBe(403);
    expect(
      (
        await investigator.call('POST', `/api/participants/${pid}/eligibility`, {
          answers,
          password: PASSWORD,
          meaning: 'I confirm',
        })
      ).json(),
    ).toMatchObject({ eligible: true });
    const notReady = await investigator.call('POST', `/api/participants/${pid}/randomization`, {});
    expect(notReady.statusCode).toBe(409);
    const stat = await signIn(app, 'unblinded_statistician-a');
    const setup = (await stat.call('POST', '/api/trials/infinity/allocation-list', {})).json<{
      generated: boolean;
      seed?: string;
    }>();
    expect(setup.generated).toBe(true);
    expect(setup.seed).toMatch(/^[0-9a-f]{64}$/);
    const r = await investigator.call('POST', `/api/participants/${pid}/randomization`, {});
    expect(r.statusCode).toBe(200);
    expect(Object.keys(r.json<object>()).sort()).toEqual([
      'kitNumber',
      'randomizationNumber',
      'randomizedAt',
    ]);
  });

  it('answers an unknown route with 404 and an unexpected error with a bare 500', async () => {
    const missing = await investigator.call('GET', '/api/nothing-here');
    expect(missing.statusCode).toBe(404);
    expect(missing.json<{ error: { code: string } }>().error.code).toBe('not_found');
    const boom = await anonymous(app).call('GET', '/api/boom');
    expect(boom.statusCode).toBe(500);
    expect(boom.body).toBe('{"error":{"code":"internal","message":"internal error"}}');
  });

  it('signs out, after which the cookie no longer works', async () => {
    const c = await signIn(app, 'dsmb-a');
    expect((await c.call('DELETE', '/api/session')).statusCode).toBe(204);
    expect((await c.call('GET', '/api/session')).statusCode).toBe(401);
  });

  it('shows the dashboard funnel by site and week with the planned enrolment', async () => {
    const res = await investigator.call('GET', '/api/trials/infinity/dashboard');
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      target: number;
      randomizedTotal: number;
      funnel: { week: string; screened: number; randomized: number }[];
    }>();
    expect(body.target).toBe(170);
    expect(body.randomizedTotal).toBe(1);
    expect(body.funnel).toMatchObject([{ week: '2026-03-16', screened: 1, randomized: 1 }]);
  });

  it('changes a password with the current one, refusing a wrong current password with 403', async () => {
    const c = await signIn(app, 'pharmacist-a');
    const wrong = await c.call('POST', '/api/session/password', {
      currentPassword: 'not it at all',
      newPassword: 'a brand new password',
    });
    expect(wrong.statusCode).toBe(403);
    expect(
      (
        await c.call('POST', '/api/session/password', {
          currentPassword: PASSWORD,
          newPassword: 'a brand new password',
        })
      ).statusCode,
    ).toBe(204);
    await expect(signIn(app, 'pharmacist-a')).rejects.toThrow('sign-in of pharmacist-a failed');
    expect((await signIn(app, 'pharmacist-a', 'a brand new password')).call).toBeTypeOf('function');
  });

  it('records a screening from an `immunotrial screen` JSON entry, with the criteria texts of the protocol', async () => {
    const result = {
      patientId: 'fhir-patient-7',
      status: 'ineligible',
      criteria: [
        { id: 'I1', kind: 'inclusion', result: 'met', reason: 'age 64 years' },
        { id: 'I2', kind: 'inclusion', result: 'not_met', reason: 'SOFA 4 on ICU day 0' },
      ],
    };
    const res = await coordinator.call('POST', '/api/trials/infinity/screenings', {
      siteId: u.siteA,
      result,
      at: '2026-03-17T08:00:00+01:00',
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      participant: { status: string };
      screening: { source: string; screenedAt: string; failureReasons: { id: string; text: string }[] };
    }>();
    expect(body.participant.status).toBe('screen_failed');
    expect(body.screening).toMatchObject({ source: 'screen_json', screenedAt: '2026-03-17T07:00:00.000Z' });
    expect(body.screening.failureReasons).toEqual([
      {
        id: 'I2',
        kind: 'inclusion',
        text: 'SOFA score for first 24 hours post-admission ≥ 6',
        reason: 'SOFA 4 on ICU day 0',
      },
    ]);
  });
});
