import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../../time/duration.js';
import { ianaZone, type Zone } from '../../time/zone.js';
import {
  compareDose,
  dailyDoses,
  latestWeight,
  localDayIndex,
  localDayLabel,
  localDayStart,
  rateSegments,
  steroidExposures,
} from './steroid-doses.js';
import { bolus, ctxOf, medication, steroid, t, weight } from './test-support.js';

const AT = t('2026-03-10T12:00');
const PREDNISOLONE = 'H02AB06';
const HYDROCORTISONE = 'H02AB09';
const DEXAMETHASONE = 'H02AB02';
const BETAMETHASONE = 'H02AB01'; // an H02AB without a fixed equivalent

function dosesOf(meds: Parameters<typeof ctxOf>[0]['medications'], zone?: Zone, at = AT) {
  const ctx = ctxOf({ medications: meds ?? [] }, at, zone ? { zone } : {});
  const doses = dailyDoses(steroidExposures(ctx), ctx.zone);
  return new Map([...doses].map(([day, dose]) => [localDayLabel(day), dose]));
}

describe('dailyDoses (FHIR-PROFILE.md §5)', () => {
  it('weights a period by the hours inside each local day', () => {
    const doses = dosesOf([steroid(PREDNISOLONE, t('2026-03-07T18:00'), undefined, 10)]);
    expect(doses.get('2026-03-07')?.knownMg).toBeCloseTo(2.5, 10);
    expect(doses.get('2026-03-08')?.knownMg).toBeCloseTo(10, 10);
    expect(doses.get('2026-03-10')?.knownMg).toBeCloseTo(5, 10); // open end runs to T_scr (12:00)
    expect(doses.has('2026-03-11')).toBe(false);
  });

  it('converts to prednisone-eq: hydrocortisone 200 mg/d = 50 mg', () => {
    const doses = dosesOf([steroid(HYDROCORTISONE, t('2026-03-08T00:00'), t('2026-03-09T00:00'), 200)]);
    expect(doses.get('2026-03-08')?.knownMg).toBeCloseTo(50, 10);
    expect(doses.has('2026-03-09')).toBe(false); // the period ends at midnight: no hours in that day
  });

  it('adds boluses to their local day: dexamethasone 6 mg = 40 mg', () => {
    const doses = dosesOf([
      bolus(DEXAMETHASONE, t('2026-03-08T09:00'), 6),
      steroid(PREDNISOLONE, t('2026-03-08T00:00'), t('2026-03-09T00:00'), 5),
    ]);
    expect(doses.get('2026-03-08')?.knownMg).toBeCloseTo(45, 10);
    expect(doses.get('2026-03-08')?.refs).toHaveLength(2);
  });

  it('marks days touched by an unknown dose or an unknown drug factor', () => {
    const doses = dosesOf([
      steroid(PREDNISOLONE, t('2026-03-05T00:00'), t('2026-03-06T12:00'), undefined),
      steroid(BETAMETHASONE, t('2026-03-08T00:00'), t('2026-03-08T06:00'), 4),
      bolus(PREDNISOLONE, t('2026-03-09T08:00'), undefined),
    ]);
    expect(doses.get('2026-03-05')).toMatchObject({ knownMg: 0, unknownPart: true });
    expect(doses.get('2026-03-06')).toMatchObject({ knownMg: 0, unknownPart: true });
    expect(doses.get('2026-03-08')).toMatchObject({ knownMg: 0, unknownPart: true });
    expect(doses.get('2026-03-09')).toMatchObject({ knownMg: 0, unknownPart: true });
    expect(doses.has('2026-03-07')).toBe(false);
  });

  it('follows the local zone for day boundaries', () => {
    // 23:30 UTC on the 7th is 00:30 on the 8th at UTC+1
    const doses = dosesOf([steroid(PREDNISOLONE, t('2026-03-07T23:30'), t('2026-03-08T23:00'), 24)], {
      kind: 'offset',
      minutes: 60,
    });
    expect(doses.has('2026-03-07')).toBe(false);
    expect(doses.get('2026-03-08')?.knownMg).toBeCloseTo(23.5, 10);
    expect(doses.has('2026-03-09')).toBe(false);
  });

  it('weights a 23-hour local day by its 23 hours (Europe/Paris, spring DST change)', () => {
    const paris = ianaZone('Europe/Paris');
    const doses = dosesOf(
      [steroid(PREDNISOLONE, t('2026-03-27T23:00'), t('2026-03-30T22:00'), 24)],
      paris,
      t('2026-04-02T00:00'),
    );
    expect(doses.get('2026-03-28')?.knownMg).toBeCloseTo(24, 10);
    expect(doses.get('2026-03-29')?.knownMg).toBeCloseTo(23, 10);
    expect(doses.get('2026-03-30')?.knownMg).toBeCloseTo(24, 10);
  });

  it('ignores an RxNorm-only steroid without a systemic route, and reads one with it', () => {
    const noRoute = medication(undefined, t('2026-03-08T00:00'), {
      rxnorm: '8638',
      end: t('2026-03-09T00:00'),
      rate: { value: 10, unit: 'mg/d' },
    });
    const oral = medication(undefined, t('2026-03-08T00:00'), {
      rxnorm: '8638',
      end: t('2026-03-09T00:00'),
      rate: { value: 10, unit: 'mg/d' },
      systemicRoute: true,
    });
    expect(dosesOf([noRoute]).size).toBe(0);
    expect(dosesOf([oral]).get('2026-03-08')?.knownMg).toBeCloseTo(10, 10);
  });

  it('cuts a period running past T_scr at T_scr', () => {
    const doses = dosesOf([steroid(PREDNISOLONE, t('2026-03-10T00:00'), t('2026-03-20T00:00'), 24)]);
    expect(doses.get('2026-03-10')?.knownMg).toBeCloseTo(12, 10);
  });
});

describe('local day indices', () => {
  it('number local dates and find their midnights in offset and IANA zones', () => {
    const plus1: Zone = { kind: 'offset', minutes: 60 };
    const day = localDayIndex(t('2026-03-07T23:30'), plus1);
    expect(localDayLabel(day)).toBe('2026-03-08');
    expect(localDayStart(day, plus1)).toBe(t('2026-03-07T23:00'));
    const paris = ianaZone('Europe/Paris');
    const dst = localDayIndex(t('2026-03-29T12:00'), paris);
    expect(localDayLabel(dst)).toBe('2026-03-29');
    expect(localDayStart(dst, paris)).toBe(t('2026-03-28T23:00'));
    expect(localDayStart(dst + 1, paris)).toBe(t('2026-03-29T22:00'));
  });
});

describe('compareDose', () => {
  it.each([
    [2.6, false, '>', 2.5, 'met'],
    [2.5, false, '>', 2.5, 'not_met'],
    [2.5, true, '>', 2.5, 'met'], // an unknown positive part pushes it above
    [2.0, true, '>', 2.5, 'unknown'],
    [0, true, '>', 0, 'met'],
    [0, false, '>', 0, 'not_met'],
    [28, false, '>=', 28, 'met'],
    [27.9, false, '>=', 28, 'not_met'],
    [27.9, true, '>=', 28, 'unknown'],
  ] as const)('%d mg (unknown part %s) %s %d -> %s', (mg, unknownPart, op, x, expected) => {
    expect(compareDose(mg, unknownPart, false, undefined, op, x)).toBe(expected);
  });

  it('divides by the weight for a per-kg threshold, and is unknown without a weight unless the dose is 0', () => {
    expect(compareDose(28, false, true, 70, '>=', 0.4)).toBe('met');
    expect(compareDose(27.9, false, true, 70, '>=', 0.4)).toBe('not_met');
    expect(compareDose(28, false, true, undefined, '>=', 0.4)).toBe('unknown');
    expect(compareDose(0, false, true, undefined, '>=', 0.4)).toBe('not_met');
  });
});

describe('rateSegments', () => {
  it('sums overlapping periods and leaves boluses out', () => {
    const segs = rateSegments(
      steroidExposures(
        ctxOf(
          {
            medications: [
              steroid(PREDNISOLONE, AT - 10 * HOUR_MS, AT - 4 * HOUR_MS, 40),
              steroid(PREDNISOLONE, AT - 6 * HOUR_MS, undefined, 20),
              bolus(PREDNISOLONE, AT - 5 * HOUR_MS, 500),
            ],
          },
          AT,
        ),
      ),
    );
    expect(segs.map((s) => [(AT - s.start) / HOUR_MS, (AT - s.end) / HOUR_MS, s.knownMgPerDay])).toEqual([
      [10, 6, 40],
      [6, 4, 60],
      [4, 0, 20],
    ]);
  });
});

describe('latestWeight', () => {
  it('takes the latest weight at or before T_scr', () => {
    const ctx = ctxOf(
      { observations: [weight(80, AT - 10 * DAY_MS), weight(70, AT - DAY_MS, 'w2'), weight(60, AT + 1)] },
      AT,
    );
    expect(latestWeight(ctx)?.ref).toBe('Observation/w2');
  });
});
