import { probabilityLess, probabilityLessClosedForm } from '@immunotrial/stats';
import { describe, expect, it } from 'vitest';
import { probabilityBetaLess } from './beta-less.js';

// Reference: stats' probabilityLessClosedForm (Cook's sum with log-beta terms) and probabilityLess
// (adaptive quadrature), themselves checked against R in the statistics package.
describe('probabilityBetaLess', () => {
  const integer: [number, number, number, number][] = [
    [13, 29, 21, 21],
    [1, 1, 1, 1],
    [41, 122, 62, 101],
    [2, 300, 5, 297],
    [150, 30, 120, 60],
    [1, 164, 1, 164],
  ];
  it.each(integer)('matches the closed form of stats for Beta(%d, %d) < Beta(%d, %d)', (a1, b1, a2, b2) => {
    const reference = probabilityLessClosedForm({ a: a1, b: b1 }, { a: a2, b: b2 });
    expect(probabilityBetaLess(a1, b1, a2, b2)).toBeCloseTo(reference, 12);
  });

  it('matches quadrature when only some shapes are whole numbers', () => {
    for (const [a1, b1, a2, b2] of [
      [12.5, 30.5, 20, 22.5],
      [12.5, 30, 20.5, 22.5],
      [0.5, 40.5, 3.5, 37],
    ] as const) {
      expect(probabilityBetaLess(a1, b1, a2, b2)).toBeCloseTo(
        probabilityLess({ a: a1, b: b1 }, { a: a2, b: b2 }),
        10,
      );
    }
  });

  it('falls back to quadrature with a Jeffreys prior (no whole-number shape)', () => {
    const reference = probabilityLess({ a: 12.5, b: 30.5 }, { a: 20.5, b: 22.5 });
    expect(probabilityBetaLess(12.5, 30.5, 20.5, 22.5)).toBe(reference);
  });

  it('is 1/2 for identical posteriors and complements when the arms swap', () => {
    expect(probabilityBetaLess(30, 70, 30, 70)).toBeCloseTo(0.5, 12);
    const p = probabilityBetaLess(40, 120, 60, 100);
    expect(p + probabilityBetaLess(60, 100, 40, 120)).toBeCloseTo(1, 12);
  });

  it('keeps the sum when the first term underflows (thousands of patients)', () => {
    // mean 0.2 vs 0.3 with 4,000 per arm: P is within 1e-12 of 1.
    const p = probabilityBetaLess(801, 3201, 1201, 2801);
    expect(p).toBeGreaterThan(1 - 1e-12);
    expect(p).toBeLessThanOrEqual(1);
    expect(probabilityBetaLess(1201, 2801, 801, 3201)).toBeLessThan(1e-12);
  });
});
