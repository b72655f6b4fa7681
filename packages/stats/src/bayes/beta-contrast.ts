import { betaCdf, betaPdf } from '../distributions/beta.js';
import { integrate } from '../numeric/gauss-kronrod.js';
import { zeroin } from '../numeric/zeroin.js';
import type { BetaParameters } from './beta-binomial.js';

/** Posterior summary of a contrast of two independent Beta proportions. */
export interface ContrastPosterior {
  readonly mean: number;
  readonly median: number;
  readonly lower: number;
  readonly upper: number;
  readonly credLevel: number;
}

function overUnit(g: (y: number) => number, breakpoints: readonly number[]): number {
  const h = (t: number): number => {
    const s = Math.sin(t);
    const c = Math.cos(t);
    return 2 * s * c * g(s * s);
  };
  const cuts = breakpoints.filter((x) => x > 0 && x < 1).map((x) => Math.asin(Math.sqrt(x)));
  return integrate(h, 0, Math.PI / 2, 1e-13, 1e-13, cuts).value;
}

/**
 * P(p1 - p2 <= d) for independent Beta proportions: integral of f2(y) F1(y + d) dy, split where
 * y + d leaves [0, 1].
 */
export function riskDifferenceCdf(d: number, p1: BetaParameters, p2: BetaParameters): number {
  if (d <= -1) return 0;
  if (d >= 1) return 1;
  const f = (y: number): number => {
    const x = y + d;
    const f1 = x <= 0 ? 0 : x >= 1 ? 1 : betaCdf(x, p1.a, p1.b);
    return betaPdf(y, p2.a, p2.b) * f1;
  };
  return Math.min(1, Math.max(0, overUnit(f, [-d, 1 - d])));
}

/** P(p1 / p2 <= r) for independent Beta proportions: integral of f2(y) F1(min(r y, 1)) dy. */
export function riskRatioCdf(r: number, p1: BetaParameters, p2: BetaParameters): number {
  if (r <= 0) return 0;
  if (!Number.isFinite(r)) return 1;
  const f = (y: number): number => {
    const x = r * y;
    return betaPdf(y, p2.a, p2.b) * (x >= 1 ? 1 : betaCdf(x, p1.a, p1.b));
  };
  return Math.min(1, Math.max(0, overUnit(f, [1 / r])));
}

function checkLevel(credLevel: number, where: string): void {
  if (!(credLevel > 0 && credLevel < 1))
    throw new RangeError(`${where}: credLevel must be in (0, 1), got ${credLevel}`);
}

/**
 * Posterior of the risk difference p1 - p2 of two independent Beta posteriors: exact mean, and
 * median and equal-tailed credible interval by root-finding on the CDF (quadrature to 1e-13,
 * quantiles to 1e-10 absolute).
 * @param p1 - Beta posterior of the first arm (e.g. treatment).
 * @param p2 - Beta posterior of the second arm (control).
 * @param credLevel - Credible level (default 0.95).
 * @throws RangeError if credLevel is not in (0, 1).
 * @example riskDifferencePosterior({ a: 13, b: 29 }, { a: 21, b: 21 }).mean // => -0.19047619047619047
 */
export function riskDifferencePosterior(
  p1: BetaParameters,
  p2: BetaParameters,
  credLevel = 0.95,
): ContrastPosterior {
  checkLevel(credLevel, 'riskDifferencePosterior');
  const quantile = (p: number): number => zeroin((d) => riskDifferenceCdf(d, p1, p2) - p, -1, 1, 1e-10).root;
  const tail = (1 - credLevel) / 2;
  return {
    mean: p1.a / (p1.a + p1.b) - p2.a / (p2.a + p2.b),
    median: quantile(0.5),
    lower: quantile(tail),
    upper: quantile(1 - tail),
    credLevel,
  };
}

/**
 * Posterior of the risk ratio p1 / p2 of two independent Beta posteriors: mean
 * E[p1] E[1/p2] = a1 / (a1 + b1) (a2 + b2 - 1) / (a2 - 1) (infinite when a2 <= 1), and median and
 * credible interval by root-finding on the CDF in log r (quantiles to 1e-10 relative).
 * @param p1 - Beta posterior of the first arm (e.g. treatment).
 * @param p2 - Beta posterior of the second arm (control).
 * @param credLevel - Credible level (default 0.95).
 * @throws RangeError if credLevel is not in (0, 1).
 * @example riskRatioPosterior({ a: 13, b: 29 }, { a: 21, b: 21 }).median
 */
export function riskRatioPosterior(
  p1: BetaParameters,
  p2: BetaParameters,
  credLevel = 0.95,
): ContrastPosterior {
  checkLevel(credLevel, 'riskRatioPosterior');
  const quantile = (p: number): number => {
    const g = (logR: number): number => riskRatioCdf(Math.exp(logR), p1, p2) - p;
    let lo = -1;
    let hi = 1;
    while (g(lo) > 0 && lo > -700) lo *= 2;
    while (g(hi) < 0 && hi < 700) hi *= 2;
    return Math.exp(zeroin(g, lo, hi, 1e-10).root);
  };
  const tail = (1 - credLevel) / 2;
  return {
    mean: p2.a > 1 ? ((p1.a / (p1.a + p1.b)) * (p2.a + p2.b - 1)) / (p2.a - 1) : Infinity,
    median: quantile(0.5),
    lower: quantile(tail),
    upper: quantile(1 - tail),
    credLevel,
  };
}
