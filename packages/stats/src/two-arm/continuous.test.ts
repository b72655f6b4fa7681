import { describe, expect, it } from 'vitest';
import fixture from '../../fixtures/two-arm/two-arm.json' with { type: 'json' };
import { expectCloseToR, rNumber, rNumbers } from '../testing/r-values.js';
import { assertAlternative } from './alternative.js';
import { ancova } from './ancova.js';
import { tTest } from './t-test.js';
import { wilcoxonTest } from './wilcoxon.js';

describe('t.test against R', () => {
  it.each(fixture.ttest.map((c) => [`${c.name} ${c.alternative} var.equal=${c.var_equal}`, c] as const))(
    '%s',
    (_l, c) => {
      assertAlternative(c.alternative, 'fixture');
      const r = tTest(rNumbers(c.x), rNumbers(c.y), {
        alternative: c.alternative,
        varEqual: c.var_equal,
        mu: c.mu,
      });
      expectCloseToR(r.statistic, rNumber(c.statistic), 1e-9, 'statistic');
      expectCloseToR(r.df, rNumber(c.df), 1e-9, 'df');
      expectCloseToR(r.pValue, rNumber(c.p_value), 1e-9, 'p');
      expectCloseToR(r.stderr, rNumber(c.stderr), 1e-9, 'stderr');
      const ci = rNumbers(c.conf_int);
      expectCloseToR(r.confInt[0], ci[0] ?? NaN, 1e-9, 'lower');
      expectCloseToR(r.confInt[1], ci[1] ?? NaN, 1e-9, 'upper');
    },
  );
  it('rejects a sample of one', () => {
    expect(() => tTest([1], [2, 3])).toThrow(
      new RangeError("tTest: not enough 'x' observations (1, need 2)"),
    );
  });
});

// 1e-9 relative (measured: within 1e-12). Normal-approximation estimates and limits are uniroot
// results (tol 1e-4); zeroin.ts repeats R's Brent iterates, so they agree far beyond that tolerance.
describe('wilcox.test against R', () => {
  it.each(
    fixture.wilcox.map(
      (c) => [`${c.name} ${c.alternative} correct=${c.correct} exact=${c.exact}`, c] as const,
    ),
  )('%s', (_l, c) => {
    assertAlternative(c.alternative, 'fixture');
    const exact = c.exact === 'auto' ? {} : { exact: c.exact === true };
    const r = wilcoxonTest(rNumbers(c.x), rNumbers(c.y), {
      alternative: c.alternative,
      correct: c.correct,
      ...exact,
    });
    expect(r.exact).toBe(c.method.includes('exact'));
    expect(r.statistic).toBe(rNumber(c.statistic));
    expectCloseToR(r.pValue, rNumber(c.p_value), 1e-9, 'p');
    expectCloseToR(r.estimate, rNumber(c.estimate), 1e-9, 'estimate', 1e-9);
    const ci = rNumbers(c.conf_int);
    expectCloseToR(r.confInt[0], ci[0] ?? NaN, 1e-9, 'lower', 1e-9);
    expectCloseToR(r.confInt[1], ci[1] ?? NaN, 1e-9, 'upper', 1e-9);
    expectCloseToR(r.confLevel, rNumber(c.conf_level), 1e-12, 'achieved conf level');
    expect(r.warnings.length > 0).toBe(c.warnings.length > 0);
  });
});

describe('ANCOVA against R lm(outcome ~ arm + baseline)', () => {
  it.each(fixture.ancova.map((c) => [c.name, c] as const))('%s', (_l, c) => {
    const covariates: Record<string, number[]> = {};
    for (const [k, v] of Object.entries(c.covariates)) covariates[k] = rNumbers(v);
    const arm = c.arm.map(String);
    const r = ancova({ outcome: rNumbers(c.outcome), arm, covariates });
    expect(r.coefficients.map((row) => row.term)).toEqual(c.terms);
    r.coefficients.forEach((row, j) => {
      expectCloseToR(row.estimate, rNumbers(c.estimate)[j] ?? NaN, 1e-9, `${row.term} estimate`);
      expectCloseToR(row.se, rNumbers(c.se)[j] ?? NaN, 1e-9, `${row.term} se`);
      expectCloseToR(row.t, rNumbers(c.t)[j] ?? NaN, 1e-9, `${row.term} t`);
      expectCloseToR(row.pValue, rNumbers(c.p_value)[j] ?? NaN, 1e-8, `${row.term} p`);
      expectCloseToR(row.lower, rNumbers(c.lower)[j] ?? NaN, 1e-9, `${row.term} lower`);
      expectCloseToR(row.upper, rNumbers(c.upper)[j] ?? NaN, 1e-9, `${row.term} upper`);
    });
    expectCloseToR(r.sigma, rNumber(c.sigma), 1e-9, 'sigma');
    expect(r.df).toBe(c.df);
    expectCloseToR(r.rSquared, rNumber(c.r_squared), 1e-9, 'R2');
    expectCloseToR(r.adjRSquared, rNumber(c.adj_r_squared), 1e-9, 'adj R2');
  });
  it('rejects a singular design naming the column', () => {
    expect(() =>
      ancova({
        outcome: [1, 2, 3, 4, 5],
        arm: ['a', 'a', 'b', 'b', 'b'],
        covariates: { dup: [0, 0, 1, 1, 1] },
      }),
    ).toThrow(
      new RangeError(
        "leastSquares: the design matrix is singular: column 'dup' is a linear combination of the columns before it",
      ),
    );
  });
  it('rejects a single arm', () => {
    expect(() => ancova({ outcome: [1, 2, 3], arm: ['a', 'a', 'a'], covariates: {} })).toThrow(
      new RangeError('ancova: need at least 2 arms, got 1 (a)'),
    );
  });
});
