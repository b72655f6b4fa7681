import { drawPatient } from '../kernel/baseline.js';
import { Gaussian } from '../kernel/gaussian.js';
import { NB, NS, NV, organPoints, V_IMV, V_INFECTION, V_LN_LYMPHOCYTES, V_X } from '../kernel/layout.js';
import { NO_EFFECTS, stepDay } from '../kernel/step.js';
import { STREAM_KIND, twinStream } from '../kernel/streams.js';
import { type PatientSource, renderTimeline } from '../render/render-timeline.js';
import { inIcuAt, inPopulation, screenByPlan, screeningTimes } from '../screening/screen-by-plan.js';
import type { TwinSetup } from './twin-setup.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** ICU admissions of the screening pool start here (a Monday), one every 37 minutes. */
const POOL_START = Date.UTC(2026, 1, 2, 0, 0);
/** Pre-randomization infections kept per patient: the NHSN repeat-infection timeframe looks back 14 days. */
export const PRE_INFECTIONS = 4;
const LOOKBACK_DAYS = 14;

/** Outcome codes of a pool admission. */
export const NOT_SCREENED = 0;
export const ELIGIBLE = 1;
export const INELIGIBLE = 2;
export const INCOMPLETE = 3;

/**
 * A part of the screening pool: consecutive ICU admissions of the seed, each screened for the protocol by
 * its plan with the real eligibility engine, and, for the eligible, what the trial needs to continue the
 * patient's course after randomization (constants, the state after the screening day, the days before).
 */
export interface PoolChunk {
  readonly first: number;
  readonly count: number;
  /** Per admission: NOT_SCREENED, ELIGIBLE, INELIGIBLE or INCOMPLETE. */
  readonly outcome: Uint8Array;
  /** Per admission: bits of the criteria that failed (protocol order), and of those left unknown. */
  readonly failed: Uint32Array;
  readonly unknown: Uint32Array;
  /** Per admission: engine calls. */
  readonly screenings: Uint8Array;
  /** Per eligible patient (E of them): admission index within the chunk. */
  readonly eligibleAt: Int32Array;
  readonly baseline: Float64Array;
  readonly state: Float64Array;
  readonly icuStart: Float64Array;
  /** Hours from ICU admission to the screening that found the patient eligible. */
  readonly screenHours: Float64Array;
  /** 0 = no stratum, else 1 + the stratum's index in STRATA order of the setup. */
  readonly stratum: Uint8Array;
  /** SOFA and ln lymphocytes measured on the screening day (before the screening). */
  readonly screenSofa: Float64Array;
  readonly screenLnLymphocytes: Float64Array;
  /** PRE_INFECTIONS x (day, type) of infections in the 14 days to the screening day; -1 = none. */
  readonly preInfections: Int16Array;
}

/** The ICU admission instant of pool patient `index`. */
export function poolIcuStart(index: number): number {
  return POOL_START + (index % 20_000) * 37 * 60_000;
}

/** The stratum levels of a setup's eligibility stratification, in order. */
export function strataOf(setup: TwinSetup): readonly string[] {
  const factor = setup.design.factors.find((f) => f.from === 'eligibility_stratum');
  return factor?.levels ?? [];
}

/**
 * Screens admissions first .. first + count - 1 of the seed for the setup's protocol (docs/twin.md, "the
 * screening pool"): each patient is simulated to the plan's last screening day, written as a timeline only
 * if in the screened population and alive in the ICU at a screening time, and screened by the real engine.
 * @param setup - The compiled protocol and model.
 * @param seed - The run's seed.
 * @param first - First admission index.
 * @param count - Admissions.
 */
export function screenPoolChunk(setup: TwinSetup, seed: number, first: number, count: number): PoolChunk {
  const m = setup.model;
  const plan = setup.target.plan;
  const strata = strataOf(setup);
  const outcome = new Uint8Array(count);
  const failed = new Uint32Array(count);
  const unknown = new Uint32Array(count);
  const screenings = new Uint8Array(count);
  const eligible = {
    at: [] as number[],
    baseline: [] as Float64Array[],
    state: [] as Float64Array[],
    icuStart: [] as number[],
    hours: [] as number[],
    stratum: [] as number[],
    sofa: [] as number[],
    lnLy: [] as number[],
    infections: [] as number[][],
  };
  const maxHours = plan.times_hours[plan.times_hours.length - 1] ?? 0;
  // Sepsis onset precedes the ICU by at most a day in the model: two extra days cover either anchor.
  const days = Math.floor(maxHours / 24) + 2;
  const baseline = new Float64Array(NB);
  const state = new Float64Array(NS);
  const records = new Float32Array(days * NV);
  const snapshots = new Float64Array(days * NS);
  const bit = new Map(setup.criteria.map((id, i) => [id, 2 ** i]));
  for (let i = 0; i < count; i++) {
    const index = first + i;
    const g = new Gaussian(twinStream(seed, STREAM_KIND.patient, index, 0));
    const rows = { baseline, b: 0, state, s: 0 };
    drawPatient(m, g, baseline, 0, state, 0);
    for (let d = 0; d < days; d++) {
      stepDay(m, g, rows, NO_EFFECTS, 0, records, d * NV);
      snapshots.set(state, d * NS);
    }
    const icuStart = poolIcuStart(index);
    const p: PatientSource = {
      patientId: `tw${seed}-${index}`,
      index,
      seed,
      baseline,
      b: 0,
      records,
      r0: 0,
      days,
      state,
      s: 0,
      icuStart,
    };
    const times = screeningTimes(plan, p);
    if (!inPopulation(plan, p) || times === undefined || !times.some((t) => inIcuAt(p, t))) continue;
    // Written only as far as each screening needs; status mode: the same status, with the first excluding
    // criterion (cheapest first) as the reason.
    const result = screenByPlan(m, p, (lastDay) => renderTimeline(m, p, { lastDay }), setup.target, 'status');
    screenings[i] = result.screenings;
    for (const id of result.failed) failed[i] = (failed[i] ?? 0) + (bit.get(id) ?? 0);
    for (const id of result.unknown) unknown[i] = (unknown[i] ?? 0) + (bit.get(id) ?? 0);
    outcome[i] =
      result.status === 'eligible'
        ? ELIGIBLE
        : result.status === 'ineligible'
          ? INELIGIBLE
          : result.status === 'incomplete'
            ? INCOMPLETE
            : NOT_SCREENED;
    if (result.status !== 'eligible' || result.at === undefined) continue;
    const day = Math.floor((result.at - icuStart) / DAY_MS);
    eligible.at.push(i);
    eligible.baseline.push(baseline.slice());
    eligible.state.push(snapshots.slice(day * NS, (day + 1) * NS));
    eligible.icuStart.push(icuStart);
    eligible.hours.push((result.at - icuStart) / HOUR_MS);
    const level = result.stratum === undefined ? -1 : strata.indexOf(result.stratum);
    eligible.stratum.push(level + 1);
    const imv = records[day * NV + V_IMV] === 1;
    let sofa = 0;
    for (let o = 0; o < 6; o++) sofa += organPoints(records[day * NV + V_X + o] ?? 0, o, imv);
    eligible.sofa.push(sofa);
    eligible.lnLy.push(records[day * NV + V_LN_LYMPHOCYTES] ?? 0);
    const found: number[] = [];
    for (let d = Math.max(0, day - LOOKBACK_DAYS); d <= day; d++) {
      const type = records[d * NV + V_INFECTION] ?? 0;
      if (type > 0 && found.length < 2 * PRE_INFECTIONS) found.push(d, type - 1);
    }
    eligible.infections.push(found);
  }
  const e = eligible.at.length;
  const preInfections = new Int16Array(e * 2 * PRE_INFECTIONS).fill(-1);
  eligible.infections.forEach((list, k) => {
    preInfections.set(list, k * 2 * PRE_INFECTIONS);
  });
  const flatten = (rows: readonly Float64Array[], width: number): Float64Array => {
    const out = new Float64Array(rows.length * width);
    rows.forEach((r, k) => {
      out.set(r, k * width);
    });
    return out;
  };
  return {
    first,
    count,
    outcome,
    failed,
    unknown,
    screenings,
    eligibleAt: Int32Array.from(eligible.at),
    baseline: flatten(eligible.baseline, NB),
    state: flatten(eligible.state, NS),
    icuStart: Float64Array.from(eligible.icuStart),
    screenHours: Float64Array.from(eligible.hours),
    stratum: Uint8Array.from(eligible.stratum),
    screenSofa: Float64Array.from(eligible.sofa),
    screenLnLymphocytes: Float64Array.from(eligible.lnLy),
    preInfections,
  };
}

/** The whole screening pool: its chunks joined in admission order, and where each eligible patient is. */
export interface ScreeningPool extends PoolChunk {
  /** Per admission: its eligible patient's slot, or -1. */
  readonly slotOf: Int32Array;
  /** Eligible patients. */
  readonly eligibleCount: number;
}

/**
 * Joins pool chunks (in any order) into one pool, in admission order.
 * @param chunks - Consecutive chunks covering admissions 0 .. N - 1.
 * @throws RangeError if the chunks leave a gap.
 */
export function joinPool(chunks: readonly PoolChunk[]): ScreeningPool {
  const sorted = [...chunks].sort((a, b) => a.first - b.first);
  let expected = 0;
  for (const c of sorted) {
    if (c.first !== expected) throw new RangeError(`pool chunks leave a gap at admission ${expected}`);
    expected += c.count;
  }
  const cat8 = (pick: (c: PoolChunk) => Uint8Array): Uint8Array =>
    Uint8Array.from(sorted.flatMap((c) => [...pick(c)]));
  const cat32 = (pick: (c: PoolChunk) => Uint32Array): Uint32Array =>
    Uint32Array.from(sorted.flatMap((c) => [...pick(c)]));
  const catF = (pick: (c: PoolChunk) => Float64Array): Float64Array =>
    Float64Array.from(sorted.flatMap((c) => [...pick(c)]));
  const eligibleAt = Int32Array.from(sorted.flatMap((c) => [...c.eligibleAt].map((i) => c.first + i)));
  const slotOf = new Int32Array(expected).fill(-1);
  eligibleAt.forEach((admission, slot) => {
    slotOf[admission] = slot;
  });
  return {
    first: 0,
    count: expected,
    outcome: cat8((c) => c.outcome),
    failed: cat32((c) => c.failed),
    unknown: cat32((c) => c.unknown),
    screenings: cat8((c) => c.screenings),
    eligibleAt,
    baseline: catF((c) => c.baseline),
    state: catF((c) => c.state),
    icuStart: catF((c) => c.icuStart),
    screenHours: catF((c) => c.screenHours),
    stratum: cat8((c) => c.stratum),
    screenSofa: catF((c) => c.screenSofa),
    screenLnLymphocytes: catF((c) => c.screenLnLymphocytes),
    preInfections: Int16Array.from(sorted.flatMap((c) => [...c.preInfections])),
    slotOf,
    eligibleCount: eligibleAt.length,
  };
}
