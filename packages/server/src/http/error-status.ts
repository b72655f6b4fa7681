/**
 * The one code -> HTTP status table (STYLE.md: the server holds the only one). Exact codes first, then
 * prefixes; a code in neither is treated as an internal error (500, message withheld).
 */
const EXACT: Readonly<Record<string, number>> = {
  'request.invalid': 400,
  'form.invalid': 400,
  'form.out_of_range': 400,
  'form.reason_required': 400,
  'protocol.invalid': 400,
  'auth.required': 401,
  'auth.expired': 401,
  'auth.failed': 401,
  'auth.forbidden': 403,
  'csrf.invalid': 403,
  'signature.invalid': 403,
  not_found: 404,
  'state.invalid': 409,
  'conflict.duplicate': 409,
  'conflict.exists': 409,
  'protocol.version_reused': 409,
  'randomization.not_ready': 409,
  'request.too_large': 413,
  'request.media_type': 415,
  'auth.rate_limited': 429,
};

const PREFIXES: readonly (readonly [string, number])[] = [
  ['fhir.', 400],
  ['json.', 400],
  ['csv.', 400],
  ['input.', 400],
  ['score.', 400],
  ['randomization.', 409],
  ['kit.', 409],
  ['schedule.', 409],
];

/** The HTTP status of an error code. @example statusOf('auth.forbidden') // => 403 */
export function statusOf(code: string): number {
  const exact = EXACT[code];
  if (exact !== undefined) return exact;
  return PREFIXES.find(([p]) => code.startsWith(p))?.[1] ?? 500;
}

/** Codes whose message may name a regimen, pack or arm: a blinded caller gets a generic text instead. */
const MAY_UNBLIND = ['schedule.', 'kit.', 'randomization.treatment', 'randomization.design'];

/** The message a client may see for a code (the original, unless it could unblind). */
export function publicMessage(code: string, message: string): string {
  if (MAY_UNBLIND.some((p) => code.startsWith(p))) {
    return "the protocol's allocation or schedule cannot be applied to this participant; the details are logged for the unblinded statistician";
  }
  return message;
}
