import { HOUR_MS } from '../../time/duration.js';
import { boolOutcome, formatNumber, isoTime } from '../outcome.js';
import type { FunctionSpec } from '../types.js';
import { oneOf, requiredExactArg, windowArg, withinWindow } from './clinical-args.js';
import {
  compareDose,
  type DayDose,
  emptyDay,
  localDayIndex,
  localDayLabel,
  latestWeight,
  rateSegments,
  steroidExposures,
} from './steroid-doses.js';
import {
  allDailyDoses,
  evidenceOf,
  NO_STEROID,
  runs,
  thresholdText,
  UNKNOWN_ARG,
  weightText,
} from './steroid-helpers.js';

/**
 * `steroid_days(above: X mg/d | above_per_kg: X mg/kg/d, min_days: N, reaching_into: W)`: a run of at least
 * N consecutive local days, each with a daily dose above X prednisone-eq, at least one of which overlaps W.
 * Daily dose per FHIR-PROFILE.md §5; a day touched by an exposure of unknown dose is unknown above its known
 * part (still > 0). Examples: INFINITY E6 `steroid_days(above: 2.5 mg/d, min_days: 90, reaching_into:
 * [T_scr - 30 d, T_scr])`; PLATINIUM E5 `steroid_days(above: 0 mg/d, min_days: 91, reaching_into: [T_scr - 30 d, T_scr])`.
 */
export const steroidDaysFunction: FunctionSpec = {
  name: 'steroid_days',
  summary:
    'corticosteroid daily dose above a threshold on at least N consecutive local days reaching into a window',
  params: [
    { name: 'above', kind: 'number', unit: 'mg/d', optional: true },
    { name: 'above_per_kg', kind: 'number', unit: 'mg/kg/d', optional: true },
    { name: 'min_days', kind: 'number' },
    { name: 'reaching_into', kind: 'window', optional: true },
  ],
  returns: () => ({ t: 'bool' }),
  compile: (args) => {
    const threshold = oneOf(args, 'above', 'above_per_kg', 'steroid_days');
    const minDays = requiredExactArg(args, 'min_days', 'steroid_days');
    const window = windowArg(args, 'reaching_into');
    return (ctx) => {
      const w = window(ctx);
      const x = threshold.value(ctx);
      const n = minDays(ctx);
      const doses = allDailyDoses(ctx);
      if (doses.size === 0) return NO_STEROID();
      if (x === undefined || n === undefined) return UNKNOWN_ARG('steroid_days');
      const perKg = threshold.perKg;
      const weight = perKg ? latestWeight(ctx) : undefined;
      const last = localDayIndex(ctx.at, ctx.zone);
      let first = last;
      for (const d of doses.keys()) first = Math.min(first, d);
      const days: DayDose[] = [];
      for (let d = first; d <= last; d++) days.push(doses.get(d) ?? emptyDay(d, ctx.zone));
      const values = days.map((d) => compareDose(d.knownMg, d.unknownPart, perKg, weight?.value, '>', x));
      const reaches = (r: { from: number; to: number }): boolean => {
        const a = days[r.from];
        const b = days[r.to];
        return (
          a !== undefined &&
          b !== undefined &&
          b.end > w.from &&
          (w.closedEnd ? a.start <= w.to : a.start < w.to)
        );
      };
      const qualifies = (r: { from: number; to: number }): boolean => r.to - r.from + 1 >= n && reaches(r);
      const describeRun = (r: { from: number; to: number }): string =>
        `${r.to - r.from + 1} consecutive local days ${localDayLabel(days[r.from]?.day ?? 0)} to ${localDayLabel(days[r.to]?.day ?? 0)}`;
      const refsOf = (r: { from: number; to: number }): string[] =>
        days.slice(r.from, r.to + 1).flatMap((d) => d.refs);
      const what = `daily dose > ${thresholdText(x, perKg)}`;
      const sure = runs(values, (v) => v === 'met').find(qualifies);
      if (sure) {
        return withinWindow(
          w,
          boolOutcome(
            'met',
            evidenceOf(refsOf(sure), weight),
            () => `${what} on ${describeRun(sure)}${weightText(perKg, weight)}`,
          ),
        );
      }
      const possible = runs(values, (v) => v !== 'not_met').find(qualifies);
      if (possible) {
        return boolOutcome(
          'unknown',
          evidenceOf(refsOf(possible), weight),
          () =>
            `${what} possible but not certain (unknown dose${perKg ? ' or weight' : ''}) on ${describeRun(possible)}${weightText(perKg, weight)}`,
        );
      }
      const longest = runs(values, (v) => v !== 'not_met').reduce<{ from: number; to: number } | undefined>(
        (best, r) => (!best || r.to - r.from > best.to - best.from ? r : best),
        undefined,
      );
      return boolOutcome('not_met', longest ? evidenceOf(refsOf(longest), weight) : [], () =>
        longest
          ? `${what}: longest run ${describeRun(longest)}, fewer than ${n} or not reaching ${w.inText()}`
          : `no day with ${what}`,
      );
    };
  },
};

/**
 * `steroid_rate_sustained(above: X mg/d | above_per_kg: X mg/kg/d, longer_than: D, ending_in: W)`: the summed
 * rate of the corticosteroid period exposures running (boluses excluded), per kg of the latest weight, stays
 * above X without interruption for more than D, in a stretch that ends in W (FHIR-PROFILE.md §5). Unknown
 * dose or no weight -> unknown. Example (PLATINIUM E5): `steroid_rate_sustained(above_per_kg: 1 mg/kg/d,
 * longer_than: 168 h, ending_in: [T_scr - 30 d, T_scr])`.
 */
export const steroidRateSustainedFunction: FunctionSpec = {
  name: 'steroid_rate_sustained',
  summary:
    'corticosteroid rate above a threshold without interruption for longer than a duration, ending in a window',
  params: [
    { name: 'above', kind: 'number', unit: 'mg/d', optional: true },
    { name: 'above_per_kg', kind: 'number', unit: 'mg/kg/d', optional: true },
    { name: 'longer_than', kind: 'duration' },
    { name: 'ending_in', kind: 'window', optional: true },
  ],
  returns: () => ({ t: 'bool' }),
  compile: (args) => {
    const threshold = oneOf(args, 'above', 'above_per_kg', 'steroid_rate_sustained');
    const longerThan = requiredExactArg(args, 'longer_than', 'steroid_rate_sustained');
    const window = windowArg(args, 'ending_in');
    return (ctx) => {
      const w = window(ctx);
      const x = threshold.value(ctx);
      const d = longerThan(ctx);
      const exposures = steroidExposures(ctx);
      if (exposures.length === 0) return NO_STEROID();
      if (x === undefined || d === undefined) return UNKNOWN_ARG('steroid_rate_sustained');
      const perKg = threshold.perKg;
      const weight = perKg ? latestWeight(ctx) : undefined;
      const segments = rateSegments(exposures);
      const values = segments.map((s) =>
        compareDose(s.knownMgPerDay, s.unknownPart, perKg, weight?.value, '>', x),
      );
      const span = (r: { from: number; to: number }): { start: number; end: number } => ({
        start: segments[r.from]?.start ?? 0,
        end: segments[r.to]?.end ?? 0,
      });
      // a stretch ending in W: its end can be any point of the run inside W
      const qualifies = (r: { from: number; to: number }): boolean => {
        const s = span(r);
        const end = Math.min(s.end, w.to);
        return end >= w.from && end - s.start > d;
      };
      const refsOf = (r: { from: number; to: number }): string[] =>
        segments.slice(r.from, r.to + 1).flatMap((s) => s.refs);
      const describeRun = (r: { from: number; to: number }): string => {
        const s = span(r);
        return `from ${isoTime(s.start)} to ${isoTime(s.end)} (${formatNumber((s.end - s.start) / HOUR_MS)} h)`;
      };
      const what = `corticosteroid rate > ${thresholdText(x, perKg)}`;
      const sure = runs(values, (v) => v === 'met').find(qualifies);
      if (sure) {
        return withinWindow(
          w,
          boolOutcome(
            'met',
            evidenceOf(refsOf(sure), weight),
            () => `${what} ${describeRun(sure)}${weightText(perKg, weight)}`,
          ),
        );
      }
      const possible = runs(values, (v) => v !== 'not_met').find(qualifies);
      if (possible) {
        return boolOutcome(
          'unknown',
          evidenceOf(refsOf(possible), weight),
          () =>
            `${what} possible but not certain (unknown dose${perKg ? ' or weight' : ''}) ${describeRun(possible)}${weightText(perKg, weight)}`,
        );
      }
      return boolOutcome(
        'not_met',
        [],
        () => `no stretch with ${what} for more than ${formatNumber(d / HOUR_MS)} h ending ${w.inText()}`,
      );
    };
  },
};
