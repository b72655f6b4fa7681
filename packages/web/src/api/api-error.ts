/** The error body every server route returns: `{"error": {"code", "message", "path"?}}` (issue 4). */
export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly path?: string | undefined };
}

/**
 * A failed request, carrying the server's own message so that the screen can show it as sent.
 * `status` is 0 when the server could not be reached at all.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly path: string | undefined;

  constructor(status: number, code: string, message: string, path?: string) {
    super(message);
    this.status = status;
    this.code = code;
    this.path = path;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads the server's error body; falls back to the HTTP status text when the body is not the documented shape
 * (a proxy's HTML page, an empty body).
 * @param status - HTTP status code.
 * @param statusText - HTTP status text, used when the body has no message.
 * @param body - The parsed JSON body, or undefined when it was not JSON.
 * @example apiErrorFrom(409, 'Conflict', { error: { code: 'kit.none', message: 'No kit left' } }).message // => 'No kit left'
 */
export function apiErrorFrom(status: number, statusText: string, body: unknown): ApiError {
  if (isRecord(body) && isRecord(body.error)) {
    const { code, message, path } = body.error;
    if (typeof message === 'string') {
      return new ApiError(
        status,
        typeof code === 'string' ? code : 'http.error',
        message,
        typeof path === 'string' ? path : undefined,
      );
    }
  }
  const text = statusText === '' ? 'Request failed' : statusText;
  return new ApiError(status, 'http.error', `${text} (HTTP ${status})`);
}

/**
 * A message a person can act on, for any thrown value.
 * @example errorMessage(new ApiError(403, 'auth.forbidden', 'Pharmacists only')) // => 'Pharmacists only'
 */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
