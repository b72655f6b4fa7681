import { describe, expect, it } from 'vitest';
import fixture from '../../fixtures/bayes/bayes.json' with { type: 'json' };
import { expectCloseToR, rNumber, rNumbers } from '../testing/r-values.js';
import { betaBinomialPosterior, probabilityLess, probabilityLessClosedForm } from './beta-binomial.js';
import { riskDifferencePosterior, riskRatioPosterior } from './beta-contrast.js';
import { enthusiasticPrior, normalLogHrPosterior, scepticalPrior } from './normal-log-hr.js';

function pair(values: number[]): [number, number] {
  const [a, b] = values;
  if (a === undefined || b === undefined) throw new TypeError('fixture pair needs 2 values');
  return [a, b];
}

// R: integrate() (QUADPACK, rel.tol 1e-12) and Cook's closed-form sum, quantiles by uniroot(tol 1e-13).
describe.each(fixture.beta_binomial.map((c) => [c.name, c] as const))(
  'beta-binomial posterior: %s',
  (_n, c) => {
    const [xt, xc] = pair(rNumbers(c.events));
    const [nt, nc] = pair(rNumbers(c.n));
    const [a, b] = pair(rNumbers(c.prior));
    const treatment = betaBinomialPosterior(xt, nt, { a, b });
    const control = betaBinomialPosterior(xc, nc, { a, b });

    it('gives the conjugate posterior with R qbeta quantiles (1e-12)', () => {
      for (const [ours, ref] of [
        [treatment, c.treatment],
        [control, c.control],
      ] as const) {
        expect([ours.a, ours.b]).toEqual([rNumber(ref.a), rNumber(ref.b)]);
        for (const key of ['mean', 'sd', 'median', 'lower', 'upper'] as const) {
          expectCloseToR(ours[key], rNumber(ref[key]), 1e-12, key);
        }
      }
    });
    it('gives P(p_treatment < p_control) by quadrature within 1e-10 of R', () => {
      const p = probabilityLess(treatment, control);
      expect(Math.abs(p - rNumber(c.p_less))).toBeLessThan(1e-10);
      if ('p_less_closed' in c) {
        expect(
          Math.abs(probabilityLessClosedForm(treatment, control) - rNumber(c.p_less_closed)),
        ).toBeLessThan(1e-12);
        expect(Math.abs(p - probabilityLessClosedForm(treatment, control))).toBeLessThan(1e-10);
      }
    });
    it('gives the risk difference posterior (mean exact, quantiles within 1e-9)', () => {
      const rd = riskDifferencePosterior(treatment, control);
      expectCloseToR(rd.mean, rNumber(c.rd.mean), 1e-12, 'mean');
      for (const key of ['median', 'lower', 'upper'] as const) {
        expect(Math.abs(rd[key] - rNumber(c.rd[key])), key).toBeLessThan(1e-9);
      }
    });
    it('gives the risk ratio posterior (mean exact, quantiles within 1e-9 relative)', () => {
      const rr = riskRatioPosterior(treatment, control);
      expectCloseToR(rr.mean, rNumber(c.rr.mean), 1e-12, 'mean');
      for (const key of ['median', 'lower', 'upper'] as const)
        expectCloseToR(rr[key], rNumber(c.rr[key]), 1e-9, key);
    });
  },
);

describe('beta-binomial argument checks', () => {
  it('rejects more events than patients', () => {
    expect(() => betaBinomialPosterior(5, 4, { a: 1, b: 1 })).toThrow(
      new RangeError('betaBinomialPosterior: events must be a whole number in 0..n (4), got 5'),
    );
  });
  it('rejects a non-positive prior', () => {
    expect(() => betaBinomialPosterior(1, 4, { a: 0, b: 1 })).toThrow(RangeError);
  });
  it('needs a whole second shape for the closed form', () => {
    expect(() => probabilityLessClosedForm({ a: 1, b: 1 }, { a: 1.5, b: 1 })).toThrow(RangeError);
  });
});

describe('normal-normal log hazard ratio posterior against R', () => {
  it.each(fixture.normal_loghr.map((c, i) => [i, c] as const))('case %i', (_i, c) => {
    const r = normalLogHrPosterior(
      rNumber(c.estimate),
      rNumber(c.se),
      { mean: rNumber(c.prior_mean), sd: rNumber(c.prior_sd) },
      { threshold: rNumber(c.threshold) },
    );
    expectCloseToR(r.mean, rNumber(c.mean), 1e-12, 'mean', 1e-12);
    expectCloseToR(r.sd, rNumber(c.sd), 1e-12, 'sd');
    expectCloseToR(r.hrLower, rNumber(c.hr_lower), 1e-12, 'hr lower');
    expectCloseToR(r.hrUpper, rNumber(c.hr_upper), 1e-12, 'hr upper');
    expectCloseToR(r.probabilityBenefit, rNumber(c.p_benefit), 1e-12, 'P(HR < 1)');
    expectCloseToR(r.probabilityBelowThreshold ?? NaN, rNumber(c.p_threshold), 1e-12, 'P(HR < threshold)');
  });
  it('builds sceptical and enthusiastic priors with 5% tail probabilities', () => {
    const s = scepticalPrior(0.7);
    const e = enthusiasticPrior(0.7);
    expect(s.mean).toBe(0);
    expectCloseToR(s.sd, Math.log(0.7) / -1.6448536269514729, 1e-15, 'sd'); // R: qnorm(0.05)
    expect(e.mean).toBeCloseTo(Math.log(0.7), 15);
    expect(() => scepticalPrior(1.2)).toThrow(
      new RangeError('scepticalPrior: targetHr must be in (0, 1), got 1.2'),
    );
  });
});
