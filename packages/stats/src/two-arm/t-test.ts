import { tCdf, tQuantile } from '../distributions/student-t.js';
import { type Alternative, assertAlternative, assertConfLevel } from './alternative.js';

/** Options of {@link tTest}, as R's t.test. */
export interface TTestOptions {
  readonly alternative?: Alternative;
  /** Hypothesised difference in means (R's mu, default 0). */
  readonly mu?: number;
  /** Pooled variance (R's var.equal); default false gives Welch's test. */
  readonly varEqual?: boolean;
  readonly confLevel?: number;
}

/** Result of {@link tTest}. */
export interface TTestResult {
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
  /** Means of x and y. */
  readonly estimate: readonly [number, number];
  /** CI of mean(x) - mean(y). */
  readonly confInt: readonly [number, number];
  readonly stderr: number;
  readonly confLevel: number;
  readonly alternative: Alternative;
  readonly method: 'Welch Two Sample t-test' | ' Two Sample t-test';
}

function meanVar(values: readonly number[], label: string): [number, number] {
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new RangeError(`tTest: ${label}[${i}] must be a finite number, got ${v}`);
  });
  if (values.length < 2)
    throw new RangeError(`tTest: not enough '${label}' observations (${values.length}, need 2)`);
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const ss = values.reduce((s, v) => s + (v - mean) ** 2, 0);
  return [mean, ss / (values.length - 1)];
}

/**
 * Two-sample t-test as R's t.test(x, y): Welch's test with Satterthwaite's degrees of freedom, or the
 * pooled-variance test when varEqual (Welch 1947; R's t.test source).
 * @param x - Outcomes of the first arm (at least 2, finite).
 * @param y - Outcomes of the second arm (at least 2, finite).
 * @param options - alternative, mu (0), varEqual (false), confLevel (0.95).
 * @throws RangeError on fewer than 2 values in an arm, a non-finite value, or constant data.
 * @example tTest([1, 2, 3, 4], [2, 4, 6, 8]).pValue // => 0.1515805048
 */
export function tTest(x: readonly number[], y: readonly number[], options: TTestOptions = {}): TTestResult {
  const alternative = options.alternative ?? 'two.sided';
  const mu = options.mu ?? 0;
  const varEqual = options.varEqual ?? false;
  const confLevel = options.confLevel ?? 0.95;
  assertAlternative(alternative, 'tTest');
  assertConfLevel(confLevel, 'tTest');
  const [mx, vx] = meanVar(x, 'x');
  const [my, vy] = meanVar(y, 'y');
  const nx = x.length;
  const ny = y.length;
  let df: number;
  let stderr: number;
  if (varEqual) {
    df = nx + ny - 2;
    const v = ((nx - 1) * vx + (ny - 1) * vy) / df;
    stderr = Math.sqrt(v * (1 / nx + 1 / ny));
  } else {
    const sx = vx / nx;
    const sy = vy / ny;
    stderr = Math.sqrt(sx + sy);
    df = (sx + sy) ** 2 / (sx ** 2 / (nx - 1) + sy ** 2 / (ny - 1));
  }
  if (stderr < 10 * 2.220446049250313e-16 * Math.max(Math.abs(mx), Math.abs(my))) {
    throw new RangeError('tTest: data are essentially constant');
  }
  const statistic = (mx - my - mu) / stderr;
  let pValue: number;
  let confInt: [number, number];
  if (alternative === 'less') {
    pValue = tCdf(statistic, df);
    confInt = [-Infinity, statistic + tQuantile(confLevel, df)];
  } else if (alternative === 'greater') {
    pValue = tCdf(statistic, df, 'upper');
    confInt = [statistic - tQuantile(confLevel, df), Infinity];
  } else {
    pValue = 2 * tCdf(-Math.abs(statistic), df);
    const q = tQuantile(1 - (1 - confLevel) / 2, df);
    confInt = [statistic - q, statistic + q];
  }
  return {
    statistic,
    df,
    pValue,
    estimate: [mx, my],
    confInt: [mu + confInt[0] * stderr, mu + confInt[1] * stderr],
    stderr,
    confLevel,
    alternative,
    method: varEqual ? ' Two Sample t-test' : 'Welch Two Sample t-test',
  };
}
