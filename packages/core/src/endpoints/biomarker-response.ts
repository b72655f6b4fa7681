import { TrialError } from '../errors.js';
import type { DayWindow } from '../protocol/quantity-schema.js';
import { measurementNear, type DayValue } from './day-values.js';

export interface LymphocyteResponseInput {
  /** The qualifying absolute lymphocyte counts at entry (/uL): one, or the two of IRIS-7-C&D. */
  readonly qualifying: readonly number[];
  /** Counts after randomization by day (/uL). */
  readonly measurements: readonly DayValue[];
}

export interface LymphocyteResponseOptions {
  /** Day of the assessment (IRIS-7: 29, assumed). */
  readonly day: number;
  /** Days around it still accepted; default the day itself. */
  readonly window?: DayWindow;
  /** Responder threshold on the rise in percent (IRIS-7-C&D: 50); none: no responder flag. */
  readonly responsePercent?: number;
}

export interface LymphocyteResponse {
  /** Mean of the qualifying counts. */
  readonly baseline: number | undefined;
  readonly value: number | undefined;
  /** 100 x (value − baseline) / baseline. */
  readonly percentChange: number | undefined;
  readonly responder: boolean | undefined;
}

/**
 * Lymphocyte response (DOMAIN.md §8, IRIS-7): the percent change of the absolute lymphocyte count from
 * baseline, the baseline being the mean of the two qualifying counts where the protocol defines two
 * (IRIS-7-C&D [S10]), else the one qualifying count. The value is the count on `day`, or the closest in
 * the window (the earlier on a tie).
 * @throws TrialError `endpoint.input` for a qualifying count <= 0.
 * @example lymphocyteResponse({ qualifying: [600, 800], measurements: [{ day: 29, value: 2100 }] }, { day: 29, responsePercent: 50 }) // => { baseline: 700, value: 2100, percentChange: 200, responder: true }
 */
export function lymphocyteResponse(
  input: LymphocyteResponseInput,
  options: LymphocyteResponseOptions,
): LymphocyteResponse {
  const bad = input.qualifying.findIndex((c) => !(c > 0));
  if (bad >= 0) {
    throw new TrialError(
      'endpoint.input',
      `qualifying lymphocyte count ${bad} must be > 0, got ${input.qualifying[bad]}`,
      `qualifying[${bad}]`,
    );
  }
  const n = input.qualifying.length;
  const baseline = n === 0 ? undefined : input.qualifying.reduce((s, c) => s + c, 0) / n;
  const value = measurementNear(
    input.measurements,
    options.day,
    options.window ?? { before: 0, after: 0 },
  )?.value;
  const percentChange =
    baseline === undefined || value === undefined ? undefined : (100 * (value - baseline)) / baseline;
  const responder =
    percentChange === undefined || options.responsePercent === undefined
      ? undefined
      : percentChange >= options.responsePercent;
  return { baseline, value, percentChange, responder };
}

export interface MhlaDrRestorationOptions {
  /** Day of the assessment (PLATINIUM: 10). */
  readonly day: number;
  readonly window?: DayWindow;
  /** Restored when mHLA-DR >= this, in AB/C (PLATINIUM: 8000, assumed). */
  readonly thresholdAbPerCell: number;
}

export interface MhlaDrRestoration {
  readonly restored: boolean | undefined;
  readonly value: number | undefined;
  /** `died`: death before the assessment day with no value; `missing`: alive, no value in the window. */
  readonly reason: 'measured' | 'died' | 'missing';
}

/**
 * mHLA-DR restoration at a day (PLATINIUM D10): restored when the value in the window reaches the threshold.
 * Without a value the result is undefined, with the reason (death or missing): no imputation here; the
 * analysis plan decides how to count them.
 * @param measurements - mHLA-DR in AB/C by day.
 * @param deathDay - Day of death, if any.
 * @example mhlaDrRestoration([{ day: 10, value: 9100 }], undefined, { day: 10, thresholdAbPerCell: 8000 }) // => { restored: true, value: 9100, reason: 'measured' }
 */
export function mhlaDrRestoration(
  measurements: readonly DayValue[],
  deathDay: number | undefined,
  options: MhlaDrRestorationOptions,
): MhlaDrRestoration {
  const m = measurementNear(measurements, options.day, options.window ?? { before: 0, after: 0 });
  if (m) return { restored: m.value >= options.thresholdAbPerCell, value: m.value, reason: 'measured' };
  const died = deathDay !== undefined && deathDay <= options.day + (options.window?.after ?? 0);
  return { restored: undefined, value: undefined, reason: died ? 'died' : 'missing' };
}
