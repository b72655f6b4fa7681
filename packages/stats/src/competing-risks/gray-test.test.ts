import { describe, expect, it } from 'vitest';
import grayCases from '../../fixtures/competing-risks/gray.json' with { type: 'json' };
import {
  competingStatus,
  datasetColumn,
  expectCloseArray,
  numericColumn,
} from '../survival/fixture-testing.js';
import { grayTest } from './gray-test.js';

// Gray's statistic is closed form given the data: 1e-9 relative.
const CLOSED_FORM = 1e-9;

describe('grayTest against cmprsk::cuminc(...)$Tests (fixtures/competing-risks/generate.R)', () => {
  for (const c of grayCases) {
    it(`matches R: ${c.name}`, () => {
      const tests = grayTest(
        numericColumn(c.dataset, 'time'),
        competingStatus(c.dataset),
        datasetColumn(c.dataset, c.group),
        c.strata === null ? { rho: c.rho } : { rho: c.rho, strata: datasetColumn(c.dataset, c.strata) },
      );
      expect(tests.map((t) => t.cause)).toEqual(c.causes);
      expectCloseArray(
        tests.map((t) => t.statistic),
        c.stat,
        CLOSED_FORM,
        'stat',
      );
      expectCloseArray(
        tests.map((t) => t.pValue),
        c.p_value,
        CLOSED_FORM,
        'p',
      );
      expectCloseArray(
        tests.map((t) => t.df),
        c.df,
        0,
        'df',
      );
    });
  }
});

describe('grayTest input checks', () => {
  it('rejects a single group', () => {
    expect(() => grayTest([1, 2, 3], [1, 2, 0], ['a', 'a', 'a'])).toThrow(
      new RangeError('group has a single level ("a"); the test needs at least 2'),
    );
  });
  it('rejects a group with one row', () => {
    expect(() => grayTest([1, 2, 3], [1, 2, 0], ['a', 'a', 'b'])).toThrow(
      new RangeError('group "b" has 1 row; at least 2 are needed'),
    );
  });
  it('rejects a negative time', () => {
    expect(() => grayTest([1, -2, 3, 4], [1, 2, 0, 1], ['a', 'a', 'b', 'b'])).toThrow(
      new RangeError('time[1] is negative (-2)'),
    );
  });
});
