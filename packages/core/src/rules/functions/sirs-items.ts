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

/** What W holds of one item. */
export interface SirsItemData {
  readonly item: SirsItem;
  /** How many results W has (numeric ones, GCS under sedation excluded). */
  readonly measured: number;
  /** The results meeting the item, by time (merged across its variables), and their times. */
  readonly meeting: readonly ObservationRecord[];
  readonly meetingTimes: readonly number[];
  /** The ranges of its variables' series, in `item.variables` order. */
  readonly ranges: readonly SeriesRange[];
}

/** The numeric results of an item in W. */
export function sirsItemData(ctx: EvalContext, w: ScoreWindow, item: SirsItem): SirsItemData {
  const [first, second] = item.variables;
  const a = seriesRange(ctx, first.variable, w.from, w.to, w.closedEnd);
  const b = second === undefined ? undefined : seriesRange(ctx, second.variable, w.from, w.to, w.closedEnd);
  const meeting: ObservationRecord[] = [];
  const meetingTimes: number[] = [];
  // A merge walk (one list alone when the item has one variable): the first list first among equal times.
  let i = a.lo;
  let j = b === undefined ? 0 : b.lo;
  const jEnd = b === undefined ? 0 : b.hi;
  while (i < a.hi || j < jEnd) {
    const takeA = b === undefined || j >= jEnd || (i < a.hi && (a.times[i] ?? NaN) <= (b.times[j] ?? NaN));
    const r = takeA ? a : b;
    const v = takeA || second === undefined ? first : second;
    const at = takeA ? i++ : j++;
    const x = r.values[at] ?? NaN;
    if (x > v.above || x < v.below) {
      const o = r.records[at];
      if (o !== undefined) {
        meeting.push(o);
        meetingTimes.push(r.times[at] ?? NaN);
      }
    }
  }
  const measured = a.hi - a.lo + (b === undefined ? 0 : b.hi - b.lo);
  return { item, measured, meeting, meetingTimes, ranges: b === undefined ? [a] : [a, b] };
}

/** The measured results of an item in merged time order (the rare path of sirsShown). */
function measuredRecords(d: SirsItemData): ObservationRecord[] {
  const [a, b] = d.ranges;
  const out: ObservationRecord[] = [];
  if (a === undefined) return out;
  let i = a.lo;
  let j = b === undefined ? 0 : b.lo;
  const jEnd = b === undefined ? 0 : b.hi;
  while (i < a.hi || j < jEnd) {
    const takeA = b === undefined || j >= jEnd || (i < a.hi && (a.times[i] ?? NaN) <= (b.times[j] ?? NaN));
    const o = takeA ? a.records[i++] : b.records[j++];
    if (o !== undefined) out.push(o);
  }
  return out;
}

/**
 * The results an item without a pair cites: its latest meeting one, else its most abnormal-looking ones (the
 * lowest and the highest: the first lowest and the last highest in time order, as a stable sort by value
 * gives them).
 */
export function sirsShown(d: SirsItemData): ObservationRecord[] {
  const last = d.meeting[d.meeting.length - 1];
  if (last !== undefined) return [last];
  const [a, b] = d.ranges;
  if (a === undefined) return [];
  let min: ObservationRecord | undefined;
  let max: ObservationRecord | undefined;
  let minValue = NaN;
  let maxValue = NaN;
  let i = a.lo;
  let j = b === undefined ? 0 : b.lo;
  const jEnd = b === undefined ? 0 : b.hi;
  while (i < a.hi || j < jEnd) {
    const takeA = b === undefined || j >= jEnd || (i < a.hi && (a.times[i] ?? NaN) <= (b.times[j] ?? NaN));
    const r = takeA ? a : b;
    const at = takeA ? i++ : j++;
    const v = r.values[at] ?? NaN;
    // A NaN value has no place in an order by value: the sort decides, as it always did.
    if (v !== v) return extremesBySort(measuredRecords(d));
    const o = r.records[at];
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
