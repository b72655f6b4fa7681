import type { Kleene } from '../../kleene.js';
import { steroidEquivalence } from '../../scores/steroid-equivalents.js';
import { DAY_MS, type Instant } from '../../time/duration.js';
import { localDayIndex, localDayLabel, localDayStart, type Zone } from '../../time/zone.js';

export { localDayIndex, localDayLabel, localDayStart };
import type { MedicationRecord, ObservationRecord } from '../../timeline/types.js';
import type { EvalContext } from '../types.js';
import { medicationsOfClass } from './clinical-args.js';

/**
 * Corticosteroid exposure in mg prednisone-equivalent (FHIR-PROFILE.md §5), the arithmetic behind the
 * steroid rule functions: exposures, daily doses per local day, and summed rates over time.
 */

/** One corticosteroid exposure, in prednisone-equivalent. */
export interface SteroidExposure {
  readonly record: MedicationRecord;
  readonly start: Instant;
  /** Period end (open -> T_scr, cut at T_scr); = start for a single administration. */
  readonly end: Instant;
  /** A single administration (`effectiveDateTime`): its dose counts on its local day, never in a rate. */
  readonly bolus: boolean;
  /** mg/d prednisone-eq for a period, mg for a bolus; undefined when the dose or the drug's factor is unknown. */
  readonly amount: number | undefined;
}

function toExposure(m: MedicationRecord, at: Instant): SteroidExposure {
  const eq = steroidEquivalence({ atc: m.atc, rxnorm: m.rxnorm });
  const factor = eq.kind === 'known' ? eq.factor : undefined;
  if (m.isInstant) {
    const amount = factor !== undefined && m.doseMg !== undefined ? m.doseMg * factor : undefined;
    return { record: m, start: m.start, end: m.start, bolus: true, amount };
  }
  const rate = m.rate?.unit === 'mg/d' ? m.rate.value : undefined;
  const amount = factor !== undefined && rate !== undefined ? rate * factor : undefined;
  return {
    record: m,
    start: m.start,
    end: Math.max(m.start, Math.min(m.end ?? at, at)),
    bolus: false,
    amount,
  };
}

/** The patient's systemic corticosteroid exposures at T_scr (memoised per context). */
export function steroidExposures(ctx: EvalContext): readonly SteroidExposure[] {
  return ctx.memo('clinical:steroid-exposures', () =>
    medicationsOfClass(ctx, 'corticosteroid').map((m) => toExposure(m, ctx.at)),
  );
}

/** The latest weight at or before T_scr (FHIR-PROFILE.md §5: mg/kg uses it). */
export function latestWeight(ctx: EvalContext): ObservationRecord | undefined {
  return ctx.memo('clinical:latest-weight', () => {
    const all = ctx.observations('weight', -Infinity, ctx.at);
    for (let i = all.length - 1; i >= 0; i--) {
      const o = all[i];
      if (o?.value !== undefined && o.value > 0) return o;
    }
    return undefined;
  });
}

/** Daily dose of one local day: the known part, and whether an exposure of unknown dose adds to it. */
export interface DayDose {
  /** Local day index (`localDayLabel(day)` is its date). */
  readonly day: number;
  /** Local midnight starting the day. */
  readonly start: Instant;
  /** Local midnight starting the next day. */
  readonly end: Instant;
  /** mg prednisone-eq known to have been given that day. */
  readonly knownMg: number;
  /** An exposure of unknown dose touches the day: the dose is above knownMg by an unknown positive amount. */
  readonly unknownPart: boolean;
  readonly refs: readonly string[];
}

interface Acc {
  start: Instant;
  end: Instant;
  knownMg: number;
  unknownPart: boolean;
  refs: string[];
}

/**
 * Daily doses by local day (FHIR-PROFILE.md §5): for each period exposure, rate x (hours of exposure inside
 * the day) / 24, plus that day's boluses. Days no exposure touches are absent (dose 0).
 * @example a prednisolone 10 mg/d exposure from 18:00 gives 2.5 mg that day and 10 mg on the following ones.
 */
export function dailyDoses(exposures: readonly SteroidExposure[], zone: Zone): ReadonlyMap<number, DayDose> {
  const acc = new Map<number, Acc>();
  const add = (day: number, start: Instant, end: Instant, mg: number | undefined, ref: string): void => {
    let a = acc.get(day);
    if (!a) {
      a = { start, end, knownMg: 0, unknownPart: false, refs: [] };
      acc.set(day, a);
    }
    if (mg === undefined) a.unknownPart = true;
    else a.knownMg += mg;
    if (!a.refs.includes(ref)) a.refs.push(ref);
  };
  for (const e of exposures) {
    if (e.bolus) {
      if (e.amount === undefined || e.amount > 0) {
        const day = localDayIndex(e.start, zone);
        add(day, localDayStart(day, zone), localDayStart(day + 1, zone), e.amount, e.record.ref);
      }
      continue;
    }
    if (e.end <= e.start || e.amount === 0) continue;
    let day = localDayIndex(e.start, zone);
    let dayStart = localDayStart(day, zone);
    while (dayStart < e.end) {
      const dayEnd = localDayStart(day + 1, zone);
      const inside = Math.min(e.end, dayEnd) - Math.max(e.start, dayStart);
      if (inside > 0)
        add(
          day,
          dayStart,
          dayEnd,
          e.amount === undefined ? undefined : (e.amount * inside) / DAY_MS,
          e.record.ref,
        );
      day += 1;
      dayStart = dayEnd;
    }
  }
  const out = new Map<number, DayDose>();
  for (const [day, a] of acc) out.set(day, { day, ...a });
  return out;
}

/** A day with no exposure. */
export function emptyDay(day: number, zone: Zone): DayDose {
  return {
    day,
    start: localDayStart(day, zone),
    end: localDayStart(day + 1, zone),
    knownMg: 0,
    unknownPart: false,
    refs: [],
  };
}

/**
 * Compares a dose (known part plus a possible unknown positive part), optionally per kg of weight, with a
 * threshold: met when every possible value satisfies `op`, not_met when none can, else unknown. Without
 * a weight, a per-kg value is known only when the dose is 0.
 * @param knownMg - Known dose (mg or mg/d).
 * @param unknownPart - An unknown positive amount adds to it.
 * @param weightKg - Weight for a per-kg threshold; undefined = per-kg unknown (ignored when `perKg` is false).
 * @param op - `>` (above) or `>=` (at least).
 * @param threshold - In mg (per d) or mg/kg (per d).
 * @example compareDose(50, false, false, undefined, '>', 2.5) // => 'met'
 * @example compareDose(0, true, false, undefined, '>', 0) // => 'met' (an exposure of unknown dose is still > 0)
 */
export function compareDose(
  knownMg: number,
  unknownPart: boolean,
  perKg: boolean,
  weightKg: number | undefined,
  op: '>' | '>=',
  threshold: number,
): Kleene {
  let lo: number;
  let hi: number;
  let strict = unknownPart; // the true value is above lo (an unknown positive part)
  if (!perKg) {
    lo = knownMg;
    hi = unknownPart ? Infinity : knownMg;
  } else if (weightKg !== undefined) {
    lo = knownMg / weightKg;
    hi = unknownPart ? Infinity : knownMg / weightKg;
  } else if (knownMg === 0 && !unknownPart) {
    lo = 0;
    hi = 0;
  } else {
    lo = 0;
    hi = Infinity;
    strict = true;
  }
  if (op === '>') {
    if (lo > threshold || (strict && lo >= threshold)) return 'met';
    return hi <= threshold ? 'not_met' : 'unknown';
  }
  if (lo >= threshold) return 'met';
  return hi < threshold ? 'not_met' : 'unknown';
}

/** A stretch of time with a constant set of running period exposures. */
export interface RateSegment {
  readonly start: Instant;
  readonly end: Instant;
  /** Known summed rate, mg/d prednisone-eq. */
  readonly knownMgPerDay: number;
  readonly unknownPart: boolean;
  readonly refs: readonly string[];
}

/**
 * Splits time into segments where the set of running period exposures is constant (boluses excluded),
 * with the summed rate of each (FHIR-PROFILE.md §5, "above X mg/kg/d for more than 168 h").
 */
export function rateSegments(exposures: readonly SteroidExposure[]): RateSegment[] {
  const periods = exposures.filter((e) => !e.bolus && e.end > e.start && e.amount !== 0);
  const points = [...new Set(periods.flatMap((e) => [e.start, e.end]))].sort((a, b) => a - b);
  const out: RateSegment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] ?? 0;
    const end = points[i + 1] ?? 0;
    const running = periods.filter((e) => e.start <= start && e.end >= end);
    let known = 0;
    let unknownPart = false;
    for (const e of running) {
      if (e.amount === undefined) unknownPart = true;
      else known += e.amount;
    }
    out.push({ start, end, knownMgPerDay: known, unknownPart, refs: running.map((e) => e.record.ref) });
  }
  return out;
}
