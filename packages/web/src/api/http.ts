import { ApiError, apiErrorFrom } from './api-error.js';

/** Query-string values: undefined values are left out. */
export type QueryParams = Readonly<Record<string, string | number | boolean | undefined>>;

/** What a request may carry. */
export interface RequestOptions {
  readonly body?: unknown;
  readonly query?: QueryParams;
  readonly signal?: AbortSignal;
}

/** The HTTP methods the API uses. */
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Sends one request and returns the parsed JSON body, or throws an {@link ApiError} with the server's message. */
export type Requester = <T>(method: Method, path: string, options?: RequestOptions) => Promise<T>;

/** Dependencies of the HTTP client (passed in, so that tests give a fake fetch). */
export interface HttpClientOptions {
  readonly fetch: typeof globalThis.fetch;
  /** The CSRF token of the current session, sent on every write (the server checks it against the cookie). */
  readonly csrfToken: () => string | undefined;
  /** Called when any route but sign-in answers that the session expired or was revoked (401 `auth.*`). */
  readonly onUnauthorized: (error: ApiError) => void;
  /**
   * Whether the person has signed out: reads started after that (a screen refetching while it unmounts) are
   * dropped here as aborted, so that no request reaches the server without a session.
   */
  readonly signedOut?: () => boolean;
}

/** The header the server reads the CSRF token from. */
export const CSRF_HEADER = 'x-csrf-token';

function withQuery(path: string, query: QueryParams | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const text = params.toString();
  return text === '' ? path : `${path}?${text}`;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Whether a 401 means the session is gone (expired, revoked, never there) rather than a refused e-signature
 * (`signature.invalid` is also a 401, and the person stays signed in).
 * @example isSessionLost(new ApiError(401, 'auth.expired', 'sign in again')) // => true
 */
export function isSessionLost(error: ApiError): boolean {
  return error.status === 401 && (error.code.startsWith('auth.') || error.code === 'http.error');
}

/**
 * Makes the one function every screen uses to reach the server: same-origin cookies, JSON bodies, the CSRF
 * header on writes, and the server's error message on failure (never a blank page).
 * @example const request = createRequester({ fetch, csrfToken: () => token, onUnauthorized: signOut });
 *          await request<Session>('GET', '/api/session');
 */
export function createRequester(options: HttpClientOptions): Requester {
  return async <T>(method: Method, path: string, init: RequestOptions = {}): Promise<T> => {
    if (path !== '/api/session' && options.signedOut?.() === true)
      throw new DOMException(`${method} ${path} not sent: signed out`, 'AbortError');
    const headers: Record<string, string> = { accept: 'application/json' };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const token = options.csrfToken();
    if (method !== 'GET' && token !== undefined) headers[CSRF_HEADER] = token;
    let response: Response;
    try {
      response = await options.fetch(withQuery(path, init.query), {
        method,
        headers,
        credentials: 'same-origin',
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        ...(init.signal === undefined ? {} : { signal: init.signal }),
      });
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw new ApiError(
        0,
        'network',
        'The server could not be reached. Check the connection and try again.',
      );
    }
    const body = await readJson(response);
    if (!response.ok) {
      const error = apiErrorFrom(response.status, response.statusText, body);
      if (isSessionLost(error) && path !== '/api/session') options.onUnauthorized(error);
      throw error;
    }
    // The response shape is the server's contract (its OpenAPI document, from which our types are generated);
    // it is not checked again here.
    return body as T;
  };
}
