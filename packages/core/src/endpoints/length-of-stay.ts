import { TrialError } from '../errors.js';
import { DAY_MS, type Instant } from '../time/duration.js';

/** One stay (ICU or hospital) from timestamps. */
export interface StayInput {
  readonly admittedAt: Instant;
  readonly dischargedAt?: Instant;
  /** The participant's death, if any (inside or after the stay). */
  readonly diedAt?: Instant;
}

export interface LengthOfStay {
  /** (end − admission) / 24 h, to the discharge, the in-unit death, or the censoring instant. */
  readonly days: number;
  readonly end: 'discharged' | 'died' | 'censored';
  /** True when the stay ended by death (ICU mortality); the length is then not imputed. */
  readonly diedInUnit: boolean;
}

/**
 * Length of stay from timestamps (DOMAIN.md §8): (discharge − admission) / 24 h. A death before (or at)
 * the discharge ends the stay as an in-unit death, flagged; its length is the time to death, never replaced
 * by an imputed value (no SAP gives a rule). A stay still open, or ending after `censorAt` (the horizon),
 * is censored there.
 * @param stay - Admission, discharge and death instants.
 * @param censorAt - End of observation (e.g. time zero + 90 days); required when the stay is still open.
 * @throws TrialError `endpoint.input` if the stay ends before the admission or is open with no `censorAt`.
 * @example lengthOfStay({ admittedAt: 0, dischargedAt: 36 * HOUR_MS }) // => { days: 1.5, end: 'discharged', diedInUnit: false }
 */
export function lengthOfStay(stay: StayInput, censorAt?: Instant): LengthOfStay {
  const { admittedAt, dischargedAt, diedAt } = stay;
  const diedInUnit = diedAt !== undefined && (dischargedAt === undefined || diedAt <= dischargedAt);
  const endAt = diedInUnit ? diedAt : dischargedAt;
  let result: { at: Instant; end: LengthOfStay['end'] };
  if (endAt !== undefined && (censorAt === undefined || endAt <= censorAt)) {
    result = { at: endAt, end: diedInUnit ? 'died' : 'discharged' };
  } else if (censorAt !== undefined) {
    result = { at: censorAt, end: 'censored' };
  } else {
    throw new TrialError(
      'endpoint.input',
      'a stay with no discharge or death needs a censoring instant',
      'censorAt',
    );
  }
  if (result.at < admittedAt) {
    throw new TrialError(
      'endpoint.input',
      `the stay ends (${result.end}) before its admission`,
      'dischargedAt',
    );
  }
  return { days: (result.at - admittedAt) / DAY_MS, end: result.end, diedInUnit: result.end === 'died' };
}
