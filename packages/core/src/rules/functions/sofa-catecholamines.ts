import { recordAtc } from '../../codesets/medication-classes.js';
import { VASOPRESSOR_ATC } from '../../codesets/medication-codes.js';
import { type SofaCatecholamine, sofaCatecholaminePoints } from '../../scores/sofa-components.js';
import { HOUR_MS, type Instant } from '../../time/duration.js';
import type { MedicationRecord } from '../../timeline/types.js';
import type { EvalContext, Evidence } from '../types.js';
import { medicationSpan } from './clinical-args.js';
import { pointsOrUndefined, type ScoreWindow } from './score-helpers.js';

/**
 * The catecholamine part of SOFA cardiovascular (FHIR-PROFILE.md §8): each drug's administrations in a view
 * and, per window, the highest rate sustained for 1 h in a stretch that overlaps it.
 */

/** "Catecholamines in µg/kg/min, given for >= 1 h" (DOMAIN.md §7.1; FHIR-PROFILE.md §8). */
export const MIN_CATECHOLAMINE_RUN_MS = HOUR_MS;

export interface Catecholamine {
  readonly atc: string;
  readonly label: string;
  readonly drug: SofaCatecholamine;
}

// Vasopressin (H01BA01) does not score in SOFA (FHIR-PROFILE.md §8).
export const CATECHOLAMINES: readonly Catecholamine[] = [
  { atc: VASOPRESSOR_ATC.norepinephrine, label: 'NE', drug: 'norepinephrine' },
  { atc: VASOPRESSOR_ATC.epinephrine, label: 'epinephrine', drug: 'epinephrine' },
  { atc: VASOPRESSOR_ATC.dopamine, label: 'dopamine', drug: 'dopamine' },
  { atc: VASOPRESSOR_ATC.dobutamine, label: 'dobutamine', drug: 'dobutamine' },
];

export interface RateSpan {
  readonly start: Instant;
  readonly end: Instant;
  /** µg/kg/min; undefined when the administration carries no rate in µg/kg/min. */
  readonly rate: number | undefined;
  readonly record: MedicationRecord;
  /** Its evidence, built when first cited: the spans are the view's, cited by several windows. */
  evidence: Evidence | undefined;
}

export interface Level {
  readonly rate: number;
  readonly members: readonly RateSpan[];
}

/**
 * Catecholamine period administrations per drug (in the order of CATECHOLAMINES), cut at T_scr and sorted
 * by start; undefined for a drug never given. One pass without a Map: a view has a few dozen medications.
 */
function catecholamineSpans(ctx: EvalContext): (RateSpan[] | undefined)[] {
  const byDrug: (RateSpan[] | undefined)[] = CATECHOLAMINES.map(() => undefined);
  for (const record of ctx.medications) {
    if (record.isInstant) continue;
    const atc = recordAtc(record);
    if (atc === undefined) continue;
    const d = CATECHOLAMINES.findIndex((c) => c.atc === atc);
    if (d < 0) continue;
    const { start, end } = medicationSpan(record, ctx.at);
    const rate = record.rate?.unit === 'ug/kg/min' ? record.rate.value : undefined;
    const span = { start, end, rate, record, evidence: undefined };
    const list = byDrug[d];
    if (list === undefined) byDrug[d] = [span];
    else list.push(span);
  }
  for (const list of byDrug)
    if (list !== undefined && !sortedByStart(list)) list.sort((a, b) => a.start - b.start);
  return byDrug;
}

// Ingestion already sorts administrations by start; sort (stably) only when it did not.
function sortedByStart(list: readonly RateSpan[]): boolean {
  for (let i = 1; i < list.length; i++) if ((list[i]?.start ?? 0) < (list[i - 1]?.start ?? 0)) return false;
  return true;
}

export function overlapsWindow(start: Instant, end: Instant, w: ScoreWindow): boolean {
  return end > w.from && (w.closedEnd ? start <= w.to : start < w.to);
}

function qualifies(start: Instant, end: Instant, w: ScoreWindow): boolean {
  return end - start >= MIN_CATECHOLAMINE_RUN_MS && overlapsWindow(start, end, w);
}

/**
 * The first stretch of the spans (sorted by start) at rate >= r that qualifies in W (>= 1 h, overlapping W):
 * touching spans join, a span without a usable rate counts as `unknownRate`. Members are collected only
 * for the stretch returned.
 */
function firstQualifying(
  spans: readonly RateSpan[],
  unknownRate: number,
  r: number,
  w: ScoreWindow,
): Level | undefined {
  let first = -1;
  let start = -Infinity;
  let end = -Infinity;
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i];
    if (s === undefined || !((s.rate ?? unknownRate) >= r)) continue;
    if (s.start > end) {
      if (first >= 0 && qualifies(start, end, w)) return levelOf(spans, unknownRate, r, first, i);
      first = i;
      start = s.start;
      end = s.end;
    }
    end = Math.max(end, s.end);
  }
  return first >= 0 && qualifies(start, end, w)
    ? levelOf(spans, unknownRate, r, first, spans.length)
    : undefined;
}

/** The level r with its members: the spans of [from, to) at rate >= r. */
function levelOf(
  spans: readonly RateSpan[],
  unknownRate: number,
  r: number,
  from: number,
  to: number,
): Level {
  const members: RateSpan[] = [];
  for (let i = from; i < to; i++) {
    const s = spans[i];
    if (s !== undefined && (s.rate ?? unknownRate) >= r) members.push(s);
  }
  return { rate: r, members };
}

/**
 * A drug's administrations in a view, and the rates they ran at (distinct, positive, highest first) with
 * unknown rates at the lowest or the highest rate, sorted only when a window needs more than one rate.
 */
export class DrugSpans {
  readonly spans: readonly RateSpan[];
  /** Some administration has no usable rate: the drug is bounded both ways. */
  readonly unknown: boolean;
  #lowRates: readonly number[] | undefined;
  #highRates: readonly number[] | undefined;

  constructor(spans: readonly RateSpan[]) {
    this.spans = spans;
    this.unknown = spans.some((s) => s.rate === undefined);
  }

  rates(unknownRate: number): readonly number[] {
    if (unknownRate === Number.MIN_VALUE) {
      this.#lowRates ??= ratesOf(this.spans, unknownRate);
      return this.#lowRates;
    }
    this.#highRates ??= ratesOf(this.spans, unknownRate);
    return this.#highRates;
  }
}

function ratesOf(spans: readonly RateSpan[], unknownRate: number): number[] {
  const rates: number[] = [];
  for (const s of spans) {
    const r = s.rate ?? unknownRate;
    if (r >= Number.MIN_VALUE && !rates.includes(r)) rates.push(r);
  }
  return rates.sort((a, b) => b - a);
}

/** Per catecholamine (in the order of CATECHOLAMINES), its spans in a view; undefined if never given. */
export function drugSpans(ctx: EvalContext): readonly (DrugSpans | undefined)[] {
  return ctx.memo('sofa:catecholamine-spans', () =>
    catecholamineSpans(ctx).map((spans) => (spans === undefined ? undefined : new DrugSpans(spans))),
  );
}

/**
 * The highest rate r such that the drug ran at r or more without a gap for at least 1 h, in a stretch that
 * overlaps W (touching administrations join: a rate change is a new resource, FHIR-PROFILE.md §5), with the
 * first such stretch, and its points (0 when none). An administration without a usable rate counts as
 * `unknownRate`.
 *
 * Every qualifying stretch at a rate r lies in a qualifying stretch at the lowest positive rate, and the
 * lowest rate of its members is a rate of that stretch whose stretch is the same: the highest of all the
 * drug's rates with a qualifying stretch is the answer, as when searching only the rates of the stretches
 * that overlap W. When W is not empty (from < to), a stretch overlaps W only if one of its members does: no
 * rate above the highest rate of the spans overlapping W can qualify, and that rate, tried first, usually
 * qualifies (its own administration lasting 1 h).
 */
export function sustainedLevel(
  drug: Catecholamine,
  d: DrugSpans,
  unknownRate: number,
  w: ScoreWindow,
): { level: Level | undefined; points: number } {
  const spans = d.spans;
  // With a non-empty window: rates at or above `highest` are known not to qualify when the loop starts.
  const pruned = w.from < w.to;
  let highest = Infinity;
  if (pruned) {
    highest = -Infinity;
    for (const s of spans) {
      const r = s.rate ?? unknownRate;
      if (r > highest && overlapsWindow(s.start, s.end, w)) highest = r;
    }
    if (!(highest >= Number.MIN_VALUE)) return NO_LEVEL;
    const level = firstQualifying(spans, unknownRate, highest, w);
    if (level) return { level, points: catecholaminePoints(drug, highest) };
  } else if (!firstQualifying(spans, unknownRate, Number.MIN_VALUE, w)) {
    // No stretch at any positive rate qualifies (an empty or inverted window, e.g. a day after T_scr).
    return NO_LEVEL;
  }
  for (const r of d.rates(unknownRate)) {
    if (pruned && r >= highest) continue;
    const level = firstQualifying(spans, unknownRate, r, w);
    if (level) return { level, points: catecholaminePoints(drug, r) };
  }
  return NO_LEVEL;
}

function catecholaminePoints(drug: Catecholamine, rate: number): number {
  return pointsOrUndefined(() => sofaCatecholaminePoints(drug.drug, rate)) ?? 0;
}

const NO_LEVEL = { level: undefined, points: 0 };
