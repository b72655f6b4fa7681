import { checkConfType, survivalInterval, type ConfType } from './confidence-band.js';
import { checkGroupSizes, codeGroups } from './group-levels.js';
import { printMedian, type QuantileEstimate } from './km-quantiles.js';
import { normalCritical } from './probabilities.js';
import { orderByTime, rankTimes } from './sort-order.js';
import { checkConfLevel, checkSameLength, checkStatus01, checkTimes } from './validate.js';

/** Options of {@link kaplanMeier}; defaults are survfit's. */
export interface KaplanMeierOptions {
  /** One group label per row: a curve per group (survfit's `~ group`). */
  readonly group?: readonly (string | number)[];
  /** Order of the group levels (default sorted, as an R factor). */
  readonly levels?: readonly string[];
  /** Scale of the pointwise interval (default `log`, survfit's default). */
  readonly confType?: ConfType;
  /** Confidence level (default 0.95). */
  readonly confLevel?: number;
}

/**
 * One Kaplan-Meier curve, with a row per distinct observed time (events and censorings), as the
 * columns of a `survfit` object.
 */
export interface KaplanMeierCurve {
  /** Group label, or undefined for an ungrouped fit. */
  readonly group: string | undefined;
  /** Rows in the group and events among them. */
  readonly n: number;
  readonly events: number;
  readonly time: readonly number[];
  readonly nRisk: readonly number[];
  readonly nEvent: readonly number[];
  readonly nCensor: readonly number[];
  readonly surv: readonly number[];
  /** Greenwood standard error of -log S (R's `fit$std.err`; Infinity once S reaches 0). */
  readonly stdErr: readonly number[];
  /** Pointwise confidence limits (NaN where R gives NA). */
  readonly lower: readonly number[];
  readonly upper: readonly number[];
  /** Median with its confidence interval as `print.survfit` reports them (NaN if not reached). */
  readonly median: QuantileEstimate;
}

/** Kaplan-Meier fit: the curves and how their intervals were formed. */
export interface KaplanMeierFit {
  readonly confType: ConfType;
  readonly confLevel: number;
  readonly curves: readonly KaplanMeierCurve[];
}

/**
 * Kaplan-Meier estimate of the survival function (Kaplan and Meier 1958) with Greenwood's variance
 * (Greenwood 1926), per group, matching `survival::survfit(Surv(time, status) ~ group)`:
 * S(t) = prod over event times t_j <= t of (1 - d_j / n_j); var(-log S(t)) = sum d_j / (n_j (n_j - d_j)).
 * @param time - Follow-up time of each row (any unit, >= 0).
 * @param status - 1 for an event, 0 for censoring.
 * @param options - Groups and interval options.
 * @throws RangeError on a negative or non-finite time, a status other than 0/1, mismatched lengths,
 *   or a group with fewer than 2 rows.
 * @example kaplanMeier([1, 2, 3], [1, 0, 1]).curves[0]?.surv // => [0.6666667, 0.6666667, 0]
 */
export function kaplanMeier(
  time: readonly number[],
  status: readonly number[],
  options: KaplanMeierOptions = {},
): KaplanMeierFit {
  const confType = options.confType ?? 'log';
  const confLevel = options.confLevel ?? 0.95;
  checkConfType(confType);
  checkConfLevel(confLevel);
  checkSameLength(options.group === undefined ? { time, status } : { time, status, group: options.group });
  checkTimes(time);
  checkStatus01(status);
  const coding = options.group === undefined ? undefined : codeGroups(options.group, 'group', options.levels);
  if (coding !== undefined) checkGroupSizes(coding, 'group');
  const levelCount = coding?.levels.length ?? 1;
  const order = orderByTime(rankTimes(time), coding?.index, levelCount);
  const z = normalCritical(confLevel);
  const curves: KaplanMeierCurve[] = [];
  let start = 0;
  for (let k = 0; k < levelCount; k++) {
    const size = coding?.counts[k] ?? time.length;
    curves.push(curveOf(order.subarray(start, start + size), time, status, coding?.levels[k], z, confType));
    start += size;
  }
  return { confType, confLevel, curves };
}

function curveOf(
  rows: Int32Array,
  time: readonly number[],
  status: readonly number[],
  group: string | undefined,
  z: number,
  confType: ConfType,
): KaplanMeierCurve {
  const times: number[] = [];
  const nRisk: number[] = [];
  const nEvent: number[] = [];
  const nCensor: number[] = [];
  const surv: number[] = [];
  const stdErr: number[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  let atRisk = rows.length;
  let s = 1;
  let greenwood = 0;
  let events = 0;
  let i = 0;
  while (i < rows.length) {
    const t = time[rows[i] ?? 0] ?? 0;
    let d = 0;
    let c = 0;
    while (i < rows.length && time[rows[i] ?? 0] === t) {
      if (status[rows[i] ?? 0] === 1) d++;
      else c++;
      i++;
    }
    s *= 1 - d / atRisk;
    // d / (n (n - d)) is +Infinity when everyone at risk fails, as in R.
    if (d > 0) greenwood += d / (atRisk * (atRisk - d));
    const se = Math.sqrt(greenwood);
    const band = survivalInterval(s, se, z, confType);
    times.push(t);
    nRisk.push(atRisk);
    nEvent.push(d);
    nCensor.push(c);
    surv.push(s);
    stdErr.push(se);
    lower.push(band.lower);
    upper.push(band.upper);
    atRisk -= d + c;
    events += d;
  }
  return {
    group,
    n: rows.length,
    events,
    time: times,
    nRisk,
    nEvent,
    nCensor,
    surv,
    stdErr,
    lower,
    upper,
    median: printMedian(times, surv, lower, upper),
  };
}
