import { ianaZone, TrialError, type Zone } from '@immunotrial/core';
import { type Actor, rolesAt, sitesFor } from '../auth/actor.js';
import type { Permission, Role } from '../auth/roles.js';
import type { ServerDeps } from '../deps.js';

// The randomized participants that the statistics routes analyse (docs/web-api-needs.md "Statistics and
// DSMB"). Server-internal: a member carries its arm, which only an unblinded view may group by.

/** One randomized participant as the analyses see it. */
export interface CohortMember {
  readonly id: string;
  readonly siteId: string;
  /** The site's zone: day numbers and study days are local to it. */
  readonly zone: Zone;
  /** Time zero of the endpoints (randomization), ms since the epoch. */
  readonly randomizedAt: number;
  /** First dose (D1) of the visit calendar, ms since the epoch. */
  readonly d1At: number;
  readonly status: string;
  /** `YYYY-MM-DD`, for a participant whose status is `dead`. */
  readonly deathDate: string | null;
  /**
   * When follow-up stopped by death or withdrawal: the time of that status change (the row's
   * `updated_at`, as the dosing and visit calendars read it).
   */
  readonly stoppedAt: number | undefined;
  /** Recorded ICU discharge, ms since the epoch (the end of repeats "until icu_discharge", of ICU stay). */
  readonly icuDischargedAt: number | undefined;
  /** Recorded hospital discharge, ms since the epoch. */
  readonly hospitalDischargedAt: number | undefined;
  /** Recorded ICU admission, ms since the epoch (at or before randomization; the start of ICU stay). */
  readonly icuAdmittedAt: number | undefined;
  /** Recorded hospital admission, ms since the epoch. */
  readonly hospitalAdmittedAt: number | undefined;
  /** The allocated arm id: never to leave the server in a blinded view. */
  readonly arm: string;
}

/**
 * The trial's randomized participants at the sites where the actor holds `permission`.
 * @param deps - Database.
 * @param actor - Decides the sites (trial-wide roles: every site).
 * @param trialId - The trial.
 * @param permission - The permission whose site scope applies.
 */
export async function randomizedCohort(
  deps: ServerDeps,
  actor: Actor,
  trialId: string,
  permission: Permission,
): Promise<CohortMember[]> {
  const scope = sitesFor(actor, permission, trialId);
  const rows = await deps.db
    .selectFrom('participants')
    .innerJoin('allocations', 'allocations.participant_id', 'participants.id')
    .innerJoin('sites', 'sites.id', 'participants.site_id')
    .select([
      'participants.id',
      'participants.site_id',
      'participants.status',
      'participants.death_date',
      'participants.d1_at',
      'participants.updated_at',
      'participants.icu_discharged_at',
      'participants.hospital_discharged_at',
      'participants.icu_admitted_at',
      'participants.hospital_admitted_at',
      'allocations.arm',
      'allocations.randomized_at',
      'sites.time_zone',
    ])
    .where('participants.trial_id', '=', trialId)
    .orderBy('allocations.randomized_at')
    .orderBy('participants.id')
    .execute();
  return rows
    .filter((r) => scope === 'all' || scope.includes(r.site_id))
    .map((r) => {
      const randomizedAt = Date.parse(r.randomized_at);
      const stopped = r.status === 'dead' || r.status === 'withdrawn';
      return {
        id: r.id,
        siteId: r.site_id,
        zone: ianaZone(r.time_zone),
        randomizedAt,
        d1At: r.d1_at === null ? randomizedAt : Date.parse(r.d1_at),
        status: r.status,
        deathDate: r.status === 'dead' ? r.death_date : null,
        stoppedAt: stopped ? Date.parse(r.updated_at) : undefined,
        icuDischargedAt: r.icu_discharged_at === null ? undefined : Date.parse(r.icu_discharged_at),
        hospitalDischargedAt:
          r.hospital_discharged_at === null ? undefined : Date.parse(r.hospital_discharged_at),
        icuAdmittedAt: r.icu_admitted_at === null ? undefined : Date.parse(r.icu_admitted_at),
        hospitalAdmittedAt: r.hospital_admitted_at === null ? undefined : Date.parse(r.hospital_admitted_at),
        arm: r.arm,
      };
    });
}

/**
 * The first of `allowed` that the actor holds in the trial, in the order given.
 * @throws TrialError `auth.forbidden` when the actor holds none of them.
 */
export function analysisRole(actor: Actor, trialId: string, allowed: readonly Role[], what: string): Role {
  const held = rolesAt(actor, trialId);
  const role = allowed.find((r) => held.includes(r));
  if (role === undefined) {
    throw new TrialError('auth.forbidden', `your roles do not allow reading ${what} here`);
  }
  return role;
}

/** The label of the one group of a blinded view. */
export const POOLED_LABEL = 'All participants';

/**
 * Roles that read the by-group analyses (curves, lengths of stay), the unblinded ones first (an actor
 * holding both gets the unblinded view).
 */
const BY_ARM = ['unblinded_statistician', 'dsmb'] as const;
const ANALYSIS_ROLES = [...BY_ARM, 'statistician'] as const;

/**
 * Whether the actor reads a by-group analysis blinded (one pooled group) or by arm.
 * @param what - Names the analysis in the refusal.
 * @throws TrialError `auth.forbidden` unless the actor is a statistician, unblinded statistician or DSMB.
 */
export function analysisBlinded(actor: Actor, trialId: string, what: string): boolean {
  const role = analysisRole(actor, trialId, ANALYSIS_ROLES, what);
  return !(BY_ARM as readonly Role[]).includes(role);
}

/**
 * The groups a view shows: one pooled group when blinded, else one per arm of the protocol in its order
 * (an arm nobody is in still gets its group). `summarize` turns a label and its rows into the group.
 */
export function armGroups<R extends { readonly arm: string }, G>(
  blinded: boolean,
  arms: readonly { readonly id: string; readonly label: string }[],
  rows: readonly R[],
  summarize: (label: string, rows: R[]) => G,
): G[] {
  if (blinded) return [summarize(POOLED_LABEL, [...rows])];
  return arms.map((a) =>
    summarize(
      a.label,
      rows.filter((r) => r.arm === a.id),
    ),
  );
}
