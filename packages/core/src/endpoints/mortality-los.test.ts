import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../time/duration.js';
import { ianaZone, UTC } from '../time/zone.js';
import { dayNumberOf, measurementNear } from './day-values.js';
import { lengthOfStay } from './length-of-stay.js';
import { mortalityAt } from './mortality.js';

describe('mortalityAt', () => {
  it('counts a death on day 0 and on the horizon day', () => {
    expect(mortalityAt({ deathDay: 0, lastKnownAliveDay: 0 }, 28)).toBe('dead');
    expect(mortalityAt({ deathDay: 28, lastKnownAliveDay: 27 }, 28)).toBe('dead');
  });

  it('is alive after a death past the horizon or when known alive on the horizon', () => {
    expect(mortalityAt({ deathDay: 29, lastKnownAliveDay: 28 }, 28)).toBe('alive');
    expect(mortalityAt({ lastKnownAliveDay: 28 }, 28)).toBe('alive');
  });

  it('is unknown for a participant lost to follow-up before the horizon (no imputation)', () => {
    expect(mortalityAt({ lastKnownAliveDay: 20 }, 28)).toBe('unknown');
    expect(mortalityAt({ lastKnownAliveDay: 60 }, 90)).toBe('unknown');
  });
});

describe('lengthOfStay', () => {
  const admit = Date.UTC(2026, 0, 1, 20, 0);

  it('is (discharge − admission) / 24 h', () => {
    expect(lengthOfStay({ admittedAt: admit, dischargedAt: admit + 36 * HOUR_MS })).toEqual({
      days: 1.5,
      end: 'discharged',
      diedInUnit: false,
    });
  });

  it('flags an in-unit death and keeps the time to death, not imputed', () => {
    expect(lengthOfStay({ admittedAt: admit, diedAt: admit + 3 * DAY_MS })).toEqual({
      days: 3,
      end: 'died',
      diedInUnit: true,
    });
    // Discharged dead: death at the discharge instant is in the unit.
    expect(
      lengthOfStay({ admittedAt: admit, dischargedAt: admit + DAY_MS, diedAt: admit + DAY_MS }).diedInUnit,
    ).toBe(true);
  });

  it('is a discharge when death follows it', () => {
    expect(
      lengthOfStay({ admittedAt: admit, dischargedAt: admit + 5 * DAY_MS, diedAt: admit + 9 * DAY_MS }),
    ).toEqual({
      days: 5,
      end: 'discharged',
      diedInUnit: false,
    });
  });

  it('censors an open stay, or one ending after the horizon, at the horizon', () => {
    const censorAt = admit + 90 * DAY_MS;
    expect(lengthOfStay({ admittedAt: admit }, censorAt)).toEqual({
      days: 90,
      end: 'censored',
      diedInUnit: false,
    });
    expect(lengthOfStay({ admittedAt: admit, diedAt: admit + 100 * DAY_MS }, censorAt)).toEqual({
      days: 90,
      end: 'censored',
      diedInUnit: false,
    });
  });

  it('rejects a stay that ends before it starts, or is open with no censoring instant', () => {
    expect(() => lengthOfStay({ admittedAt: admit, dischargedAt: admit - 1 })).toThrow(
      'the stay ends (discharged) before its admission',
    );
    expect(() => lengthOfStay({ admittedAt: admit })).toThrow(
      'a stay with no discharge or death needs a censoring instant',
    );
  });
});

describe('day numbers and measurements', () => {
  it('counts local calendar days from the origin date', () => {
    const paris = ianaZone('Europe/Paris');
    const origin = Date.UTC(2026, 2, 10, 22, 30); // 23:30 local on 10 March
    expect(dayNumberOf(origin + HOUR_MS, origin, paris)).toBe(1); // 00:30 on 11 March
    expect(dayNumberOf(origin, origin, UTC)).toBe(0);
  });

  it('takes the closest measurement in the window, the earlier on a tie', () => {
    const values = [
      { day: 8, value: 1 },
      { day: 11, value: 2 },
      { day: 9, value: 3 },
    ];
    expect(measurementNear(values, 10, { before: 1, after: 1 })).toEqual({ day: 9, value: 3 });
    expect(measurementNear(values, 10, { before: 0, after: 1 })).toEqual({ day: 11, value: 2 });
    expect(measurementNear(values, 10, { before: 0, after: 0 })).toBeUndefined();
  });
});
