import { fitCoxNewton, checkFiniteCoefficients, type CoxControl } from './cox-fit.js';
import type { CoxRiskData } from './cox-derivatives.js';
import { buildDesignMatrix, type Covariate, type DesignMatrix } from './design-matrix.js';
import { codeGroups } from './group-levels.js';
import { quadraticFormInverse } from './linear-algebra.js';
import { chiSquarePValue, normalCritical, twoSidedNormalPValue } from './probabilities.js';
import { orderByTime, rankTimes } from './sort-order.js';
import { checkConfLevel, checkSameLength, checkStatus01, checkTimes } from './validate.js';

/** How tied event times enter the partial likelihood. */
export type CoxTies = 'efron' | 'breslow';

/** Throws unless `ties` is one of the methods coxph accepts here. */
export function checkTies(ties: string): asserts ties is CoxTies {
  if (ties !== 'efron' && ties !== 'breslow')
    throw new RangeError(`ties is "${ties}"; expected efron or breslow`);
}

/** Options of {@link coxPh}; defaults are coxph's. */
export interface CoxOptions {
  /** Tie handling (default `efron`, as coxph). */
  readonly ties?: CoxTies;
  /** Stratum label of each row: separate baseline hazards (coxph's `strata()`). */
  readonly strata?: readonly (string | number)[];
  /** Level of the hazard-ratio intervals (default 0.95). */
  readonly confLevel?: number;
  /** Newton-Raphson controls (default eps 1e-9, iterMax 20). */
  readonly control?: CoxControl;
}

/** A chi-square test statistic with its degrees of freedom and p-value. */
export interface ChiSquareTest {
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
}

/** A fitted Cox model, with the numbers `summary(coxph(...))` prints. */
export interface CoxFit {
  readonly ties: CoxTies;
  /** Design-matrix column names (R's: `age`, `armtreatment`). */
  readonly terms: readonly string[];
  readonly coefficients: readonly number[];
  readonly se: readonly number[];
  readonly z: readonly number[];
  readonly pValue: readonly number[];
  readonly hr: readonly number[];
  readonly hrLower: readonly number[];
  readonly hrUpper: readonly number[];
  readonly confLevel: number;
  /** Variance-covariance matrix of the coefficients (inverse information). */
  readonly variance: readonly (readonly number[])[];
  /** Log partial likelihood at beta = 0 and at the estimate (R's `fit$loglik`). */
  readonly loglik: readonly [number, number];
  readonly waldTest: ChiSquareTest;
  readonly lrTest: ChiSquareTest;
  readonly scoreTest: ChiSquareTest;
  readonly n: number;
  readonly nEvent: number;
  readonly iterations: number;
}

/**
 * Cox proportional-hazards regression (Cox 1972) by maximum partial likelihood, with Efron's or
 * Breslow's handling of ties and optional strata, matching `survival::coxph(Surv(time, status) ~ ...)`:
 * coefficients and their inverse-information standard errors, hazard ratios exp(beta) with Wald
 * intervals, and the Wald, likelihood-ratio and score tests of beta = 0.
 * @param time - Follow-up time of each row (>= 0).
 * @param status - 1 for an event, 0 for censoring.
 * @param covariates - Numeric covariates and factors (treatment contrasts), in formula order.
 * @param options - Ties, strata, interval level and iteration controls.
 * @throws RangeError on bad input, no events, a singular design (constant or collinear covariates),
 *   non-convergence, or a coefficient that runs off to infinity.
 * @example coxPh(aml.time, aml.status, [{ name: 'x', values: aml.x, factor: true }]).coefficients
 *   // => [0.9155326] (R: coef(coxph(Surv(time, status) ~ x, data = aml)))
 */
export function coxPh(
  time: readonly number[],
  status: readonly number[],
  covariates: readonly Covariate[],
  options: CoxOptions = {},
): CoxFit {
  const ties = options.ties ?? 'efron';
  checkTies(ties);
  const confLevel = options.confLevel ?? 0.95;
  checkConfLevel(confLevel);
  const n = checkSameLength(
    options.strata === undefined ? { time, status } : { time, status, strata: options.strata },
  );
  checkTimes(time);
  checkStatus01(status);
  const nEvent = status.reduce((sum, s) => sum + s, 0);
  if (nEvent === 0) throw new RangeError('status has no events: a Cox model needs at least one');
  const design = buildDesignMatrix(covariates, n);
  const { data, scale } = prepareRiskData(time, status, design, options.strata);
  const fit = fitCoxNewton(data, ties === 'efron', design.columns, options.control);
  const p = design.columns.length;
  const beta = Float64Array.from(fit.beta, (b, j) => b * (scale[j] ?? 1));
  const variance = Float64Array.from(fit.variance, (v, index) => {
    const j = Math.floor(index / p);
    return v * (scale[j] ?? 1) * (scale[index - j * p] ?? 1);
  });
  const score = Float64Array.from(fit.score, (u, j) => u / (scale[j] ?? 1));
  checkFiniteCoefficients(beta, score, variance, design.columns, options.control?.eps);
  const se = Array.from(beta, (_, j) => Math.sqrt(variance[j * p + j] ?? Number.NaN));
  const critical = normalCritical(confLevel);
  const coefficients = Array.from(beta);
  const wald = quadraticFormInverse(variance, p, beta);
  if (wald === undefined) throw new RangeError('the variance matrix of the coefficients is singular');
  const test = (statistic: number): ChiSquareTest => ({
    statistic,
    df: p,
    pValue: chiSquarePValue(statistic, p),
  });
  return {
    ties,
    terms: design.columns,
    coefficients,
    se,
    z: coefficients.map((b, j) => b / (se[j] ?? Number.NaN)),
    pValue: coefficients.map((b, j) => twoSidedNormalPValue(b / (se[j] ?? Number.NaN))),
    hr: coefficients.map((b) => Math.exp(b)),
    hrLower: coefficients.map((b, j) => Math.exp(b - critical * (se[j] ?? Number.NaN))),
    hrUpper: coefficients.map((b, j) => Math.exp(b + critical * (se[j] ?? Number.NaN))),
    confLevel,
    variance: Array.from({ length: p }, (_, j) => Array.from(variance.subarray(j * p, j * p + p))),
    loglik: [fit.loglikNull, fit.loglik],
    waldTest: test(wald),
    lrTest: test(2 * (fit.loglik - fit.loglikNull)),
    scoreTest: test(fit.scoreTest),
    n,
    nEvent,
    iterations: fit.iterations,
  };
}

/**
 * Sorts rows by stratum and time and centres and scales each column (by its mean absolute deviation,
 * as coxph does), which leaves the Newton iterates unchanged but keeps exp(x'beta) in range.
 * @throws RangeError if a covariate is constant (its column cannot be estimated).
 */
function prepareRiskData(
  time: readonly number[],
  status: readonly number[],
  design: DesignMatrix,
  strata: readonly (string | number)[] | undefined,
): { data: CoxRiskData; scale: Float64Array } {
  const n = design.rows;
  const p = design.columns.length;
  const coding = strata === undefined ? undefined : codeGroups(strata, 'strata');
  const order = orderByTime(rankTimes(time), coding?.index, coding?.levels.length ?? 1);
  const values = design.values;
  const mean = new Float64Array(p);
  const scale = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let sum = 0;
    let constant = true;
    const first = values[j] ?? 0;
    for (let i = 0; i < n; i++) {
      const v = values[i * p + j] ?? 0;
      sum += v;
      if (v !== first) constant = false;
    }
    const m = sum / n;
    let deviation = 0;
    for (let i = 0; i < n; i++) deviation += Math.abs((values[i * p + j] ?? 0) - m);
    if (constant || !(deviation > 0)) {
      throw new RangeError(`design matrix is singular: ${design.columns[j] ?? ''} is constant`);
    }
    mean[j] = m;
    scale[j] = n / deviation;
  }
  const x = new Float64Array(n * p);
  const sortedTime = new Float64Array(n);
  const sortedStatus = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const row = order[i] ?? 0;
    sortedTime[i] = time[row] ?? 0;
    sortedStatus[i] = status[row] ?? 0;
    for (let j = 0; j < p; j++)
      x[i * p + j] = ((values[row * p + j] ?? 0) - (mean[j] ?? 0)) * (scale[j] ?? 1);
  }
  const counts = coding?.counts ?? [n];
  let end = 0;
  const strataEnd = Int32Array.from(counts, (count) => (end += count));
  return { data: { n, p, x, time: sortedTime, status: sortedStatus, strataEnd }, scale };
}
