import type { DrawSampler } from './draw-sampler.js';
import type { PosteriorFamily } from './probability-best.js';

/**
 * Fills `draws` (row-major, `count` per arm) with posterior draws of each active arm's parameter, as
 * adaptr does (Granholm et al. 2022): Beta, Gamma (shape, rate) or Normal (mean, sd).
 * @param family - Posterior family.
 * @param params - Two parameters per arm, row-major.
 * @param active - 1 for arms to draw.
 * @param sampler - Draw source seeded from the trial's stream.
 * @param count - Draws per arm.
 * @param draws - Output, at least arms * count long.
 */
export function drawArmPosteriors(
  family: PosteriorFamily,
  params: Float64Array,
  active: Uint8Array,
  sampler: DrawSampler,
  count: number,
  draws: Float64Array,
): void {
  for (let k = 0; k < active.length; k++) {
    if (active[k] !== 1) continue;
    const p = params[2 * k] ?? NaN;
    const q = params[2 * k + 1] ?? NaN;
    const base = k * count;
    if (family === 'beta') sampler.fillBeta(p, q, draws, base, count);
    else if (family === 'gamma') sampler.fillGamma(p, q, draws, base, count);
    else sampler.fillNormal(p, q, draws, base, count);
  }
}

/**
 * Share of draws in which arm k beats control c by more than `margin`: on the difference (binary) or on
 * the log ratio (count; `ratio` true).
 * @param draws - From {@link drawArmPosteriors}.
 * @param k - Arm.
 * @param c - Control.
 * @param count - Draws per arm.
 * @param lowerIsBetter - Direction of benefit.
 * @param margin - Smallest effect worth having (>= 0).
 * @param ratio - Compare log ratios rather than differences.
 */
export function mcProbabilityBetter(
  draws: Float64Array,
  k: number,
  c: number,
  count: number,
  lowerIsBetter: boolean,
  margin: number,
  ratio: boolean,
): number {
  let hits = 0;
  const factor = Math.exp(lowerIsBetter ? -margin : margin);
  for (let d = 0; d < count; d++) {
    const xk = draws[k * count + d] ?? NaN;
    const xc = draws[c * count + d] ?? NaN;
    const better = ratio
      ? lowerIsBetter
        ? xk < xc * factor
        : xk > xc * factor
      : lowerIsBetter
        ? xk - xc < -margin
        : xk - xc > margin;
    if (better) hits++;
  }
  return hits / count;
}

/**
 * Share of draws in which each active arm has the best value (ties go to the first arm).
 * @param draws - From {@link drawArmPosteriors}.
 * @param active - 1 for competing arms.
 * @param count - Draws per arm.
 * @param lowerIsBetter - Whether the smallest value is best.
 * @param out - Receives the shares.
 */
export function mcProbabilityBest(
  draws: Float64Array,
  active: Uint8Array,
  count: number,
  lowerIsBetter: boolean,
  out: Float64Array,
): void {
  out.fill(0);
  for (let d = 0; d < count; d++) {
    let best = -1;
    let bestValue = 0;
    for (let k = 0; k < active.length; k++) {
      if (active[k] !== 1) continue;
      const v = draws[k * count + d] ?? NaN;
      if (best < 0 || (lowerIsBetter ? v < bestValue : v > bestValue)) {
        best = k;
        bestValue = v;
      }
    }
    if (best >= 0) out[best] = (out[best] ?? 0) + 1;
  }
  for (let k = 0; k < out.length; k++) out[k] = (out[k] ?? 0) / count;
}

/**
 * Share of `count` draws from Normal(mean, sd) beyond -margin (lower is better) or +margin: the sampled
 * counterpart of the normal-normal posterior probability of benefit.
 * @param sampler - Draw source seeded from the trial's stream.
 * @param mean - Posterior mean of the effect.
 * @param sd - Posterior SD of the effect.
 * @param count - Number of draws.
 * @param lowerIsBetter - Direction of benefit.
 * @param margin - Smallest effect worth having (>= 0).
 */
export function mcNormalBetter(
  sampler: DrawSampler,
  mean: number,
  sd: number,
  count: number,
  lowerIsBetter: boolean,
  margin: number,
): number {
  let hits = 0;
  for (let d = 0; d < count; d++) {
    const x = mean + sd * sampler.normal();
    if (lowerIsBetter ? x < -margin : x > margin) hits++;
  }
  return hits / count;
}
