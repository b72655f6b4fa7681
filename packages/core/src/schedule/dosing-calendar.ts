import { TrialError } from '../errors.js';
import { isAssumed, valueOf } from '../protocol/assumed.js';
import type { Quantity } from '../protocol/quantity-schema.js';
import type { Regimen } from '../protocol/schedule-schema.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, type Instant } from '../time/duration.js';
import type { Zone } from '../time/zone.js';
import { atLocalTime, localDayIndex, wallClockMs } from './local-time.js';

export type Route = Regimen['route'];

/** A tolerance around a planned time: `earliest <= given <= latest` is on time. */
export interface DoseWindow {
  readonly earliest: Instant;
  readonly latest: Instant;
  /** Where the window comes from: the regimen's `dose_window`, the one of the regimen it imitates, or the study day. */
  readonly source: 'regimen' | 'imitated' | 'study_day';
  /** True when the window's width is an assumed value. */
  readonly assumed: boolean;
}

/** One planned administration of a participant's dosing calendar. */
export interface PlannedDose {
  /** `blindedAs#doseNumber`: the same for every arm, so it can be shown to blinded roles. */
  readonly id: string;
  readonly regimen: string;
  /** 1-based number of the dose within its regimen. */
  readonly doseNumber: number;
  readonly product: string;
  /** active drug, placebo, or dummy (the placebo of the other route of a double dummy). */
  readonly role: Regimen['role'];
  /** The active regimen this administration looks like (`imitates`, or its own id). */
  readonly blindedAs: string;
  /** Amount per administration, undefined for a placebo or dummy without one. */
  readonly dose: (Quantity & { readonly assumed: boolean }) | undefined;
  readonly volume: Quantity | undefined;
  readonly route: Route;
  readonly alternativeRoute: Regimen['alternative_route'];
  /** Study day: 1 = the local date of D1. */
  readonly studyDay: number;
  readonly plannedAt: Instant;
  readonly window: DoseWindow;
}

/** The part of a planned dose a blinded role may see: identical across arms for a well-blinded protocol. */
export interface BlindedDose {
  readonly id: string;
  readonly blindedAs: string;
  readonly route: Route;
  readonly studyDay: number;
  readonly plannedAt: Instant;
  readonly earliest: Instant;
  readonly latest: Instant;
}

const UNIT_MS = { min: MINUTE_MS, h: HOUR_MS, d: DAY_MS, wk: 7 * DAY_MS } as const;

export interface DosingCalendarOptions {
  /** No dose is planned at or after this instant (death, withdrawal, stop of treatment). */
  readonly stopAt?: Instant;
}

/** Study day of an instant: 1 on the local date of D1. */
export function studyDayOf(instant: Instant, d1: Instant, zone: Zone): number {
  return localDayIndex(instant, zone) - localDayIndex(d1, zone) + 1;
}

/** The planned instants of one regimen, before windows are added. */
function plannedTimes(r: Regimen, d1: Instant, zone: Zone): { at: Instant; day: number }[] {
  const s = r.schedule;
  const d1Index = localDayIndex(d1, zone);
  const wall = wallClockMs(d1, zone);
  const atDay = (day: number): Instant => atLocalTime(d1Index + day - 1, wall, zone);
  const lastDay = s.last_day === undefined ? undefined : valueOf(s.last_day);
  const maxDoses = s.max_doses === undefined ? undefined : valueOf(s.max_doses);
  const maxDays = r.max_duration_days === undefined ? undefined : valueOf(r.max_duration_days);
  const days = s.days === undefined ? undefined : valueOf(s.days);
  if (days === undefined && lastDay === undefined && maxDoses === undefined && maxDays === undefined) {
    throw new TrialError(
      'schedule.unbounded',
      `regimen "${r.id}": the schedule needs days, last_day, max_doses or max_duration_days`,
      `regimens.${r.id}.schedule`,
    );
  }
  const within = (t: Instant, day: number): boolean =>
    day >= s.first_day &&
    (lastDay === undefined || day <= lastDay) &&
    (maxDays === undefined || t < d1 + maxDays * DAY_MS);

  const times: { at: Instant; day: number }[] = [];
  const cap = maxDoses ?? Number.POSITIVE_INFINITY;
  if (days !== undefined) {
    for (const day of [...new Set(days)].sort((a, b) => a - b)) {
      const t = atDay(day);
      if (times.length < cap && within(t, day)) times.push({ at: t, day });
    }
    return times;
  }
  // `every` is set when `days` is not (schema refinement).
  const every = s.every ?? { value: 1, unit: 'd' as const };
  const interval = every.value * UNIT_MS[every.unit];
  if (!(interval > 0)) {
    throw new TrialError(
      'schedule.interval',
      `regimen "${r.id}": the dosing interval must be > 0`,
      `regimens.${r.id}.schedule.every`,
    );
  }
  // Intervals in days or weeks keep the local clock time of D1 across DST; hours are elapsed time.
  const calendar = every.unit === 'd' || every.unit === 'wk';
  const stepDays = every.value * (every.unit === 'wk' ? 7 : 1);
  const start = s.first_day <= 1 ? d1 : atDay(s.first_day);
  const startDay = Math.max(1, s.first_day);
  for (let k = 0; times.length < cap; k++) {
    const t = calendar && Number.isInteger(stepDays) ? atDay(startDay + k * stepDays) : start + k * interval;
    const day = localDayIndex(t, zone) - d1Index + 1;
    if (lastDay !== undefined && day > lastDay) break;
    if (maxDays !== undefined && t >= d1 + maxDays * DAY_MS) break;
    if (within(t, day)) times.push({ at: t, day });
  }
  return times;
}

function windowWidth(
  r: Regimen,
  byId: ReadonlyMap<string, Regimen>,
): { ms: number; source: 'regimen' | 'imitated'; assumed: boolean } | undefined {
  if (r.dose_window) {
    return {
      ms: r.dose_window.value * UNIT_MS[r.dose_window.unit],
      source: 'regimen',
      assumed: isAssumed(r.dose_window),
    };
  }
  const imitated = r.imitates === undefined ? undefined : byId.get(r.imitates)?.dose_window;
  if (imitated)
    return { ms: imitated.value * UNIT_MS[imitated.unit], source: 'imitated', assumed: isAssumed(imitated) };
  return undefined;
}

/**
 * A participant's dosing calendar: every planned administration of the regimens they receive, from D1.
 *
 * - Listed `days`: on each study day (1 = the local date of D1) at D1's local clock time.
 * - `every` in h or min: D1 + k x interval (elapsed time, as a q8h infusion is pharmacology);
 *   in d or wk: every n local dates at D1's clock time (a daily dose stays at 09:00 across DST).
 * - A dose is planned only on study days from `first_day` to `last_day`, before D1 + `max_duration_days`
 *   x 24 h, and up to `max_doses` (ImmunoSep anakinra q8h from a 10:00 D1: 2 doses on day 1, 3 on days
 *   2-15, 44 in all; IFN-gamma q48h: days 1, 3, ..., 15).
 * - The window is +/- the regimen's `dose_window`; a placebo or dummy without one takes the window of the
 *   regimen it imitates; without either, the whole local study day.
 * @param regimens - All regimens of the protocol (to resolve `imitates`).
 * @param regimenIds - The participant's regimens (`treatmentFor(...).regimens`).
 * @param d1 - Instant of the first dose (D1).
 * @param zone - The site's zone, for study days and clock times.
 * @param options - `stopAt`: no dose at or after it.
 * @returns Doses by planned time (ties by `blindedAs`, the same order in every arm).
 * @throws TrialError `schedule.regimen` for an unknown regimen id, `schedule.unbounded` for a schedule
 *   with no end, `schedule.blinding` when two of the participant's regimens look like the same one.
 * @example buildDosingCalendar(infinity.regimens, ['ifn-gamma-sc'], d1, zone).length // => 3
 */
export function buildDosingCalendar(
  regimens: readonly Regimen[],
  regimenIds: readonly string[],
  d1: Instant,
  zone: Zone,
  options: DosingCalendarOptions = {},
): PlannedDose[] {
  const byId = new Map(regimens.map((r) => [r.id, r]));
  const doses: PlannedDose[] = [];
  for (const id of regimenIds) {
    const r = byId.get(id);
    if (!r) {
      throw new TrialError(
        'schedule.regimen',
        `unknown regimen "${id}": expected one of ${[...byId.keys()].join(', ')}`,
        'regimens',
      );
    }
    const blindedAs = r.imitates ?? r.id;
    // Two regimens may look like the same one when they fill each other's days (IRIS-7: weekly CYT107
    // plus placebo on the other twice-weekly days); a clash at the same time is checked below.
    const width = windowWidth(r, byId);
    const dose =
      r.dose === undefined
        ? undefined
        : { value: r.dose.value, unit: r.dose.unit, assumed: isAssumed(r.dose) };
    const d1Index = localDayIndex(d1, zone);
    plannedTimes(r, d1, zone).forEach(({ at: plannedAt, day: studyDay }, k) => {
      if (options.stopAt !== undefined && plannedAt >= options.stopAt) return;
      const dayIndex = d1Index + studyDay - 1;
      const window: DoseWindow = width
        ? {
            earliest: plannedAt - width.ms,
            latest: plannedAt + width.ms,
            source: width.source,
            assumed: width.assumed,
          }
        : {
            earliest: atLocalTime(dayIndex, 0, zone),
            latest: atLocalTime(dayIndex + 1, 0, zone) - 1,
            source: 'study_day',
            assumed: false,
          };
      doses.push({
        id: `${blindedAs}#${k + 1}`,
        regimen: r.id,
        doseNumber: k + 1,
        product: r.product,
        role: r.role,
        blindedAs,
        dose,
        volume: r.volume,
        route: r.route,
        alternativeRoute: r.alternative_route,
        studyDay,
        plannedAt,
        window,
      });
    });
  }
  // Ties are broken by the blinded identity, never by the regimen, so the order does not reveal the arm.
  doses.sort(
    (a, b) =>
      a.plannedAt - b.plannedAt || (a.blindedAs < b.blindedAs ? -1 : a.blindedAs > b.blindedAs ? 1 : 0),
  );
  return numberByBlindedIdentity(doses);
}

/**
 * Numbers doses per blinded identity in time order (`ifn-gamma-sc#3` is the third dose that looks like
 * IFN-gamma, whichever regimen gives it), so that ids are the same in every arm.
 * @throws TrialError `schedule.blinding` when two regimens that look alike fall at the same time.
 */
function numberByBlindedIdentity(doses: PlannedDose[]): PlannedDose[] {
  const counts = new Map<string, number>();
  const lastAt = new Map<string, PlannedDose>();
  return doses.map((d) => {
    const clash = lastAt.get(d.blindedAs);
    if (clash && clash.plannedAt === d.plannedAt) {
      throw new TrialError(
        'schedule.blinding',
        `regimens "${clash.regimen}" and "${d.regimen}" of one participant both look like "${d.blindedAs}" at the same time`,
        'blinding.double_dummy',
      );
    }
    lastAt.set(d.blindedAs, d);
    const n = (counts.get(d.blindedAs) ?? 0) + 1;
    counts.set(d.blindedAs, n);
    return { ...d, id: `${d.blindedAs}#${n}` };
  });
}

/**
 * What a blinded role may see of a planned dose: no regimen, product, role or amount.
 * @example blindDose(dose) // => { id: 'anakinra-iv#1', blindedAs: 'anakinra-iv', route: 'iv', ... }
 */
export function blindDose(dose: PlannedDose): BlindedDose {
  return {
    id: dose.id,
    blindedAs: dose.blindedAs,
    route: dose.route,
    studyDay: dose.studyDay,
    plannedAt: dose.plannedAt,
    earliest: dose.window.earliest,
    latest: dose.window.latest,
  };
}
