import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { sofaCnsPoints, sofaMapPoints } from '../../scores/sofa-components.js';
import { type ObservationSeries, valuesOf } from '../../timeline/sorted-times.js';
import type { ObservationRecord } from '../../timeline/types.js';
import { HOUR_MS } from '../../time/duration.js';
import { pointsOf } from './score-helpers.js';
import { PointsColumns, pointsColumn, type Scorer, worstIndex, worstIndexInColumn } from './worst-index.js';
import { obs, T_ICU } from './test-timeline.js';

const GCS: Scorer = { points: sofaCnsPoints, severity: (v) => -v };
const MAP: Scorer = { points: sofaMapPoints, severity: (v) => -v };

function seriesOf(values: readonly (number | undefined)[]): ObservationSeries<ObservationRecord> {
  const records = values.map((v, i) => obs('gcs', v ?? 0, T_ICU + i * HOUR_MS, { id: `o${i}`, value: v }));
  return {
    records,
    times: Float64Array.from(records, (o) => o.time),
    values: valuesOf(records),
    length: records.length,
  };
}

/** The definition written plainly: the most points, then the most severe, then the earliest. */
function naiveWorst(s: ObservationSeries<ObservationRecord>, scorer: Scorer, lo: number, hi: number): number {
  let found = -1;
  let best = -Infinity;
  let bestSeverity = -Infinity;
  for (let i = lo; i < hi; i++) {
    const v = s.records[i]?.value;
    if (v === undefined) continue;
    const p = pointsOf(scorer.points, v);
    if (p === undefined) continue;
    const sev = scorer.severity(v);
    if (found < 0 || p > best || (p === best && sev > bestSeverity)) {
      found = i;
      best = p;
      bestSeverity = sev;
    }
  }
  return found;
}

describe('worstIndex', () => {
  it('takes the most points, then the lowest GCS, then the earliest among ties', () => {
    const s = seriesOf([14, 9, 11, 9, 15]);
    expect(worstIndex(s.records, s.values, GCS, 0, 5)).toBe(1);
    expect(worstIndex(s.records, s.values, GCS, 2, 5)).toBe(3);
    expect(worstIndex(s.records, s.values, GCS, 4, 5)).toBe(4);
  });

  it('skips values the component rejects and values without a number; -1 when none scores', () => {
    const s = seriesOf([2, undefined, 16, 12]);
    expect(worstIndex(s.records, s.values, GCS, 0, 3)).toBe(-1);
    expect(worstIndex(s.records, s.values, GCS, 0, 4)).toBe(3);
    expect(worstIndex(s.records, s.values, GCS, 2, 2)).toBe(-1);
  });

  it('reads the same series with each scorer', () => {
    const s = seriesOf([60, 80, 65]);
    expect(worstIndex(s.records, s.values, MAP, 0, 3)).toBe(0);
    // The same values read as GCS: 60 and 80 are out of range, 65 too.
    expect(worstIndex(s.records, s.values, GCS, 0, 3)).toBe(-1);
    expect(worstIndex(s.records, s.values, MAP, 1, 3)).toBe(2);
  });

  // Random series with rejected values, gaps and ties; several windows on each series.
  test.prop(
    [
      // NaN stands for a value the component rejects that the value array cannot tell from none.
      fc.array(fc.option(fc.oneof(fc.integer({ min: 0, max: 17 }), fc.constant(NaN)), { nil: undefined }), {
        maxLength: 60,
      }),
      fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 8 }),
    ],
    { seed: 20261122, numRuns: 300 },
  )('equals the definition on every window', (values, windows) => {
    const s = seriesOf(values);
    for (const [a, b] of windows) {
      const lo = values.length === 0 ? 0 : a % (values.length + 1);
      const hi = values.length === 0 ? 0 : b % (values.length + 1);
      const expected = naiveWorst(s, GCS, lo, hi);
      expect(worstIndex(s.records, s.values, GCS, lo, hi)).toBe(expected);
      expect(worstIndex(s.records, undefined, GCS, lo, hi)).toBe(expected);
    }
  });
});

describe('points columns', () => {
  it('scores each record once per records array, NaN when rejected or without a value', () => {
    const s = seriesOf([14, undefined, 2, NaN, 9]);
    const columns = new PointsColumns(GCS);
    const column = columns.of(s.records, s.values);
    expect(column.points).toEqual([1, NaN, NaN, NaN, 3]);
    // Kept with the records array: the same column for every later reader of that array.
    expect(columns.of(s.records, s.values)).toBe(column);
    expect(columns.of([...s.records], s.values)).not.toBe(column);
  });

  // The same random series as above: a column read per window gives worstIndex's answer.
  test.prop(
    [
      fc.array(fc.option(fc.oneof(fc.integer({ min: 0, max: 17 }), fc.constant(NaN)), { nil: undefined }), {
        maxLength: 60,
      }),
      fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 8 }),
    ],
    { seed: 20261123, numRuns: 300 },
  )('worstIndexInColumn equals worstIndex on every window', (values, windows) => {
    const s = seriesOf(values);
    for (const scorer of [GCS, MAP]) {
      const column = pointsColumn(s.records, s.values, scorer);
      expect(pointsColumn(s.records, undefined, scorer)).toEqual(column);
      for (const [a, b] of windows) {
        const lo = values.length === 0 ? 0 : a % (values.length + 1);
        const hi = values.length === 0 ? 0 : b % (values.length + 1);
        const expected = worstIndex(s.records, s.values, scorer, lo, hi);
        expect(worstIndexInColumn(column, s.records, s.values, scorer.severity, lo, hi)).toBe(expected);
        expect(worstIndexInColumn(column, s.records, undefined, scorer.severity, lo, hi)).toBe(expected);
      }
    }
  });
});
