import { describe, expect, it } from 'vitest';
import kmCases from '../../fixtures/survival/kaplan-meier.json' with { type: 'json' };
import { datasetColumn, expectClose, expectCloseArray, numericColumn } from './fixture-testing.js';
import { kaplanMeier } from './kaplan-meier.js';
import { survivalQuantiles } from './km-quantiles.js';
import { survivalAtTimes } from './km-summary.js';
import { checkConfType } from './confidence-band.js';

// survfit's estimates are products and sums of closed forms: 1e-9 relative.
const CLOSED_FORM = 1e-9;

describe('kaplanMeier against survival::survfit (fixtures/survival/generate.R)', () => {
  for (const c of kmCases) {
    it(`matches R: ${c.name}`, () => {
      const confType = c.conf_type;
      checkConfType(confType);
      const time = numericColumn(c.dataset, 'time');
      const status = numericColumn(c.dataset, 'status', true);
      const fit = kaplanMeier(
        time,
        status,
        c.group === null ? { confType } : { confType, group: datasetColumn(c.dataset, c.group) },
      );
      expect(fit.curves.map((curve) => curve.group ?? null)).toEqual(c.curves.map((curve) => curve.group));
      fit.curves.forEach((curve, k) => {
        const r = c.curves[k];
        if (r === undefined) throw new Error('missing curve');
        const label = `${c.name} / ${r.group ?? 'all'}`;
        expect(curve.n).toBe(r.n);
        expect(curve.events).toBe(r.events);
        expectCloseArray(curve.time, r.time, 0, `${label} time`);
        expectCloseArray(curve.nRisk, r.n_risk, 0, `${label} n.risk`);
        expectCloseArray(curve.nEvent, r.n_event, 0, `${label} n.event`);
        expectCloseArray(curve.nCensor, r.n_censor, 0, `${label} n.censor`);
        expectCloseArray(curve.surv, r.surv, CLOSED_FORM, `${label} surv`);
        expectCloseArray(curve.stdErr, r.std_err, CLOSED_FORM, `${label} std.err`);
        expectCloseArray(curve.lower, r.lower, CLOSED_FORM, `${label} lower`);
        expectCloseArray(curve.upper, r.upper, CLOSED_FORM, `${label} upper`);
        expectClose(curve.median.estimate, r.median, CLOSED_FORM, `${label} median`);
        expectClose(curve.median.lower, r.median_lower, CLOSED_FORM, `${label} median LCL`);
        expectClose(curve.median.upper, r.median_upper, CLOSED_FORM, `${label} median UCL`);
        const q = survivalQuantiles(curve);
        expectCloseArray(
          q.map((x) => x.estimate),
          r.quantile,
          CLOSED_FORM,
          `${label} quantile`,
        );
        expectCloseArray(
          q.map((x) => x.lower),
          r.quantile_lower,
          CLOSED_FORM,
          `${label} quantile lower`,
        );
        expectCloseArray(
          q.map((x) => x.upper),
          r.quantile_upper,
          CLOSED_FORM,
          `${label} quantile upper`,
        );
        for (const [extend, s] of [
          [false, r.at_times],
          [true, r.at_times_extended],
        ] as const) {
          const at = survivalAtTimes(curve, c.times, extend);
          const l = `${label} summary(times${extend ? ', extend' : ''})`;
          expectCloseArray(at.time, s.time, 0, `${l} time`);
          expectCloseArray(at.nRisk, s.n_risk, 0, `${l} n.risk`);
          expectCloseArray(at.nEvent, s.n_event, 0, `${l} n.event`);
          expectCloseArray(at.nCensor, s.n_censor, 0, `${l} n.censor`);
          expectCloseArray(at.surv, s.surv, CLOSED_FORM, `${l} surv`);
          expectCloseArray(at.stdErr, s.std_err, CLOSED_FORM, `${l} std.err`);
          expectCloseArray(at.lower, s.lower, CLOSED_FORM, `${l} lower`);
          expectCloseArray(at.upper, s.upper, CLOSED_FORM, `${l} upper`);
        }
      });
    });
  }
});

describe('kaplanMeier input checks', () => {
  it('rejects a negative time, naming its position and value', () => {
    expect(() => kaplanMeier([1, 2, -3], [1, 0, 1])).toThrow(new RangeError('time[2] is negative (-3)'));
  });
  it('rejects a status that is neither 0 nor 1', () => {
    expect(() => kaplanMeier([1, 2, 3], [1, 2, 0])).toThrow(
      new RangeError('status[1] is 2; expected 0 (censored) or 1 (event)'),
    );
  });
  it('rejects a non-finite time', () => {
    expect(() => kaplanMeier([1, Number.NaN], [1, 0])).toThrow(
      new RangeError('time[1] is not a finite number (NaN)'),
    );
  });
  it('rejects a group with a single row', () => {
    expect(() => kaplanMeier([1, 2, 3], [1, 0, 1], { group: ['a', 'a', 'b'] })).toThrow(
      new RangeError('group "b" has 1 row; at least 2 are needed'),
    );
  });
  it('rejects columns of different lengths', () => {
    expect(() => kaplanMeier([1, 2, 3], [1, 0])).toThrow(
      new RangeError('time has 3 values but status has 2'),
    );
  });
  it('rejects an unknown conf.type', () => {
    expect(() => kaplanMeier([1, 2], [1, 0], { confType: 'arcsin' as 'log' })).toThrow(RangeError);
  });
});
