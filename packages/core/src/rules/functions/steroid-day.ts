import type { EvalContext, BoolOutcome, FunctionSpec } from '../types.js';
import { boolOutcome, formatNumber } from '../outcome.js';
import { boolArg, type ClinicalWindow, instantArg, oneOf, windowArg, withinWindow } from './clinical-args.js';
import {
  compareDose,
  type DayDose,
  dailyDoses,
  latestWeight,
  localDayLabel,
  type SteroidExposure,
  steroidExposures,
} from './steroid-doses.js';
import {
  allDailyDoses,
  evidenceOf,
  NO_STEROID,
  thresholdText,
  UNKNOWN_ARG,
  weightText,
} from './steroid-helpers.js';

/** Is there a local day overlapping W whose daily dose (from `doses`) is at least x? */
function dayAtLeast(
  ctx: EvalContext,
  exposures: readonly SteroidExposure[],
  doses: ReadonlyMap<number, DayDose>,
  w: ClinicalWindow,
  x: number,
  perKg: boolean,
): BoolOutcome {
  if (exposures.length === 0) return NO_STEROID();
  const weight = perKg ? latestWeight(ctx) : undefined;
  const days = [...doses.values()]
    .filter((d) => d.end > w.from && (w.closedEnd ? d.start <= w.to : d.start < w.to))
    .sort((a, b) => a.start - b.start);
  const decided = days.map((d) => ({
    d,
    v: compareDose(d.knownMg, d.unknownPart, perKg, weight?.value, '>=', x),
  }));
  const what = `daily dose >= ${thresholdText(x, perKg)}`;
  const dose = (d: DayDose): string =>
    `${formatNumber(d.knownMg)}${d.unknownPart ? '+ (unknown part)' : ''} mg${perKg && weight?.value !== undefined ? ` = ${formatNumber(d.knownMg / weight.value)} mg/kg` : ''}`;
  const met = decided.find((e) => e.v === 'met');
  if (met)
    return boolOutcome(
      'met',
      evidenceOf(met.d.refs, weight),
      () => `${what}: ${dose(met.d)} on ${localDayLabel(met.d.day)}${weightText(perKg, weight)}`,
    );
  const unknown = decided.filter((e) => e.v === 'unknown');
  const first = unknown[0];
  if (first) {
    return boolOutcome(
      'unknown',
      evidenceOf(
        unknown.flatMap((e) => e.d.refs),
        weight,
      ),
      () =>
        `${what} possible on ${localDayLabel(first.d.day)} (${dose(first.d)}${weightText(perKg, weight)})`,
    );
  }
  return boolOutcome(
    'not_met',
    evidenceOf(
      days.flatMap((d) => d.refs),
      weight,
    ),
    () => (days.length === 0 ? `no corticosteroid ${w.inText()}` : `no local day ${w.inText()} with ${what}`),
  );
}

/**
 * `steroid_day(at_least: X mg/d | at_least_per_kg: X mg/kg/d, during: W, started_before: t, count_in_episode: c)`:
 * a local day overlapping W whose corticosteroid daily dose is at least X prednisone-eq (FHIR-PROFILE.md §5).
 * With `started_before: t`, only exposures starting before t count, unless `count_in_episode` is met or t is
 * unknown (then all count). Example (ImmunoSep E7): `steroid_day(at_least_per_kg: 0.4 mg/kg/d, during:
 * [T_scr - 15 d, T_scr], started_before: T_sep, count_in_episode: count_in_episode_steroids == 1)`.
 */
export const steroidDayFunction: FunctionSpec = {
  name: 'steroid_day',
  summary: 'a local day in a window with a corticosteroid daily dose at least a threshold',
  params: [
    { name: 'at_least', kind: 'number', unit: 'mg/d', optional: true },
    { name: 'at_least_per_kg', kind: 'number', unit: 'mg/kg/d', optional: true },
    { name: 'during', kind: 'window', optional: true },
    { name: 'started_before', kind: 'instant', optional: true },
    { name: 'count_in_episode', kind: 'bool', optional: true },
  ],
  returns: () => ({ t: 'bool' }),
  compile: (args) => {
    const threshold = oneOf(args, 'at_least', 'at_least_per_kg', 'steroid_day');
    const window = windowArg(args, 'during');
    const startedBefore = instantArg(args, 'started_before');
    const countInEpisode = boolArg(args, 'count_in_episode');
    return (ctx) => {
      const w = window(ctx);
      const x = threshold.value(ctx);
      if (x === undefined) return UNKNOWN_ARG('steroid_day');
      const all = steroidExposures(ctx);
      const everything = (): BoolOutcome => dayAtLeast(ctx, all, allDailyDoses(ctx), w, x, threshold.perKg);
      const cutoff = startedBefore?.(ctx);
      const mode = countInEpisode?.(ctx) ?? 'not_met';
      if (cutoff?.t === undefined || mode === 'met') return withinWindow(w, everything());
      const t = cutoff.t;
      const before = all.filter((e) => e.start < t);
      const onlyBefore = dayAtLeast(ctx, before, dailyDoses(before, ctx.zone), w, x, threshold.perKg);
      const filtered: BoolOutcome = boolOutcome(
        onlyBefore.value,
        onlyBefore.evidence,
        () => `${onlyBefore.reason()} (exposures started before ${cutoff.text()})`,
      );
      if (mode === 'not_met') return withinWindow(w, filtered);
      const both = everything();
      if (both.value === filtered.value) return withinWindow(w, filtered);
      return boolOutcome(
        'unknown',
        [...filtered.evidence, ...both.evidence],
        () => `counting in-episode exposures is undecided: ${filtered.reason()}; with them: ${both.reason()}`,
      );
    };
  },
};
