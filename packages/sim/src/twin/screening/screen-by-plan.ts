import {
  type AttestationRecord,
  type CompiledEligibility,
  type EligibilityResult,
  type PatientTimeline,
  screenPatient,
} from '@immunotrial/core';
import { Gaussian } from '../kernel/gaussian.js';
import {
  AT_ICU,
  B_CATEGORY,
  B_COMORBID,
  B_RENDER_SEED,
  B_SEPSIS_LEAD_HOURS,
  B_SEPSIS_SITE,
  COMORBIDITY_BITS,
  NV,
  S_DEATH_DAY,
  S_DEATH_HOUR,
  S_ICU_OUT_DAY,
  S_ICU_OUT_HOUR,
  V_INFECTION,
  V_LOCATION,
} from '../kernel/layout.js';
import { STREAM_KIND, twinStream } from '../kernel/streams.js';
import type { CompiledTwinModel } from '../kernel/compiled-model.js';
import { RecordMaker } from '../render/records.js';
import { type PatientSource, renderTimeline } from '../render/render-timeline.js';
import { answersAt, drawAnswers, type FactLookup } from './attestations.js';
import type { AttestationFact, ScreeningPlan } from './screening-plan.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A protocol as the twin screens for it: its compiled eligibility and its screening plan. */
export interface ScreeningTarget {
  readonly protocolId: string;
  readonly eligibility: CompiledEligibility;
  readonly plan: ScreeningPlan;
  /** Position of the protocol in the run (names the stream of the investigator's answers). */
  readonly index: number;
}

/** What screening a patient for one protocol came to. */
export interface ScreeningOutcome {
  /** `not_screened`: outside the screened population, or never alive in the ICU at a screening time. */
  readonly status: EligibilityResult['status'] | 'not_screened';
  /** Instant of the deciding (last) screening. */
  readonly at: number | undefined;
  /** Screenings done (engine calls). */
  readonly screenings: number;
  /** Criteria that failed at the last screening: inclusions not met, exclusions met. */
  readonly failed: readonly string[];
  /** Criteria left unknown at the last screening. */
  readonly unknown: readonly string[];
  readonly stratum: string | undefined;
  /** The full result of the last screening, when there was one. */
  readonly result: EligibilityResult | undefined;
}

const NOT_SCREENED: ScreeningOutcome = {
  status: 'not_screened',
  at: undefined,
  screenings: 0,
  failed: [],
  unknown: [],
  stratum: undefined,
  result: undefined,
};

/** True when the patient belongs to the population the plan screens. */
export function inPopulation(plan: ScreeningPlan, p: PatientSource): boolean {
  const septic = p.baseline[p.b + B_CATEGORY] === 0;
  const site = p.baseline[p.b + B_SEPSIS_SITE] ?? -1;
  switch (plan.population) {
    case 'all':
      return true;
    case 'sepsis':
      return septic;
    case 'sepsis_pneumonia_or_bacteraemia':
      return septic && (site === 0 || site === 1);
  }
}

/** The screening instants of a plan for a patient (undefined when its anchor does not exist). */
export function screeningTimes(plan: ScreeningPlan, p: PatientSource): number[] | undefined {
  let anchor = p.icuStart;
  if (plan.anchor === 'sepsis_onset') {
    const lead = p.baseline[p.b + B_SEPSIS_LEAD_HOURS] ?? Number.NaN;
    if (Number.isNaN(lead)) return undefined;
    anchor = p.icuStart - lead * HOUR_MS;
  }
  return plan.times_hours.map((h) => anchor + h * HOUR_MS);
}

/** True when the patient is alive in the ICU at instant t. */
export function inIcuAt(p: PatientSource, t: number): boolean {
  const d = Math.floor((t - p.icuStart) / DAY_MS);
  if (d < 0 || d >= p.days) return false;
  if (p.records[p.r0 + d * NV + V_LOCATION] !== AT_ICU) return false;
  const hour = (t - p.icuStart - d * DAY_MS) / HOUR_MS;
  const leftToday = (day: number, hourIndex: number): boolean =>
    p.state[p.s + day] === d && (p.state[p.s + hourIndex] ?? 0) <= hour;
  return !leftToday(S_DEATH_DAY, S_DEATH_HOUR) && !leftToday(S_ICU_OUT_DAY, S_ICU_OUT_HOUR);
}

function factsAt(p: PatientSource, t: number): FactLookup {
  return (fact: AttestationFact): boolean => {
    switch (fact) {
      case 'active_infection': {
        // An infection with its date of event in the last three days: not yet controlled.
        const d = Math.floor((t - p.icuStart) / DAY_MS);
        for (let k = Math.max(0, d - 3); k <= d && k < p.days; k++) {
          if ((p.records[p.r0 + k * NV + V_INFECTION] ?? 0) > 0) return true;
        }
        return false;
      }
      case 'stage_iv_or_dnr': {
        const cancer = ((p.baseline[p.b + B_COMORBID] ?? 0) & COMORBIDITY_BITS.solid_cancer) !== 0;
        const u = p.baseline[p.b + B_RENDER_SEED] ?? 0;
        return (cancer && u < 0.5) || u > 0.95;
      }
    }
  };
}

/** The investigator's answers for one patient and protocol (drawn once, from the patient's stream). */
function answersOf(p: PatientSource, target: ScreeningTarget): ReadonlyMap<string, boolean> {
  return drawAnswers(
    target.plan,
    target.eligibility,
    new Gaussian(twinStream(p.seed, STREAM_KIND.render, p.index, 1 + target.index)),
  );
}

/**
 * The questionnaire responses an investigator gives for a patient at each planned screening time it is in
 * the ICU (the answers `screenByPlan` uses), for an exported patient's record.
 * @param p - The patient.
 * @param target - Protocol and plan.
 * @returns The responses, and the screening instants they were given for.
 */
export function plannedAttestations(
  p: PatientSource,
  target: ScreeningTarget,
): { readonly attestations: AttestationRecord[]; readonly times: number[] } {
  const times = inPopulation(target.plan, p)
    ? (screeningTimes(target.plan, p) ?? []).filter((t) => inIcuAt(p, t))
    : [];
  if (times.length === 0) return { attestations: [], times };
  const make = new RecordMaker(`${p.patientId}-${target.protocolId}`);
  const answers = answersOf(p, target);
  const attestations = times.flatMap((t) =>
    answersAt(make, target.plan, target.protocolId, answers, factsAt(p, t), t),
  );
  return { attestations, times };
}

/** The last ICU day a plan reads: the day of its last screening time (at the latest). */
export function lastDayOf(plan: ScreeningPlan, p: PatientSource): number {
  const times = screeningTimes(plan, p);
  const last = times === undefined ? p.icuStart : (times[times.length - 1] ?? p.icuStart);
  return Math.max(0, Math.min(p.days - 1, Math.floor((last - p.icuStart) / DAY_MS)));
}

/**
 * Screens one virtual patient for one protocol by its plan, with the real eligibility engine: at each
 * planned instant while the patient is alive in the ICU, the timeline to that day plus the investigator's
 * answers is screened; eligible stops, ineligible stops unless every failed criterion may still change
 * (`rescreen_on`), incomplete tries again at the next time.
 * @param m - Compiled model.
 * @param p - The patient.
 * @param timeline - The patient rendered at least to the plan's last day (renderTimeline), or a function
 *   that renders it to a given ICU day (so that a patient decided at the first time is written no further).
 * @param target - Protocol and plan.
 * @param mode - `explain` evaluates every criterion (every failure is reported); `status` stops at the first
 *   that excludes, cheapest first (the same status, four times faster: the trial simulator's pool).
 * @example screenByPlan(m, p, renderTimeline(m, p, { lastDay: 14 }), platinium).status // => 'ineligible'
 */
export function screenByPlan(
  m: CompiledTwinModel,
  p: PatientSource,
  timeline: PatientTimeline | ((lastDay: number) => PatientTimeline),
  target: ScreeningTarget,
  mode: 'explain' | 'status' = 'explain',
): ScreeningOutcome {
  const { plan } = target;
  if (!inPopulation(plan, p)) return NOT_SCREENED;
  const times = screeningTimes(plan, p);
  if (times === undefined) return NOT_SCREENED;
  const make = new RecordMaker(`${p.patientId}-${target.protocolId}`);
  const answers = answersOf(p, target);
  const samples = plan.mhla_dr_sample_before_hours;
  const renderTo =
    samples !== undefined
      ? (lastDay: number): PatientTimeline =>
          renderTimeline(m, p, { lastDay, extraMhlaDr: times.map((t) => t - samples * HOUR_MS) })
      : typeof timeline === 'function'
        ? timeline
        : (): PatientTimeline => timeline;
  // Rendering is prefix-stable: a timeline to day d serves every screening up to day d.
  let base: PatientTimeline | undefined;
  let renderedTo = -1;
  let outcome = NOT_SCREENED;
  let screenings = 0;
  for (const at of times) {
    if (!inIcuAt(p, at)) continue;
    const day = Math.floor((at - p.icuStart) / DAY_MS);
    if (base === undefined || day > renderedTo) {
      base = renderTo(day);
      renderedTo = day;
    }
    const attestations = answersAt(make, plan, target.protocolId, answers, factsAt(p, at), at);
    const [result] = screenPatient([target.eligibility], { ...base, attestations }, at, { mode });
    if (result === undefined) break;
    screenings++;
    const failed: string[] = [];
    const unknown: string[] = [];
    for (const c of result.criteria) {
      if (
        (c.kind === 'inclusion' && c.result === 'not_met') ||
        (c.kind === 'exclusion' && c.result === 'met')
      )
        failed.push(c.id);
      else if (c.result === 'unknown') unknown.push(c.id);
    }
    outcome = { status: result.status, at, screenings, failed, unknown, stratum: result.stratum, result };
    if (result.status === 'eligible') break;
    if (result.status === 'ineligible' && !failed.every((id) => plan.rescreen_on.includes(id))) break;
  }
  return outcome;
}
