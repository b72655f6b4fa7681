import {
  buildVisitCalendar,
  type Form,
  type LocalDate,
  localDateOf,
  type PlannedVisit,
  studyDayOf,
  valueOf,
  type Visit,
} from '@immunotrial/core';
import type { Actor } from '../auth/actor.js';
import type { ServerDeps } from '../deps.js';
import { analysisRole, type CohortMember, randomizedCohort } from './analysis-cohort.js';
import { currentProtocol } from './trials.js';

// How complete each case report form is: the instances the schedule calls for by now against those saved.
// No count is split by arm, so every role allowed here gets the same kind of answer.

/** One form's completeness. */
export interface CompletenessView {
  readonly formId: string;
  readonly label: string;
  /** (randomized participant, instance) pairs due by now. */
  readonly expected: number;
  /** Of those, the pairs with a saved entry. */
  readonly completed: number;
}

/**
 * Roles that read completeness: the statistics roles, and the data manager and monitor who chase missing
 * forms (a monitor's grant names sites: they count only those). Site staff use the participant screens.
 */
const COMPLETENESS_ROLES = [
  'statistician',
  'unblinded_statistician',
  'dsmb',
  'data_manager',
  'monitor',
] as const;

/** What a participant's schedule looks like today. */
export interface ParticipantSchedule {
  /** The visit calendar (`buildVisitCalendar`): repeats end at the recorded discharges; stopped at death or withdrawal. */
  readonly calendar: readonly PlannedVisit[];
  /** The protocol's visits (which ones repeat, the last single visit). */
  readonly visits: readonly Visit[];
  /** The site's local date today. */
  readonly today: LocalDate;
  /** Study day of today (1 = D1's local date). */
  readonly todayStudyDay: number;
  /** Study day of death or withdrawal, if any. */
  readonly stopStudyDay: number | undefined;
}

/**
 * The instances of a form that a participant's schedule calls for by today:
 * - `once`: `once`, from randomization on;
 * - `per_visit`: each planned occurrence of the form's visits whose window has opened;
 * - `daily`: `day-N` for each elapsed study day N the schedule covers: the days of the protocol's repeated
 *   visits (PLATINIUM `daily` until ICU discharge, ImmunoSep until day 15), or, when no visit repeats, days
 *   1 to the last visit's day; never after death or withdrawal.
 * `log` forms (adverse events, infections) have no expected count: `undefined`.
 * @example expectedInstances(labsForm, schedule) // => ['d1', 'd3'] on day 5 of INFINITY
 */
export function expectedInstances(form: Form, schedule: ParticipantSchedule): string[] | undefined {
  const { calendar, visits, today, todayStudyDay, stopStudyDay } = schedule;
  switch (form.repeat) {
    case 'log':
      return undefined;
    case 'once':
      return ['once'];
    case 'per_visit':
      return calendar
        .filter((v) => (form.visits ?? []).includes(v.visit) && v.window.from <= today)
        .map((v) => v.id);
    case 'daily': {
      const repeated = new Set(visits.filter((v) => v.repeat !== undefined).map((v) => v.id));
      const last =
        repeated.size > 0
          ? todayStudyDay
          : Math.min(
              todayStudyDay,
              stopStudyDay ?? Infinity,
              Math.max(1, ...visits.map((v) => valueOf(v.day))),
            );
      const days =
        repeated.size > 0
          ? calendar.filter((v) => repeated.has(v.visit) && v.studyDay <= last).map((v) => v.studyDay)
          : Array.from({ length: Math.max(0, last) }, (_, i) => i + 1);
      return [...new Set(days)].sort((a, b) => a - b).map((d) => `day-${String(d)}`);
    }
  }
}

/**
 * Completeness of each non-log form of the trial's current protocol over the randomized participants the
 * actor may read, as of the server's clock.
 * @throws TrialError `auth.forbidden` for site roles and admins, `not_found` for an unknown trial.
 */
export async function formCompleteness(
  deps: ServerDeps,
  actor: Actor,
  trialId: string,
): Promise<CompletenessView[]> {
  analysisRole(actor, trialId, COMPLETENESS_ROLES, 'form completeness');
  const { loaded } = await currentProtocol(deps, trialId);
  const { forms, visits } = loaded.protocol;
  const cohort = await randomizedCohort(deps, actor, trialId, 'form.read');
  const entries =
    cohort.length === 0
      ? []
      : await deps.db
          .selectFrom('form_entries')
          .select(['participant_id', 'form_id', 'instance'])
          .where('trial_id', '=', trialId)
          .where(
            'participant_id',
            'in',
            cohort.map((m) => m.id),
          )
          .execute();
  const saved = new Set(entries.map((e) => `${e.participant_id} ${e.form_id} ${e.instance}`));
  const now = deps.clock();
  const plans = cohort.map((m) => ({ m, schedule: scheduleOf(visits, m, now) }));
  return forms
    .filter((f) => f.repeat !== 'log')
    .map((form) => {
      let expected = 0;
      let completed = 0;
      for (const { m, schedule } of plans) {
        for (const instance of expectedInstances(form, schedule) ?? []) {
          expected += 1;
          if (saved.has(`${m.id} ${form.id} ${instance}`)) completed += 1;
        }
      }
      return { formId: form.id, label: form.label, expected, completed };
    });
}

function scheduleOf(visits: readonly Visit[], m: CohortMember, now: number): ParticipantSchedule {
  return {
    calendar: buildVisitCalendar(visits, m.d1At, m.zone, {
      ...(m.icuDischargedAt === undefined ? {} : { icuDischargeAt: m.icuDischargedAt }),
      ...(m.hospitalDischargedAt === undefined ? {} : { hospitalDischargeAt: m.hospitalDischargedAt }),
      ...(m.stoppedAt === undefined ? {} : { stopAt: m.stoppedAt }),
    }),
    visits,
    today: localDateOf(now, m.zone),
    todayStudyDay: studyDayOf(now, m.d1At, m.zone),
    stopStudyDay: m.stoppedAt === undefined ? undefined : studyDayOf(m.stoppedAt, m.d1At, m.zone),
  };
}
