import { describe, expect, it } from 'vitest';
import { integrate } from './gauss-kronrod.js';

describe('integrate (adaptive Gauss-Kronrod)', () => {
  it('is exact for a polynomial of degree 22 on one panel', () => {
    const r = integrate((x) => 23 * x ** 22, 0, 1, 1e-15, 1e-15);
    expect(r.value).toBeCloseTo(1, 14);
  });
  it('integrates sin over [0, pi] to 2', () => {
    expect(integrate(Math.sin, 0, Math.PI).value).toBeCloseTo(2, 13);
  });
  it('handles an integrable endpoint singularity: int_0^1 x^-1/2 = 2', () => {
    expect(integrate((x) => 1 / Math.sqrt(x), 0, 1, 1e-10, 1e-10).value).toBeCloseTo(2, 9);
  });
  it('uses breakpoints at kinks', () => {
    const r = integrate((x) => Math.abs(x - 0.3), 0, 1, 1e-14, 1e-14, [0.3]);
    expect(r.value).toBeCloseTo(0.29, 14);
    expect(r.subintervals).toBe(2);
  });
  it('rejects infinite limits', () => {
    expect(() => integrate(Math.exp, 0, Infinity)).toThrow(RangeError);
  });
});
