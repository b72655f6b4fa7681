import { TrialError } from '../errors.js';
import type { DayValue } from './day-values.js';

/** f in `baseline − f(SOFA day a..b)`: the mean over the days, or the value on one day. */
export type SofaAggregate =
  | { readonly kind: 'mean'; readonly fromDay: number; readonly toDay: number }
  | { readonly kind: 'day_value'; readonly day: number };

/**
 * A death on or before the last day: the participant is a non-responder; or each day after death scores
 * the worst SOFA (24); or only the days alive count.
 */
export type SofaDeathRule = 'non_responder' | 'worst_score' | 'available_days';

/** A day alive without a SOFA: skipped (mean of the days with one), carried forward, or non-responder. */
export type SofaMissingRule = 'mean_of_available_days' | 'last_observation_carried_forward' | 'non_responder';

export interface SofaResponseParameters {
  /** Responder when baseline − f >= this (ImmunoSep 1.4). */
  readonly decreasePoints: number;
  readonly aggregate: SofaAggregate;
  readonly death: SofaDeathRule;
  readonly missing: SofaMissingRule;
  /** Names of the parameters that are assumed values (from `sofaResponseParametersOf`). */
  readonly assumed: readonly string[];
}

export interface DailySofaInput {
  /** SOFA at baseline (randomization). */
  readonly baseline: number | undefined;
  /** Daily total SOFA by study day (1 = D1). */
  readonly daily: readonly DayValue[];
  /** Study day of death, if any. */
  readonly deathDay?: number;
}

export interface SofaResponse {
  /** Undefined when it cannot be decided (no baseline, no SOFA on the days needed). */
  readonly responder: boolean | undefined;
  readonly baseline: number | undefined;
  /** f(SOFA) under the rules, undefined when a rule made the participant a non-responder or data lack. */
  readonly value: number | undefined;
  /** baseline − value. */
  readonly decrease: number | undefined;
  readonly reason: 'computed' | 'died' | 'missing_day' | 'no_baseline' | 'no_sofa';
}

/** The worst total SOFA (Vincent et al. 1996: six organs x 4 points). */
export const WORST_SOFA = 24;

// Means of integers compared with 1.4 need a tolerance: 9.6 − 8.2 is 1.3999999999999986 in binary.
const EPS = 1e-9;

function daysOf(a: SofaAggregate): number[] {
  if (a.kind === 'day_value') return [a.day];
  const days: number[] = [];
  for (let d = a.fromDay; d <= a.toDay; d++) days.push(d);
  return days;
}

/**
 * f(SOFA) over the aggregate's days under the death and missing-data rules: the mean daily SOFA (a
 * continuous endpoint) or the value on one day.
 * @returns The value, or the reason there is none.
 */
export function aggregateSofa(
  input: DailySofaInput,
  params: Pick<SofaResponseParameters, 'aggregate' | 'death' | 'missing'>,
): { readonly value: number | undefined; readonly reason: SofaResponse['reason'] } {
  const byDay = new Map(input.daily.map((v) => [v.day, v.value]));
  const days = daysOf(params.aggregate);
  const lastDay = days[days.length - 1] ?? 0;
  const death = input.deathDay;
  if (death !== undefined && death <= lastDay && params.death === 'non_responder') {
    return { value: undefined, reason: 'died' };
  }
  const values: number[] = [];
  let carried = input.baseline;
  for (const d of days) {
    const v = byDay.get(d);
    const dead = death !== undefined && (d > death || (d === death && v === undefined));
    if (v !== undefined && !dead) {
      values.push(v);
      carried = v;
    } else if (dead) {
      if (params.death === 'worst_score') values.push(WORST_SOFA);
    } else if (params.missing === 'non_responder') {
      return { value: undefined, reason: 'missing_day' };
    } else if (params.missing === 'last_observation_carried_forward' && carried !== undefined) {
      values.push(carried);
    }
  }
  if (values.length === 0) return { value: undefined, reason: 'no_sofa' };
  return { value: values.reduce((s, v) => s + v, 0) / values.length, reason: 'computed' };
}

/**
 * The SOFA responder endpoint (ImmunoSep, DOMAIN.md §4): responder when `baseline − f(SOFA days) >=
 * decreasePoints`, with f, death and missing days as explicit parameters (`sofaResponseParametersOf`
 * reads them from the protocol and lists which are assumed). A death or missing day that a rule makes a
 * non-responder gives `responder: false`; a missing baseline or no SOFA at all gives `undefined`.
 * @param input - Baseline, daily SOFA by study day, death day.
 * @param params - The rule.
 * @example sofaResponse({ baseline: 10, daily: [{ day: 1, value: 8 }, { day: 2, value: 8 }] }, sofaResponseParametersOf(immunosepD9)) // => { responder: true, baseline: 10, value: 8, decrease: 2, reason: 'computed' }
 */
export function sofaResponse(input: DailySofaInput, params: SofaResponseParameters): SofaResponse {
  const { baseline } = input;
  if (!(params.decreasePoints > 0)) {
    throw new TrialError(
      'endpoint.parameter',
      `decrease_points must be > 0, got ${params.decreasePoints}`,
      'decrease_points',
    );
  }
  const { value, reason } = aggregateSofa(input, params);
  if (reason === 'died' || reason === 'missing_day') {
    return { responder: false, baseline, value: undefined, decrease: undefined, reason };
  }
  if (baseline === undefined)
    return { responder: undefined, baseline, value, decrease: undefined, reason: 'no_baseline' };
  if (value === undefined) return { responder: undefined, baseline, value, decrease: undefined, reason };
  const decrease = baseline - value;
  return { responder: decrease >= params.decreasePoints - EPS, baseline, value, decrease, reason };
}
