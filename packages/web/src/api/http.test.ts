import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error.js';
import { createRequester, isSessionLost } from './http.js';
import { fakeServer } from '../test/fake-server.js';

describe('createRequester', () => {
  it('sends JSON with the CSRF token on writes only, and the query string without undefined values', async () => {
    const server = fakeServer({ 'GET /api/x': [200, { ok: 1 }], 'POST /api/x': [200, { ok: 2 }] });
    const request = createRequester({
      fetch: server.fetch,
      csrfToken: () => 't1',
      onUnauthorized: () => undefined,
    });
    await expect(request('GET', '/api/x', { query: { a: 1, b: undefined } })).resolves.toEqual({ ok: 1 });
    await expect(request('POST', '/api/x', { body: { v: true } })).resolves.toEqual({ ok: 2 });
    expect(server.sent[0]?.path).toBe('/api/x?a=1');
    expect(server.sent[0]?.headers.get('x-csrf-token')).toBeNull();
    expect(server.sent[1]?.headers.get('x-csrf-token')).toBe('t1');
    expect(server.sent[1]?.body).toEqual({ v: true });
  });

  it("throws the server's code, message and path", async () => {
    const server = fakeServer({
      'PUT /api/f': [
        400,
        { error: { code: 'request.invalid', message: 'crp: expected a number', path: 'values.crp' } },
      ],
    });
    const request = createRequester({
      fetch: server.fetch,
      csrfToken: () => undefined,
      onUnauthorized: () => undefined,
    });
    const error: unknown = await request('PUT', '/api/f', { body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'request.invalid',
      message: 'crp: expected a number',
      path: 'values.crp',
    });
  });

  it('sends nothing but the session route once the person has signed out', async () => {
    let out = false;
    const server = fakeServer({ 'GET /api/kits': [200, []], 'DELETE /api/session': [204, undefined] });
    const request = createRequester({
      fetch: server.fetch,
      csrfToken: () => 't',
      onUnauthorized: () => undefined,
      signedOut: () => out,
    });
    await expect(request('GET', '/api/kits')).resolves.toEqual([]);
    out = true;
    await expect(request('GET', '/api/kits')).rejects.toMatchObject({ name: 'AbortError' });
    await request('DELETE', '/api/session');
    expect(server.sent.map((s) => `${s.method} ${s.path}`)).toEqual(['GET /api/kits', 'DELETE /api/session']);
  });

  it('reports a lost session but not a refused e-signature', async () => {
    const lost: string[] = [];
    const server = fakeServer({
      'GET /api/a': [401, { error: { code: 'auth.expired', message: 'expired' } }],
      'POST /api/sign': [401, { error: { code: 'signature.invalid', message: 'wrong password' } }],
    });
    const request = createRequester({
      fetch: server.fetch,
      csrfToken: () => 't',
      onUnauthorized: (e) => lost.push(e.code),
    });
    await request('POST', '/api/sign', { body: {} }).catch(() => undefined);
    await request('GET', '/api/a').catch(() => undefined);
    expect(lost).toEqual(['auth.expired']);
    expect(isSessionLost(new ApiError(403, 'auth.forbidden', 'no'))).toBe(false);
  });

  it('says the server could not be reached when fetch itself fails', async () => {
    const request = createRequester({
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
      csrfToken: () => undefined,
      onUnauthorized: () => undefined,
    });
    await expect(request('GET', '/api/x')).rejects.toMatchObject({ status: 0, code: 'network' });
  });
});
