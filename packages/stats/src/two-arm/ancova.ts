import { tCdf, tQuantile } from '../distributions/student-t.js';
import { assertConfLevel } from './alternative.js';
import { leastSquares } from './least-squares.js';

/** One row of the coefficient table of {@link ancova} (R's summary(lm)$coefficients and confint). */
export interface CoefficientRow {
  /** R's term name: '(Intercept)', 'arm<level>' or the covariate name. */
  readonly term: string;
  readonly estimate: number;
  readonly se: number;
  readonly t: number;
  readonly pValue: number;
  readonly lower: number;
  readonly upper: number;
}

/** Result of {@link ancova}. */
export interface AncovaResult {
  readonly coefficients: readonly CoefficientRow[];
  /** Residual standard error. */
  readonly sigma: number;
  /** Residual degrees of freedom. */
  readonly df: number;
  readonly rSquared: number;
  readonly adjRSquared: number;
  /** Arm levels, the first being the reference. */
  readonly levels: readonly string[];
  readonly n: number;
  readonly confLevel: number;
}

/** Input of {@link ancova}: one entry per patient in each array. */
export interface AncovaInput {
  readonly outcome: readonly number[];
  /** Arm label per patient; a factor with treatment contrasts against `reference`. */
  readonly arm: readonly string[];
  /** Baseline covariates by name (e.g. { baseline: [...] }), in model order. */
  readonly covariates: Readonly<Record<string, readonly number[]>>;
  /** Reference arm; default the first level in sorted order, as R's factor(). */
  readonly reference?: string;
  readonly confLevel?: number;
}

/**
 * Analysis of covariance by least squares, as R's lm(outcome ~ arm + baseline) with
 * summary() and confint(): treatment contrasts for arm, t tests on n - p residual df.
 * @param input - outcome, arm, covariates, reference (first sorted level), confLevel (0.95).
 * @throws RangeError on arrays of different lengths, non-finite values, fewer than 2 arms,
 *   an empty arm, or a singular design.
 * @example ancova({ outcome: [1, 2, 3, 5], arm: ['a', 'a', 'b', 'b'], covariates: { base: [0, 1, 0, 2] } })
 */
export function ancova(input: AncovaInput): AncovaResult {
  const where = 'ancova';
  const confLevel = input.confLevel ?? 0.95;
  assertConfLevel(confLevel, where);
  const n = input.outcome.length;
  if (input.arm.length !== n)
    throw new RangeError(`${where}: arm has ${input.arm.length} values, outcome has ${n}`);
  input.outcome.forEach((v, i) => {
    if (!Number.isFinite(v))
      throw new RangeError(`${where}: outcome[${i}] must be a finite number, got ${v}`);
  });
  const covariateNames = Object.keys(input.covariates);
  for (const name of covariateNames) {
    const values = input.covariates[name] ?? [];
    if (values.length !== n)
      throw new RangeError(`${where}: covariate '${name}' has ${values.length} values, outcome has ${n}`);
    values.forEach((v, i) => {
      if (!Number.isFinite(v))
        throw new RangeError(`${where}: ${name}[${i}] must be a finite number, got ${v}`);
    });
  }
  const sorted = [...new Set(input.arm)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const reference = input.reference ?? sorted[0];
  if (reference === undefined || !sorted.includes(reference)) {
    throw new RangeError(
      `${where}: reference arm '${String(reference)}' is not among the arms (${sorted.join(', ')})`,
    );
  }
  if (sorted.length < 2)
    throw new RangeError(`${where}: need at least 2 arms, got ${sorted.length} (${sorted.join(', ')})`);
  const levels = [reference, ...sorted.filter((l) => l !== reference)];
  const columns: number[][] = [new Array<number>(n).fill(1)];
  const names = ['(Intercept)'];
  for (const level of levels.slice(1)) {
    columns.push(input.arm.map((a) => (a === level ? 1 : 0)));
    names.push(`arm${level}`);
  }
  for (const name of covariateNames) {
    columns.push([...(input.covariates[name] ?? [])]);
    names.push(name);
  }
  const fit = leastSquares(columns, input.outcome, names);
  const df = n - columns.length;
  const sigma2 = fit.residualSumOfSquares / df;
  const q = tQuantile(1 - (1 - confLevel) / 2, df);
  const coefficients = fit.coefficients.map((estimate, j) => {
    const se = Math.sqrt(sigma2 * (fit.unscaledCovariance[j]?.[j] ?? NaN));
    const t = estimate / se;
    return {
      term: names[j] ?? String(j),
      estimate,
      se,
      t,
      pValue: 2 * tCdf(-Math.abs(t), df),
      lower: estimate - q * se,
      upper: estimate + q * se,
    };
  });
  const mean = input.outcome.reduce((s, v) => s + v, 0) / n;
  const tss = input.outcome.reduce((s, v) => s + (v - mean) ** 2, 0);
  const rSquared = 1 - fit.residualSumOfSquares / tss;
  const adjRSquared = 1 - (1 - rSquared) * ((n - 1) / df);
  return { coefficients, sigma: Math.sqrt(sigma2), df, rSquared, adjRSquared, levels, n, confLevel };
}
