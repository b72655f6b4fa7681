import type { ObservationRecord } from '../../timeline/types.js';
import type { VariableId } from '../../variables/registry.js';
import type { EvalContext } from '../types.js';
import type { ScoreWindow } from './score-helpers.js';
import { type SeriesRange, seriesRange } from './series-range.js';

/**
 * The four SIRS items and what W holds of each, read from the series' time and value arrays: a record is read
 * only when it is cited (a fresh patient's records are out of cache, about 0.5 µs each).
 */

/** A variable of an item: a value (canonical unit) meets the item when it is > `above` or < `below`. */
interface SirsVariable {
  readonly variable: VariableId;
  readonly above: number;
  readonly below: number;
}

export interface SirsItem {
  readonly name: string;
  /** One or two variables; with two, their results merge in time order, the first first among equal times. */
  readonly variables: readonly [SirsVariable] | readonly [SirsVariable, SirsVariable];
}

// SIRS (Bone et al., Chest 1992; IRIS-7 I2 as FHIR-PROFILE.md §9 writes it). A one-sided test has ±Infinity
// on its other side; NaN meets nothing.
export const SIRS_ITEMS: readonly SirsItem[] = [
  { name: 'temperature > 38 or < 36 °C', variables: [{ variable: 'temperature', above: 38, below: 36 }] },
  { name: 'heart rate > 90/min', variables: [{ variable: 'heart_rate', above: 90, below: -Infinity }] },
  {
    name: 'respiratory rate > 20/min or PaCO2 < 32 mmHg',
    variables: [
      { variable: 'respiratory_rate', above: 20, below: -Infinity },
      { variable: 'paco2', above: Infinity, below: 32 },
    ],
  },
  { name: 'WBC > 12 or < 4 ×10⁹/L', variables: [{ variable: 'wbc', above: 12, below: 4 }] },
];

/**
 * What W holds of one item: its results walked in time order (merged across its variables, the first variable
 * first among equal times) over the series' arrays. A walk stops where its caller stops, so a pair met early
 * reads a few values only.
 */
export class SirsItemScan {
  readonly item: SirsItem;
  /** How many results W has (numeric ones). */
  readonly measured: number;
  readonly #a: SeriesRange;
  readonly #b: SeriesRange | undefined;
  #i: number;
  #j: number;
  /** The current result: its range, index and variable. */
  #r: SeriesRange;
  #at = -1;
  #v: SirsVariable;
  #hasMeeting: boolean | undefined;

  constructor(ctx: EvalContext, w: ScoreWindow, item: SirsItem) {
    const [first, second] = item.variables;
    this.item = item;
    this.#a = seriesRange(ctx, first.variable, w.from, w.to, w.closedEnd);
    this.#b = second === undefined ? undefined : seriesRange(ctx, second.variable, w.from, w.to, w.closedEnd);
    this.measured = this.#a.hi - this.#a.lo + (this.#b === undefined ? 0 : this.#b.hi - this.#b.lo);
    this.#i = this.#a.lo;
    this.#j = this.#b?.lo ?? 0;
    this.#r = this.#a;
    this.#v = first;
  }

  /** Back to before the first result. */
  reset(): void {
    this.#i = this.#a.lo;
    this.#j = this.#b?.lo ?? 0;
  }

  /** Moves to the next result; false after the last. */
  step(): boolean {
    const a = this.#a;
    const b = this.#b;
    const takeA =
      b === undefined ||
      this.#j >= b.hi ||
      (this.#i < a.hi && (a.times[this.#i] ?? NaN) <= (b.times[this.#j] ?? NaN));
    if (takeA) {
      if (this.#i >= a.hi) return false;
      this.#r = a;
      this.#at = this.#i++;
      this.#v = this.item.variables[0];
    } else {
      this.#r = b;
      this.#at = this.#j++;
      this.#v = this.item.variables[1] ?? this.item.variables[0];
    }
    return true;
  }

  /** The current result's time, value (NaN for none) and record. */
  get time(): number {
    return this.#r.times[this.#at] ?? NaN;
  }

  get value(): number {
    return this.#r.values[this.#at] ?? NaN;
  }

  record(): ObservationRecord | undefined {
    return this.#r.records[this.#at];
  }

  /** Moves to the next result meeting the item; false after the last. */
  nextMeeting(): boolean {
    while (this.step()) {
      const x = this.value;
      if (x > this.#v.above || x < this.#v.below) return true;
    }
    return false;
  }

  /** Does some result of W meet the item? */
  hasMeeting(): boolean {
    if (this.#hasMeeting === undefined) {
      this.reset();
      this.#hasMeeting = this.nextMeeting();
    }
    return this.#hasMeeting;
  }

  /** The latest result meeting the item. */
  lastMeeting(): ObservationRecord | undefined {
    this.reset();
    let last: ObservationRecord | undefined;
    while (this.nextMeeting()) last = this.record();
    return last;
  }
}

/** The measured results of an item in time order (the rare path of sirsShown). */
function measuredRecords(d: SirsItemScan): ObservationRecord[] {
  const out: ObservationRecord[] = [];
  d.reset();
  while (d.step()) {
    const o = d.record();
    if (o !== undefined) out.push(o);
  }
  return out;
}

/**
 * The results an item without a pair cites: its latest meeting one, else its most abnormal-looking ones (the
 * lowest and the highest: the first lowest and the last highest in time order, as a stable sort by value
 * gives them).
 */
export function sirsShown(d: SirsItemScan): ObservationRecord[] {
  const last = d.hasMeeting() ? d.lastMeeting() : undefined;
  if (last !== undefined) return [last];
  let min: ObservationRecord | undefined;
  let max: ObservationRecord | undefined;
  let minValue = NaN;
  let maxValue = NaN;
  d.reset();
  while (d.step()) {
    const v = d.value;
    // A NaN value has no place in an order by value: the sort decides, as it always did.
    if (v !== v) return extremesBySort(measuredRecords(d));
    const o = d.record();
    if (o === undefined) continue;
    if (min === undefined || v < minValue) {
      min = o;
      minValue = v;
    }
    if (max === undefined || v >= maxValue) {
      max = o;
      maxValue = v;
    }
  }
  if (min === undefined || max === undefined) return [];
  return min !== max ? [min, max] : [min];
}

/** Lowest and highest by a stable sort on the value (the definition, for values that include NaN). */
function extremesBySort(measured: readonly ObservationRecord[]): ObservationRecord[] {
  const byValue = [...measured].sort((x, y) => (x.value ?? 0) - (y.value ?? 0));
  const lo = byValue[0];
  const hi = byValue[byValue.length - 1];
  return lo && hi && lo !== hi ? [lo, hi] : lo ? [lo] : [];
}
