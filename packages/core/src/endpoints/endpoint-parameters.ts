import { TrialError } from '../errors.js';
import { isAssumed, valueOf } from '../protocol/assumed.js';
import type { Endpoint } from '../protocol/endpoint-schema.js';
import type { DayWindow } from '../protocol/quantity-schema.js';
import type { LymphocyteResponseOptions, MhlaDrRestorationOptions } from './biomarker-response.js';
import type { SecondaryInfectionOptions } from './secondary-infection.js';
import type {
  SofaAggregate,
  SofaDeathRule,
  SofaMissingRule,
  SofaResponseParameters,
} from './sofa-response.js';

/** Options read from a protocol endpoint, with the names of the values that are assumed. */
export type WithAssumed<T> = T & { readonly assumed: readonly string[] };

type Entry = Endpoint['parameters'][string];

function fail(endpoint: Endpoint, name: string, message: string): TrialError {
  return new TrialError(
    'endpoint.parameter',
    `endpoint ${endpoint.id}: ${message}`,
    `endpoints.${endpoint.id}.parameters.${name}`,
  );
}

function entry(endpoint: Endpoint, name: string): Entry | undefined {
  return endpoint.parameters[name];
}

function numberParam(endpoint: Endpoint, name: string): number | undefined {
  const e = entry(endpoint, name);
  if (e === undefined) return undefined;
  if (typeof e.value !== 'number')
    throw fail(endpoint, name, `${name} must be a number, got ${JSON.stringify(e.value)}`);
  return e.value;
}

function stringParam<T extends string>(
  endpoint: Endpoint,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const e = entry(endpoint, name);
  if (e === undefined) return undefined;
  const found = allowed.find((a) => a === e.value);
  if (found === undefined) {
    throw fail(
      endpoint,
      name,
      `${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(e.value)}`,
    );
  }
  return found;
}

function assumedNames(endpoint: Endpoint, names: readonly string[]): string[] {
  const out = isAssumed(endpoint.horizon_days) ? ['horizon_days'] : [];
  for (const n of names) if (isAssumed(entry(endpoint, n))) out.push(n);
  return out;
}

/**
 * Secondary-infection options of an endpoint: the horizon, and the parameters
 * `repeat_infection_timeframe_days`, `infection_window_half_days`, `first_counted_day` when given.
 * @example secondaryInfectionOptionsOf(platinium.endpoints[0]) // => { horizonDays: 90, repeatInfectionTimeframeDays: 14, assumed: ['repeat_infection_timeframe_days'] }
 */
export function secondaryInfectionOptionsOf(endpoint: Endpoint): WithAssumed<SecondaryInfectionOptions> {
  const names = ['repeat_infection_timeframe_days', 'infection_window_half_days', 'first_counted_day'];
  const rit = numberParam(endpoint, 'repeat_infection_timeframe_days');
  const half = numberParam(endpoint, 'infection_window_half_days');
  const first = numberParam(endpoint, 'first_counted_day');
  return {
    horizonDays: valueOf(endpoint.horizon_days),
    ...(rit === undefined ? {} : { repeatInfectionTimeframeDays: rit }),
    ...(half === undefined ? {} : { infectionWindowHalfDays: half }),
    ...(first === undefined ? {} : { firstCountedDay: first }),
    assumed: assumedNames(endpoint, names),
  };
}

const DEATH_RULES: readonly SofaDeathRule[] = ['non_responder', 'worst_score', 'available_days'];
const MISSING_RULES: readonly SofaMissingRule[] = [
  'mean_of_available_days',
  'last_observation_carried_forward',
  'non_responder',
];

function parseAggregate(endpoint: Endpoint): SofaAggregate {
  const e = entry(endpoint, 'aggregate');
  if (e === undefined)
    throw fail(endpoint, 'aggregate', 'aggregate is required (e.g. mean_day_1_to_9 or day_9_value)');
  const text = String(e.value);
  const mean = /^mean_day_(\d+)_to_(\d+)$/.exec(text);
  if (mean) {
    const fromDay = Number(mean[1]);
    const toDay = Number(mean[2]);
    if (fromDay <= toDay) return { kind: 'mean', fromDay, toDay };
  }
  const day = /^day_(\d+)_value$/.exec(text);
  if (day) return { kind: 'day_value', day: Number(day[1]) };
  throw fail(
    endpoint,
    'aggregate',
    `aggregate must be mean_day_A_to_B (A <= B) or day_N_value, got ${JSON.stringify(e.value)}`,
  );
}

/**
 * The SOFA responder rule of an endpoint (ImmunoSep `sofa-response-d9`) from its parameters:
 * `decrease_points` (number), `aggregate` (`mean_day_A_to_B` or `day_N_value`), the death rule
 * (`death_handling`, or `death_before_day_N`: non_responder | worst_score | available_days) and
 * `missing_daily_sofa` (mean_of_available_days | last_observation_carried_forward | non_responder).
 * `assumed` lists the ones that are assumed (ImmunoSep: aggregate, death, missing).
 * @throws TrialError `endpoint.parameter` naming the parameter, its value and the allowed values.
 */
export function sofaResponseParametersOf(endpoint: Endpoint): SofaResponseParameters {
  const decreasePoints = numberParam(endpoint, 'decrease_points');
  if (decreasePoints === undefined) throw fail(endpoint, 'decrease_points', 'decrease_points is required');
  const deathName =
    Object.keys(endpoint.parameters).find(
      (k) => k === 'death_handling' || /^death_before_day_\d+$/.test(k),
    ) ?? 'death_handling';
  const death = stringParam(endpoint, deathName, DEATH_RULES);
  if (death === undefined)
    throw fail(endpoint, deathName, `${deathName} is required (${DEATH_RULES.join(', ')})`);
  const missing = stringParam(endpoint, 'missing_daily_sofa', MISSING_RULES);
  if (missing === undefined) {
    throw fail(
      endpoint,
      'missing_daily_sofa',
      `missing_daily_sofa is required (${MISSING_RULES.join(', ')})`,
    );
  }
  return {
    decreasePoints,
    aggregate: parseAggregate(endpoint),
    death,
    missing,
    assumed: assumedNames(endpoint, ['decrease_points', 'aggregate', deathName, 'missing_daily_sofa']),
  };
}

/**
 * mHLA-DR restoration options of an endpoint (PLATINIUM `immune-restoration-d10`): the horizon as the day,
 * `mhla_dr_restored_ab_per_cell` as the threshold; the window is the visit's (e.g. the d10 visit).
 * @throws TrialError `endpoint.parameter` if the threshold is missing.
 */
export function mhlaDrRestorationOptionsOf(
  endpoint: Endpoint,
  window?: DayWindow,
): WithAssumed<MhlaDrRestorationOptions> {
  const threshold = numberParam(endpoint, 'mhla_dr_restored_ab_per_cell');
  if (threshold === undefined) {
    throw fail(endpoint, 'mhla_dr_restored_ab_per_cell', 'mhla_dr_restored_ab_per_cell is required');
  }
  return {
    day: valueOf(endpoint.horizon_days),
    thresholdAbPerCell: threshold,
    ...(window === undefined ? {} : { window }),
    assumed: assumedNames(endpoint, ['mhla_dr_restored_ab_per_cell']),
  };
}

/**
 * Lymphocyte-response options of an endpoint (IRIS-7 `alc-change`): the horizon as the day and, when given,
 * `response_percent` as the responder threshold.
 */
export function lymphocyteResponseOptionsOf(
  endpoint: Endpoint,
  window?: DayWindow,
): WithAssumed<LymphocyteResponseOptions> {
  const responsePercent = numberParam(endpoint, 'response_percent');
  return {
    day: valueOf(endpoint.horizon_days),
    ...(window === undefined ? {} : { window }),
    ...(responsePercent === undefined ? {} : { responsePercent }),
    assumed: assumedNames(endpoint, ['response_percent']),
  };
}
