import {
  dayNumberOf,
  deriveSecondaryInfection,
  type Endpoint,
  type InfectionRecord,
  mortalityAt,
  secondaryInfectionOptionsOf,
  startOfLocalDate,
  valueOf,
} from '@immunotrial/core';
import type { JsonValue } from '@immunotrial/db';
import type { Actor } from '../auth/actor.js';
import type { ServerDeps } from '../deps.js';
import { analysisBlinded, armGroups, type CohortMember, randomizedCohort } from './analysis-cohort.js';

import {
  type CurveRow,
  cumulativeIncidenceCurve,
  survivalCurve,
  type StepCurveView,
} from './analysis-curves.js';
import { icuMortalityRow, isIcuMortalityEndpoint } from './analysis-icu-mortality.js';
import { currentProtocol } from './trials.js';

// Time-to-event curves for the statistician (pooled, blinded) and for the unblinded statistician and the
// DSMB (by arm). Blinding is decided here: a blinded view groups nobody by arm, and carries no per-arm
// count. Day numbers, event rules and estimators are core's and stats', not re-derived here.

export type { StepCurveView } from './analysis-curves.js';

/** One endpoint's curves. */
export interface TimeToEventView {
  readonly endpointId: string;
  readonly label: string;
  /**
   * `km`: probability of no event (survival); `cif`: cumulative incidence of the event with a competing
   * event (death for secondary infection, discharge alive from the ICU for ICU mortality).
   */
  readonly kind: 'km' | 'cif';
  readonly timeUnit: 'days';
  readonly blinded: boolean;
  readonly groups: StepCurveView[];
}

/** The infection log form read by the competing-risks endpoints (protocols/infinity.yaml, platinium.yaml). */
export const INFECTION_FORM_ID = 'infection';

/** All-cause mortality at a horizon (`mortality-d28`); ICU mortality is `analysis-icu-mortality.ts`'s. */
function isMortalityEndpoint(e: Endpoint): boolean {
  return valueOf(e.kind) === 'binary' && /^mortality-d\d+$/.test(e.id);
}

/** Secondary infection with death competing: the only competing-risks endpoints the protocols ship. */
function isInfectionEndpoint(e: Endpoint): boolean {
  return (
    valueOf(e.kind) === 'competing_risks' &&
    e.competing_events.includes('death') &&
    /infection/i.test(`${e.id} ${e.definition}`)
  );
}

/** Day numbers of a member (day 0 = the local date of randomization, core's `dayNumberOf`). */
interface MemberDays {
  readonly deathDay: number | undefined;
  /** Last day the member is followed: the withdrawal day, else today. */
  readonly lastFollowUpDay: number;
}

function daysOf(m: CohortMember, now: number): MemberDays {
  const dayOf = (t: number): number => Math.max(0, dayNumberOf(t, m.randomizedAt, m.zone));
  const deathDay = m.deathDate === null ? undefined : dayOf(startOfLocalDate(m.deathDate, m.zone));
  // Withdrawn: censored on the withdrawal day whatever `dataAfterWithdrawal` says (it is free text): a
  // missing death record after withdrawal is no evidence of survival. A death recorded later
  // (withdrawn -> dead) is an event.
  const lastFollowUpDay =
    m.status === 'withdrawn' && m.stoppedAt !== undefined ? dayOf(m.stoppedAt) : dayOf(now);
  return { deathDay, lastFollowUpDay };
}

function mortalityRow(m: CohortMember, horizonDays: number, now: number): CurveRow {
  const { deathDay, lastFollowUpDay } = daysOf(m, now);
  const dead = mortalityAt(
    { ...(deathDay === undefined ? {} : { deathDay }), lastKnownAliveDay: lastFollowUpDay },
    horizonDays,
  );
  if (dead === 'dead' && deathDay !== undefined) return { time: deathDay, status: 1, arm: m.arm };
  return { time: Math.min(horizonDays, deathDay ?? lastFollowUpDay), status: 0, arm: m.arm };
}

function text(v: JsonValue | undefined): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** An infection log entry as core's record, days counted from the member's randomization date. */
function infectionRecord(m: CohortMember, values: JsonValue): InfectionRecord | undefined {
  if (values === null || typeof values !== 'object' || Array.isArray(values)) return undefined;
  const type = text(values.type);
  const testDate = text(values.test_date);
  if (type === undefined || testDate === undefined) return undefined;
  const dayOf = (date: string): number => dayNumberOf(startOfLocalDate(date, m.zone), m.randomizedAt, m.zone);
  const element = text(values.first_element_date);
  const adjudication = values.adjudication;
  return {
    type,
    testDay: dayOf(testDate),
    ...(element === undefined ? {} : { elementDays: [dayOf(element)] }),
    ...(values.index_infection === true ? { index: true } : {}),
    ...(adjudication === 'pending' || adjudication === 'confirmed' || adjudication === 'rejected'
      ? { adjudication }
      : {}),
  };
}

/**
 * The time-to-event curves of the trial: a Kaplan-Meier curve of time to death for each all-cause mortality
 * endpoint (`mortality-dN`), the cumulative incidence of death in the ICU with discharge alive competing for
 * ICU mortality (from the recorded ICU discharges), and the cumulative incidence of the first secondary infection with death
 * competing for each infection endpoint (core's `deriveSecondaryInfection` on the `infection` log form).
 * Time zero is randomization; times are day numbers in the site's zone. Nobody randomized: an empty list.
 * @param deps - Database and clock (alive participants are censored at min(horizon, today)).
 * @param actor - statistician (one pooled group), unblinded_statistician or dsmb (one group per arm).
 * @param trialId - The trial.
 * @throws TrialError `auth.forbidden` for every other role, `not_found` for an unknown trial.
 */
export async function timeToEventAnalyses(
  deps: ServerDeps,
  actor: Actor,
  trialId: string,
): Promise<TimeToEventView[]> {
  const blinded = analysisBlinded(actor, trialId, 'the time-to-event analyses');
  const { loaded } = await currentProtocol(deps, trialId);
  const protocol = loaded.protocol;
  const cohort = await randomizedCohort(deps, actor, trialId, 'participant.read');
  if (cohort.length === 0) return [];
  const now = deps.clock();
  const view = (e: Endpoint, kind: 'km' | 'cif', rows: CurveRow[]): TimeToEventView => {
    const horizonDays = valueOf(e.horizon_days);
    const curve = kind === 'km' ? survivalCurve : cumulativeIncidenceCurve;
    return {
      endpointId: e.id,
      label: e.label,
      kind,
      timeUnit: 'days',
      blinded,
      groups: armGroups(blinded, protocol.arms, rows, (label, group) => curve(label, group, horizonDays)),
    };
  };

  const out: TimeToEventView[] = [];
  const infectionEndpoints = protocol.endpoints.filter(isInfectionEndpoint);
  const infections =
    infectionEndpoints.length === 0 ? new Map<string, InfectionRecord[]>() : await infectionsOf(deps, cohort);
  for (const e of protocol.endpoints) {
    const horizonDays = valueOf(e.horizon_days);
    if (isMortalityEndpoint(e)) {
      const rows = cohort.map((m) => mortalityRow(m, horizonDays, now));
      out.push(view(e, 'km', rows));
    } else if (isIcuMortalityEndpoint(e)) {
      const rows = cohort.map((m) => {
        const { deathDay, lastFollowUpDay } = daysOf(m, now);
        return icuMortalityRow(m, horizonDays, deathDay, lastFollowUpDay);
      });
      out.push(view(e, 'cif', rows));
    } else if (isInfectionEndpoint(e)) {
      const options = secondaryInfectionOptionsOf(e);
      const rows = cohort.map((m): CurveRow => {
        const { deathDay, lastFollowUpDay } = daysOf(m, now);
        const r = deriveSecondaryInfection(
          {
            infections: infections.get(m.id) ?? [],
            ...(deathDay === undefined ? {} : { deathDay }),
            lastFollowUpDay,
          },
          options,
        );
        return { time: r.time, status: r.status, arm: m.arm };
      });
      out.push(view(e, 'cif', rows));
    }
  }
  return out;
}

async function infectionsOf(
  deps: ServerDeps,
  cohort: readonly CohortMember[],
): Promise<Map<string, InfectionRecord[]>> {
  const byId = new Map(cohort.map((m) => [m.id, m]));
  const entries = await deps.db
    .selectFrom('form_entries')
    .select(['participant_id', 'values'])
    .where('form_id', '=', INFECTION_FORM_ID)
    .where(
      'participant_id',
      'in',
      cohort.map((m) => m.id),
    )
    .orderBy('participant_id')
    .orderBy('instance')
    .execute();
  const out = new Map<string, InfectionRecord[]>();
  for (const e of entries) {
    const m = byId.get(e.participant_id);
    const record = m === undefined ? undefined : infectionRecord(m, e.values);
    if (record === undefined) continue;
    out.set(e.participant_id, [...(out.get(e.participant_id) ?? []), record]);
  }
  return out;
}
