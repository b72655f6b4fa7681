import type { Instant } from '../time/duration.js';
import { firstAfter, type ObservationSeries, timesOf, valuesOf } from '../timeline/sorted-times.js';
import type { ObservationRecord } from '../timeline/types.js';
import type { VariableId } from '../variables/registry.js';
import {
  type IndexedSeries,
  inForceAt,
  isCurrentAt,
  lowerBound,
  minUntilAt,
  seriesOf,
  type TimelineIndex,
} from './timeline-index.js';

/** How a patient view reads a variable's results at its screening instant (eligibility/context.ts). */

/** The records of a series in force at `at`: a prefix of it when every record up to `at` is, else a copy. */
function inForceSeries(
  index: TimelineIndex,
  s: IndexedSeries,
  at: Instant,
): ObservationSeries<ObservationRecord> {
  const k = firstAfter(s.times, at);
  if (k === 0 || ((s.maxSince[k - 1] ?? NaN) <= at && minUntilAt(s, k - 1) > at))
    return { records: s.records, times: s.times, values: s.values, length: k };
  const records: ObservationRecord[] = [];
  for (let i = 0; i < k; i++) {
    const o = s.records[i];
    if (o !== undefined && inForceAt(index, o, at)) records.push(o);
  }
  return {
    records,
    times: timesOf(records),
    values: valuesOf(records),
    length: records.length,
  };
}

/** A view's series per variable: every result, and the numeric ones. */
export interface SeriesCaches {
  readonly all: Map<VariableId, ObservationSeries<ObservationRecord>>;
  readonly numeric: Map<VariableId, ObservationSeries<ObservationRecord>>;
}

/** A variable's series in force at `at`, built once per view (module-level: no closure per view). */
export function seriesAt(
  index: TimelineIndex,
  at: Instant,
  caches: SeriesCaches,
  variable: VariableId,
  numeric: boolean,
): ObservationSeries<ObservationRecord> {
  const cache = numeric ? caches.numeric : caches.all;
  let s = cache.get(variable);
  if (s === undefined) {
    const both = seriesOf(index, variable);
    s = inForceSeries(index, numeric ? both.numeric : both.all, at);
    cache.set(variable, s);
  }
  return s;
}

/** The plain scan of a variable's records known at `at` in [from, to] (NaN bounds: no binary search). */
export function scanObservations(
  index: TimelineIndex,
  at: Instant,
  variable: VariableId,
  from: Instant,
  to: Instant,
  closedEnd: boolean,
): ObservationRecord[] {
  const list = index.byVariable.get(variable);
  if (!list) return [];
  const end = Math.min(to, at);
  const endClosed = to > at ? true : closedEnd;
  const out: ObservationRecord[] = [];
  for (let i = lowerBound(list, from); i < list.length; i++) {
    const o = list[i];
    if (!o) break;
    if (o.time > end || (!endClosed && o.time === end)) break;
    if ((o.issued === undefined || o.issued <= at) && isCurrentAt(index, o, at)) out.push(o);
  }
  return out;
}
