import type { RandomSource } from '@immunotrial/stats';
import { randomInteger } from '@immunotrial/stats';
import { TrialError } from '../errors.js';
import { drawWeighted } from './arm-draw.js';
import { checkFactorLevels, type AllocationDesign, type FactorLevels } from './allocation-design.js';

/** Participants already allocated, by factor, level and arm: `counts[factor][level][arm]`. */
export type MinimizationCounts = Readonly<
  Record<string, Readonly<Record<string, Readonly<Record<string, number>>>>>
>;

/** How imbalance is measured across arms at one factor level (Pocock & Simon 1975, §3). */
export type ImbalanceMeasure = 'range' | 'variance';

export interface MinimizationOptions {
  /** Probability of the arm that minimizes imbalance, in (1/arms, 1]; default: the design's. */
  readonly probability?: number;
  /** Default `range`. */
  readonly imbalance?: ImbalanceMeasure;
  /** Weight of each factor's imbalance in the total; default 1 for every factor. */
  readonly weights?: Readonly<Record<string, number>>;
}

/** The decision and what it rested on (for the unblinded audit trail only). */
export interface MinimizationDecision {
  readonly arm: string;
  /** Weighted total imbalance if the participant went to each arm (Pocock & Simon's G_k). */
  readonly imbalance: Readonly<Record<string, number>>;
  /** Arms with the smallest total imbalance. */
  readonly preferred: readonly string[];
  /** True when every arm tied and the arm was drawn with the ratio's weights. */
  readonly tie: boolean;
}

function imbalanceOf(values: readonly number[], measure: ImbalanceMeasure): number {
  if (measure === 'range') return Math.max(...values) - Math.min(...values);
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
}

/**
 * Pocock-Simon minimization with a random element (Pocock & Simon 1975, Biometrics 31:103-115).
 * For each arm k, the participant is added to k hypothetically; at each of the participant's factor
 * levels the imbalance of the counts across arms is measured (range or variance of n_arm / ratio_arm, the
 * usual adjustment for unequal ratios), and G_k is the weighted sum over factors. The arm(s) with the
 * smallest G_k are preferred: one of them (uniformly) is chosen with probability p, otherwise one of the
 * other arms uniformly; when all arms tie, the arm is drawn with the ratio's weights.
 * Pure: the caller passes the counts (e.g. from its database) and a seeded generator.
 * @param design - From `allocationDesignOf` (arms, ratio, factors, default probability).
 * @param counts - Participants already allocated; missing entries count 0.
 * @param levels - The new participant's level of every factor.
 * @param rng - Seeded source (e.g. `deriveRandomSource(secret, ['minimization', id, version, String(n)])`).
 * @param options - Probability, imbalance measure, factor weights.
 * @throws TrialError `randomization.stratum` if a factor level is missing or unknown,
 *   `randomization.minimization` if the probability is not in (1/arms, 1] or a weight is negative.
 * @example allocateByMinimization(design, counts, { sex: 'F', site: 'S01' }, rng).arm
 */
export function allocateByMinimization(
  design: AllocationDesign,
  counts: MinimizationCounts,
  levels: FactorLevels,
  rng: RandomSource,
  options: MinimizationOptions = {},
): MinimizationDecision {
  checkFactorLevels(design, levels);
  const arms = design.arms;
  const p = options.probability ?? design.minimizationProbability ?? 0.8;
  if (!(p > 1 / arms.length && p <= 1)) {
    throw new TrialError(
      'randomization.minimization',
      `minimization probability must be in (1/${arms.length}, 1], got ${p}`,
      'allocation.minimization.probability',
    );
  }
  const measure = options.imbalance ?? 'range';
  const imbalance: Record<string, number> = {};
  for (const candidate of arms) {
    let g = 0;
    for (const f of design.factors) {
      const w = options.weights?.[f.id] ?? 1;
      if (!(w >= 0)) {
        throw new TrialError(
          'randomization.minimization',
          `weight of factor "${f.id}" must be >= 0, got ${w}`,
        );
      }
      const atLevel = counts[f.id]?.[levels[f.id] ?? ''];
      const adjusted = arms.map(
        (a) => ((atLevel?.[a] ?? 0) + (a === candidate ? 1 : 0)) / (design.ratio[a] ?? 1),
      );
      g += w * imbalanceOf(adjusted, measure);
    }
    imbalance[candidate] = g;
  }
  const best = Math.min(...arms.map((a) => imbalance[a] ?? 0));
  // Exact comparison is safe: equal counts give bit-identical sums.
  const preferred = arms.filter((a) => imbalance[a] === best);
  if (preferred.length === arms.length) {
    return { arm: drawWeighted(design.arms, design.ratio, rng), imbalance, preferred, tie: true };
  }
  const others = arms.filter((a) => !preferred.includes(a));
  const pool = rng.nextDouble() < p ? preferred : others;
  const arm = pool[randomInteger(rng, pool.length)] ?? preferred[0] ?? '';
  return { arm, imbalance, preferred, tie: false };
}

/**
 * The counts after one more participant with `levels` went to `arm` (a new object; the input is unchanged).
 * @example addToCounts({}, design, { sex: 'F' }, 'placebo') // => { sex: { F: { placebo: 1 } } }
 */
export function addToCounts(
  counts: MinimizationCounts,
  design: AllocationDesign,
  levels: FactorLevels,
  arm: string,
): MinimizationCounts {
  const next: Record<string, Record<string, Record<string, number>>> = {};
  for (const [f, byLevel] of Object.entries(counts)) {
    next[f] = Object.fromEntries(Object.entries(byLevel).map(([l, byArm]) => [l, { ...byArm }]));
  }
  for (const f of design.factors) {
    const level = levels[f.id];
    if (level === undefined) continue;
    const byLevel = (next[f.id] ??= {});
    const byArm = (byLevel[level] ??= {});
    byArm[arm] = (byArm[arm] ?? 0) + 1;
  }
  return next;
}
