import type { Instant } from '../time/duration.js';
import { type MedicationClassName, medicationClassesOf } from '../codesets/medication-classes.js';
import type { MedicationRecord, ObservationRecord, PatientTimeline, RecordMeta } from '../timeline/types.js';
import type { VariableId } from '../variables/registry.js';

/**
 * A timeline prepared for repeated screening: observations grouped by variable and sorted by time, and for
 * every record the instant from which a newer version supersedes it. Built once per timeline (memoised),
 * so that screening one patient reads only the variables and windows its rules ask for.
 */
export interface TimelineIndex {
  readonly byVariable: ReadonlyMap<VariableId, readonly ObservationRecord[]>;
  /** lastUpdated of the earliest newer version, per record (absent: never superseded). */
  readonly supersededFrom: ReadonlyMap<RecordMeta, Instant>;
  /** Per variable, the series of all its results (`all`) and of its numeric ones (`numeric`); built on first use. */
  readonly series: Map<VariableId, { readonly all: IndexedSeries; readonly numeric: IndexedSeries }>;
  /** The timeline's medications by class, in timeline order; built on first use (medicationsByClassOf). */
  medicationsByClass: ReadonlyMap<MedicationClassName, readonly MedicationRecord[]> | undefined;
}

/**
 * The timeline's medications of each class, in timeline order, built once per timeline: a screening then
 * filters the few of a class asked for, instead of looking up the class of every record it holds.
 */
export function medicationsByClassOf(
  index: TimelineIndex,
  medications: readonly MedicationRecord[],
): ReadonlyMap<MedicationClassName, readonly MedicationRecord[]> {
  if (index.medicationsByClass !== undefined) return index.medicationsByClass;
  const byClass = new Map<MedicationClassName, MedicationRecord[]>();
  for (const m of medications) {
    for (const cls of medicationClassesOf(m)) {
      const list = byClass.get(cls);
      if (list === undefined) byClass.set(cls, [m]);
      else list.push(m);
    }
  }
  index.medicationsByClass = byClass;
  return byClass;
}

/**
 * A variable's results sorted by time, with per-record bounds of the screening instants at which the record
 * is in force, so that a screening at `at` takes a prefix of the series without filtering when it can.
 */
export interface IndexedSeries {
  readonly records: readonly ObservationRecord[];
  readonly times: readonly number[];
  /** Each record's value, NaN when it has none. */
  readonly values: readonly number[];
  /**
   * Over records 0..i: the latest instant from which one of them is in force (its time, issued or
   * lastUpdated), and the earliest instant at which one stops being in force (superseded; -Infinity when
   * never counted). When at >= maxSince[i] and at < minUntil[i], records 0..i are all in force at `at`.
   * In the common series, every record in force from its own time and never superseded, `maxSince` is
   * `times` itself and `minUntil` is undefined (Infinity throughout): two arrays a series fewer to build
   * and keep.
   */
  readonly maxSince: readonly number[];
  readonly minUntil: readonly number[] | undefined;
}

/** minUntil[i] of a series (see IndexedSeries). */
export function minUntilAt(s: IndexedSeries, i: number): number {
  return s.minUntil === undefined ? (i >= 0 && i < s.times.length ? Infinity : NaN) : (s.minUntil[i] ?? NaN);
}

/** The earliest screening instant at which an observation is in force (NaN bounds: never, as in isCurrentAt). */
function inForceFrom(o: ObservationRecord): number {
  let from = o.time;
  if (o.issued !== undefined && !(o.issued <= from)) from = o.issued;
  if (o.lastUpdated !== undefined && o.lastUpdated > from) from = o.lastUpdated;
  return from;
}

/** Is an observation timed, issued and current at `at` (FHIR-PROFILE.md §1)? */
export function inForceAt(index: TimelineIndex, o: ObservationRecord, at: Instant): boolean {
  return o.time <= at && (o.issued === undefined || o.issued <= at) && isCurrentAt(index, o, at);
}

function indexedSeries(
  records: readonly ObservationRecord[],
  index: TimelineIndex,
  numericOnly?: { all: boolean },
): IndexedSeries {
  const n = records.length;
  // Plain arrays of doubles, on the heap: typed arrays of this size live outside it, cost about 1 µs each to
  // allocate, and their external memory made the first screening of a large population trigger full
  // collections (3,000 patients: first pass 10 -> 6 s CPU with plain arrays).
  const times: number[] = [];
  const values: number[] = [];
  // Built only from the first record that makes the series not plain (see IndexedSeries): until then
  // maxSince equals times and minUntil is Infinity, so the prefix is filled in then.
  let maxSince: number[] | undefined;
  let minUntil: number[] | undefined;
  let hiSince = -Infinity;
  let loUntil = Infinity;
  // Most timelines hold one version of each resource: no lookup then (a Map keyed by a record gives that
  // record an identity hash on first use, a write to every record of the series).
  const superseded = index.supersededFrom.size > 0 ? index.supersededFrom : undefined;
  for (let i = 0; i < n; i++) {
    const o = records[i];
    if (o === undefined) {
      // A hole (never built by the index): zeros, as a fresh typed array held.
      if (numericOnly !== undefined) numericOnly.all = false;
      maxSince ??= times.slice(0, i);
      minUntil ??= new Array<number>(i).fill(Infinity);
      times.push(0);
      values.push(0);
      maxSince.push(0);
      minUntil.push(0);
      continue;
    }
    times.push(o.time);
    values.push(o.value ?? NaN);
    // Read here, while the record is in cache, for seriesOf.
    if (numericOnly !== undefined && !isNumericResult(o)) numericOnly.all = false;
    hiSince = Math.max(hiSince, inForceFrom(o));
    loUntil = Math.min(loUntil, o.counted ? (superseded?.get(o) ?? Infinity) : -Infinity);
    if (maxSince === undefined && (hiSince !== o.time || loUntil !== Infinity)) {
      maxSince = times.slice(0, i);
      minUntil = new Array<number>(i).fill(Infinity);
    }
    if (maxSince !== undefined && minUntil !== undefined) {
      maxSince.push(hiSince);
      minUntil.push(loUntil);
    }
  }
  return { records, times, values, maxSince: maxSince ?? times, minUntil };
}

/**
 * The bounds arrays of a series as the definition gives them, written out in full (tests compare the
 * compact form against these).
 */
export function fullBounds(
  records: readonly ObservationRecord[],
  index: TimelineIndex,
): { maxSince: number[]; minUntil: number[] } {
  const maxSince: number[] = [];
  const minUntil: number[] = [];
  let hiSince = -Infinity;
  let loUntil = Infinity;
  for (const o of records) {
    hiSince = Math.max(hiSince, inForceFrom(o));
    loUntil = Math.min(loUntil, o.counted ? (index.supersededFrom.get(o) ?? Infinity) : -Infinity);
    maxSince.push(hiSince);
    minUntil.push(loUntil);
  }
  return { maxSince, minUntil };
}

const NO_RECORDS: readonly ObservationRecord[] = [];

function isNumericResult(o: ObservationRecord): boolean {
  return o.value !== undefined && !o.sedated;
}

/** The series of a variable in a timeline's index (built once per timeline and variable). */
export function seriesOf(
  index: TimelineIndex,
  variable: VariableId,
): { readonly all: IndexedSeries; readonly numeric: IndexedSeries } {
  let s = index.series.get(variable);
  if (s === undefined) {
    const list = index.byVariable.get(variable) ?? NO_RECORDS;
    const numericOnly = { all: true };
    const all = indexedSeries(list, index, numericOnly);
    // GCS under sedation is never used as a value (FHIR-PROFILE.md §3). Most variables have only numeric
    // results: checked while building `all`, so that no filtered copy is built only to be dropped.
    const numeric = numericOnly.all ? all : indexedSeries(list.filter(isNumericResult), index);
    s = { all, numeric };
    index.series.set(variable, s);
  }
  return s;
}

const cache = new WeakMap<PatientTimeline, TimelineIndex>();

function supersession(records: readonly RecordMeta[], into: Map<RecordMeta, Instant>): void {
  // Most resources have one version: only look for supersession when a later version exists.
  if (!records.some((r) => r.versionId !== 1)) return;
  const byRef = new Map<string, RecordMeta[]>();
  let multi = false;
  for (const r of records) {
    const list = byRef.get(r.ref);
    if (list) {
      list.push(r);
      multi = true;
    } else byRef.set(r.ref, [r]);
  }
  if (!multi) return;
  for (const versions of byRef.values()) {
    if (versions.length < 2) continue;
    for (const r of versions) {
      let from = Infinity;
      for (const other of versions) {
        if (other.versionId > r.versionId) from = Math.min(from, other.lastUpdated ?? -Infinity);
      }
      if (from !== Infinity) into.set(r, from);
    }
  }
}

function isSortedByTime(list: readonly ObservationRecord[]): boolean {
  for (let i = 1; i < list.length; i++) if ((list[i]?.time ?? 0) < (list[i - 1]?.time ?? 0)) return false;
  return true;
}

/** Indexes a timeline (memoised per timeline object). */
export function indexTimeline(timeline: PatientTimeline): TimelineIndex {
  const hit = cache.get(timeline);
  if (hit) return hit;
  const byVariable = new Map<VariableId, ObservationRecord[]>();
  // One pass over the observations (each a separate object on the heap, usually not in cache): grouped by
  // variable, and noting whether any has a later version, which supersession would otherwise scan for.
  let versioned = false;
  for (const o of timeline.observations) {
    const list = byVariable.get(o.variable);
    if (list) list.push(o);
    else byVariable.set(o.variable, [o]);
    if (o.versionId !== 1) versioned = true;
  }
  for (const list of byVariable.values()) {
    // Ingestion already sorts by time; sort only when it did not.
    if (!isSortedByTime(list)) list.sort((a, b) => a.time - b.time);
  }
  const supersededFrom = new Map<RecordMeta, Instant>();
  if (versioned) supersession(timeline.observations, supersededFrom);
  supersession(timeline.conditions, supersededFrom);
  supersession(timeline.procedures, supersededFrom);
  supersession(timeline.medications, supersededFrom);
  supersession(timeline.allergies, supersededFrom);
  supersession(timeline.encounters, supersededFrom);
  supersession(timeline.attestations, supersededFrom);
  const index: TimelineIndex = {
    byVariable,
    supersededFrom,
    series: new Map(),
    medicationsByClass: undefined,
  };
  cache.set(timeline, index);
  return index;
}

/**
 * Is this version the one in force at `at` (FHIR-PROFILE.md §1)? The current version has the highest
 * versionId among those updated by `at`; a current version that is not counted removes the resource.
 */
export function isCurrentAt(index: TimelineIndex, record: RecordMeta, at: Instant): boolean {
  if (!record.counted) return false;
  if (record.lastUpdated !== undefined && record.lastUpdated > at) return false;
  if (index.supersededFrom.size === 0) return true;
  const from = index.supersededFrom.get(record);
  return from === undefined || from > at;
}

/** First index in `list` (sorted by time) whose time is >= t. */
export function lowerBound(list: readonly ObservationRecord[], t: Instant): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid]?.time ?? Infinity) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
