import { betaCdf, normalCdf, normalLogHrPosterior } from '@immunotrial/stats';
import type { CompiledDesign, Prior } from '../design/compiled-design.js';
import type { ArmState } from './arm-state.js';
import { type DifferenceWorkspace, probabilityBetaDifferenceBelow } from './beta-difference.js';
import { probabilityBetaLess } from './beta-less.js';

/** Log rate with 0.5 added to a zero count (Haldane's correction), so that the log ratio stays finite. */
function logRate(sum: number, n: number, zero: boolean): number {
  return Math.log((zero ? sum + 0.5 : sum) / n);
}

/**
 * Effect estimate of arm k against the control at the current look, in the estimate's scale: risk
 * difference (binary), mean difference (continuous), log rate ratio (count, with 0.5 added to both counts
 * when one is zero) or the log-rank log hazard ratio (time to event). NaN when an arm has no patients.
 * @param design - The compiled design.
 * @param s - The trial's statistics.
 * @param k - Arm index (not the control).
 */
export function effectEstimate(design: CompiledDesign, s: ArmState, k: number): number {
  const c = design.control;
  const nk = s.n[k] ?? 0;
  const nc = s.n[c] ?? 0;
  if (design.outcome === 'time_to_event') return s.effect[k] ?? NaN;
  if (nk === 0 || nc === 0) return NaN;
  const yk = s.sum[k] ?? 0;
  const yc = s.sum[c] ?? 0;
  if (design.outcome === 'count') {
    const zero = yk === 0 || yc === 0;
    return logRate(yk, nk, zero) - logRate(yc, nc, zero);
  }
  return yk / nk - yc / nc;
}

/** Pooled within-arm SD of arms k and c (continuous outcomes). */
function pooledSd(s: ArmState, k: number, c: number): number {
  const ss = (j: number): number => {
    const n = s.n[j] ?? 0;
    const sum = s.sum[j] ?? 0;
    return (s.sumSq[j] ?? 0) - (sum * sum) / n;
  };
  const df = (s.n[k] ?? 0) + (s.n[c] ?? 0) - 2;
  return df > 0 ? Math.sqrt(Math.max(ss(k) + ss(c), 0) / df) : NaN;
}

/**
 * Standard error of {@link effectEstimate}: sqrt(1/n_k + 1/n_c) times the pooled SD (continuous),
 * sqrt(1/y_k + 1/y_c) (count), 1/sqrt(V) (log-rank), or the unpooled binomial SE (binary).
 */
function effectSe(design: CompiledDesign, s: ArmState, k: number): number {
  const c = design.control;
  const nk = s.n[k] ?? 0;
  const nc = s.n[c] ?? 0;
  switch (design.outcome) {
    case 'time_to_event':
      return s.effectSe[k] ?? NaN;
    case 'continuous':
      return pooledSd(s, k, c) * Math.sqrt(1 / nk + 1 / nc);
    case 'count': {
      const zero = s.sum[k] === 0 || s.sum[c] === 0;
      const add = zero ? 0.5 : 0;
      return Math.sqrt(1 / ((s.sum[k] ?? 0) + add) + 1 / ((s.sum[c] ?? 0) + add));
    }
    case 'binary': {
      const pk = (s.sum[k] ?? 0) / nk;
      const pc = (s.sum[c] ?? 0) / nc;
      return Math.sqrt((pk * (1 - pk)) / nk + (pc * (1 - pc)) / nc);
    }
  }
}

/**
 * Z statistic of arm k against control, signed so that benefit is positive: the pooled-variance score
 * test of two proportions (binary; the Farrington-Manning form under H0 that stats' sampleSizeRates
 * assumes), the two-sample z with pooled SD (continuous), Wald on the log rate ratio (count), and the
 * log-rank (O - E) / sqrt(V) (time to event). 0 when undefined (no events in either arm).
 * @param design - The compiled design.
 * @param s - The trial's statistics.
 * @param k - Arm index (not the control).
 */
export function zBenefit(design: CompiledDesign, s: ArmState, k: number): number {
  const sign = design.lowerIsBetter ? -1 : 1;
  const c = design.control;
  let z: number;
  if (design.outcome === 'binary') {
    const nk = s.n[k] ?? 0;
    const nc = s.n[c] ?? 0;
    const pooled = ((s.sum[k] ?? 0) + (s.sum[c] ?? 0)) / (nk + nc);
    const se = Math.sqrt(pooled * (1 - pooled) * (1 / nk + 1 / nc));
    z = effectEstimate(design, s, k) / se;
  } else {
    z = effectEstimate(design, s, k) / effectSe(design, s, k);
  }
  return Number.isFinite(z) ? sign * z : 0;
}

/** Posterior Beta or Gamma shapes of arm j under the design's prior. */
function conjugate(prior: Prior, s: ArmState, j: number): [number, number] {
  const n = s.n[j] ?? 0;
  const y = s.sum[j] ?? 0;
  if (prior.kind === 'beta') return [prior.a + y, prior.b + n - y];
  if (prior.kind === 'gamma') return [prior.shape + y, prior.rate + n];
  return [NaN, NaN];
}

/**
 * P(rate_k < c rate_c) for Gamma(a1, rate r1) and Gamma(a2, rate r2) posteriors: with
 * U = r1 X / (r1 X + r2 Y) ~ Beta(a1, a2), X < cY exactly when U < c r1 / (r2 + c r1).
 */
function gammaLess(k: [number, number], ctl: [number, number], c: number): number {
  return betaCdf((c * k[1]) / (ctl[1] + c * k[1]), k[0], ctl[0]);
}

/**
 * Normal-normal posterior of the effect of arm k (mean difference or log HR): stats'
 * normalLogHrPosterior with the estimate and its SE as the likelihood (Spiegelhalter, Abrams & Myles
 * 2004, section 3.6).
 */
export function effectPosterior(
  design: CompiledDesign,
  s: ArmState,
  k: number,
): { mean: number; sd: number } {
  const est = effectEstimate(design, s, k);
  const se = effectSe(design, s, k);
  const prior = design.prior.kind === 'normal' ? design.prior : { mean: 0, sd: Infinity };
  if (!Number.isFinite(est) || !(se > 0 && Number.isFinite(se))) return { mean: prior.mean, sd: prior.sd };
  return normalLogHrPosterior(est, se, prior);
}

/**
 * Exact posterior probability that arm k beats the control by more than `margin` (in the effect's
 * scale): Cook's closed form for two Beta posteriors (margin 0) or numerical integration (margin > 0);
 * the Beta form of two Gamma posteriors (count); the normal-normal posterior of the effect (continuous,
 * time to event).
 * @param design - The compiled design.
 * @param s - The trial's statistics.
 * @param k - Arm index (not the control).
 * @param margin - Smallest effect worth having, >= 0 (0: any benefit).
 * @param ws - Buffers for the Beta difference (binary outcomes with a margin).
 */
export function probabilityBetterExact(
  design: CompiledDesign,
  s: ArmState,
  k: number,
  margin: number,
  ws: DifferenceWorkspace,
): number {
  const lower = design.lowerIsBetter;
  const c = design.control;
  if (design.outcome === 'binary') {
    const pk = conjugate(design.prior, s, k);
    const pc = conjugate(design.prior, s, c);
    if (margin === 0)
      return lower
        ? probabilityBetaLess(pk[0], pk[1], pc[0], pc[1])
        : probabilityBetaLess(pc[0], pc[1], pk[0], pk[1]);
    // P(p_k - p_c < -m) when lower is better; P(p_k - p_c > m) = P(p_c - p_k < -m) otherwise.
    return lower
      ? probabilityBetaDifferenceBelow(pk[0], pk[1], pc[0], pc[1], margin, ws)
      : probabilityBetaDifferenceBelow(pc[0], pc[1], pk[0], pk[1], margin, ws);
  }
  if (design.outcome === 'count') {
    const gk = conjugate(design.prior, s, k);
    const gc = conjugate(design.prior, s, c);
    return lower ? gammaLess(gk, gc, Math.exp(-margin)) : 1 - gammaLess(gk, gc, Math.exp(margin));
  }
  const post = effectPosterior(design, s, k);
  // A flat prior and no estimate yet (fewer than two patients in an arm): no information either way.
  if (!Number.isFinite(post.sd)) return 0.5;
  return lower ? normalCdf(-margin, post.mean, post.sd) : normalCdf(margin, post.mean, post.sd, 'upper');
}

/**
 * Posterior of each arm's own parameter, for P(best): Beta (binary) or Gamma (count) shapes under the
 * prior, or Normal(mean, SD / sqrt(n)) with a flat prior (continuous).
 * @returns [first, second] parameters: (a, b), (shape, rate) or (mean, sd).
 */
export function armPosterior(design: CompiledDesign, s: ArmState, j: number): [number, number] {
  if (design.outcome === 'continuous') {
    const n = s.n[j] ?? 0;
    const mean = (s.sum[j] ?? 0) / n;
    const sd = pooledSd(s, j, design.control);
    return [mean, (Number.isFinite(sd) ? sd : design.sd) / Math.sqrt(n)];
  }
  return conjugate(design.prior, s, j);
}
