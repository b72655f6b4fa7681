import { normalCdf, normalQuantile } from '../distributions/normal.js';
import { type LogisticModel, checkLogisticModel, linearPredictor } from './logistic-model.js';
import { cholesky, choleskyInverse, choleskySolve } from './matrix.js';

/** Posterior summary of one coefficient. */
export interface CoefficientPosterior {
  readonly name: string;
  readonly mean: number;
  readonly sd: number;
  readonly lower: number;
  readonly upper: number;
  /** P(coefficient < 0 | data): for the arm coefficient of a harmful outcome, the probability of benefit. */
  readonly probabilityNegative: number;
}

/** Result of {@link logisticLaplace}. */
export interface LaplaceResult {
  /** Posterior mode (the Laplace approximation's mean). */
  readonly mode: readonly number[];
  /** Inverse of the negative Hessian of the log posterior at the mode. */
  readonly covariance: readonly (readonly number[])[];
  readonly coefficients: readonly CoefficientPosterior[];
  readonly iterations: number;
  readonly credLevel: number;
}

/**
 * Laplace approximation to a Bayesian logistic regression with independent normal priors
 * (Gelman et al., BDA3, section 13.3; Bishop 2006, section 4.4): Newton-Raphson to the posterior
 * mode, with step halving, and the normal N(mode, (-H)^-1).
 * @param model - y (0/1), design columns, names, priorMean (0), priorSd.
 * @param credLevel - Level of the credible intervals (default 0.95).
 * @throws RangeError on invalid data or priors, or no convergence within 100 iterations.
 * @example logisticLaplace({ y: [0, 1, 1, 0], columns: [[1, 1, 1, 1]], names: ['(Intercept)'], priorSd: [2.5] })
 */
export function logisticLaplace(model: LogisticModel, credLevel = 0.95): LaplaceResult {
  const where = 'logisticLaplace';
  const m = checkLogisticModel(model, where);
  if (!(credLevel > 0 && credLevel < 1))
    throw new RangeError(`${where}: credLevel must be in (0, 1), got ${credLevel}`);
  const logPosterior = (beta: readonly number[]): number => {
    let lp = 0;
    for (let i = 0; i < m.n; i++) {
      const eta = linearPredictor(m, beta, i);
      // log p(y | eta) = y eta - log(1 + e^eta), computed without overflow.
      lp += (m.y[i] ?? 0) * eta - (eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta)));
    }
    for (let j = 0; j < m.p; j++)
      lp -= 0.5 * (((beta[j] ?? 0) - (m.priorMean[j] ?? 0)) / (m.priorSd[j] ?? 1)) ** 2;
    return lp;
  };
  const gradientAndPrecision = (beta: readonly number[]): [number[], number[][]] => {
    const g = new Array<number>(m.p).fill(0);
    const h = Array.from({ length: m.p }, () => new Array<number>(m.p).fill(0));
    for (let i = 0; i < m.n; i++) {
      const mu = 1 / (1 + Math.exp(-linearPredictor(m, beta, i)));
      const w = mu * (1 - mu);
      const r = (m.y[i] ?? 0) - mu;
      for (let j = 0; j < m.p; j++) {
        const xj = m.columns[j]?.[i] ?? 0;
        g[j] = (g[j] ?? 0) + xj * r;
        const hj = h[j] ?? [];
        for (let k = 0; k <= j; k++) hj[k] = (hj[k] ?? 0) + w * xj * (m.columns[k]?.[i] ?? 0);
      }
    }
    for (let j = 0; j < m.p; j++) {
      const prec = 1 / (m.priorSd[j] ?? 1) ** 2;
      g[j] = (g[j] ?? 0) - ((beta[j] ?? 0) - (m.priorMean[j] ?? 0)) * prec;
      const hj = h[j] ?? [];
      hj[j] = (hj[j] ?? 0) + prec;
      for (let k = 0; k < j; k++) {
        const row = h[k];
        if (row) row[j] = hj[k] ?? 0;
      }
    }
    return [g, h];
  };
  let beta = [...m.priorMean];
  let current = logPosterior(beta);
  for (let iteration = 1; iteration <= 100; iteration++) {
    const [g, h] = gradientAndPrecision(beta);
    const step = choleskySolve(cholesky(h, where), g);
    // Converged when every full Newton step is below 1e-12 relative (absolute near 0).
    const change = Math.max(...step.map((s, j) => Math.abs(s) / Math.max(Math.abs(beta[j] ?? 0), 1)));
    let scale = 1;
    let next = beta.map((b, j) => b + (step[j] ?? 0));
    let value = logPosterior(next);
    // Step halving only when the log posterior drops by more than rounding.
    while (value < current - 1e-12 * Math.abs(current) && scale > 1e-10) {
      scale /= 2;
      next = beta.map((b, j) => b + scale * (step[j] ?? 0));
      value = logPosterior(next);
    }
    beta = next;
    current = value;
    if (change < 1e-12) {
      const [, hFinal] = gradientAndPrecision(beta);
      const covariance = choleskyInverse(cholesky(hFinal, where));
      const z = normalQuantile(1 - (1 - credLevel) / 2);
      const coefficients = beta.map((mean, j) => {
        const sd = Math.sqrt(covariance[j]?.[j] ?? NaN);
        return {
          name: m.names[j] ?? String(j),
          mean,
          sd,
          lower: mean - z * sd,
          upper: mean + z * sd,
          probabilityNegative: normalCdf(0, mean, sd),
        };
      });
      return { mode: beta, covariance, coefficients, iterations: iteration, credLevel };
    }
  }
  throw new RangeError(`${where}: Newton-Raphson did not converge in 100 iterations`);
}
