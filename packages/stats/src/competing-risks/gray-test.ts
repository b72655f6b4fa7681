import { checkGroupSizes, codeGroups } from '../survival/group-levels.js';
import { quadraticFormInverse } from '../survival/linear-algebra.js';
import { chiSquarePValue } from '../survival/probabilities.js';
import { orderByTime, rankTimes } from '../survival/sort-order.js';
import { checkSameLength, checkTimes } from '../survival/validate.js';
import { codeCompetingStatus } from './status-codes.js';

/** Options of {@link grayTest}; defaults are cuminc's. */
export interface GrayTestOptions {
  /** Stratum label of each row: scores and variances are summed over strata (cuminc's `strata`). */
  readonly strata?: readonly (string | number)[];
  /** Power of the weight (1 - F(t-))^rho (default 0). */
  readonly rho?: number;
  /** Order of the group levels (default sorted). */
  readonly levels?: readonly string[];
  /** Status code of censored rows (default 0). */
  readonly cencode?: number;
}

/** Gray's test for one cause, as a row of cuminc's `Tests`. */
export interface GrayTestResult {
  readonly cause: number;
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
  /** Weighted observed - expected score per group (sums to 0). */
  readonly score: readonly number[];
}

/**
 * Gray's K-sample test of equal cumulative incidence (Gray 1988, Ann. Statist. 16:1141), for every
 * cause, matching `cmprsk::cuminc(...)$Tests`. The score for group k is
 * z_k = sum_t w(t) [d_1k(t) - d_1(t) R_k(t) / R(t)], with R_k = Y_k (1 - F_1k(t-)) / S_k(t-) the
 * group's subdistribution risk set and w = (1 - F_1(t-))^rho from the pooled subdistribution. Its
 * covariance is Gray's martingale estimate under the null hypothesis: the cause-1 increments use the
 * pooled subdistribution hazard d_1 / sum_g(Y_g / S_g), the competing increments each group's own
 * counts, both with a finite-population correction for tied events; the estimation of R_k feeds
 * back through the running coefficients H (one pass over time, O(n + T K^2)). The statistic is
 * z' V^-1 z over the first K - 1 groups, chi-square with K - 1 degrees of freedom. The finite-sample
 * form of the covariance follows the equations as written out in the MIT-licensed reference
 * implementation of Gray (1988) in the cifmodeling R package; the numbers are checked against cmprsk.
 * @param time - Follow-up time of each row (>= 0).
 * @param status - `cencode` for censoring, any other integer code for a cause.
 * @param group - Group label of each row (at least 2 groups of at least 2 rows).
 * @param options - Strata, rho, level order, censoring code.
 * @throws RangeError on bad input, fewer than two groups, or a singular covariance.
 * @example grayTest(ties.time, ties.cause, ties.arm).map((t) => t.statistic)
 *   // => [0.0002602263, 0.07454493] (the `ties` fixture; R: cuminc(...)$Tests[, 'stat'])
 */
export function grayTest(
  time: readonly number[],
  status: readonly number[],
  group: readonly (string | number)[],
  options: GrayTestOptions = {},
): GrayTestResult[] {
  const rho = options.rho ?? 0;
  if (!Number.isFinite(rho) || rho < 0) throw new RangeError(`rho must be a finite number >= 0, got ${rho}`);
  checkSameLength(
    options.strata === undefined ? { time, status, group } : { time, status, group, strata: options.strata },
  );
  checkTimes(time);
  const coded = codeCompetingStatus(status, options.cencode ?? 0);
  const groups = codeGroups(group, 'group', options.levels);
  checkGroupSizes(groups, 'group');
  const k = groups.levels.length;
  if (k < 2)
    throw new RangeError(`group has a single level ("${groups.levels[0] ?? ''}"); the test needs at least 2`);
  const strata = options.strata === undefined ? undefined : codeGroups(options.strata, 'strata');
  const stratumCount = strata?.levels.length ?? 1;
  const order = orderByTime(rankTimes(time), strata?.index, stratumCount);
  return coded.causes.map((cause, c) => {
    const score = new Float64Array(k);
    const variance = new Float64Array(k * k);
    let start = 0;
    for (let h = 0; h < stratumCount; h++) {
      const size = strata?.counts[h] ?? time.length;
      accumulateStratum(
        order.subarray(start, start + size),
        time,
        coded.cause,
        c,
        groups.index,
        k,
        rho,
        score,
        variance,
      );
      start += size;
    }
    const m = k - 1;
    const v = new Float64Array(m * m);
    for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) v[a * m + b] = variance[a * k + b] ?? 0;
    const statistic = quadraticFormInverse(v, m, score.subarray(0, m));
    if (statistic === undefined)
      throw new RangeError(`Gray's test for cause ${cause}: the covariance of the scores is singular`);
    return { cause, statistic, df: m, pValue: chiSquarePValue(statistic, m), score: Array.from(score) };
  });
}

/** One stratum's contribution to the scores and their covariance (full K x K). */
function accumulateStratum(
  rows: Int32Array,
  time: readonly number[],
  cause: Int32Array,
  target: number,
  groupIndex: Int32Array,
  k: number,
  rho: number,
  score: Float64Array,
  variance: Float64Array,
): void {
  const atRisk = new Float64Array(k);
  for (const row of rows) atRisk[groupIndex[row] ?? 0] = (atRisk[groupIndex[row] ?? 0] ?? 0) + 1;
  const S = new Float64Array(k).fill(1);
  const F = new Float64Array(k);
  const d1 = new Float64Array(k);
  const d2 = new Float64Array(k);
  const gone = new Float64Array(k);
  const standardized = new Float64Array(k);
  const derivative = new Float64Array(k * k);
  const H = new Float64Array(k * k);
  const cross = new Float64Array(k * k);
  const historyVariance = new Float64Array(k);
  const innovation = new Float64Array(k);
  let pooledF = 0;
  let i = 0;
  while (i < rows.length) {
    const t = time[rows[i] ?? 0];
    d1.fill(0);
    d2.fill(0);
    gone.fill(0);
    while (i < rows.length && time[rows[i] ?? 0] === t) {
      const row = rows[i] ?? 0;
      const g = groupIndex[row] ?? 0;
      const c = cause[row] ?? -1;
      if (c === target) d1[g] = (d1[g] ?? 0) + 1;
      else if (c >= 0) d2[g] = (d2[g] ?? 0) + 1;
      gone[g] = (gone[g] ?? 0) + 1;
      i++;
    }
    let D1 = 0;
    let D2 = 0;
    let sumStandardized = 0;
    let sumRisk = 0;
    for (let g = 0; g < k; g++) {
      D1 += d1[g] ?? 0;
      D2 += d2[g] ?? 0;
      const y = atRisk[g] ?? 0;
      const s = y > 0 ? y / (S[g] ?? 1) : 0;
      standardized[g] = s;
      sumStandardized += s;
      sumRisk += s * (1 - (F[g] ?? 0));
    }
    if (D1 + D2 > 0) {
      const newPooledF = pooledF + D1 / sumStandardized;
      const w = rho === 0 ? 1 : (1 - pooledF) ** rho;
      for (let a = 0; a < k; a++) {
        for (let b = 0; b < k; b++) {
          const sa = standardized[a] ?? 0;
          derivative[a * k + b] = w * sa * ((a === b ? 1 : 0) - (standardized[b] ?? 0) / sumStandardized);
        }
      }
      if (D1 > 0) {
        for (let a = 0; a < k; a++) {
          const risk = (standardized[a] ?? 0) * (1 - (F[a] ?? 0));
          score[a] = (score[a] ?? 0) + w * ((d1[a] ?? 0) - (D1 * risk) / sumRisk);
        }
        const step = D1 / (sumStandardized * (1 - pooledF));
        for (let j = 0; j < k * k; j++) H[j] = (H[j] ?? 0) + (derivative[j] ?? 0) * step;
      }
      for (let g = 0; g < k; g++) {
        const y = atRisk[g] ?? 0;
        if (y === 0) continue;
        const sOld = S[g] ?? 1;
        const sNew = sOld * (1 - ((d1[g] ?? 0) + (d2[g] ?? 0)) / y);
        if (D1 > 0) {
          const censoring = sNew > 0 ? 1 - (1 - newPooledF) / sNew : 1;
          const finite = D1 > 1 ? 1 - (D1 - 1) / (sumStandardized * sOld - 1) : 1;
          const hazardVariance = (finite * sOld * D1) / (sumStandardized * y);
          for (let a = 0; a < k; a++)
            innovation[a] = (derivative[a * k + g] ?? 0) - censoring * (H[a * k + g] ?? 0);
          addOuter(variance, innovation, innovation, hazardVariance, k);
          for (let a = 0; a < k; a++)
            cross[a * k + g] = (cross[a * k + g] ?? 0) + (innovation[a] ?? 0) * censoring * hazardVariance;
          historyVariance[g] = (historyVariance[g] ?? 0) + censoring * censoring * hazardVariance;
        }
        const dg = d2[g] ?? 0;
        if (dg > 0 && sNew > 0) {
          const censoring = (1 - newPooledF) / sNew;
          const finite = dg > 1 ? 1 - (dg - 1) / (y - 1) : 1;
          const hazardVariance = (finite * sOld * sOld * dg) / (y * y);
          for (let a = 0; a < k; a++) innovation[a] = censoring * (H[a * k + g] ?? 0);
          addOuter(variance, innovation, innovation, hazardVariance, k);
          for (let a = 0; a < k; a++)
            cross[a * k + g] = (cross[a * k + g] ?? 0) - (innovation[a] ?? 0) * censoring * hazardVariance;
          historyVariance[g] = (historyVariance[g] ?? 0) + censoring * censoring * hazardVariance;
        }
        F[g] = (F[g] ?? 0) + (sOld * (d1[g] ?? 0)) / y;
        S[g] = sNew;
      }
      pooledF = newPooledF;
    }
    for (let g = 0; g < k; g++) atRisk[g] = (atRisk[g] ?? 0) - (gone[g] ?? 0);
  }
  // Coefficients accumulated after an increment multiply it too: close the sums with the final H.
  for (let g = 0; g < k; g++) {
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        const hag = H[a * k + g] ?? 0;
        const hbg = H[b * k + g] ?? 0;
        variance[a * k + b] =
          (variance[a * k + b] ?? 0) +
          hag * hbg * (historyVariance[g] ?? 0) +
          hag * (cross[b * k + g] ?? 0) +
          hbg * (cross[a * k + g] ?? 0);
      }
    }
  }
}

function addOuter(target: Float64Array, x: Float64Array, y: Float64Array, scale: number, k: number): void {
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++)
      target[a * k + b] = (target[a * k + b] ?? 0) + (x[a] ?? 0) * (y[b] ?? 0) * scale;
  }
}
