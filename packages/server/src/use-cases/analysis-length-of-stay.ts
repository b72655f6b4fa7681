import {
  dayNumberOf,
  type Endpoint,
  lengthOfStay,
  localDateOf,
  startOfLocalDate,
  valueOf,
} from '@immunotrial/core';
import type { Actor } from '../auth/actor.js';
import type { ServerDeps } from '../deps.js';
import { analysisBlinded, armGroups, type CohortMember, randomizedCohort } from './analysis-cohort.js';
import { currentProtocol } from './trials.js';

// ICU and hospital length of stay (PLATINIUM `icu-los`, `hospital-los`): (discharge - admission) / 24 h from
// the recorded timestamps, deaths in the unit flagged and counted, never given a length of stay (DOMAIN.md
// §8: no LOS imputation for deaths without an explicit SAP rule, and PLATINIUM's SAP is not published). The
// summary is descriptive: quartiles among those discharged alive, beside the counts that explain who is
// not among them. Blinding as for the time-to-event curves: one pooled group unless the role is unblinded.

/** The unit a length of stay is counted in. */
export type StayUnit = 'icu' | 'hospital';

/**
 * How a participant's stay reads at the horizon:
 * - `discharged_alive`: discharged by the horizon, alive at the discharge, with an admission time: a
 *   length of stay;
 * - `died_in_unit`: died by the horizon on or before the local date of the discharge, or with no discharge
 *   recorded (a death date has no time: a death on the discharge day counts as in the unit);
 * - `still_in_unit`: alive and not discharged by the horizon (a discharge after it reads as still in);
 * - `unknown_admission`: discharged alive by the horizon, with no admission time recorded: the length of
 *   stay is missing. A death or a stay still open needs no admission time to be counted.
 */
export type StayOutcome = 'discharged_alive' | 'died_in_unit' | 'still_in_unit' | 'unknown_admission';

/** What one participant's row is derived from (a cohort member has it all). */
export type StayMember = Pick<
  CohortMember,
  | 'randomizedAt'
  | 'zone'
  | 'deathDate'
  | 'icuAdmittedAt'
  | 'icuDischargedAt'
  | 'hospitalAdmittedAt'
  | 'hospitalDischargedAt'
>;

/** One participant's length of stay in one unit. */
export interface StayRow {
  readonly outcome: StayOutcome;
  /** (discharge - admission) / 24 h, unrounded; only for `discharged_alive`. */
  readonly days?: number;
}

/**
 * A participant's length of stay in the ICU or the hospital, read up to `horizonDays` after randomization
 * (day numbers in the site's zone, day 0 = the local date of randomization, as for the other endpoints).
 * @param m - Recorded admission and discharge instants (ms since the epoch), death date, randomization.
 * @param unit - `icu` or `hospital`.
 * @param horizonDays - The endpoint's horizon, days after randomization.
 * @example lengthOfStayRow({ …, icuAdmittedAt: Date.parse('2026-03-15T21:00Z'), icuDischargedAt: Date.parse('2026-03-21T09:00Z'), deathDate: null }, 'icu', 90)
 *   // => { outcome: 'discharged_alive', days: 5.5 }
 */
export function lengthOfStayRow(m: StayMember, unit: StayUnit, horizonDays: number): StayRow {
  const [admission, discharge] =
    unit === 'icu' ? [m.icuAdmittedAt, m.icuDischargedAt] : [m.hospitalAdmittedAt, m.hospitalDischargedAt];
  const dayOf = (t: number): number => dayNumberOf(t, m.randomizedAt, m.zone);
  if (m.deathDate !== null && (discharge === undefined || m.deathDate <= localDateOf(discharge, m.zone))) {
    const deathDay = dayOf(startOfLocalDate(m.deathDate, m.zone));
    return { outcome: deathDay <= horizonDays ? 'died_in_unit' : 'still_in_unit' };
  }
  if (discharge === undefined || dayOf(discharge) > horizonDays) return { outcome: 'still_in_unit' };
  if (admission === undefined) return { outcome: 'unknown_admission' };
  // Core's formula; the death and the horizon are read above in the server's terms (a death date against the
  // discharge's local date, day numbers), since a death is recorded as a date without a time.
  return {
    outcome: 'discharged_alive',
    days: lengthOfStay({ admittedAt: admission, dischargedAt: discharge }).days,
  };
}

/**
 * Sample quantile of type 7 (Hyndman and Fan 1996; R's default `quantile`): with the values sorted,
 * h = 1 + (n - 1) p and Q(p) = (1 - g) x[floor h] + g x[ceiling h], g = h - floor h, written as R computes
 * it so that results match R's to the last bit.
 * @param sorted - Values in ascending order (not checked).
 * @param p - Probability in [0, 1].
 * @throws RangeError for no values or p outside [0, 1].
 * @example quantileType7([3, 10.5], 0.25) // => 4.875 (R: quantile(c(3, 10.5), 0.25))
 */
export function quantileType7(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('quantileType7 requires at least one value, got 0');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantileType7 requires p in [0, 1], got ${String(p)}`);
  // 1-based as in R's source: 1 + (n - 1) p - floor(...) can differ in the last bit from (n - 1) p - floor(...).
  const index = 1 + (sorted.length - 1) * p;
  const lo = Math.floor(index);
  const g = index - lo;
  const [a, b] = [sorted[lo - 1] ?? NaN, sorted[Math.ceil(index) - 1] ?? NaN];
  return g > 0 && a !== b ? (1 - g) * a + g * b : a;
}

/** Quartiles of the lengths of stay, days. */
export interface StayQuartiles {
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
}

/** One group's lengths of stay: the four outcomes add up to `n`. */
export interface LengthOfStaySummary {
  /** "All participants" (blinded) or the arm label of the protocol. */
  readonly label: string;
  readonly n: number;
  readonly dischargedAlive: number;
  /** Type-7 quartiles among those discharged alive; null when nobody is. */
  readonly days: StayQuartiles | null;
  /** Died in the unit by the horizon: flagged and counted, no length of stay. */
  readonly diedInUnit: number;
  readonly stillInUnit: number;
  /** Discharged alive with no admission time recorded. */
  readonly admissionUnknown: number;
}

/**
 * The summary of a group's rows.
 * @example summarizeLengthOfStay('All participants', [{ outcome: 'discharged_alive', days: 3 }, { outcome: 'died_in_unit' }])
 *   // => { label: 'All participants', n: 2, dischargedAlive: 1, days: { q1: 3, median: 3, q3: 3 }, diedInUnit: 1, stillInUnit: 0, admissionUnknown: 0 }
 */
export function summarizeLengthOfStay(label: string, rows: readonly StayRow[]): LengthOfStaySummary {
  const count = (o: StayOutcome): number => rows.filter((r) => r.outcome === o).length;
  const days = rows.flatMap((r) =>
    r.outcome === 'discharged_alive' && r.days !== undefined ? [r.days] : [],
  );
  days.sort((a, b) => a - b);
  return {
    label,
    n: rows.length,
    dischargedAlive: days.length,
    days:
      days.length === 0
        ? null
        : { q1: quantileType7(days, 0.25), median: quantileType7(days, 0.5), q3: quantileType7(days, 0.75) },
    diedInUnit: count('died_in_unit'),
    stillInUnit: count('still_in_unit'),
    admissionUnknown: count('unknown_admission'),
  };
}

/** The unit of a length-of-stay endpoint (continuous, id `icu-los` or `hospital-los`), else undefined. */
export function lengthOfStayUnit(e: Endpoint): StayUnit | undefined {
  if (valueOf(e.kind) !== 'continuous') return undefined;
  const match = /^(icu|hospital)-los(-d\d+)?$/.exec(e.id);
  return match?.[1] === 'icu' ? 'icu' : match?.[1] === 'hospital' ? 'hospital' : undefined;
}

/** One endpoint's lengths of stay. */
export interface LengthOfStayView {
  readonly endpointId: string;
  readonly label: string;
  readonly unit: StayUnit;
  readonly timeUnit: 'days';
  readonly horizonDays: number;
  readonly blinded: boolean;
  readonly groups: LengthOfStaySummary[];
}

/**
 * The ICU and hospital lengths of stay of the trial, one view per length-of-stay endpoint of its protocol,
 * from the recorded admissions and discharges of the randomized participants. Nobody randomized: an empty
 * list.
 * @param deps - Database.
 * @param actor - statistician (one pooled group), unblinded_statistician or dsmb (one group per arm).
 * @param trialId - The trial.
 * @throws TrialError `auth.forbidden` for every other role, `not_found` for an unknown trial.
 */
export async function lengthOfStayAnalyses(
  deps: ServerDeps,
  actor: Actor,
  trialId: string,
): Promise<LengthOfStayView[]> {
  const blinded = analysisBlinded(actor, trialId, 'the length-of-stay analyses');
  const { loaded } = await currentProtocol(deps, trialId);
  const protocol = loaded.protocol;
  const cohort = await randomizedCohort(deps, actor, trialId, 'participant.read');
  if (cohort.length === 0) return [];
  const out: LengthOfStayView[] = [];
  for (const e of protocol.endpoints) {
    const unit = lengthOfStayUnit(e);
    if (unit === undefined) continue;
    const horizonDays = valueOf(e.horizon_days);
    const rows = cohort.map((m) => ({ arm: m.arm, row: lengthOfStayRow(m, unit, horizonDays) }));
    const groups = armGroups(blinded, protocol.arms, rows, (label, group) =>
      summarizeLengthOfStay(
        label,
        group.map((r) => r.row),
      ),
    );
    out.push({ endpointId: e.id, label: e.label, unit, timeUnit: 'days', horizonDays, blinded, groups });
  }
  return out;
}
