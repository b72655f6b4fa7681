import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../../time/duration.js';
import { steroidDayFunction } from './steroid-day.js';
import { ctxOf, evaluate, steroid, t, weight } from './test-support.js';

const AT = t('2026-03-10T12:00'); // zone UTC: local days are UTC days
const HYDROCORTISONE = 'H02AB09';
const last = (ms: number) => (ctx: { at: number }) => [ctx.at - ms, ctx.at] as const;
const day = (iso: string) => t(`${iso}T00:00`);

describe('steroid_day — ImmunoSep E7: a local day in the last 15 d with >= 0.4 mg/kg/d', () => {
  const args = { constants: { at_least_per_kg: 0.4 }, windows: { during: last(15 * DAY_MS) } };
  const w70 = weight(70, AT - 5 * DAY_MS);
  // 0.4 mg/kg at 70 kg = 28 mg prednisone-eq = 112 mg hydrocortisone over one full local day
  const hc = (mgPerDay: number, dayIso = '2026-03-05') =>
    steroid(HYDROCORTISONE, day(dayIso), day(dayIso) + DAY_MS, mgPerDay, { id: 'hc' });

  it('is met at exactly 0.4 mg/kg and not_met just below', () => {
    const o = evaluate(steroidDayFunction, args, ctxOf({ medications: [hc(112)], observations: [w70] }, AT));
    expect(o.value).toBe('met');
    expect(o.reason()).toContain('28 mg = 0.4 mg/kg on 2026-03-05');
    expect(
      evaluate(steroidDayFunction, args, ctxOf({ medications: [hc(111)], observations: [w70] }, AT)).value,
    ).toBe('not_met');
  });

  it('counts stress-dose hydrocortisone 200 mg/d (0.71 mg/kg at 70 kg)', () => {
    expect(
      evaluate(steroidDayFunction, args, ctxOf({ medications: [hc(200)], observations: [w70] }, AT)).value,
    ).toBe('met');
  });

  it('reads the local day that reaches into the window, not the one before', () => {
    // the window starts 2026-02-23T12:00
    expect(
      evaluate(
        steroidDayFunction,
        args,
        ctxOf({ medications: [hc(200, '2026-02-23')], observations: [w70] }, AT),
      ).value,
    ).toBe('met');
    expect(
      evaluate(
        steroidDayFunction,
        args,
        ctxOf({ medications: [hc(200, '2026-02-22')], observations: [w70] }, AT),
      ).value,
    ).toBe('not_met');
  });

  it('is unknown without a weight', () => {
    expect(evaluate(steroidDayFunction, args, ctxOf({ medications: [hc(200)] }, AT)).value).toBe('unknown');
  });

  describe('started_before: T_sep and count_in_episode', () => {
    const tSep = day('2026-03-04');
    const inEpisode = hc(200, '2026-03-05'); // started after T_sep
    const withSep = (extra: object) => ({ ...args, instants: { started_before: () => tSep }, ...extra });

    it('ignores exposures started in the episode by default', () => {
      const o = evaluate(
        steroidDayFunction,
        withSep({}),
        ctxOf({ medications: [inEpisode], observations: [w70] }, AT),
      );
      expect(o.value).toBe('not_met');
      expect(o.reason()).toContain('exposures started before');
    });

    it('counts an exposure started before T_sep, including its days after T_sep', () => {
      const before = steroid(HYDROCORTISONE, tSep - HOUR_MS, undefined, 200);
      expect(
        evaluate(steroidDayFunction, withSep({}), ctxOf({ medications: [before], observations: [w70] }, AT))
          .value,
      ).toBe('met');
    });

    it('counts everything when count_in_episode is met or T_sep is unknown', () => {
      expect(
        evaluate(
          steroidDayFunction,
          withSep({ bools: { count_in_episode: () => 'met' } }),
          ctxOf({ medications: [inEpisode], observations: [w70] }, AT),
        ).value,
      ).toBe('met');
      const unknownSep = { ...args, instants: { started_before: () => undefined } };
      expect(
        evaluate(steroidDayFunction, unknownSep, ctxOf({ medications: [inEpisode], observations: [w70] }, AT))
          .value,
      ).toBe('met');
    });

    it('is unknown when count_in_episode is unknown and it matters', () => {
      expect(
        evaluate(
          steroidDayFunction,
          withSep({ bools: { count_in_episode: () => 'unknown' } }),
          ctxOf({ medications: [inEpisode], observations: [w70] }, AT),
        ).value,
      ).toBe('unknown');
    });
  });
});
