import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../time/duration.js';
import { steroidDaysFunction, steroidRateSustainedFunction } from './steroids.js';
import { bolus, ctxOf, evaluate, medication, steroid, t, weight } from './test-support.js';

const AT = t('2026-03-10T12:00'); // zone UTC: local days are UTC days
const PREDNISONE = 'H02AB07';
const METHYLPRED = 'H02AB04';
const HYDROCORTISONE = 'H02AB09';
const last = (ms: number) => (ctx: { at: number }) => [ctx.at - ms, ctx.at] as const;
const day = (iso: string) => t(`${iso}T00:00`);

describe('steroid_days — INFINITY E6: > 2.5 mg/d on >= 90 consecutive local days reaching into the last 30 d', () => {
  const args = { constants: { above: 2.5, min_days: 90 }, windows: { reaching_into: last(30 * DAY_MS) } };
  // the window starts 2026-02-08T12:00; local day 2026-02-08 still reaches into it, 2026-02-07 does not
  const course = (startDay: string, endDayExclusive: string, mgPerDay: number | undefined) =>
    steroid(PREDNISONE, day(startDay), day(endDayExclusive), mgPerDay, {
      resourceType: 'MedicationStatement',
      id: 'pred',
    });

  it('is met by 90 full days at 5 mg/d whose last day reaches into the window', () => {
    const o = evaluate(
      steroidDaysFunction,
      args,
      ctxOf({ medications: [course('2025-11-11', '2026-02-09', 5)] }, AT),
    );
    expect(o.value).toBe('met');
    expect(o.evidence).toEqual([{ reference: 'MedicationStatement/pred' }]);
    expect(o.reason()).toBe(
      'daily dose > 2.5 mg/d prednisone-eq on 90 consecutive local days 2025-11-11 to 2026-02-08',
    );
  });

  it('is not_met with 89 days', () => {
    expect(
      evaluate(steroidDaysFunction, args, ctxOf({ medications: [course('2025-11-12', '2026-02-09', 5)] }, AT))
        .value,
    ).toBe('not_met');
  });

  it('is not_met when the run ends the day before the window', () => {
    const o = evaluate(
      steroidDaysFunction,
      args,
      ctxOf({ medications: [course('2025-11-10', '2026-02-08', 5)] }, AT),
    );
    expect(o.value).toBe('not_met');
    expect(o.reason()).toContain('longest run 90 consecutive local days 2025-11-10 to 2026-02-07');
  });

  it('needs a dose strictly above 2.5 mg/d', () => {
    expect(
      evaluate(
        steroidDaysFunction,
        args,
        ctxOf({ medications: [course('2025-11-11', '2026-02-09', 2.5)] }, AT),
      ).value,
    ).toBe('not_met');
    expect(
      evaluate(
        steroidDaysFunction,
        args,
        ctxOf({ medications: [course('2025-11-11', '2026-02-09', 2.51)] }, AT),
      ).value,
    ).toBe('met');
  });

  it('counts hydrocortisone in prednisone-eq: 10 mg/d = 2.5 mg is not above, 12 mg/d is', () => {
    const h = (mg: number) => steroid(HYDROCORTISONE, day('2025-11-11'), undefined, mg);
    expect(evaluate(steroidDaysFunction, args, ctxOf({ medications: [h(10)] }, AT)).value).toBe('not_met');
    expect(evaluate(steroidDaysFunction, args, ctxOf({ medications: [h(12)] }, AT)).value).toBe('met');
  });

  it('is broken by a day without steroid', () => {
    const meds = [
      course('2025-11-01', '2025-12-20', 5),
      steroid(PREDNISONE, day('2025-12-21'), day('2026-03-01'), 5),
    ];
    expect(evaluate(steroidDaysFunction, args, ctxOf({ medications: meds }, AT)).value).toBe('not_met');
    const joined = [
      course('2025-11-01', '2025-12-21', 5),
      steroid(PREDNISONE, day('2025-12-21'), day('2026-03-01'), 5),
    ];
    expect(evaluate(steroidDaysFunction, args, ctxOf({ medications: joined }, AT)).value).toBe('met');
  });

  it('is unknown when days of unknown dose could complete the run', () => {
    const meds = [
      course('2025-11-11', '2025-12-20', 5),
      steroid(PREDNISONE, day('2025-12-20'), day('2026-03-01'), undefined),
    ];
    const o = evaluate(steroidDaysFunction, args, ctxOf({ medications: meds }, AT));
    expect(o.value).toBe('unknown');
    expect(o.reason()).toContain('possible but not certain');
  });

  it('is not_met without any corticosteroid', () => {
    const o = evaluate(
      steroidDaysFunction,
      args,
      ctxOf({ medications: [medication('L04AD01', AT - DAY_MS)] }, AT),
    );
    expect(o.value).toBe('not_met');
    expect(o.reason()).toBe('no systemic corticosteroid recorded');
  });

  it('rejects a call with both thresholds or neither', () => {
    expect(() =>
      evaluate(steroidDaysFunction, { constants: { above: 1, above_per_kg: 1, min_days: 9 } }, ctxOf({}, AT)),
    ).toThrow(/not both/);
    expect(() => evaluate(steroidDaysFunction, { constants: { min_days: 9 } }, ctxOf({}, AT))).toThrow(
      /missing threshold/,
    );
  });
});

describe('steroid_days — PLATINIUM E5 third part: any corticosteroid on >= 91 consecutive local days', () => {
  const args = { constants: { above: 0, min_days: 91 }, windows: { reaching_into: last(30 * DAY_MS) } };

  it('counts days of unknown dose as days on a corticosteroid', () => {
    const meds = [steroid(PREDNISONE, day('2025-12-01'), day('2026-03-02'), undefined)]; // 91 days
    expect(evaluate(steroidDaysFunction, args, ctxOf({ medications: meds }, AT)).value).toBe('met');
    const shorter = [steroid(PREDNISONE, day('2025-12-02'), day('2026-03-02'), undefined)]; // 90 days
    expect(evaluate(steroidDaysFunction, args, ctxOf({ medications: shorter }, AT)).value).toBe('not_met');
  });

  it('counts a daily bolus as a day on a corticosteroid', () => {
    const meds = Array.from({ length: 91 }, (_, i) =>
      bolus(METHYLPRED, day('2025-12-10') + i * DAY_MS + 8 * HOUR_MS, 40),
    );
    expect(evaluate(steroidDaysFunction, args, ctxOf({ medications: meds }, AT)).value).toBe('met');
  });
});

describe('steroid_rate_sustained — PLATINIUM E5: > 1 mg/kg/d for more than 168 h ending in the last 30 d', () => {
  const args = {
    constants: { above_per_kg: 1, longer_than: 168 * HOUR_MS },
    windows: { ending_in: last(30 * DAY_MS) },
  };
  const w70 = weight(70, AT - 20 * DAY_MS, 'w');
  // methylprednisolone 60 mg/d = 75 mg/d prednisone-eq = 1.07 mg/kg/d at 70 kg
  const mp = (start: number, hours: number, mg = 60) =>
    steroid(METHYLPRED, start, start + hours * HOUR_MS, mg);
  const start = AT - 20 * DAY_MS;

  it('is met just above 168 h and not_met at exactly 168 h', () => {
    const o = evaluate(
      steroidRateSustainedFunction,
      args,
      ctxOf({ medications: [mp(start, 168 + 1 / 60)], observations: [w70] }, AT),
    );
    expect(o.value).toBe('met');
    expect(o.evidence.map((e) => e.reference)).toContain('Observation/w');
    expect(
      evaluate(
        steroidRateSustainedFunction,
        args,
        ctxOf({ medications: [mp(start, 168)], observations: [w70] }, AT),
      ).value,
    ).toBe('not_met');
  });

  it('needs the rate strictly above: prednisone 70 mg/d at 70 kg is exactly 1 mg/kg/d', () => {
    const p = steroid(PREDNISONE, start, start + 200 * HOUR_MS, 70);
    expect(
      evaluate(steroidRateSustainedFunction, args, ctxOf({ medications: [p], observations: [w70] }, AT))
        .value,
    ).toBe('not_met');
    const p71 = steroid(PREDNISONE, start, start + 200 * HOUR_MS, 71);
    expect(
      evaluate(steroidRateSustainedFunction, args, ctxOf({ medications: [p71], observations: [w70] }, AT))
        .value,
    ).toBe('met');
  });

  it('joins touching exposures and sums overlapping ones, but breaks on a gap', () => {
    const touching = [mp(start, 100), mp(start + 100 * HOUR_MS, 100)];
    expect(
      evaluate(steroidRateSustainedFunction, args, ctxOf({ medications: touching, observations: [w70] }, AT))
        .value,
    ).toBe('met');
    const gap = [mp(start, 100), mp(start + 100 * HOUR_MS + MINUTE_MS, 100)];
    expect(
      evaluate(steroidRateSustainedFunction, args, ctxOf({ medications: gap, observations: [w70] }, AT))
        .value,
    ).toBe('not_met');
    const halves = [mp(start, 200, 30), mp(start, 200, 30)]; // 2 x 37.5 mg/d = 75 mg/d
    expect(
      evaluate(steroidRateSustainedFunction, args, ctxOf({ medications: halves, observations: [w70] }, AT))
        .value,
    ).toBe('met');
  });

  it('excludes boluses', () => {
    const pulses = Array.from({ length: 10 }, (_, i) => bolus(METHYLPRED, start + i * DAY_MS, 1000));
    expect(
      evaluate(steroidRateSustainedFunction, args, ctxOf({ medications: pulses, observations: [w70] }, AT))
        .value,
    ).toBe('not_met');
  });

  it('needs the stretch to end in the window', () => {
    const early = AT - 40 * DAY_MS;
    const endsAtWindowStart = mp(early, 10 * 24); // ends exactly at T_scr - 30 d
    const endsBefore = mp(early - HOUR_MS, 10 * 24);
    expect(
      evaluate(
        steroidRateSustainedFunction,
        args,
        ctxOf({ medications: [endsAtWindowStart], observations: [w70] }, AT),
      ).value,
    ).toBe('met');
    expect(
      evaluate(
        steroidRateSustainedFunction,
        args,
        ctxOf({ medications: [endsBefore], observations: [w70] }, AT),
      ).value,
    ).toBe('not_met');
  });

  it('is unknown without a weight or with an unknown dose', () => {
    expect(
      evaluate(steroidRateSustainedFunction, args, ctxOf({ medications: [mp(start, 200)] }, AT)).value,
    ).toBe('unknown');
    const unknownDose = steroid(METHYLPRED, start, start + 200 * HOUR_MS, undefined);
    expect(
      evaluate(
        steroidRateSustainedFunction,
        args,
        ctxOf({ medications: [unknownDose], observations: [w70] }, AT),
      ).value,
    ).toBe('unknown');
  });

  it('is not_met without a weight when no stretch is long enough', () => {
    expect(
      evaluate(steroidRateSustainedFunction, args, ctxOf({ medications: [mp(start, 100)] }, AT)).value,
    ).toBe('not_met');
  });
});
