import { normalCdf, normalQuantile } from '../distributions/normal.js';

/** A normal prior or posterior for a log hazard ratio. */
export interface NormalLogHr {
  readonly mean: number;
  readonly sd: number;
}

/** Posterior of a log hazard ratio under a normal prior and a normal likelihood. */
export interface LogHrPosterior extends NormalLogHr {
  /** Posterior median hazard ratio, exp(mean). */
  readonly hr: number;
  /** Equal-tailed credible interval of the hazard ratio. */
  readonly hrLower: number;
  readonly hrUpper: number;
  readonly credLevel: number;
  /** P(HR < 1 | data). */
  readonly probabilityBenefit: number;
  /** P(HR < threshold | data), when a threshold was given. */
  readonly probabilityBelowThreshold?: number;
  readonly threshold?: number;
}

/**
 * Sceptical prior for a log HR (Spiegelhalter, Freedman & Parmar 1994): centred on no effect, with
 * P(HR < targetHr) = probability (default 0.05).
 * @param targetHr - The hoped-for hazard ratio, in (0, 1).
 * @param probability - Prior probability of an effect at least that large (default 0.05).
 * @throws RangeError if targetHr is not in (0, 1) or probability not in (0, 0.5).
 * @example scepticalPrior(0.7) // => { mean: 0, sd: 0.21684... }
 */
export function scepticalPrior(targetHr: number, probability = 0.05): NormalLogHr {
  checkTarget(targetHr, probability, 'scepticalPrior');
  return { mean: 0, sd: Math.log(targetHr) / normalQuantile(probability) };
}

/**
 * Enthusiastic prior for a log HR (Spiegelhalter et al. 1994): centred on log(targetHr), with
 * P(HR > 1) = probability (default 0.05).
 * @param targetHr - The hoped-for hazard ratio, in (0, 1).
 * @param probability - Prior probability of harm (default 0.05).
 * @throws RangeError if targetHr is not in (0, 1) or probability not in (0, 0.5).
 * @example enthusiasticPrior(0.7).mean // => -0.35667494393873245
 */
export function enthusiasticPrior(targetHr: number, probability = 0.05): NormalLogHr {
  checkTarget(targetHr, probability, 'enthusiasticPrior');
  return { mean: Math.log(targetHr), sd: Math.log(targetHr) / normalQuantile(probability) };
}

function checkTarget(targetHr: number, probability: number, where: string): void {
  if (!(targetHr > 0 && targetHr < 1))
    throw new RangeError(`${where}: targetHr must be in (0, 1), got ${targetHr}`);
  if (!(probability > 0 && probability < 0.5)) {
    throw new RangeError(`${where}: probability must be in (0, 0.5), got ${probability}`);
  }
}

/**
 * Normal-normal posterior of a log hazard ratio (Spiegelhalter, Abrams & Myles 2004, section 3.6):
 * precision-weighted mean of the prior mean and the estimate, posterior variance
 * 1 / (1 / priorSd^2 + 1 / se^2).
 * @param estimate - Estimated log HR (e.g. a Cox coefficient).
 * @param se - Its standard error, > 0 (about 2 / sqrt(events) for 1:1 allocation).
 * @param prior - Normal prior of the log HR (see scepticalPrior, enthusiasticPrior).
 * @param options - threshold: an HR for P(HR < threshold); credLevel (default 0.95).
 * @throws RangeError if se or prior sd is not > 0, or the threshold is not > 0.
 * @example normalLogHrPosterior(Math.log(0.75), 0.15, { mean: 0, sd: 0.2 }).probabilityBenefit
 */
export function normalLogHrPosterior(
  estimate: number,
  se: number,
  prior: NormalLogHr,
  options: { readonly threshold?: number; readonly credLevel?: number } = {},
): LogHrPosterior {
  const where = 'normalLogHrPosterior';
  if (!Number.isFinite(estimate))
    throw new RangeError(`${where}: estimate must be a finite log HR, got ${estimate}`);
  if (!(se > 0 && Number.isFinite(se)))
    throw new RangeError(`${where}: se must be a finite number > 0, got ${se}`);
  if (!Number.isFinite(prior.mean))
    throw new RangeError(`${where}: prior mean must be finite, got ${prior.mean}`);
  if (!(prior.sd > 0)) throw new RangeError(`${where}: prior sd must be > 0, got ${prior.sd}`);
  const credLevel = options.credLevel ?? 0.95;
  if (!(credLevel > 0 && credLevel < 1))
    throw new RangeError(`${where}: credLevel must be in (0, 1), got ${credLevel}`);
  const priorPrecision = Number.isFinite(prior.sd) ? 1 / prior.sd ** 2 : 0;
  const dataPrecision = 1 / se ** 2;
  const precision = priorPrecision + dataPrecision;
  const mean = (prior.mean * priorPrecision + estimate * dataPrecision) / precision;
  const sd = 1 / Math.sqrt(precision);
  const z = normalQuantile(1 - (1 - credLevel) / 2);
  const result = {
    mean,
    sd,
    hr: Math.exp(mean),
    hrLower: Math.exp(mean - z * sd),
    hrUpper: Math.exp(mean + z * sd),
    credLevel,
    probabilityBenefit: normalCdf(0, mean, sd),
  };
  const threshold = options.threshold;
  if (threshold === undefined) return result;
  if (!(threshold > 0))
    throw new RangeError(`${where}: threshold must be a hazard ratio > 0, got ${threshold}`);
  return { ...result, threshold, probabilityBelowThreshold: normalCdf(Math.log(threshold), mean, sd) };
}
