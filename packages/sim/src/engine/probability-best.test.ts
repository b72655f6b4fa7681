import { normalCdf } from '@immunotrial/stats';
import { describe, expect, it } from 'vitest';
import { probabilityBetaLess } from './beta-less.js';
import { createBestWorkspace, probabilityBest } from './probability-best.js';

describe('probabilityBest', () => {
  it('gives the exact pairwise probability for two Beta posteriors', () => {
    const out = new Float64Array(2);
    probabilityBest(
      'beta',
      Float64Array.of(13, 29, 21, 21),
      Uint8Array.of(1, 1),
      true,
      out,
      createBestWorkspace(2),
    );
    expect(out[0]).toBeCloseTo(probabilityBetaLess(13, 29, 21, 21), 6);
    expect((out[0] ?? 0) + (out[1] ?? 0)).toBeCloseTo(1, 12);
  });

  it('gives Phi(d / sqrt(2)) for two unit normals (higher is better)', () => {
    const out = new Float64Array(2);
    probabilityBest(
      'normal',
      Float64Array.of(0.5, 1, 0, 1),
      Uint8Array.of(1, 1),
      false,
      out,
      createBestWorkspace(2),
    );
    expect(out[0]).toBeCloseTo(normalCdf(0.5 / Math.SQRT2), 6);
  });

  it('splits equally among identical arms and ignores inactive ones', () => {
    const out = new Float64Array(4);
    const params = Float64Array.of(30, 70, 30, 70, 5, 95, 30, 70);
    probabilityBest('beta', params, Uint8Array.of(1, 1, 0, 1), true, out, createBestWorkspace(4));
    [1 / 3, 1 / 3, 0, 1 / 3].forEach((v, k) => {
      expect(out[k]).toBeCloseTo(v, 8);
    });
  });

  it('agrees with a brute-force sum for three Gamma posteriors', () => {
    const out = new Float64Array(3);
    const params = Float64Array.of(40, 100, 50, 100, 45, 100);
    probabilityBest('gamma', params, Uint8Array.of(1, 1, 1), true, out, createBestWorkspace(3));
    // Brute force: integrate f_1 S_2 S_3 on a fine midpoint grid with the Gamma CDFs summed numerically.
    const n = 200000;
    const hi = 1.2;
    const h = hi / n;
    const logf = (x: number, a: number, r: number): number => (a - 1) * Math.log(x) - r * x;
    const f = [0, 1, 2].map((k) => {
      const a = params[2 * k] ?? 0;
      const r = params[2 * k + 1] ?? 0;
      const values = Float64Array.from({ length: n }, (_, i) =>
        Math.exp(logf((i + 0.5) * h, a, r) - logf(a / r, a, r)),
      );
      const total = values.reduce((s, v) => s + v, 0);
      return values.map((v) => v / total);
    });
    let p0 = 0;
    // Survival of arms 1 and 2 at each midpoint: 1 - (mass below) - half the cell's own mass.
    let s1 = 1;
    let s2 = 1;
    for (let i = 0; i < n; i++) {
      const f1 = f[1]?.[i] ?? 0;
      const f2 = f[2]?.[i] ?? 0;
      p0 += (f[0]?.[i] ?? 0) * (s1 - f1 / 2) * (s2 - f2 / 2);
      s1 -= f1;
      s2 -= f2;
    }
    expect(out[0]).toBeCloseTo(p0, 5);
  });
});
