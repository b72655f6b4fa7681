import { buildDesignMatrix, type Covariate } from '../survival/design-matrix.js';
import { CHOLESKY_TOLERANCE, choleskyInPlace, choleskySolveInPlace } from '../survival/linear-algebra.js';
import { normalCritical, twoSidedNormalPValue } from '../survival/probabilities.js';
import { checkConfLevel, checkSameLength, checkTimes } from '../survival/validate.js';
import { prepareFineGrayData } from './fine-gray-data.js';
import { fineGrayDerivatives, type FineGrayDerivatives } from './fine-gray-sums.js';
import { fineGrayVariance } from './fine-gray-variance.js';

/** Options of {@link fineGray}; defaults are crr's. */
export interface FineGrayOptions {
  /** Status code of the failure of interest (default 1). */
  readonly failcode?: number;
  /** Status code of censored rows (default 0); every other code is a competing failure. */
  readonly cencode?: number;
  /** Level of the subdistribution hazard-ratio intervals (default 0.95). */
  readonly confLevel?: number;
  /** Maximum Newton-Raphson iterations (default 50). */
  readonly iterMax?: number;
}

/** A fitted Fine-Gray model, with the numbers `summary(crr(...))` prints. */
export interface FineGrayFit {
  readonly terms: readonly string[];
  readonly coefficients: readonly number[];
  /** Sandwich standard errors (Fine and Gray 1999), crr's `sqrt(diag(var))`. */
  readonly se: readonly number[];
  readonly z: readonly number[];
  readonly pValue: readonly number[];
  /** Subdistribution hazard ratios exp(beta) with Wald intervals. */
  readonly hr: readonly number[];
  readonly hrLower: readonly number[];
  readonly hrUpper: readonly number[];
  readonly confLevel: number;
  readonly variance: readonly (readonly number[])[];
  /** Log pseudo-likelihood at beta = 0 and at the estimate. */
  readonly loglik: readonly [number, number];
  readonly n: number;
  readonly nEvent: number;
  readonly nCompeting: number;
  readonly iterations: number;
}

/**
 * Fine and Gray's (1999, JASA 94:496) proportional subdistribution hazards model, matching
 * `cmprsk::crr(ftime, fstatus, cov1, failcode, cencode)`: maximises the partial likelihood over the
 * subdistribution risk sets (competing failures stay in, weighted by the Kaplan-Meier censoring
 * distribution G(t-) / G(X-)), by Newton-Raphson with step halving to |1 - l_old / l_new| <= 1e-12;
 * the variance is their sandwich estimate including the term for estimating G.
 * @param time - Follow-up time of each row (>= 0).
 * @param status - `failcode` for the failure of interest, `cencode` for censoring, other codes competing.
 * @param covariates - Numeric covariates and factors (treatment contrasts).
 * @param options - Codes, interval level, iteration limit.
 * @throws RangeError on bad input, no failure of interest, a singular design, or non-convergence.
 * @example fineGray(ties.time, ties.cause, [{ name: 'arm', values: ties.arm, factor: true }, { name: 'x', values: ties.x }])
 *   .coefficients // => [0.3448241, -0.4256376] (the `ties` fixture; R: crr(..., gtol = 1e-12)$coef)
 */
export function fineGray(
  time: readonly number[],
  status: readonly number[],
  covariates: readonly Covariate[],
  options: FineGrayOptions = {},
): FineGrayFit {
  const failcode = options.failcode ?? 1;
  const cencode = options.cencode ?? 0;
  const confLevel = options.confLevel ?? 0.95;
  const iterMax = options.iterMax ?? 50;
  checkConfLevel(confLevel);
  if (failcode === cencode) throw new RangeError(`failcode and cencode are both ${failcode}`);
  const n = checkSameLength({ time, status });
  checkTimes(time);
  const kind = Uint8Array.from(status, (s, i) => {
    if (!Number.isFinite(s)) throw new RangeError(`status[${i}] is not a finite number (${s})`);
    return s === failcode ? 1 : s === cencode ? 0 : 2;
  });
  const nEvent = kind.reduce((sum, k) => sum + (k === 1 ? 1 : 0), 0);
  const nCompeting = kind.reduce((sum, k) => sum + (k === 2 ? 1 : 0), 0);
  if (nEvent === 0) throw new RangeError(`status has no failure of interest (code ${failcode})`);
  const design = buildDesignMatrix(covariates, n);
  const p = design.columns.length;
  const data = prepareFineGrayData(time, kind, design.values, p);
  let beta = new Float64Array(p);
  let current = fineGrayDerivatives(data, beta);
  const loglikNull = current.loglik;
  let iterations = 0;
  for (;;) {
    if (iterations === iterMax) {
      throw new RangeError(
        `Fine-Gray model did not converge in ${iterMax} iterations; a coefficient may be infinite`,
      );
    }
    iterations++;
    const step = newtonStep(current, p, design.columns);
    let next = beta.map((b, j) => b + (step[j] ?? 0));
    let trial = fineGrayDerivatives(data, next);
    for (let halving = 0; trial.loglik < current.loglik && halving < 30; halving++) {
      next = next.map((b, j) => (b + (beta[j] ?? 0)) / 2);
      trial = fineGrayDerivatives(data, next);
    }
    const change = Math.abs(1 - current.loglik / trial.loglik);
    beta = next;
    current = trial;
    if (change <= 1e-12 || Math.max(...step.map(Math.abs)) <= 1e-12) break;
  }
  const variance = fineGrayVariance(data, current);
  if (variance === undefined) throw singular(design.columns);
  const coefficients = Array.from(beta);
  const se = coefficients.map((_, j) => Math.sqrt(variance[j * p + j] ?? Number.NaN));
  const critical = normalCritical(confLevel);
  return {
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
    loglik: [loglikNull, current.loglik],
    n,
    nEvent,
    nCompeting,
    iterations,
  };
}

function newtonStep(at: FineGrayDerivatives, p: number, columns: readonly string[]): number[] {
  const factor = Float64Array.from(at.information);
  const redundant = choleskyInPlace(factor, p, CHOLESKY_TOLERANCE);
  if (redundant.length > 0) throw singular(redundant.map((j) => columns[j] ?? `column ${j + 1}`));
  const step = Float64Array.from(at.score);
  choleskySolveInPlace(factor, p, step);
  return Array.from(step);
}

function singular(columns: readonly string[]): RangeError {
  return new RangeError(
    `design matrix is singular: ${columns.join(', ')} ${columns.length === 1 ? 'is' : 'are'} constant or a linear combination of earlier covariates`,
  );
}
