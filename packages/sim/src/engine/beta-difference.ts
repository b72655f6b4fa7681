// About 512 intervals over the two posteriors' mean +- 12 SD, with the spacing chosen so that the margin
// is a whole number of intervals: F_X(y - m) is then read at a node, with no interpolation.
const TARGET_INTERVALS = 512;
const SPREAD = 12;

/** Reusable buffers for {@link probabilityBetaDifferenceBelow}. */
export interface DifferenceWorkspace {
  fx: Float64Array;
  fy: Float64Array;
  cdf: Float64Array;
}

/** Buffers for the difference of two Beta posteriors. */
export function createDifferenceWorkspace(): DifferenceWorkspace {
  const size = 4 * TARGET_INTERVALS + 8;
  return { fx: new Float64Array(size), fy: new Float64Array(size), cdf: new Float64Array(size) };
}

/** Log of the unnormalised Beta density, with 0 log 0 = 0 so that a shape of 1 has a finite end. */
function betaLog(x: number, a: number, b: number): number {
  if (x < 0 || x > 1) return -Infinity;
  return (a === 1 ? 0 : (a - 1) * Math.log(x)) + (b === 1 ? 0 : (b - 1) * Math.log1p(-x));
}

function fill(f: Float64Array, lo: number, h: number, m: number, a: number, b: number): void {
  let max = -Infinity;
  for (let i = 0; i < m; i++) {
    const v = betaLog(lo + i * h, a, b);
    f[i] = v;
    if (v > max) max = v;
  }
  let total = 0;
  for (let i = 0; i < m; i++) {
    const v = Math.exp((f[i] ?? -Infinity) - max);
    f[i] = v;
    total += v * (i === 0 || i === m - 1 ? 1 : i % 2 === 1 ? 4 : 2);
  }
  total *= h / 3;
  for (let i = 0; i < m; i++) f[i] = (f[i] ?? 0) / total;
}

/**
 * P(X - Y < -margin) for independent X ~ Beta(a1, b1), Y ~ Beta(a2, b2): the integral of
 * f_Y(y) F_X(y - margin) dy by Simpson's rule on one uniform grid, F_X by cumulative Simpson (three-point
 * rule on odd nodes). Densities are normalised on the grid. Agrees with stats' riskDifferenceCdf (adaptive
 * Gauss-Kronrod) to about 1e-7 for unimodal posteriors (beta-difference.test.ts) at a hundredth of its
 * cost, which the futility rule with a margin needs at every look.
 * @param a1 - First shape of X (the arm).
 * @param b1 - Second shape of X.
 * @param a2 - First shape of Y (the control).
 * @param b2 - Second shape of Y.
 * @param margin - m >= 0.
 * @param ws - Buffers from {@link createDifferenceWorkspace}.
 * @example probabilityBetaDifferenceBelow(13, 29, 21, 21, 0.05, ws) // = riskDifferenceCdf(-0.05, ...)
 */
export function probabilityBetaDifferenceBelow(
  a1: number,
  b1: number,
  a2: number,
  b2: number,
  margin: number,
  ws: DifferenceWorkspace,
): number {
  const mx = a1 / (a1 + b1);
  const sx = Math.sqrt((a1 * b1) / ((a1 + b1) ** 2 * (a1 + b1 + 1)));
  const my = a2 / (a2 + b2);
  const sy = Math.sqrt((a2 * b2) / ((a2 + b2) ** 2 * (a2 + b2 + 1)));
  const lo = Math.max(0, Math.min(mx - SPREAD * sx, my - SPREAD * sy - margin));
  const hi = Math.min(1, Math.max(mx + SPREAD * sx, my + SPREAD * sy));
  let h = (hi - lo) / TARGET_INTERVALS;
  let shift = 0;
  if (margin > 0) {
    shift = Math.max(1, Math.round(margin / h));
    h = margin / shift;
  }
  let intervals = Math.ceil((hi - lo) / h);
  if (intervals % 2 === 1) intervals++;
  if (intervals + 1 > ws.fx.length) {
    ws.fx = new Float64Array(intervals + 1);
    ws.fy = new Float64Array(intervals + 1);
    ws.cdf = new Float64Array(intervals + 1);
  }
  const m = intervals + 1;
  const { fx, fy, cdf } = ws;
  fill(fx, lo, h, m, a1, b1);
  fill(fy, lo, h, m, a2, b2);
  cdf[0] = 0;
  for (let i = 1; i < m; i++) {
    cdf[i] =
      i % 2 === 1
        ? (cdf[i - 1] ?? 0) +
          (h / 12) * (5 * (fx[i - 1] ?? 0) + 8 * (fx[i] ?? 0) - (fx[Math.min(i + 1, m - 1)] ?? 0))
        : (cdf[i - 2] ?? 0) + (h / 3) * ((fx[i - 2] ?? 0) + 4 * (fx[i - 1] ?? 0) + (fx[i] ?? 0));
  }
  let sum = 0;
  for (let i = shift; i < m; i++) {
    const w = i === 0 || i === m - 1 ? 1 : i % 2 === 1 ? 4 : 2;
    sum += w * (fy[i] ?? 0) * Math.min(1, cdf[i - shift] ?? 0);
  }
  const p = (sum * h) / 3;
  return p < 0 ? 0 : p > 1 ? 1 : p;
}
