/**
 * The one error type of Immunotrial. `code` is stable and machine-readable (the server maps it to an
 * HTTP status, the CLI to an exit code); `path` names where in the input the problem is.
 * "Not eligible" is a result, never an error.
 */
export class TrialError extends Error {
  readonly code: string;
  readonly path: string | undefined;

  /**
   * @param code - Stable identifier such as `protocol.invalid` or `observation.unit`.
   * @param message - One line a person can act on: what, where, what was expected.
   * @param path - Location of the problem (`eligibility.inclusion[2].rule`, `entry[3].resource.valueQuantity`).
   */
  constructor(code: string, message: string, path?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TrialError';
    this.code = code;
    this.path = path;
  }
}
