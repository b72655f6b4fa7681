// A fake of the server's HTTP API for component tests: a table of routes answered in memory, and a log of what
// the app sent, so that a test can assert on both the screen and the request.

/** A handler: gets the parsed body and the URL, returns [status, body]. */
export type FakeHandler = (request: {
  body: unknown;
  url: URL;
  headers: Headers;
}) => readonly [number, unknown];

/** A recorded request. */
export interface SentRequest {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
  readonly headers: Headers;
}

/** A fake fetch answering `"METHOD /path"` keys (the path without the query string). */
export function fakeServer(routes: Record<string, FakeHandler | readonly [number, unknown]>): {
  fetch: typeof globalThis.fetch;
  sent: SentRequest[];
} {
  const sent: SentRequest[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      'http://app.test',
    );
    const method = init?.method ?? 'GET';
    const headers = new Headers(init?.headers);
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    sent.push({ method, path: url.pathname + url.search, body, headers });
    const route = routes[`${method} ${url.pathname}`];
    const [status, payload] =
      route === undefined
        ? [404, { error: { code: 'route.unknown', message: `No fake for ${method} ${url.pathname}` } }]
        : typeof route === 'function'
          ? route({ body, url, headers })
          : route;
    return Promise.resolve(
      new Response(payload === undefined ? null : JSON.stringify(payload), {
        status,
        headers: { 'content-type': 'application/json' },
      }),
    );
  };
  return { fetch, sent };
}

/** A session for tests, with the given grants. */
export function testSession(
  grants: { role: string; trialId: string | null; siteId: string | null }[],
): unknown {
  return {
    user: { id: 'u1', username: 'nurse', fullName: 'Nora Nurse' },
    grants,
    csrfToken: 'csrf-1',
    expiresAt: '2099-01-01T00:00:00.000Z',
  };
}
