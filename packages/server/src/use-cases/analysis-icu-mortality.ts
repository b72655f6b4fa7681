import { dayNumberOf, type Endpoint, localDateOf, valueOf } from '@immunotrial/core';
import type { CohortMember } from './analysis-cohort.js';
import type { CurveRow } from './analysis-curves.js';

// ICU mortality (PLATINIUM `icu-mortality`: death before ICU discharge, the ICU stay read up to the
// horizon) as a cumulative incidence with discharge alive from the ICU as the competing event. A
// Kaplan-Meier curve censored at discharge would treat the discharged as if they could still die in the
// ICU, and overstate the risk (discharge is informative censoring); the Aalen-Johansen curve at the
// horizon is the proportion who died in the ICU, the binary endpoint, with follow-up still open censored.

/** The ICU mortality endpoint: a binary endpoint whose id names ICU mortality. */
export function isIcuMortalityEndpoint(e: Endpoint): boolean {
  return valueOf(e.kind) === 'binary' && /^icu-mortality(-d\d+)?$/.test(e.id);
}

/**
 * One member's row of the ICU mortality curve, in day numbers from randomization (site's zone):
 * - status 1 at the death day: died on or before the local date of the ICU discharge (a death date has no
 *   time: a death on the discharge day counts as in the ICU, the way a unit records its deaths), or died
 *   with no ICU discharge recorded;
 * - status 2 at the discharge day: discharged alive from the ICU by the horizon;
 * - status 0: still in the ICU, censored at min(horizon, last follow-up day).
 * @param lastFollowUpDay - The withdrawal day, else today (as for the other curves).
 */
export function icuMortalityRow(
  m: CohortMember,
  horizonDays: number,
  deathDay: number | undefined,
  lastFollowUpDay: number,
): CurveRow {
  const dayOf = (t: number): number => Math.max(0, dayNumberOf(t, m.randomizedAt, m.zone));
  const discharge = m.icuDischargedAt;
  const diedInIcu =
    deathDay !== undefined &&
    m.deathDate !== null &&
    (discharge === undefined || m.deathDate <= localDateOf(discharge, m.zone));
  if (diedInIcu && deathDay <= horizonDays) return { time: deathDay, status: 1, arm: m.arm };
  if (!diedInIcu && discharge !== undefined && dayOf(discharge) <= horizonDays)
    return { time: dayOf(discharge), status: 2, arm: m.arm };
  return { time: Math.min(horizonDays, deathDay ?? lastFollowUpDay), status: 0, arm: m.arm };
}
