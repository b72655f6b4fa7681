import {
  coxDerivatives,
  createCoxWorkspace,
  type CoxDerivatives,
  type CoxRiskData,
} from './cox-derivatives.js';
import {
  CHOLESKY_TOLERANCE,
  choleskyInPlace,
  choleskySolveInPlace,
  symmetricInverse,
} from './linear-algebra.js';

/** Iteration controls, with `coxph.control`'s defaults. */
export interface CoxControl {
  /** Convergence: |1 - loglik_old / loglik_new| <= eps (default 1e-9). */
  readonly eps?: number;
  /** Maximum Newton-Raphson iterations (default 20). */
  readonly iterMax?: number;
}

/** The converged Newton-Raphson fit on the (centred, scaled) data. */
export interface CoxNewtonResult {
  readonly beta: Float64Array;
  /** Inverse information and score at beta. */
  readonly variance: Float64Array;
  readonly score: Float64Array;
  readonly loglikNull: number;
  readonly loglik: number;
  /** Score test at beta = 0: u' I^-1 u. */
  readonly scoreTest: number;
  readonly iterations: number;
}

/**
 * Maximises the Cox partial likelihood by Newton-Raphson from beta = 0, halving the step whenever
 * the log-likelihood decreases, and stopping when the relative change in log-likelihood is at most
 * eps: the iteration of `survival::coxph` (Therneau and Grambsch 2000, section 3.2), so that it stops
 * at the same iterate as R.
 * @param columns - Column names, for messages.
 * @throws RangeError if the information matrix is singular (collinear covariates), the iterations
 *   run out, or the likelihood converges while a coefficient still runs off to infinity.
 */
export function fitCoxNewton(
  data: CoxRiskData,
  efron: boolean,
  columns: readonly string[],
  control: CoxControl = {},
): CoxNewtonResult {
  const eps = control.eps ?? 1e-9;
  const iterMax = control.iterMax ?? 20;
  const { n, p } = data;
  const work = createCoxWorkspace(n, p);
  const current: CoxDerivatives = {
    loglik: 0,
    score: new Float64Array(p),
    information: new Float64Array(p * p),
  };
  let beta = new Float64Array(p);
  coxDerivatives(data, beta, efron, work, current);
  const loglikNull = current.loglik;
  let loglik = loglikNull;
  const step = Float64Array.from(current.score);
  solveOrThrow(current.information, p, step, columns);
  let scoreTest = 0;
  for (let j = 0; j < p; j++) scoreTest += (current.score[j] ?? 0) * (step[j] ?? 0);
  let newBeta = beta.map((b, j) => b + (step[j] ?? 0));
  let halving = false;
  for (let iteration = 1; iteration <= iterMax; iteration++) {
    coxDerivatives(data, newBeta, efron, work, current);
    const newLoglik = current.loglik;
    const factor = Float64Array.from(current.information);
    const singular = choleskyInPlace(factor, p, CHOLESKY_TOLERANCE);
    if (singular.length > 0) throw singularError(singular, columns);
    if (Math.abs(1 - loglik / newLoglik) <= eps && !halving) {
      beta = newBeta;
      const variance = symmetricInverse(current.information, p);
      if (variance === undefined) throw singularError([0], columns);
      const score = Float64Array.from(current.score);
      return { beta, variance, score, loglikNull, loglik: newLoglik, scoreTest, iterations: iteration };
    }
    if (iteration === iterMax) break;
    if (newLoglik < loglik) {
      halving = true;
      newBeta = newBeta.map((b, j) => (b + (beta[j] ?? 0)) / 2);
    } else {
      halving = false;
      loglik = newLoglik;
      const delta = Float64Array.from(current.score);
      choleskySolveInPlace(factor, p, delta);
      beta = newBeta;
      newBeta = beta.map((b, j) => b + (delta[j] ?? 0));
    }
  }
  throw new RangeError(
    `Cox model did not converge in ${iterMax} iterations (log-likelihood ${loglik}); a coefficient may be infinite`,
  );
}

function solveOrThrow(
  information: Float64Array,
  p: number,
  rhs: Float64Array,
  columns: readonly string[],
): void {
  const factor = Float64Array.from(information);
  const singular = choleskyInPlace(factor, p, CHOLESKY_TOLERANCE);
  if (singular.length > 0) throw singularError(singular, columns);
  choleskySolveInPlace(factor, p, rhs);
}

function singularError(singular: readonly number[], columns: readonly string[]): RangeError {
  const names = singular.map((j) => columns[j] ?? `column ${j + 1}`).join(', ');
  return new RangeError(
    `design matrix is singular: ${names} ${singular.length === 1 ? 'is' : 'are'} constant or a linear combination of earlier covariates`,
  );
}

/**
 * coxph's check after convergence, on the original scale of the covariates: a Newton step |u' V|
 * still larger than eps and than sqrt(eps) |beta| means that the likelihood flattened out while the
 * coefficient keeps growing (monotone likelihood).
 * @throws RangeError naming the covariates whose coefficients may be infinite.
 */
export function checkFiniteCoefficients(
  beta: Float64Array,
  score: Float64Array,
  variance: Float64Array,
  columns: readonly string[],
  eps = 1e-9,
): void {
  const p = beta.length;
  const infinite: string[] = [];
  for (let j = 0; j < p; j++) {
    let stepJ = 0;
    for (let k = 0; k < p; k++) stepJ += (score[k] ?? 0) * (variance[k * p + j] ?? 0);
    const size = Math.abs(stepJ);
    if (!Number.isFinite(score[j] ?? 0) || (size > eps && size > Math.sqrt(eps) * Math.abs(beta[j] ?? 0))) {
      infinite.push(columns[j] ?? `column ${j + 1}`);
    }
  }
  if (infinite.length > 0) {
    throw new RangeError(
      `Cox model: the log-likelihood converged before ${infinite.join(', ')}; the coefficient may be infinite (monotone likelihood)`,
    );
  }
}
