import { describe, expect, it } from 'vitest';
import coxCases from '../../fixtures/survival/cox.json' with { type: 'json' };
import { coxPh } from './cox.js';
import type { Covariate } from './design-matrix.js';
import { datasetColumn, expectClose, expectCloseArray, numericColumn } from './fixture-testing.js';

// coxph stops at |1 - loglik_old / loglik_new| <= 1e-9; so does coxPh, on the same iterates, so
// the estimates agree far below the 1e-6 the issue asks for.
const TOLERANCE = 1e-6;

function covariatesOf(dataset: string, specs: readonly string[]): Covariate[] {
  return specs.map((spec) =>
    spec.startsWith('factor:')
      ? { name: spec.slice(7), values: datasetColumn(dataset, spec.slice(7)), factor: true }
      : { name: spec, values: numericColumn(dataset, spec) },
  );
}

describe('coxPh against survival::coxph (fixtures/survival/generate.R)', () => {
  for (const c of coxCases) {
    it(`matches R: ${c.name}`, () => {
      if (c.ties !== 'efron' && c.ties !== 'breslow') throw new Error(`bad ties ${c.ties}`);
      const fit = coxPh(
        numericColumn(c.dataset, 'time'),
        numericColumn(c.dataset, 'status', true),
        covariatesOf(c.dataset, c.covariates),
        c.strata === null ? { ties: c.ties } : { ties: c.ties, strata: datasetColumn(c.dataset, c.strata) },
      );
      expect(fit.terms).toEqual(c.terms);
      expectCloseArray(fit.coefficients, c.coefficients, TOLERANCE, 'coef');
      expectCloseArray(fit.se, c.se, TOLERANCE, 'se');
      expectCloseArray(fit.z, c.z, TOLERANCE, 'z');
      expectCloseArray(fit.pValue, c.p_value, TOLERANCE, 'p');
      expectCloseArray(fit.hr, c.hr, TOLERANCE, 'hr');
      expectCloseArray(fit.hrLower, c.hr_lower, TOLERANCE, 'hr lower');
      expectCloseArray(fit.hrUpper, c.hr_upper, TOLERANCE, 'hr upper');
      fit.variance.forEach((row, i) => {
        expectCloseArray(row, c.variance[i] ?? [], TOLERANCE, `var[${i}]`);
      });
      expectCloseArray(fit.loglik, c.loglik, 1e-9, 'loglik');
      for (const [name, ours, r] of [
        ['Wald', fit.waldTest, c.wald_test],
        ['LR', fit.lrTest, c.lr_test],
        ['score', fit.scoreTest, c.score_test],
      ] as const) {
        expectClose(ours.statistic, r[0], TOLERANCE, `${name} statistic`);
        expect(ours.df).toBe(r[1]);
        expectClose(ours.pValue, r[2], TOLERANCE, `${name} p`);
      }
      expect(fit.n).toBe(c.n);
      expect(fit.nEvent).toBe(c.n_event);
      expect(fit.iterations).toBe(c.iter);
    });
  }
});

describe('coxPh refuses what it cannot estimate', () => {
  const time = [5, 8, 3, 9, 12, 4, 7, 10, 2, 6];
  const status = [1, 1, 0, 1, 1, 1, 0, 1, 1, 0];
  const x = [1.2, 0.4, 2.2, -0.3, 0.8, 1.9, -1.1, 0.1, 2.5, 0.6];

  it('names a covariate that is a multiple of another (singular design)', () => {
    expect(() =>
      coxPh(time, status, [
        { name: 'x', values: x },
        { name: 'x2', values: x.map((v) => 2 * v) },
      ]),
    ).toThrow(
      new RangeError(
        'design matrix is singular: x2 is constant or a linear combination of earlier covariates',
      ),
    );
  });
  it('names a constant covariate', () => {
    expect(() => coxPh(time, status, [{ name: 'one', values: time.map(() => 1) }])).toThrow(
      new RangeError('design matrix is singular: one is constant'),
    );
  });
  it('says so when the iterations run out instead of returning numbers', () => {
    expect(() => coxPh(time, status, [{ name: 'x', values: x }], { control: { iterMax: 1 } })).toThrow(
      /^Cox model did not converge in 1 iterations/,
    );
  });
  it('reports a coefficient running off to infinity (arm b has no events; R warns "coefficient may be infinite")', () => {
    expect(() =>
      coxPh(numericColumn('empty_cells', 'time'), numericColumn('empty_cells', 'status'), [
        { name: 'arm', values: datasetColumn('empty_cells', 'arm'), factor: true },
      ]),
    ).toThrow(/^Cox model: the log-likelihood converged before armb; the coefficient may be infinite/);
  });
  it('rejects data without events', () => {
    expect(() => coxPh([1, 2], [0, 0], [{ name: 'x', values: [1, 2] }])).toThrow(
      new RangeError('status has no events: a Cox model needs at least one'),
    );
  });
  it('rejects a covariate of the wrong length', () => {
    expect(() => coxPh([1, 2, 3], [1, 0, 1], [{ name: 'x', values: [1, 2] }])).toThrow(
      new RangeError('covariate x has 2 values but time has 3'),
    );
  });
  it('rejects a factor with a single level', () => {
    expect(() =>
      coxPh([1, 2, 3], [1, 0, 1], [{ name: 'arm', values: ['a', 'a', 'a'], factor: true }]),
    ).toThrow(new RangeError('factor arm has a single level ("a"); it needs 2 or more'));
  });
  it('rejects a missing covariate value, naming it', () => {
    expect(() => coxPh([1, 2, 3], [1, 0, 1], [{ name: 'age', values: [60, Number.NaN, 70] }])).toThrow(
      new RangeError('age[1] is not a finite number (NaN)'),
    );
  });
});
