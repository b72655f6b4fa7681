import betaln from '@stdlib/math-base-special-betaln';
import { betaCdf, betaPdf, betaQuantile } from '../distributions/beta.js';
import { integrate } from '../numeric/gauss-kronrod.js';

/** A Beta(a, b) distribution: a prior or a posterior for a proportion. */
export interface BetaParameters {
  readonly a: number;
  readonly b: number;
}

/** Summary of a Beta posterior. */
export interface BetaPosterior extends BetaParameters {
  readonly mean: number;
  readonly sd: number;
  readonly median: number;
  /** Equal-tailed credible interval at `credLevel`. */
  readonly lower: number;
  readonly upper: number;
  readonly credLevel: number;
}

function checkBeta(p: BetaParameters, label: string, where: string): void {
  if (!(p.a > 0 && Number.isFinite(p.a)) || !(p.b > 0 && Number.isFinite(p.b))) {
    throw new RangeError(`${where}: ${label} must have finite a > 0 and b > 0, got Beta(${p.a}, ${p.b})`);
  }
}

/**
 * Conjugate posterior of a binomial proportion: Beta(a + events, b + n - events) (Gelman et al.,
 * Bayesian Data Analysis, 3rd ed., section 2.4), with its mean, SD, median and equal-tailed
 * credible interval.
 * @param events - Number of events (whole number, 0..n).
 * @param n - Number of patients (whole number >= 0; 0 returns the prior).
 * @param prior - Beta(a, b) prior, a, b > 0 (e.g. { a: 1, b: 1 } uniform, { a: 0.5, b: 0.5 } Jeffreys).
 * @param credLevel - Credible level of the interval (default 0.95).
 * @throws RangeError if the counts or prior are invalid.
 * @example betaBinomialPosterior(12, 40, { a: 1, b: 1 }).mean // => 0.30952380952380953
 */
export function betaBinomialPosterior(
  events: number,
  n: number,
  prior: BetaParameters,
  credLevel = 0.95,
): BetaPosterior {
  const where = 'betaBinomialPosterior';
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`${where}: n must be a whole number >= 0, got ${n}`);
  if (!Number.isInteger(events) || events < 0 || events > n) {
    throw new RangeError(`${where}: events must be a whole number in 0..n (${n}), got ${events}`);
  }
  checkBeta(prior, 'prior', where);
  if (!(credLevel > 0 && credLevel < 1))
    throw new RangeError(`${where}: credLevel must be in (0, 1), got ${credLevel}`);
  const a = prior.a + events;
  const b = prior.b + n - events;
  const tail = (1 - credLevel) / 2;
  return {
    a,
    b,
    mean: a / (a + b),
    sd: Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1))),
    median: betaQuantile(0.5, a, b),
    lower: betaQuantile(tail, a, b),
    upper: betaQuantile(tail, a, b, 'upper'),
    credLevel,
  };
}

// Substitution x = sin^2(t), dx = 2 sin t cos t dt, turns x^(a-1) (1-x)^(b-1) dx into
// 2 sin^(2a-1) t cos^(2b-1) t dt: bounded for a, b >= 1/2, so Jeffreys-prior posteriors with zero
// events integrate without an endpoint singularity.
function overUnitInterval(g: (x: number) => number, breakpoints: readonly number[] = []): number {
  const h = (t: number): number => {
    const s = Math.sin(t);
    const c = Math.cos(t);
    return 2 * s * c * g(s * s);
  };
  const cuts = breakpoints.filter((x) => x > 0 && x < 1).map((x) => Math.asin(Math.sqrt(x)));
  return integrate(h, 0, Math.PI / 2, 1e-13, 1e-13, cuts).value;
}

/**
 * P(p1 < p2) for independent p1 ~ Beta(a1, b1) and p2 ~ Beta(a2, b2), by adaptive Gauss-Kronrod
 * integration of f1(x) P(p2 > x) over x (absolute error below 1e-12). With p1 the treatment and p2
 * the control event rate, this is the posterior probability that treatment lowers the rate.
 * @param first - Beta parameters of p1.
 * @param second - Beta parameters of p2.
 * @throws RangeError if a parameter is not > 0.
 * @example probabilityLess({ a: 13, b: 29 }, { a: 21, b: 21 }) // => about 0.96
 */
export function probabilityLess(first: BetaParameters, second: BetaParameters): number {
  checkBeta(first, 'first', 'probabilityLess');
  checkBeta(second, 'second', 'probabilityLess');
  return overUnitInterval((x) => betaPdf(x, first.a, first.b) * betaCdf(x, second.a, second.b, 'upper'));
}

/**
 * P(p1 < p2) in closed form when the second shape a2 is a whole number (Cook 2005, "Exact calculation
 * of beta inequalities"): sum_{i=0}^{a2-1} B(a1 + i, b1 + b2) / ((b2 + i) B(1 + i, b2) B(a1, b1)).
 * @param first - Beta parameters of p1 (any a1, b1 > 0).
 * @param second - Beta parameters of p2; a2 must be a whole number.
 * @throws RangeError if a2 is not a whole number or a parameter is not > 0.
 * @example probabilityLessClosedForm({ a: 13, b: 29 }, { a: 21, b: 21 })
 */
export function probabilityLessClosedForm(first: BetaParameters, second: BetaParameters): number {
  const where = 'probabilityLessClosedForm';
  checkBeta(first, 'first', where);
  checkBeta(second, 'second', where);
  if (!Number.isInteger(second.a))
    throw new RangeError(`${where}: second.a must be a whole number, got ${second.a}`);
  const base = betaln(first.a, first.b);
  let sum = 0;
  for (let i = 0; i < second.a; i++) {
    sum += Math.exp(
      betaln(first.a + i, first.b + second.b) - Math.log(second.b + i) - betaln(1 + i, second.b) - base,
    );
  }
  return sum;
}
