import { checkGroupSizes, codeGroups, type GroupCoding } from './group-levels.js';
import { quadraticFormInverse } from './linear-algebra.js';
import { chiSquarePValue } from './probabilities.js';
import { orderByTime, rankTimes } from './sort-order.js';
import { checkSameLength, checkStatus01, checkTimes } from './validate.js';

/** Options of {@link logRankTest}; defaults are survdiff's. */
export interface LogRankOptions {
  /** G-rho weight exponent: 0 for the log-rank test (default), 1 for Peto-Peto's Wilcoxon. */
  readonly rho?: number;
  /** Stratum label of each row: the test sums per-stratum statistics (survdiff's `strata()`). */
  readonly strata?: readonly (string | number)[];
  /** Order of the group levels (default sorted). */
  readonly levels?: readonly string[];
}

/** Result of the G-rho test, with survdiff's fields. */
export interface LogRankResult {
  readonly rho: number;
  readonly groups: readonly string[];
  /** Rows per group. */
  readonly n: readonly number[];
  /** Observed and expected (weighted when rho != 0) events per group, summed over strata. */
  readonly observed: readonly number[];
  readonly expected: readonly number[];
  /** Variance-covariance matrix of observed - expected (groups x groups). */
  readonly variance: readonly (readonly number[])[];
  readonly chisq: number;
  /** Groups with expected > 0, minus 1. */
  readonly df: number;
  readonly pValue: number;
  /** With strata: their levels, sizes, and observed / expected per group (rows) and stratum (columns). */
  readonly strata?: {
    readonly levels: readonly string[];
    readonly n: readonly number[];
    readonly observed: readonly (readonly number[])[];
    readonly expected: readonly (readonly number[])[];
  };
}

/**
 * The G-rho family of k-sample tests (Harrington and Fleming 1982), as `survival::survdiff`: at each
 * event time the weight is S(t-)^rho, with S the Kaplan-Meier estimate of the pooled stratum;
 * O_k = sum w d_k, E_k = sum w d n_k / n, V_kl = sum w^2 d (n - d) / (n - 1) (n_k / n)(delta_kl - n_l / n),
 * and chisq = (O - E)' V^- (O - E) over the groups with E > 0, dropping the first.
 * @param time - Follow-up time of each row (>= 0).
 * @param status - 1 for an event, 0 for censoring.
 * @param group - Group label of each row (at least two groups, each with at least 2 rows).
 * @param options - rho, strata and level order.
 * @throws RangeError on bad input, fewer than two groups, or a singular variance matrix.
 * @example logRankTest(aml.time, aml.status, aml.x).chisq
 *   // => 3.396389 (R: survdiff(Surv(time, status) ~ x, data = aml)$chisq)
 */
export function logRankTest(
  time: readonly number[],
  status: readonly number[],
  group: readonly (string | number)[],
  options: LogRankOptions = {},
): LogRankResult {
  const rho = options.rho ?? 0;
  if (!Number.isFinite(rho) || rho < 0) throw new RangeError(`rho must be a finite number >= 0, got ${rho}`);
  checkSameLength(
    options.strata === undefined ? { time, status, group } : { time, status, group, strata: options.strata },
  );
  checkTimes(time);
  checkStatus01(status);
  const groups = codeGroups(group, 'group', options.levels);
  checkGroupSizes(groups, 'group');
  const k = groups.levels.length;
  if (k < 2)
    throw new RangeError(`group has a single level ("${groups.levels[0] ?? ''}"); the test needs at least 2`);
  const strata = options.strata === undefined ? undefined : codeGroups(options.strata, 'strata');
  const stratumCount = strata?.levels.length ?? 1;
  const order = orderByTime(rankTimes(time), strata?.index, stratumCount);
  const observed = Array.from({ length: k }, () => new Float64Array(stratumCount));
  const expected = Array.from({ length: k }, () => new Float64Array(stratumCount));
  const variance = new Float64Array(k * k);
  let start = 0;
  for (let h = 0; h < stratumCount; h++) {
    const size = strata?.counts[h] ?? time.length;
    const rows = order.subarray(start, start + size);
    accumulateStratum(rows, time, status, groups, rho, h, observed, expected, variance);
    start += size;
  }
  const observedTotal = observed.map((row) => row.reduce((a, b) => a + b, 0));
  const expectedTotal = expected.map((row) => row.reduce((a, b) => a + b, 0));
  const { chisq, df } = chiSquareStatistic(observedTotal, expectedTotal, variance, k);
  const result: LogRankResult = {
    rho,
    groups: groups.levels,
    n: groups.counts,
    observed: observedTotal,
    expected: expectedTotal,
    variance: Array.from({ length: k }, (_, i) => Array.from(variance.subarray(i * k, i * k + k))),
    chisq,
    df,
    pValue: chiSquarePValue(chisq, df),
  };
  if (strata === undefined) return result;
  return {
    ...result,
    strata: {
      levels: strata.levels,
      n: strata.counts,
      observed: observed.map((row) => Array.from(row)),
      expected: expected.map((row) => Array.from(row)),
    },
  };
}

function accumulateStratum(
  rows: Int32Array,
  time: readonly number[],
  status: readonly number[],
  groups: GroupCoding,
  rho: number,
  stratum: number,
  observed: Float64Array[],
  expected: Float64Array[],
  variance: Float64Array,
): void {
  const k = groups.levels.length;
  const atRisk = new Float64Array(k);
  const deaths = new Float64Array(k);
  const leaving = new Float64Array(k);
  for (const row of rows) {
    const g = groups.index[row] ?? 0;
    atRisk[g] = (atRisk[g] ?? 0) + 1;
  }
  let n = rows.length;
  let km = 1;
  let i = 0;
  while (i < rows.length) {
    const t = time[rows[i] ?? 0];
    deaths.fill(0);
    leaving.fill(0);
    let d = 0;
    let gone = 0;
    while (i < rows.length && time[rows[i] ?? 0] === t) {
      const row = rows[i] ?? 0;
      const g = groups.index[row] ?? 0;
      if (status[row] === 1) {
        deaths[g] = (deaths[g] ?? 0) + 1;
        d++;
      }
      leaving[g] = (leaving[g] ?? 0) + 1;
      gone++;
      i++;
    }
    if (d > 0) {
      const w = rho === 0 ? 1 : km ** rho;
      const tieFactor = n > 1 ? (w * w * d * (n - d)) / (n - 1) : 0;
      for (let a = 0; a < k; a++) {
        const share = (atRisk[a] ?? 0) / n;
        const obs = observed[a];
        const exp = expected[a];
        if (obs !== undefined) obs[stratum] = (obs[stratum] ?? 0) + w * (deaths[a] ?? 0);
        if (exp !== undefined) exp[stratum] = (exp[stratum] ?? 0) + w * d * share;
        for (let b = 0; b < k; b++) {
          const cov = share * ((a === b ? 1 : 0) - (atRisk[b] ?? 0) / n);
          variance[a * k + b] = (variance[a * k + b] ?? 0) + tieFactor * cov;
        }
      }
      km *= 1 - d / n;
    }
    for (let a = 0; a < k; a++) atRisk[a] = (atRisk[a] ?? 0) - (leaving[a] ?? 0);
    n -= gone;
  }
}

/** survdiff's statistic: the groups with E > 0, the first of them dropped, (O - E)' V^-1 (O - E). */
function chiSquareStatistic(
  observed: readonly number[],
  expected: readonly number[],
  variance: Float64Array,
  k: number,
): { chisq: number; df: number } {
  const kept = expected.flatMap((e, i) => (e > 0 ? [i] : []));
  const df = kept.length - 1;
  if (kept.length < 2) return { chisq: 0, df: Math.max(df, 0) };
  const used = kept.slice(1);
  const m = used.length;
  const v = new Float64Array(m * m);
  const diff = new Float64Array(m);
  used.forEach((a, i) => {
    diff[i] = (observed[a] ?? 0) - (expected[a] ?? 0);
    used.forEach((b, j) => (v[i * m + j] = variance[a * k + b] ?? 0));
  });
  const chisq = quadraticFormInverse(v, m, diff);
  if (chisq === undefined) throw new RangeError('the variance matrix of observed - expected is singular');
  return { chisq, df };
}
