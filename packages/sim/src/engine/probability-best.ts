/** Family of the per-arm posteriors compared by {@link probabilityBest}. */
export type PosteriorFamily = 'beta' | 'gamma' | 'normal';

// Grid: 512 intervals over the union of mean +- 12 SD of the arms; Simpson weights for the outer
// integral and cumulative Simpson (with the three-point rule on the odd nodes) for each CDF, so the
// result is accurate to about 1e-7 for unimodal posteriors well inside the grid.
const INTERVALS = 512;
const SPREAD = 12;

/** Reusable buffers for {@link probabilityBest}. */
export interface BestWorkspace {
  readonly x: Float64Array;
  readonly density: Float64Array;
  readonly survival: Float64Array;
}

/**
 * Buffers for up to `arms` arms.
 * @param arms - Number of arms.
 */
export function createBestWorkspace(arms: number): BestWorkspace {
  return {
    x: new Float64Array(INTERVALS + 1),
    density: new Float64Array(arms * (INTERVALS + 1)),
    survival: new Float64Array(arms * (INTERVALS + 1)),
  };
}

function moments(family: PosteriorFamily, p: number, q: number): [number, number] {
  if (family === 'beta') return [p / (p + q), Math.sqrt((p * q) / ((p + q) ** 2 * (p + q + 1)))];
  if (family === 'gamma') return [p / q, Math.sqrt(p) / q];
  return [p, q];
}

function logDensity(family: PosteriorFamily, x: number, p: number, q: number): number {
  if (family === 'beta') return (p - 1) * Math.log(x) + (q - 1) * Math.log1p(-x);
  if (family === 'gamma') return (p - 1) * Math.log(x) - q * x;
  const z = (x - p) / q;
  return -0.5 * z * z;
}

/**
 * P(arm k has the best value) for independent posteriors, by numerical integration on one grid:
 * P(k best) = integral of f_k(x) prod_{j != k} G_j(x) dx, with G_j = P(theta_j > x) when lower is better
 * and P(theta_j < x) otherwise. Densities are normalised on the grid, so no normalising constant is
 * needed. Inactive arms get 0.
 * @param family - beta, gamma or normal posteriors.
 * @param params - Two parameters per arm: (a, b), (shape, rate) or (mean, sd); row-major.
 * @param active - 1 for arms that compete.
 * @param lowerIsBetter - Whether the smallest value is best.
 * @param out - Receives P(best) per arm (sums to 1 over active arms).
 * @param ws - Buffers from {@link createBestWorkspace}.
 */
export function probabilityBest(
  family: PosteriorFamily,
  params: Float64Array,
  active: Uint8Array,
  lowerIsBetter: boolean,
  out: Float64Array,
  ws: BestWorkspace,
): void {
  const arms = active.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < arms; k++) {
    if (active[k] !== 1) continue;
    const [m, sd] = moments(family, params[2 * k] ?? NaN, params[2 * k + 1] ?? NaN);
    lo = Math.min(lo, m - SPREAD * sd);
    hi = Math.max(hi, m + SPREAD * sd);
  }
  if (family !== 'normal') lo = Math.max(lo, 1e-300);
  if (family === 'beta') hi = Math.min(hi, 1 - 1e-16);
  const h = (hi - lo) / INTERVALS;
  const m = INTERVALS + 1;
  const { x, density, survival } = ws;
  for (let i = 0; i < m; i++) x[i] = lo + i * h;
  for (let k = 0; k < arms; k++) {
    if (active[k] !== 1) continue;
    const p = params[2 * k] ?? NaN;
    const q = params[2 * k + 1] ?? NaN;
    let max = -Infinity;
    for (let i = 0; i < m; i++) {
      const v = logDensity(family, x[i] ?? 0, p, q);
      density[k * m + i] = v;
      if (v > max) max = v;
    }
    for (let i = 0; i < m; i++) density[k * m + i] = Math.exp((density[k * m + i] ?? 0) - max);
    // Cumulative Simpson: even nodes by pairs of intervals, odd nodes by the three-point rule.
    const base = k * m;
    survival[base] = 0;
    for (let i = 1; i < m; i++) {
      const f0 = density[base + i - 1] ?? 0;
      const f1 = density[base + i] ?? 0;
      const f2 = density[base + Math.min(i + 1, m - 1)] ?? 0;
      const fm = density[base + Math.max(i - 2, 0)] ?? 0;
      const prev = survival[base + i - 1] ?? 0;
      survival[base + i] =
        i % 2 === 1
          ? prev + (h / 12) * (5 * f0 + 8 * f1 - f2)
          : (survival[base + i - 2] ?? 0) + (h / 3) * (fm + 4 * f0 + f1);
    }
    const total = survival[base + m - 1] ?? 1;
    for (let i = 0; i < m; i++) {
      const cdf = (survival[base + i] ?? 0) / total;
      survival[base + i] = lowerIsBetter ? 1 - cdf : cdf;
      density[base + i] = (density[base + i] ?? 0) / total;
    }
  }
  let sum = 0;
  let competing = 0;
  for (let k = 0; k < arms; k++) {
    out[k] = 0;
    competing += active[k] ?? 0;
    if (active[k] !== 1) continue;
    let acc = 0;
    for (let i = 0; i < m; i++) {
      let g = (density[k * m + i] ?? 0) * (i === 0 || i === m - 1 ? 1 : i % 2 === 1 ? 4 : 2);
      for (let j = 0; j < arms && g > 0; j++) if (j !== k && active[j] === 1) g *= survival[j * m + i] ?? 0;
      acc += g;
    }
    out[k] = (acc * h) / 3;
    sum += out[k] ?? 0;
  }
  // The product underflows only for arms that cannot be best; if all did, share equally.
  for (let k = 0; k < arms; k++) out[k] = sum > 0 ? (out[k] ?? 0) / sum : (active[k] ?? 0) / competing;
}
