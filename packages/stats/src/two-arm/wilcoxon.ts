import { normalCdf, normalQuantile } from '../distributions/normal.js';
import { zeroin } from '../numeric/zeroin.js';
import { type Alternative, assertAlternative, assertConfLevel } from './alternative.js';
import { midRanks, sortedMedian, tieCorrectionSum } from './ranks.js';
import { wilcoxonCdf, wilcoxonCounts, wilcoxonQuantile } from './wilcoxon-distribution.js';

/** Options of {@link wilcoxonTest}, as R's wilcox.test(x, y, conf.int = TRUE). */
export interface WilcoxonOptions {
  readonly alternative?: Alternative;
  /** Location shift under the null (R's mu, default 0). */
  readonly mu?: number;
  /** Exact p-value; by default (undefined) exact when both samples have fewer than 50 values, as R. */
  readonly exact?: boolean;
  /** Continuity correction of the normal approximation (default true, as R). */
  readonly correct?: boolean;
  readonly confLevel?: number;
}

/** Result of {@link wilcoxonTest}. */
export interface WilcoxonResult {
  /** W = sum of the ranks of x - n_x (n_x + 1) / 2. */
  readonly statistic: number;
  readonly pValue: number;
  /** Hodges-Lehmann estimate of the location shift x - y. */
  readonly estimate: number;
  readonly confInt: readonly [number, number];
  /** The confidence level achieved (R lowers it when the exact one is not achievable). */
  readonly confLevel: number;
  readonly exact: boolean;
  readonly correct: boolean;
  readonly alternative: Alternative;
  readonly warnings: readonly string[];
}

function checkSample(values: readonly number[], label: string): void {
  values.forEach((v, i) => {
    if (!Number.isFinite(v))
      throw new RangeError(`wilcoxonTest: ${label}[${i}] must be a finite number, got ${v}`);
  });
  if (values.length === 0)
    throw new RangeError(`wilcoxonTest: not enough (non-missing) '${label}' observations`);
}

/**
 * Wilcoxon rank-sum (Mann-Whitney) test with the Hodges-Lehmann estimate and interval, as R's
 * wilcox.test(x, y, conf.int = TRUE): exact distribution when R uses it (both samples below 50, no
 * ties), otherwise the normal approximation with tie-corrected variance and optional continuity
 * correction, whose estimate and interval R finds with uniroot(tol = 1e-4), reproduced here by the
 * same Brent iteration (Hollander & Wolfe 1999, sections 4.1-4.3).
 * @param x - First sample (the estimate is the shift of x relative to y).
 * @param y - Second sample.
 * @param options - alternative, mu (0), exact (auto), correct (true), confLevel (0.95).
 * @throws RangeError on an empty sample, a non-finite value, or all observations tied in the CI.
 * @example wilcoxonTest([1.83, 0.5, 1.62, 2.48, 1.68], [0.878, 0.647, 0.598, 2.05, 1.06]).statistic // => 19
 */
export function wilcoxonTest(
  x: readonly number[],
  y: readonly number[],
  options: WilcoxonOptions = {},
): WilcoxonResult {
  const alternative = options.alternative ?? 'two.sided';
  const mu = options.mu ?? 0;
  let correct = options.correct ?? true;
  const confLevel = options.confLevel ?? 0.95;
  assertAlternative(alternative, 'wilcoxonTest');
  assertConfLevel(confLevel, 'wilcoxonTest');
  checkSample(x, 'x');
  checkSample(y, 'y');
  const nx = x.length;
  const ny = y.length;
  const exact = options.exact ?? (nx < 50 && ny < 50);
  const r = midRanks([...x.map((v) => v - mu), ...y]);
  const statistic = r.slice(0, nx).reduce((s, v) => s + v, 0) - (nx * (nx + 1)) / 2;
  const ties = new Set(r).size !== r.length;
  const warnings: string[] = [];
  const alpha = 1 - confLevel;

  if (exact && !ties) {
    const dist = wilcoxonCounts(nx, ny);
    let pValue: number;
    if (alternative === 'two.sided') {
      const p =
        statistic > (nx * ny) / 2 ? wilcoxonCdf(statistic - 1, dist, true) : wilcoxonCdf(statistic, dist);
      pValue = Math.min(2 * p, 1);
    } else if (alternative === 'greater') pValue = wilcoxonCdf(statistic - 1, dist, true);
    else pValue = wilcoxonCdf(statistic, dist);
    const diffs = x.flatMap((xi) => y.map((yj) => xi - yj)).sort((a, b) => a - b);
    const at = (i: number): number => diffs[i - 1] ?? NaN; // R's 1-based diffs[i]
    let qu = wilcoxonQuantile(alternative === 'two.sided' ? alpha / 2 : alpha, dist);
    if (qu === 0) qu = 1;
    const ql = nx * ny - qu;
    const tailAchieved = wilcoxonCdf(Math.trunc(qu) - 1, dist);
    const achievedAlpha = alternative === 'two.sided' ? 2 * tailAchieved : tailAchieved;
    const confInt: [number, number] =
      alternative === 'two.sided'
        ? [at(qu), at(ql + 1)]
        : alternative === 'greater'
          ? [at(qu), Infinity]
          : [-Infinity, at(ql + 1)];
    let achievedLevel = confLevel;
    if (achievedAlpha - alpha > alpha / 2) {
      warnings.push('requested conf.level not achievable');
      achievedLevel = 1 - achievedAlpha;
    }
    return {
      statistic,
      pValue,
      estimate: sortedMedian(diffs),
      confInt,
      confLevel: achievedLevel,
      exact: true,
      correct: false,
      alternative,
      warnings,
    };
  }

  const n = nx + ny;
  const sigma = Math.sqrt(((nx * ny) / 12) * (n + 1 - tieCorrectionSum(r) / (n * (n - 1))));
  const z0 = statistic - (nx * ny) / 2;
  const continuity = (dz: number): number => {
    if (!correct) return 0;
    if (alternative === 'two.sided') return Math.sign(dz) * 0.5;
    return alternative === 'greater' ? 0.5 : -0.5;
  };
  const z = (z0 - continuity(z0)) / sigma;
  const pValue =
    alternative === 'less'
      ? normalCdf(z)
      : alternative === 'greater'
        ? normalCdf(z, 0, 1, 'upper')
        : 2 * Math.min(normalCdf(z), normalCdf(z, 0, 1, 'upper'));
  const usedCorrect = correct;

  const muMin = Math.min(...x) - Math.max(...y);
  const muMax = Math.max(...x) - Math.min(...y);
  const wdiff = (d: number, zq: number): number => {
    const dr = midRanks([...x.map((v) => v - d), ...y]);
    const dz = dr.slice(0, nx).reduce((s, v) => s + v, 0) - (nx * (nx + 1)) / 2 - (nx * ny) / 2;
    const sigmaCi = Math.sqrt(((nx * ny) / 12) * (n + 1 - tieCorrectionSum(dr) / (n * (n - 1))));
    if (sigmaCi === 0) {
      throw new RangeError('wilcoxonTest: cannot compute confidence interval when all observations are tied');
    }
    return (dz - continuity(dz)) / sigmaCi - zq;
  };
  const root = (zq: number): number => {
    const fLower = wdiff(muMin, zq);
    const fUpper = wdiff(muMax, zq);
    if (fLower <= 0) return muMin;
    if (fUpper >= 0) return muMax;
    return zeroin((d) => wdiff(d, zq), muMin, muMax, 1e-4, 1000, fLower, fUpper).root;
  };
  let confInt: [number, number];
  if (alternative === 'two.sided') {
    confInt = [root(normalQuantile(alpha / 2, 0, 1, 'upper')), root(normalQuantile(alpha / 2))];
  } else if (alternative === 'greater') confInt = [root(normalQuantile(alpha, 0, 1, 'upper')), Infinity];
  else confInt = [-Infinity, root(normalQuantile(alpha))];
  // R sets correct <- FALSE before the estimate, so the Hodges-Lehmann point uses no correction.
  correct = false;
  const estimate = zeroin((d) => wdiff(d, 0), muMin, muMax, 1e-4).root;
  if (exact && ties) {
    warnings.push('cannot compute exact p-value with ties');
    warnings.push('cannot compute exact confidence intervals with ties');
  }
  return {
    statistic,
    pValue,
    estimate,
    confInt,
    confLevel,
    exact: false,
    correct: usedCorrect,
    alternative,
    warnings,
  };
}
