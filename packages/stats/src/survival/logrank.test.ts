import { describe, expect, it } from 'vitest';
import logrankCases from '../../fixtures/survival/logrank.json' with { type: 'json' };
import { datasetColumn, expectClose, expectCloseArray, numericColumn } from './fixture-testing.js';
import { logRankTest } from './logrank.js';

// survdiff is closed form; its p-value goes through pchisq: 1e-9 relative.
const CLOSED_FORM = 1e-9;

describe('logRankTest against survival::survdiff (fixtures/survival/generate.R)', () => {
  for (const c of logrankCases) {
    it(`matches R: ${c.name}`, () => {
      const result = logRankTest(
        numericColumn(c.dataset, 'time'),
        numericColumn(c.dataset, 'status', true),
        datasetColumn(c.dataset, c.group),
        c.strata === null ? { rho: c.rho } : { rho: c.rho, strata: datasetColumn(c.dataset, c.strata) },
      );
      expect(result.groups).toEqual(c.groups);
      expectCloseArray(result.n, c.n, 0, 'n');
      expectCloseArray(result.observed, c.observed, CLOSED_FORM, 'observed');
      expectCloseArray(result.expected, c.expected, CLOSED_FORM, 'expected');
      result.variance.forEach((row, i) => {
        expectCloseArray(row, c.variance[i] ?? [], CLOSED_FORM, `var[${i}]`);
      });
      expectClose(result.chisq, c.chisq, CLOSED_FORM, 'chisq');
      expect(result.df).toBe(c.df);
      expectClose(result.pValue, c.p_value, CLOSED_FORM, 'p');
      if (c.observed_by_stratum !== null) {
        const byStratum = { observed: c.observed_by_stratum, expected: c.expected_by_stratum };
        result.strata?.observed.forEach((row, i) => {
          expectCloseArray(row, byStratum.observed[i] ?? [], CLOSED_FORM, `observed[${i}, ]`);
        });
        result.strata?.expected.forEach((row, i) => {
          expectCloseArray(row, byStratum.expected[i] ?? [], CLOSED_FORM, `expected[${i}, ]`);
        });
        expect(result.strata).toBeDefined();
      }
    });
  }
});

describe('logRankTest input checks', () => {
  it('rejects a group with a single row', () => {
    expect(() => logRankTest([1, 2, 3], [1, 1, 0], ['a', 'a', 'b'])).toThrow(
      new RangeError('group "b" has 1 row; at least 2 are needed'),
    );
  });
  it('rejects lung by ECOG, where ECOG 3 has a single patient', () => {
    expect(() =>
      logRankTest(
        numericColumn('lung_cc', 'time'),
        numericColumn('lung_cc', 'status'),
        datasetColumn('lung_cc', 'ph_ecog'),
      ),
    ).toThrow(new RangeError('group "3" has 1 row; at least 2 are needed'));
  });
  it('rejects a single group', () => {
    expect(() => logRankTest([1, 2, 3], [1, 1, 0], ['a', 'a', 'a'])).toThrow(
      new RangeError('group has a single level ("a"); the test needs at least 2'),
    );
  });
  it('rejects a negative rho', () => {
    expect(() => logRankTest([1, 2], [1, 1], ['a', 'b'], { rho: -1 })).toThrow(RangeError);
  });
  it('rejects a negative time with its position', () => {
    expect(() => logRankTest([1, -2, 3, 4], [1, 1, 0, 1], ['a', 'a', 'b', 'b'])).toThrow(
      new RangeError('time[1] is negative (-2)'),
    );
  });
});
