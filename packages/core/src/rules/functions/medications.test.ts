import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../../time/duration.js';
import { antiTbTherapyFunction, medicationFunction } from './medications.js';
import { ctxOf, evaluate, medication, t } from './test-support.js';

const AT = t('2026-03-10T12:00');
const last = (ms: number) => (ctx: { at: number }) => [ctx.at - ms, ctx.at] as const;
const last30 = { windows: { during: last(30 * DAY_MS) } };

describe('medication(class, during:) — INFINITY E6, PLATINIUM E2, ImmunoSep E7', () => {
  const immuno = { symbols: { classes: ['immunosuppressant'] }, ...last30 };

  it('is not_met without an exposure (closed world)', () => {
    const o = evaluate(
      medicationFunction,
      immuno,
      ctxOf({ medications: [medication('J01CR05', AT - DAY_MS)] }, AT),
    );
    expect(o.value).toBe('not_met');
    expect(o.reason()).toBe('no immunosuppressant in window during');
  });

  it('is met by a period ending exactly at the window start and not_met by one ending just before', () => {
    const touching = medication('L04AD01', AT - 60 * DAY_MS, { id: 'cic', end: AT - 30 * DAY_MS });
    const before = medication('L04AD01', AT - 60 * DAY_MS, { end: AT - 30 * DAY_MS - 1 });
    const o = evaluate(medicationFunction, immuno, ctxOf({ medications: [touching] }, AT));
    expect(o.value).toBe('met');
    expect(o.evidence).toEqual([
      { reference: 'MedicationAdministration/cic', value: 'L04AD01', time: '2026-01-09T12:00:00Z' },
    ]);
    expect(evaluate(medicationFunction, immuno, ctxOf({ medications: [before] }, AT)).value).toBe('not_met');
  });

  it('runs an open period to T_scr', () => {
    const open = medication('L04AX03', AT - 90 * DAY_MS, { resourceType: 'MedicationStatement' });
    expect(evaluate(medicationFunction, immuno, ctxOf({ medications: [open] }, AT)).value).toBe('met');
  });

  it('reads an instant exposure at its time: inside or outside the window', () => {
    const inside = medication('L01FA01', AT - 30 * DAY_MS, { isInstant: true });
    const outside = medication('L01FA01', AT - 30 * DAY_MS - 1, { isInstant: true });
    expect(evaluate(medicationFunction, immuno, ctxOf({ medications: [inside] }, AT)).value).toBe('met');
    expect(evaluate(medicationFunction, immuno, ctxOf({ medications: [outside] }, AT)).value).toBe('not_met');
  });

  it('ignores a drug started after T_scr', () => {
    expect(
      evaluate(medicationFunction, immuno, ctxOf({ medications: [medication('L04AD01', AT + 1)] }, AT)).value,
    ).toBe('not_met');
  });

  it('takes several classes: chemotherapy in the last 42 d (PLATINIUM E2)', () => {
    const args = { symbols: { classes: ['chemotherapy'] }, windows: { during: last(42 * DAY_MS) } };
    const m = medication('L01XA01', AT - 42 * DAY_MS, { isInstant: true });
    expect(evaluate(medicationFunction, args, ctxOf({ medications: [m] }, AT)).value).toBe('met');
    const both = { symbols: { classes: ['anti_cytokine', 'interferon'] }, ...last30 };
    expect(
      evaluate(medicationFunction, both, ctxOf({ medications: [medication('L03AB11', AT - DAY_MS)] }, AT))
        .value,
    ).toBe('met');
  });

  it('is unknown when the window cannot be placed but an exposure exists', () => {
    const args = {
      symbols: { classes: ['immunosuppressant'] },
      windows: { during: () => [undefined, undefined] as const },
    };
    expect(
      evaluate(medicationFunction, args, ctxOf({ medications: [medication('L04AD01', AT - DAY_MS)] }, AT))
        .value,
    ).toBe('unknown');
    expect(evaluate(medicationFunction, args, ctxOf({ medications: [] }, AT)).value).toBe('not_met');
  });
});

describe('anti_tb_therapy(during:) — ImmunoSep E5', () => {
  const tb = (atc: string, startDaysAgo: number, endDaysAgo: number | undefined) =>
    medication(atc, AT - startDaysAgo * DAY_MS, {
      end: endDaysAgo === undefined ? undefined : AT - endDaysAgo * DAY_MS,
    });

  it('is met by two different J04A drugs with overlapping exposures in the window', () => {
    const o = evaluate(
      antiTbTherapyFunction,
      last30,
      ctxOf({ medications: [tb('J04AB02', 20, 5), tb('J04AC01', 10, undefined)] }, AT),
    );
    expect(o.value).toBe('met');
    expect(o.evidence).toHaveLength(2);
    expect(o.reason()).toContain('two anti-TB drugs overlapping');
  });

  it('is not_met by one J04A drug alone, or by the same drug twice', () => {
    expect(
      evaluate(antiTbTherapyFunction, last30, ctxOf({ medications: [tb('J04AB02', 20, 5)] }, AT)).value,
    ).toBe('not_met');
    expect(
      evaluate(
        antiTbTherapyFunction,
        last30,
        ctxOf({ medications: [tb('J04AB02', 20, 5), tb('J04AB02', 6, 1)] }, AT),
      ).value,
    ).toBe('not_met');
  });

  it('is not_met when two drugs do not overlap in time', () => {
    const o = evaluate(
      antiTbTherapyFunction,
      last30,
      ctxOf({ medications: [tb('J04AB02', 20, 10), tb('J04AC01', 9, 1)] }, AT),
    );
    expect(o.value).toBe('not_met');
    expect(o.reason()).toContain('without two different ones overlapping');
  });

  it('counts only the overlap inside the window', () => {
    // both exposures overlap 40-35 days ago, outside the 30-day window; inside it only one runs
    const o = evaluate(
      antiTbTherapyFunction,
      last30,
      ctxOf({ medications: [tb('J04AB02', 40, 35), tb('J04AC01', 38, 1)] }, AT),
    );
    expect(o.value).toBe('not_met');
  });

  it('is met by touching exposures (end of one = start of the other)', () => {
    const a = medication('J04AB02', AT - 10 * DAY_MS, { end: AT - 5 * DAY_MS });
    const b = medication('J04AK01', AT - 5 * DAY_MS, { end: AT - 2 * DAY_MS });
    expect(evaluate(antiTbTherapyFunction, last30, ctxOf({ medications: [a, b] }, AT)).value).toBe('met');
  });

  it('is met by one J04AM combination in the window, not_met by one that ended before it', () => {
    expect(
      evaluate(antiTbTherapyFunction, last30, ctxOf({ medications: [tb('J04AM02', 29, 28)] }, AT)).value,
    ).toBe('met');
    expect(
      evaluate(antiTbTherapyFunction, last30, ctxOf({ medications: [tb('J04AM02', 60, 31)] }, AT)).value,
    ).toBe('not_met');
  });

  it('reads instants: two drugs given at the same time overlap, an hour apart they do not', () => {
    const r = medication('J04AB02', AT - DAY_MS, { isInstant: true });
    const same = medication('J04AC01', AT - DAY_MS, { isInstant: true });
    const later = medication('J04AC01', AT - DAY_MS + HOUR_MS, { isInstant: true });
    expect(evaluate(antiTbTherapyFunction, last30, ctxOf({ medications: [r, same] }, AT)).value).toBe('met');
    expect(evaluate(antiTbTherapyFunction, last30, ctxOf({ medications: [r, later] }, AT)).value).toBe(
      'not_met',
    );
  });
});
