import { checkGroupSizes, codeGroups } from '../survival/group-levels.js';
import { orderByTime, rankTimes } from '../survival/sort-order.js';
import { checkSameLength, checkTimes } from '../survival/validate.js';
import { codeCompetingStatus } from './status-codes.js';

/** Options of {@link cumulativeIncidence}. */
export interface CumulativeIncidenceOptions {
  /** Group label of each row: one curve per group and cause (cuminc's `group`). */
  readonly group?: readonly (string | number)[];
  /** Order of the group levels (default sorted). */
  readonly levels?: readonly string[];
  /** Status code of censored rows (default 0, cuminc's `cencode`). */
  readonly cencode?: number;
}

/** The cumulative incidence of one cause in one group, at each distinct event time of the group. */
export interface CumulativeIncidenceCurve {
  readonly group: string | undefined;
  readonly cause: number;
  readonly time: readonly number[];
  /** Rows at risk just before each time, and events of this cause at it. */
  readonly nRisk: readonly number[];
  readonly nEvent: readonly number[];
  /** Aalen-Johansen estimate of P(T <= t, cause). */
  readonly estimate: readonly number[];
  /** Variance as `cmprsk::cuminc` reports it (delta method, hypergeometric counts). */
  readonly variance: readonly number[];
  /** Standard error as `survfit`'s multi-state fit reports it (infinitesimal jackknife). */
  readonly stdErr: readonly number[];
  /** Last follow-up time in the group (events or censoring). */
  readonly lastTime: number;
}

/** Curves for every group x cause, in group order then cause order. */
export interface CumulativeIncidenceFit {
  readonly groups: readonly (string | undefined)[];
  readonly causes: readonly number[];
  readonly curves: readonly CumulativeIncidenceCurve[];
}

/**
 * Cumulative incidence functions by the Aalen-Johansen estimator (Aalen and Johansen 1978; Kalbfleisch
 * and Prentice 2002, section 8.2): F_c(t) = sum over t_j <= t of S(t_j-) d_cj / n_j, S the all-cause
 * Kaplan-Meier estimate. Two variances:
 * - `variance`, as cmprsk::cuminc: the delta method on the hazard increments (Aalen 1978b; Pintilie
 *   2006, section 4.2) with v(d) = d (n - d) / (n - 1) for a count d (d itself when n = 1):
 *   V(t) = sum_j [(S(t_j-)/n_j - a_j/(n_j - d_j))^2 v(d_cj) + a_j^2/(n_j - d_j)^2 v(d_j - d_cj)],
 *   a_j = F_c(t) - F_c(t_j), the other causes counting as one;
 * - `stdErr`, as survfit's multi-state fit: the infinitesimal jackknife, the square root of the sum
 *   over rows of their squared influence on F_c(t) (Efron 1982), computed in one pass with running
 *   sums because a row's influence after it leaves the risk set is a + b F_c(t).
 * @param time - Follow-up time of each row (>= 0).
 * @param status - `cencode` (default 0) for censoring, any other integer code for a cause.
 * @param options - Groups and the censoring code.
 * @throws RangeError on bad input, no events, or a group with fewer than 2 rows.
 * @example cumulativeIncidence([1, 2, 3, 4], [1, 2, 1, 0]).curves[0]?.estimate // => [0.25, 0.25, 0.5]
 */
export function cumulativeIncidence(
  time: readonly number[],
  status: readonly number[],
  options: CumulativeIncidenceOptions = {},
): CumulativeIncidenceFit {
  checkSameLength(options.group === undefined ? { time, status } : { time, status, group: options.group });
  checkTimes(time);
  const coded = codeCompetingStatus(status, options.cencode ?? 0);
  const coding = options.group === undefined ? undefined : codeGroups(options.group, 'group', options.levels);
  if (coding !== undefined) checkGroupSizes(coding, 'group');
  const groupCount = coding?.levels.length ?? 1;
  const order = orderByTime(rankTimes(time), coding?.index, groupCount);
  const curves: CumulativeIncidenceCurve[] = [];
  let start = 0;
  for (let g = 0; g < groupCount; g++) {
    const size = coding?.counts[g] ?? time.length;
    curves.push(
      ...groupCurves(order.subarray(start, start + size), time, coded.cause, coded.causes, coding?.levels[g]),
    );
    start += size;
  }
  return { groups: coding?.levels ?? [undefined], causes: coded.causes, curves };
}

interface CurveBuilder {
  time: number[];
  nRisk: number[];
  nEvent: number[];
  estimate: number[];
  variance: number[];
  stdErr: number[];
}

function groupCurves(
  rows: Int32Array,
  time: readonly number[],
  cause: Int32Array,
  causes: readonly number[],
  group: string | undefined,
): CumulativeIncidenceCurve[] {
  const m = causes.length;
  const out: CurveBuilder[] = causes.map(() => ({
    time: [],
    nRisk: [],
    nEvent: [],
    estimate: [],
    variance: [],
    stdErr: [],
  }));
  const d = new Float64Array(m);
  const F = new Float64Array(m);
  // cmprsk variance: V = A0 - 2 F A1 + F^2 A2 per cause (see the JSDoc of cumulativeIncidence).
  const A0 = new Float64Array(m);
  const A1 = new Float64Array(m);
  const A2 = new Float64Array(m);
  // Infinitesimal jackknife: influence of a row still at risk (on S and each F), and for rows that
  // left, sums of a^2, a b and b^2 where their influence on F_c(t) is a_c + b F_c(t).
  let atRiskS = 0;
  const atRiskF = new Float64Array(m);
  const sumA2 = new Float64Array(m);
  const sumAB = new Float64Array(m);
  let sumB2 = 0;
  const newF = new Float64Array(m);
  let S = 1;
  let n = rows.length;
  let i = 0;
  while (i < rows.length) {
    const t = time[rows[i] ?? 0] ?? 0;
    d.fill(0);
    let censored = 0;
    while (i < rows.length && time[rows[i] ?? 0] === t) {
      const c = cause[rows[i] ?? 0] ?? -1;
      if (c < 0) censored++;
      else d[c] = (d[c] ?? 0) + 1;
      i++;
    }
    let dAll = 0;
    for (let c = 0; c < m; c++) dAll += d[c] ?? 0;
    if (dAll > 0) {
      const lambda = dAll / n;
      const newS = S * (1 - lambda);
      for (let c = 0; c < m; c++) newF[c] = (F[c] ?? 0) + (S * (d[c] ?? 0)) / n;
      // cmprsk's running sums.
      const q = n - dAll;
      const r = q > 0 ? 1 / q : 0;
      // A count's variance d (n - d) / (n - 1); with a single row at risk cuminc uses d.
      const v = (count: number): number => (n > 1 ? (count * (n - count)) / (n - 1) : count);
      for (let c = 0; c < m; c++) {
        const v1 = v(d[c] ?? 0);
        // The other causes count as one competing event type.
        const w = v(dAll - (d[c] ?? 0));
        const Fj = newF[c] ?? 0;
        const p = S / n + Fj * r;
        A0[c] = (A0[c] ?? 0) + v1 * p * p + w * r * r * Fj * Fj;
        A1[c] = (A1[c] ?? 0) + v1 * p * r + w * r * r * Fj;
        A2[c] = (A2[c] ?? 0) + (v1 + w) * r * r;
      }
      // Jackknife: influence of this time's hazard increments on S and F.
      const survivorS = atRiskS * (1 - lambda) + (S * lambda) / n;
      const leavingB = (influenceS: number): number => (newS > 0 ? influenceS / newS : 0);
      const addLeaving = (count: number, influenceS: number, influenceF: (c: number) => number): void => {
        if (count === 0) return;
        const b = leavingB(influenceS);
        sumB2 += count * b * b;
        for (let c = 0; c < m; c++) {
          const a = influenceF(c) - b * (newF[c] ?? 0);
          sumA2[c] = (sumA2[c] ?? 0) + count * a * a;
          sumAB[c] = (sumAB[c] ?? 0) + count * a * b;
        }
      };
      const survivorF = (c: number): number =>
        (atRiskF[c] ?? 0) + atRiskS * ((d[c] ?? 0) / n) - (S * (d[c] ?? 0)) / (n * n);
      addLeaving(censored, survivorS, survivorF);
      const eventS = atRiskS * (1 - lambda) - (S * (1 - lambda)) / n;
      for (let e = 0; e < m; e++) {
        addLeaving(d[e] ?? 0, eventS, (c) => survivorF(c) + (c === e ? S / n : 0));
      }
      for (let c = 0; c < m; c++) atRiskF[c] = survivorF(c);
      atRiskS = survivorS;
      const remaining = n - dAll - censored;
      for (let c = 0; c < m; c++) {
        const f = newF[c] ?? 0;
        const curve = out[c];
        if (curve === undefined) continue;
        const ij =
          remaining * (atRiskF[c] ?? 0) ** 2 + (sumA2[c] ?? 0) + 2 * f * (sumAB[c] ?? 0) + f * f * sumB2;
        curve.time.push(t);
        curve.nRisk.push(n);
        curve.nEvent.push(d[c] ?? 0);
        curve.estimate.push(f);
        curve.variance.push(Math.max(0, (A0[c] ?? 0) - 2 * f * (A1[c] ?? 0) + f * f * (A2[c] ?? 0)));
        curve.stdErr.push(Math.sqrt(Math.max(0, ij)));
        F[c] = f;
      }
      S = newS;
    } else {
      // Rows censored at a time without events leave with the influence of those still at risk.
      if (censored > 0) {
        const b = S > 0 ? atRiskS / S : 0;
        sumB2 += censored * b * b;
        for (let c = 0; c < m; c++) {
          const a = (atRiskF[c] ?? 0) - b * (F[c] ?? 0);
          sumA2[c] = (sumA2[c] ?? 0) + censored * a * a;
          sumAB[c] = (sumAB[c] ?? 0) + censored * a * b;
        }
      }
    }
    n -= dAll + censored;
  }
  const lastTime = time[rows[rows.length - 1] ?? 0] ?? 0;
  return out.map((curve, c) => ({ group, cause: causes[c] ?? 0, ...curve, lastTime }));
}
