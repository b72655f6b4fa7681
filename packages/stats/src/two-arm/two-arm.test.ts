import { describe, expect, it } from 'vitest';
import fixture from '../../fixtures/two-arm/two-arm.json' with { type: 'json' };
import { expectCloseToR, rNumber, rNumbers } from '../testing/r-values.js';
import { assertAlternative } from './alternative.js';
import { chisqTest } from './chisq-test.js';
import { fisherExactTest } from './fisher-exact.js';
import { propTest } from './prop-test.js';
import { relativeRisk, riskDifference } from './risk.js';

function pair(values: number[]): [number, number] {
  const [a, b] = values;
  if (a === undefined || b === undefined) throw new TypeError('fixture pair needs 2 values');
  return [a, b];
}

// Tolerance 1e-9 relative throughout (measured: all within 1e-12). fisher.test's estimate and limits
// are uniroot results (tol 1.2e-4); zeroin.ts repeats R's Brent iterates, so they agree far beyond tol.
describe("Fisher's exact test against R fisher.test", () => {
  it.each(
    fixture.fisher.map((c) => [`${c.name} ${c.alternative} conf ${c.conf_level} or ${c.or}`, c] as const),
  )('%s', (_label, c) => {
    const cells = rNumbers(c.table);
    const [a, b] = pair(cells.slice(0, 2));
    const [cc, d] = pair(cells.slice(2));
    assertAlternative(c.alternative, 'fixture');
    const r = fisherExactTest(
      [
        [a, b],
        [cc, d],
      ],
      { alternative: c.alternative, confLevel: c.conf_level, or: c.or },
    );
    expectCloseToR(r.pValue, rNumber(c.p_value), 1e-9, 'p');
    expectCloseToR(r.estimate, rNumber(c.estimate), 1e-9, 'estimate');
    const ci = rNumbers(c.conf_int);
    expectCloseToR(r.confInt[0], ci[0] ?? NaN, 1e-9, 'lower', 1e-12);
    expectCloseToR(r.confInt[1], ci[1] ?? NaN, 1e-9, 'upper');
  });
});

describe('prop.test against R', () => {
  it.each(fixture.prop.map((c) => [`${c.name} ${c.alternative} correct=${c.correct}`, c] as const))(
    '%s',
    (_l, c) => {
      const [x1, x2] = pair(rNumbers(c.events));
      const [n1, n2] = pair(rNumbers(c.n));
      assertAlternative(c.alternative, 'fixture');
      const r = propTest(
        { events: x1, n: n1 },
        { events: x2, n: n2 },
        { alternative: c.alternative, correct: c.correct },
      );
      expectCloseToR(r.statistic, rNumber(c.statistic), 1e-9, 'statistic', 1e-12);
      expectCloseToR(r.pValue, rNumber(c.p_value), 1e-9, 'p');
      const ci = rNumbers(c.conf_int);
      expectCloseToR(r.confInt[0], ci[0] ?? NaN, 1e-9, 'lower', 1e-12);
      expectCloseToR(r.confInt[1], ci[1] ?? NaN, 1e-9, 'upper', 1e-12);
      expect(r.estimate).toEqual(rNumbers(c.estimate));
    },
  );
});

describe('chisq.test against R', () => {
  it.each(fixture.chisq.map((c) => [`${c.name} correct=${c.correct}`, c] as const))('%s', (_l, c) => {
    const cells = rNumbers(c.table);
    const cols = cells.length / c.rows;
    const table = Array.from({ length: c.rows }, (_, i) => cells.slice(i * cols, (i + 1) * cols));
    const r = chisqTest(table, c.correct);
    expectCloseToR(r.statistic, rNumber(c.statistic), 1e-9, 'statistic', 1e-12);
    expect(r.df).toBe(rNumber(c.df));
    expectCloseToR(r.pValue, rNumber(c.p_value), 1e-9, 'p');
    r.expected.flat().forEach((e, i) => {
      expectCloseToR(e, rNumbers(c.expected)[i] ?? NaN, 1e-12, `expected[${i}]`);
    });
    expect(r.warning ?? '').toBe(c.warning);
  });
  it('rejects an empty column naming it', () => {
    expect(() =>
      chisqTest([
        [0, 3],
        [0, 4],
      ]),
    ).toThrow(new RangeError('chisqTest: column 0 is empty; expected counts would be 0'));
  });
});

describe('risk difference and relative risk against their formulas evaluated in R', () => {
  it.each(fixture.risk.map((c) => [`${c.name} conf ${c.conf_level}`, c] as const))('%s', (_l, c) => {
    const [x1, x2] = pair(rNumbers(c.events));
    const [n1, n2] = pair(rNumbers(c.n));
    const a1 = { events: x1, n: n1 };
    const a2 = { events: x2, n: n2 };
    const rd = riskDifference(a1, a2, c.conf_level);
    expectCloseToR(rd.estimate, rNumber(c.rd), 1e-12, 'rd', 1e-12);
    expectCloseToR(rd.lower, rNumber(c.rd_lower), 1e-12, 'rd lower', 1e-12);
    expectCloseToR(rd.upper, rNumber(c.rd_upper), 1e-12, 'rd upper', 1e-12);
    if ('rr' in c) {
      const rr = relativeRisk(a1, a2, c.conf_level);
      expectCloseToR(rr.estimate, rNumber(c.rr), 1e-12, 'rr');
      expectCloseToR(rr.lower, rNumber(c.rr_lower), 1e-12, 'rr lower');
      expectCloseToR(rr.upper, rNumber(c.rr_upper), 1e-12, 'rr upper');
    } else {
      expect(() => relativeRisk(a1, a2, c.conf_level)).toThrow(RangeError);
    }
  });
  it('names the empty arm', () => {
    expect(() => riskDifference({ events: 0, n: 0 }, { events: 1, n: 5 })).toThrow(
      new RangeError('riskDifference: arm1 is empty (n = 0)'),
    );
  });
});
