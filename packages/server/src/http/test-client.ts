// A small client over app.inject() for the route tests: signs in, keeps the cookie and CSRF token.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { PASSWORD } from '../test-support.js';

/** A signed-in (or anonymous) caller of the app. */
export interface TestClient {
  readonly call: (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
  ) => Promise<LightMyRequestResponse>;
}

/** Signs in `username` and returns a client that sends the cookie and the CSRF token. */
export async function signIn(
  app: FastifyInstance,
  username: string,
  password = PASSWORD,
): Promise<TestClient> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { username, password },
    remoteAddress: `10.0.0.${String(username.length)}`,
  });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'immunotrial_session');
  const { csrfToken } = res.json<{ csrfToken: string }>();
  if (cookie === undefined) throw new Error('no session cookie');
  return {
    call: (method, url, body) =>
      app.inject({
        method,
        url,
        cookies: { immunotrial_session: cookie.value },
        headers: { 'x-csrf-token': csrfToken },
        ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
      }),
  };
}

/** A caller without a session. */
export function anonymous(app: FastifyInstance): TestClient {
  return {
    call: (method, url, body) =>
      app.inject({
        method,
        url,
        ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
      }),
  };
}
