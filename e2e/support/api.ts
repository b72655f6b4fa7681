// A small API client for setting up a trial before the browser walk (users, roles, the allocation list):
// what an administrator and the unblinded statistician would do on the set-up screens.

/** A signed-in API session (cookie and CSRF token). */
export interface ApiSession {
  readonly call: <T>(method: string, path: string, body?: unknown) => Promise<T>;
}

/**
 * Signs in through POST /api/session and returns a caller that sends the cookie and the CSRF token.
 * @throws Error with the server's message when sign-in or a call fails.
 */
export async function signInApi(baseUrl: string, username: string, password: string): Promise<ApiSession> {
  const response = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok)
    throw new Error(`sign-in as ${username} failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const session = (await response.json()) as { csrfToken: string };
  return {
    call: async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          cookie,
          'x-csrf-token': session.csrfToken,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path} failed: ${res.status} ${text}`);
      return (text === '' ? undefined : JSON.parse(text)) as T;
    },
  };
}
