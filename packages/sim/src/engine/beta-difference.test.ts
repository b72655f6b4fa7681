import { riskDifferenceCdf } from '@immunotrial/stats';
import { describe, expect, it } from 'vitest';
import { createDifferenceWorkspace, probabilityBetaDifferenceBelow } from './beta-difference.js';

// Reference: stats' riskDifferenceCdf (adaptive Gauss-Kronrod), P(X - Y <= d).
describe('probabilityBetaDifferenceBelow', () => {
  const ws = createDifferenceWorkspace();
  const cases: [number, number, number, number, number][] = [
    [13, 29, 21, 21, 0.05],
    [13, 29, 21, 21, 0],
    [61, 141, 81, 121, 0.05],
    [2, 99, 8, 93, 0.02],
    [300, 700, 330, 670, 0.1],
    [3, 5, 6, 4, 0.3],
  ];
  it.each(cases)('matches riskDifferenceCdf for Beta(%d, %d) - Beta(%d, %d) < -%d', (a1, b1, a2, b2, m) => {
    const reference = riskDifferenceCdf(-m, { a: a1, b: b1 }, { a: a2, b: b2 });
    expect(probabilityBetaDifferenceBelow(a1, b1, a2, b2, m, ws)).toBeCloseTo(reference, 6); // 1e-6: the grid is accurate to about 1e-7
  });
});
