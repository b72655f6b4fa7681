import { describe, expect, it } from 'vitest';
import fixture from '../../fixtures/bayes/bayes.json' with { type: 'json' };
import { Xoshiro128 } from '../random/xoshiro128.js';
import { rNumbers } from '../testing/r-values.js';
import { logisticGibbs } from './logistic-gibbs.js';
import { logisticLaplace } from './logistic-laplace.js';
import type { LogisticModel } from './logistic-model.js';
import { randomPolyaGamma } from './polya-gamma.js';

const f = fixture.logistic;
const y = rNumbers(f.y);
const model: LogisticModel = {
  y,
  columns: [y.map(() => 1), rNumbers(f.arm), rNumbers(f.sofa)],
  names: ['(Intercept)', 'arm', 'sofa'],
  priorSd: rNumbers(f.prior_sd),
};

describe('Bayesian logistic regression, Laplace approximation', () => {
  it('matches a Newton-Raphson Laplace fit in base R to 1e-9', () => {
    const r = logisticLaplace(model);
    const mode = rNumbers(f.laplace_mode);
    const sd = rNumbers(f.laplace_sd);
    r.coefficients.forEach((c, j) => {
      expect(Math.abs(c.mean - (mode[j] ?? NaN))).toBeLessThan(1e-9);
      expect(Math.abs(c.sd - (sd[j] ?? NaN))).toBeLessThan(1e-9);
    });
  });
  it('rejects an outcome that is not 0/1', () => {
    expect(() => logisticLaplace({ ...model, y: [2, ...y.slice(1)] })).toThrow(
      new RangeError('logisticLaplace: y[0] must be 0 or 1, got 2'),
    );
  });
});

describe('Polya-Gamma draws', () => {
  it.each([0, 1.5, -4])('have the mean tanh(z/2)/(2z) for z = %d (within 5 SE)', (z) => {
    const rng = Xoshiro128.fromSeed(11);
    const n = 20000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const w = randomPolyaGamma(z, rng);
      s += w;
      s2 += w * w;
    }
    const mean = s / n;
    const se = Math.sqrt((s2 / n - mean * mean) / n);
    const expected = z === 0 ? 0.25 : Math.tanh(z / 2) / (2 * z);
    expect(Math.abs(mean - expected)).toBeLessThan(5 * se);
  });
});

describe('Bayesian logistic regression, Polya-Gamma Gibbs sampler', () => {
  const result = logisticGibbs(model, { rng: Xoshiro128.fromSeed(20240603), draws: 6000, burnIn: 500 });
  it(`agrees with rstanarm ${f.rstanarm_version} stan_glm (${f.stan_draws} draws) within Monte Carlo error`, () => {
    const stanMean = rNumbers(f.stan_mean);
    const stanSd = rNumbers(f.stan_sd);
    const stanMcse = rNumbers(f.stan_mcse);
    result.coefficients.forEach((c, j) => {
      // 4 combined Monte Carlo standard errors for means; sds within 5% (MC error of an sd from
      // ~1000 effective draws is about 2%).
      const tol = 4 * Math.hypot(c.mcse, stanMcse[j] ?? NaN);
      expect(Math.abs(c.mean - (stanMean[j] ?? NaN)), `${c.name} mean`).toBeLessThan(tol);
      expect(Math.abs(c.sd / (stanSd[j] ?? NaN) - 1), `${c.name} sd`).toBeLessThan(0.05);
    });
  });
  it('gives P(arm coefficient < 0) close to Stan (within 0.02)', () => {
    const arm = result.coefficients[1];
    expect(Math.abs((arm?.probabilityNegative ?? NaN) - f.stan_p_negative_arm)).toBeLessThan(0.02);
  });
  it('repeats itself exactly from the same seed', () => {
    const again = logisticGibbs(model, { rng: Xoshiro128.fromSeed(1), draws: 200, burnIn: 10 });
    const twice = logisticGibbs(model, { rng: Xoshiro128.fromSeed(1), draws: 200, burnIn: 10 });
    expect(Array.from(again.samples[1] ?? [])).toEqual(Array.from(twice.samples[1] ?? []));
  });
});
