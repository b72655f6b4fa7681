import { type RandomSource } from '../random/xoshiro128.js';
import { randomNormal } from '../random/variates.js';
import { type LogisticModel, checkLogisticModel, linearPredictor } from './logistic-model.js';
import { cholesky, choleskySolve, solveUpperTransposed } from './matrix.js';
import { randomPolyaGamma } from './polya-gamma.js';

/** Options of {@link logisticGibbs}. */
export interface GibbsOptions {
  /** Seeded uniform source (e.g. Xoshiro128.fromSeed(1)). */
  readonly rng: RandomSource;
  /** Draws kept after burn-in (default 5000). */
  readonly draws?: number;
  /** Draws discarded first (default 1000). */
  readonly burnIn?: number;
  /** Credible level of the intervals (default 0.95). */
  readonly credLevel?: number;
}

/** Posterior summary of one coefficient from MCMC draws. */
export interface SampledCoefficient {
  readonly name: string;
  readonly mean: number;
  readonly sd: number;
  readonly median: number;
  readonly lower: number;
  readonly upper: number;
  readonly probabilityNegative: number;
  /** Monte Carlo standard error of the mean by batch means (50 batches). */
  readonly mcse: number;
}

/** Result of {@link logisticGibbs}: summaries and the kept draws (one Float64Array per coefficient). */
export interface GibbsResult {
  readonly coefficients: readonly SampledCoefficient[];
  readonly samples: readonly Float64Array[];
  readonly credLevel: number;
}

function quantileSorted(sorted: Float64Array, p: number): number {
  // R's quantile type 7.
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] ?? NaN;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] ?? NaN;
  return a + (h - lo) * (b - a);
}

function batchMeansMcse(x: Float64Array): number {
  const batches = 50;
  const size = Math.floor(x.length / batches);
  if (size < 2) return NaN;
  const means: number[] = [];
  for (let b = 0; b < batches; b++) {
    let s = 0;
    for (let i = b * size; i < (b + 1) * size; i++) s += x[i] ?? 0;
    means.push(s / size);
  }
  const grand = means.reduce((s, v) => s + v, 0) / batches;
  const v = means.reduce((s, m) => s + (m - grand) ** 2, 0) / (batches - 1);
  return Math.sqrt(v / batches);
}

/**
 * Bayesian logistic regression with independent normal priors by the Polya-Gamma Gibbs sampler of
 * Polson, Scott & Windle (2013): omega_i | b ~ PG(1, x_i'b), then b | omega ~ N(V (X'kappa + B^-1 b0), V)
 * with V = (X' Omega X + B^-1)^-1 and kappa = y - 1/2. Reproducible from the injected generator.
 * @param model - y (0/1), design columns, names, priorMean (0), priorSd.
 * @param options - rng (required), draws (5000), burnIn (1000), credLevel (0.95).
 * @throws RangeError on invalid data, priors or counts.
 * @example logisticGibbs(model, { rng: Xoshiro128.fromSeed(2024), draws: 4000 }).coefficients[1].probabilityNegative
 */
export function logisticGibbs(model: LogisticModel, options: GibbsOptions): GibbsResult {
  const where = 'logisticGibbs';
  const m = checkLogisticModel(model, where);
  const draws = options.draws ?? 5000;
  const burnIn = options.burnIn ?? 1000;
  const credLevel = options.credLevel ?? 0.95;
  if (!Number.isInteger(draws) || draws < 100)
    throw new RangeError(`${where}: draws must be a whole number >= 100, got ${draws}`);
  if (!Number.isInteger(burnIn) || burnIn < 0)
    throw new RangeError(`${where}: burnIn must be a whole number >= 0, got ${burnIn}`);
  if (!(credLevel > 0 && credLevel < 1))
    throw new RangeError(`${where}: credLevel must be in (0, 1), got ${credLevel}`);
  const { rng } = options;
  const priorPrecision = m.priorSd.map((s) => 1 / (s * s));
  // X' kappa + B^-1 b0 does not change between iterations.
  const base = m.priorMean.map((b0, j) => {
    let s = b0 * (priorPrecision[j] ?? 0);
    for (let i = 0; i < m.n; i++) s += (m.columns[j]?.[i] ?? 0) * ((m.y[i] ?? 0) - 0.5);
    return s;
  });
  const samples = Array.from({ length: m.p }, () => new Float64Array(draws));
  let beta = [...m.priorMean];
  const omega = new Float64Array(m.n);
  for (let iteration = 0; iteration < burnIn + draws; iteration++) {
    for (let i = 0; i < m.n; i++) omega[i] = randomPolyaGamma(linearPredictor(m, beta, i), rng);
    const precision = Array.from({ length: m.p }, (_, j) =>
      Array.from({ length: m.p }, (_, k) => {
        let s = j === k ? (priorPrecision[j] ?? 0) : 0;
        const cj = m.columns[j] ?? [];
        const ck = m.columns[k] ?? [];
        for (let i = 0; i < m.n; i++) s += (cj[i] ?? 0) * (omega[i] ?? 0) * (ck[i] ?? 0);
        return s;
      }),
    );
    const l = cholesky(precision, where);
    const mean = choleskySolve(l, base);
    const noise = solveUpperTransposed(
      l,
      mean.map(() => randomNormal(rng)),
    );
    beta = mean.map((v, j) => v + (noise[j] ?? 0));
    if (iteration >= burnIn)
      beta.forEach((v, j) => {
        const s = samples[j];
        if (s) s[iteration - burnIn] = v;
      });
  }
  const tail = (1 - credLevel) / 2;
  const coefficients = samples.map((x, j) => {
    const sorted = Float64Array.from(x).sort();
    const mean = x.reduce((s, v) => s + v, 0) / draws;
    const sd = Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / (draws - 1));
    let negative = 0;
    for (const v of x) if (v < 0) negative++;
    return {
      name: m.names[j] ?? String(j),
      mean,
      sd,
      median: quantileSorted(sorted, 0.5),
      lower: quantileSorted(sorted, tail),
      upper: quantileSorted(sorted, 1 - tail),
      probabilityNegative: negative / draws,
      mcse: batchMeansMcse(x),
    };
  });
  return { coefficients, samples, credLevel };
}
