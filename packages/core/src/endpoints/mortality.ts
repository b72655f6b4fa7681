import { TrialError } from '../errors.js';

export interface VitalStatusInput {
  /** Day of death (day 0 = time zero's date), if the participant died. */
  readonly deathDay?: number;
  /** Last day the participant was known alive (if not dead). */
  readonly lastKnownAliveDay: number;
}

/** `unknown`: lost to follow-up alive before the horizon; it is not imputed. */
export type VitalStatus = 'dead' | 'alive' | 'unknown';

/**
 * Mortality at a horizon (D28, D90): dead if death falls on or before day `horizonDays`, alive if known
 * alive on that day or later (or dead after it), otherwise unknown. A death on day 0 counts.
 * @param input - Death day or last day known alive.
 * @param horizonDays - E.g. 28 or 90.
 * @throws TrialError `endpoint.input` if the horizon is < 1.
 * @example mortalityAt({ deathDay: 28, lastKnownAliveDay: 27 }, 28) // => 'dead'
 * @example mortalityAt({ lastKnownAliveDay: 20 }, 28) // => 'unknown'
 */
export function mortalityAt(input: VitalStatusInput, horizonDays: number): VitalStatus {
  if (!(horizonDays >= 1))
    throw new TrialError('endpoint.input', `horizon must be >= 1 day, got ${horizonDays}`, 'horizonDays');
  if (input.deathDay !== undefined) return input.deathDay <= horizonDays ? 'dead' : 'alive';
  return input.lastKnownAliveDay >= horizonDays ? 'alive' : 'unknown';
}
