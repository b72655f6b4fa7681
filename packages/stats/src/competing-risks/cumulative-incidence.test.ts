import { describe, expect, it } from 'vitest';
import cumincCases from '../../fixtures/competing-risks/cuminc.json' with { type: 'json' };
import {
  competingStatus,
  datasetColumn,
  expectCloseArray,
  numericColumn,
} from '../survival/fixture-testing.js';
import { cumulativeIncidence } from './cumulative-incidence.js';
import { cumulativeIncidenceAt } from './incidence-at-times.js';

// cuminc's estimate and variance, and survfit's jackknife, are closed forms: 1e-9 relative.
const CLOSED_FORM = 1e-9;

function pick(
  curve: { readonly time: readonly number[] },
  values: readonly number[],
  at: readonly (number | string)[],
): number[] {
  return at.map((t) => values[curve.time.indexOf(Number(t))] ?? Number.NaN);
}

describe('cumulativeIncidence against cmprsk::cuminc and survfit (fixtures/competing-risks/generate.R)', () => {
  for (const c of cumincCases) {
    it(`matches R: ${c.name}`, () => {
      const time = numericColumn(c.dataset, 'time');
      const status = competingStatus(c.dataset);
      const fit = cumulativeIncidence(
        time,
        status,
        c.group === null ? {} : { group: datasetColumn(c.dataset, c.group) },
      );
      expect(fit.curves.length).toBe(c.curves.length);
      fit.curves.forEach((curve, k) => {
        const r = c.curves[k];
        if (r === undefined) throw new Error('missing curve');
        const label = `${r.group ?? 'all'} cause ${r.cause}`;
        expect(curve.group ?? null).toBe(r.group);
        expect(curve.cause).toBe(r.cause);
        expectCloseArray(
          pick(curve, curve.estimate, r.jump_time),
          r.jump_estimate,
          CLOSED_FORM,
          `${label} cuminc est`,
        );
        expectCloseArray(
          pick(curve, curve.variance, r.jump_time),
          r.jump_variance,
          CLOSED_FORM,
          `${label} cuminc var`,
        );
        expectCloseArray(curve.time, r.ms_time, 0, `${label} survfit time`);
        expectCloseArray(curve.estimate, r.ms_estimate, CLOSED_FORM, `${label} survfit pstate`);
        expectCloseArray(curve.stdErr, r.ms_std_err, CLOSED_FORM, `${label} survfit std.err`);
        const at = cumulativeIncidenceAt(curve, c.times);
        expectCloseArray(at.estimate, r.at_times.estimate, CLOSED_FORM, `${label} timepoints est`);
        expectCloseArray(at.variance, r.at_times.variance, CLOSED_FORM, `${label} timepoints var`);
      });
    });
  }
});

describe('cumulativeIncidence input checks', () => {
  it('rejects a status that is not an event code', () => {
    expect(() => cumulativeIncidence([1, 2, 3], [1, -1, 0])).toThrow(
      new RangeError('status[1] is -1; expected the censoring code 0 or an event code (an integer >= 0)'),
    );
  });
  it('rejects data without events', () => {
    expect(() => cumulativeIncidence([1, 2], [0, 0])).toThrow(
      new RangeError('status has no events (every row has the censoring code 0)'),
    );
  });
  it('rejects a group with one row', () => {
    expect(() => cumulativeIncidence([1, 2, 3], [1, 2, 1], { group: ['a', 'a', 'b'] })).toThrow(
      new RangeError('group "b" has 1 row; at least 2 are needed'),
    );
  });
  it('honours another censoring code', () => {
    const fit = cumulativeIncidence([1, 2, 3, 4], [9, 1, 2, 1], { cencode: 9 });
    expect(fit.causes).toEqual([1, 2]);
  });
});
