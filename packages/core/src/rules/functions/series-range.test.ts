import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { HOUR_MS } from '../../time/duration.js';
import { firstAfter, firstAtOrAfter } from '../../timeline/sorted-times.js';
import { numericRange } from './score-helpers.js';
import { countUpTo, seriesRange, valueAt } from './series-range.js';
import { obs, plusHours, screen, T_ICU, timeline } from './test-timeline.js';

// Sorted times with repeats (small integers, so that probes land on equal times).
const sortedTimes = fc
  .array(fc.integer({ min: 0, max: 40 }), { maxLength: 80 })
  .map((a) => a.sort((x, y) => x - y));

describe('countUpTo', () => {
  it('counts the times <= t (inclusive) or < t', () => {
    expect(countUpTo([1, 2, 2, 3], 2, 4, true)).toBe(3);
    expect(countUpTo([1, 2, 2, 3], 2, 4, false)).toBe(1);
    expect(countUpTo([1, 2, 2, 3], 9, 4, true)).toBe(4);
    expect(countUpTo([1, 2, 2, 3], 0, 4, false)).toBe(0);
    expect(countUpTo([], 0, 0, true)).toBe(0);
  });

  test.prop([sortedTimes, fc.integer({ min: -2, max: 42 }), fc.nat()])(
    'equals the binary searches from the start (firstAfter, firstAtOrAfter) on any prefix',
    (times, t, cut) => {
      const n = times.length === 0 ? 0 : cut % (times.length + 1);
      expect(countUpTo(times, t, n, true)).toBe(firstAfter(times, t, n));
      expect(countUpTo(times, t, n, false)).toBe(firstAtOrAfter(times, t, n));
      for (const edge of [-Infinity, Infinity]) {
        expect(countUpTo(times, edge, n, true)).toBe(firstAfter(times, edge, n));
        expect(countUpTo(times, edge, n, false)).toBe(firstAtOrAfter(times, edge, n));
      }
    },
  );
});

describe('seriesRange', () => {
  // Hourly heart rates from T_icu, some without a value or NaN, one repeated hour, a result issued late.
  const records = [
    ...Array.from({ length: 30 }, (_, i) => obs('heart_rate', 60 + i, plusHours(T_ICU, i), { id: `hr${i}` })),
    obs('heart_rate', 99, plusHours(T_ICU, 12), { id: 'same-hour' }),
    obs('heart_rate', NaN, plusHours(T_ICU, 5), { id: 'nan' }),
    obs('heart_rate', 0, plusHours(T_ICU, 6), { id: 'none', value: undefined }),
    obs('heart_rate', 150, plusHours(T_ICU, 20), { id: 'late', issued: plusHours(T_ICU, 29) }),
  ];
  const tl = timeline({ observations: records });

  test.prop([
    fc.integer({ min: -4, max: 34 }),
    fc.integer({ min: -4, max: 34 }),
    fc.integer({ min: 0, max: 34 }),
    fc.boolean(),
    fc.boolean(),
  ])(
    'holds the records of numericRange, with their times and values',
    (fromH, toH, atH, closedEnd, numeric) => {
      const ctx = screen(tl, plusHours(T_ICU, atH));
      const from = plusHours(T_ICU, fromH);
      const to = plusHours(T_ICU, toH);
      const r = seriesRange(ctx, 'heart_rate', from, to, closedEnd, numeric);
      const n = numericRange(ctx, 'heart_rate', from, to, closedEnd, numeric);
      expect(r.records.slice(r.lo, r.hi)).toEqual(n.records.slice(n.lo, n.hi));
      for (let i = r.lo; i < r.hi; i++) {
        expect(r.times[i]).toBe(r.records[i]?.time);
        expect(valueAt(r, i)).toEqual(r.records[i]?.value ?? NaN);
      }
    },
  );

  it('keeps the context semantics for NaN bounds', () => {
    const ctx = screen(tl, plusHours(T_ICU, 30));
    const r = seriesRange(ctx, 'heart_rate', NaN, plusHours(T_ICU, 10), true);
    const n = numericRange(ctx, 'heart_rate', NaN, plusHours(T_ICU, 10), true);
    expect(r.records.slice(r.lo, r.hi)).toEqual(n.records.slice(n.lo, n.hi));
    expect(r.hi - r.lo).toBe(r.times.length);
  });

  it('answers an empty range for a variable without results', () => {
    const r = seriesRange(screen(tl, T_ICU + HOUR_MS), 'wbc', T_ICU, T_ICU + HOUR_MS, true);
    expect(r.hi - r.lo).toBe(0);
  });
});
