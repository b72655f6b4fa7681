import { describe, expect, it } from 'vitest';
import { HOUR_MS, MINUTE_MS } from '../../time/duration.js';
import type { RateUnit } from '../../timeline/types.js';
import { vasopressorRunFunction } from './vasopressors.js';
import { ctxOf, evaluate, medication, t } from './test-support.js';

const AT = t('2026-03-10T12:00');
const NE = 'C01CA03';
const EPI = 'C01CA24';
const DOPA = 'C01CA04';
const DOBU = 'C01CA07';
const VASOPRESSIN = 'H01BA01';

const args = {
  constants: {
    min: 4 * HOUR_MS,
    norepinephrine_at_least: 0.05,
    epinephrine_at_least: 0.05,
    dopamine_at_least: 5,
  },
};

function infusion(
  atc: string,
  startH: number,
  hours: number | undefined,
  rate: number | undefined,
  unit: RateUnit = 'ug/kg/min',
) {
  const start = AT - startH * HOUR_MS;
  return medication(atc, start, {
    end: hours === undefined ? undefined : start + hours * HOUR_MS,
    rate: rate === undefined ? undefined : { value: rate, unit },
  });
}

const run = (meds: ReturnType<typeof infusion>[], a: typeof args = args) =>
  evaluate(vasopressorRunFunction, a, ctxOf({ medications: meds }, AT));

describe('vasopressor_run — IRIS-7 I4', () => {
  it('is met by norepinephrine 0.05 ug/kg/min for exactly 4 h, not_met for a minute less', () => {
    const o = run([infusion(NE, 10, 4, 0.05)]);
    expect(o.value).toBe('met');
    expect(o.evidence).toEqual([
      { reference: o.evidence[0]?.reference, value: 0.05, unit: 'ug/kg/min', time: '2026-03-10T02:00:00Z' },
    ]);
    expect(run([infusion(NE, 10, 4 - 1 / 60, 0.05)]).value).toBe('not_met');
  });

  it('needs norepinephrine or epinephrine at or above 0.05', () => {
    expect(run([infusion(NE, 10, 6, 0.049)]).value).toBe('not_met');
    expect(run([infusion(EPI, 10, 6, 0.05)]).value).toBe('met');
    expect(run([infusion(EPI, 10, 6, 0.04)]).value).toBe('not_met');
  });

  it('reads the dopamine threshold from its argument (protocol parameter dopamine_threshold)', () => {
    expect(run([infusion(DOPA, 10, 6, 5)]).value).toBe('met');
    expect(run([infusion(DOPA, 10, 6, 4.9)]).value).toBe('not_met');
    const four = { constants: { ...args.constants, dopamine_at_least: 4 } };
    expect(run([infusion(DOPA, 10, 6, 4.5)], four).value).toBe('met');
  });

  it('takes vasopressin at any rate, and never dobutamine', () => {
    expect(run([infusion(VASOPRESSIN, 10, 5, 0.01, 'U/min')]).value).toBe('met');
    expect(run([infusion(VASOPRESSIN, 10, 5, undefined)]).value).toBe('met');
    expect(run([infusion(DOBU, 10, 8, 10)]).value).toBe('not_met');
  });

  it('merges touching and overlapping qualifying administrations across drugs', () => {
    expect(run([infusion(NE, 10, 2, 0.1), infusion(EPI, 8, 2, 0.1)]).value).toBe('met'); // touching
    expect(run([infusion(NE, 10, 2.5, 0.1), infusion(VASOPRESSIN, 8, 2, 0.03, 'U/min')]).value).toBe('met'); // overlapping
    expect(run([infusion(NE, 10, 2, 0.1), infusion(NE, 8 - 1 / 60, 2, 0.1)]).value).toBe('not_met'); // a one-minute gap
  });

  it('does not bridge a run through a non-qualifying rate (a rate change is a new resource)', () => {
    const o = run([infusion(NE, 10, 2, 0.1), infusion(NE, 8, 1, 0.03), infusion(NE, 7, 2, 0.1)]);
    expect(o.value).toBe('not_met');
    expect(o.reason()).toContain('longest qualifying run');
  });

  it('runs an open infusion to T_scr and ignores time after it', () => {
    expect(run([infusion(NE, 4, undefined, 0.2)]).value).toBe('met');
    expect(run([infusion(NE, 4 - 1 / 60, undefined, 0.2)]).value).toBe('not_met');
    expect(run([infusion(NE, 2, 10, 0.2)]).value).toBe('not_met'); // ends after T_scr: cut at 2 h
  });

  it('is unknown when an administration of unknown rate could complete the run', () => {
    expect(run([infusion(NE, 10, 2, 0.1), infusion(NE, 8, 3, undefined)]).value).toBe('unknown');
    expect(run([infusion(NE, 10, 5, 0.1, 'mg/d')]).value).toBe('unknown'); // a rate in a unit we cannot compare
  });

  it('ignores single administrations (no duration)', () => {
    const push = medication(EPI, AT - HOUR_MS, { isInstant: true });
    expect(run([push]).value).toBe('not_met');
  });

  it('is not_met without any vasopressor', () => {
    const o = run([]);
    expect(o.value).toBe('not_met');
    expect(o.reason()).toBe('no qualifying vasopressor before screening');
  });

  it('honours a minimum other than 4 h', () => {
    const one = { constants: { ...args.constants, min: 60 * MINUTE_MS } };
    expect(run([infusion(NE, 3, 1, 0.1)], one).value).toBe('met');
  });
});
