import { TrialError } from '../errors.js';
import { valueOf } from '../protocol/assumed.js';
import type { ALLOCATION_METHODS } from '../protocol/design-schema.js';
import type { Protocol } from '../protocol/schema.js';
import { treatmentRowsOf, type TreatmentRow } from './treatment.js';

export type AllocationMethod = (typeof ALLOCATION_METHODS)[number];

/** A stratification (or minimization) factor: where its level comes from and, except for site, its levels. */
export interface AllocationFactor {
  readonly id: string;
  readonly from: 'eligibility_stratum' | 'site' | 'data' | 'attestation';
  /** Allowed levels; undefined for `site` (one level per site). */
  readonly levels: readonly string[] | undefined;
}

/**
 * Everything the randomization needs from a protocol, as plain data: the server stores it with the
 * protocol version, the simulator builds it once per trial. Arms are in the protocol's order.
 */
export interface AllocationDesign {
  readonly protocolId: string;
  readonly protocolVersion: string;
  readonly method: AllocationMethod;
  readonly arms: readonly string[];
  /** Integer weight of each arm, e.g. `{ active: 1, placebo: 1 }`. */
  readonly ratio: Readonly<Record<string, number>>;
  /** Allowed block sizes (multiples of the ratio's sum); empty for simple randomization and minimization. */
  readonly blockSizes: readonly number[];
  /** Strata (or minimization factors) in stratum-key order; `site` is included when `perSite`. */
  readonly factors: readonly AllocationFactor[];
  readonly perSite: boolean;
  /** Probability of the arm that minimizes imbalance; set only for minimization. */
  readonly minimizationProbability: number | undefined;
  /** What each arm (in each eligibility stratum) receives, from the double-dummy table or the regimens. */
  readonly treatments: readonly TreatmentRow[];
}

/** The factor id used for the site when the protocol says `per_site` without listing a site factor. */
export const SITE_FACTOR = 'site';

/** Pocock & Simon (1975) used p = 3/4 among others; 0.8 is a common choice when a protocol gives none. */
const DEFAULT_MINIMIZATION_PROBABILITY = 0.8;

/**
 * The allocation design of a parsed protocol.
 * @param protocol - A protocol from `parseProtocol`.
 * @throws TrialError `randomization.design` when the ratio names an unknown arm or misses one, a block
 *   size is not a multiple of the ratio's sum, a block method has no block sizes, or a biomarker-stratified
 *   design has no `eligibility_stratum` factor.
 * @example allocationDesignOf(infinity).blockSizes // => [2, 4]
 */
export function allocationDesignOf(protocol: Protocol): AllocationDesign {
  const alloc = protocol.allocation;
  const arms = protocol.arms.map((a) => a.id);
  const ratioIn = valueOf(alloc.ratio);
  const method = valueOf(alloc.method);
  const fail = (path: string, message: string): TrialError =>
    new TrialError('randomization.design', `${protocol.id}: ${message}`, `allocation.${path}`);

  for (const arm of Object.keys(ratioIn)) {
    if (!arms.includes(arm))
      throw fail('ratio', `ratio names "${arm}", which is not an arm (${arms.join(', ')})`);
  }
  const ratio: Record<string, number> = {};
  for (const arm of arms) {
    const w = ratioIn[arm];
    if (w === undefined) throw fail('ratio', `ratio has no weight for arm "${arm}"`);
    ratio[arm] = w;
  }
  const total = arms.reduce((s, a) => s + (ratio[a] ?? 0), 0);

  const usesBlocks = method === 'permuted_blocks' || method === 'biomarker_stratified';
  const blockSizes = usesBlocks && alloc.block_sizes !== undefined ? [...valueOf(alloc.block_sizes)] : [];
  if (usesBlocks && blockSizes.length === 0) throw fail('block_sizes', `method ${method} needs block_sizes`);
  blockSizes.forEach((size, i) => {
    if (size % total !== 0) {
      throw fail(`block_sizes[${i}]`, `block size ${size} is not a multiple of the ratio's sum ${total}`);
    }
  });

  const perSite = valueOf(alloc.per_site);
  const factors: AllocationFactor[] = (alloc.factors ?? []).map((f) => ({
    id: f.id,
    from: f.from,
    levels: f.from === 'site' ? undefined : (f.levels ?? []),
  }));
  factors.forEach((f, i) => {
    if (f.levels !== undefined && f.levels.length < 2) {
      throw fail(`factors[${i}].levels`, `factor "${f.id}" needs at least two levels`);
    }
  });
  if (perSite && !factors.some((f) => f.from === 'site')) {
    factors.push({ id: SITE_FACTOR, from: 'site', levels: undefined });
  }
  if (method === 'biomarker_stratified' && !factors.some((f) => f.from === 'eligibility_stratum')) {
    throw fail('factors', 'method biomarker_stratified needs a factor with from: eligibility_stratum');
  }
  if (method === 'minimization' && factors.length === 0) {
    throw fail('factors', 'method minimization needs at least one factor');
  }
  const minimizationProbability =
    method === 'minimization'
      ? alloc.minimization
        ? valueOf(alloc.minimization.probability)
        : DEFAULT_MINIMIZATION_PROBABILITY
      : undefined;

  return {
    protocolId: protocol.id,
    protocolVersion: protocol.version,
    method,
    arms,
    ratio,
    blockSizes,
    factors,
    perSite,
    minimizationProbability,
    treatments: treatmentRowsOf(protocol),
  };
}

/** The factor levels of one participant: factor id -> level (the site id for `site`). */
export type FactorLevels = Readonly<Record<string, string>>;

/** A stratum key such as `stratum=MALS|site=S01`; `all` when the design has no strata. */
export type StratumKey = string;

/**
 * Checks a participant's factor levels against the design: every factor has a level, and the level is
 * one of the factor's declared levels (any non-empty text for a site).
 * @throws TrialError `randomization.stratum` naming the factor and the allowed levels.
 */
export function checkFactorLevels(design: AllocationDesign, levels: FactorLevels): void {
  for (const f of design.factors) {
    const level = levels[f.id];
    if (level === undefined || level === '') {
      throw new TrialError('randomization.stratum', `no level given for factor "${f.id}"`, f.id);
    }
    if (f.levels !== undefined && !f.levels.includes(level)) {
      throw new TrialError(
        'randomization.stratum',
        `factor "${f.id}": "${level}" is not one of ${f.levels.join(', ')}`,
        f.id,
      );
    }
  }
}

/**
 * The stratum key of a participant: `factor=level` pairs in the design's factor order, joined by `|`,
 * each level URI-encoded so the key is unambiguous. Only factors of the design count; extra entries of
 * `levels` are ignored.
 * @param design - From `allocationDesignOf`.
 * @param levels - Factor id -> level, e.g. `{ stratum: 'MALS', site: 'S01' }`.
 * @throws TrialError `randomization.stratum` if a factor has no level or an unknown one
 *   (ImmunoSep: the eligibility stratum `none` or `unknown` cannot be randomized).
 * @example stratumKeyOf(immunosepDesign, { stratum: 'MALS', site: 'S01' }) // => 'stratum=MALS|site=S01'
 */
export function stratumKeyOf(design: AllocationDesign, levels: FactorLevels): StratumKey {
  checkFactorLevels(design, levels);
  if (design.factors.length === 0) return 'all';
  return design.factors.map((f) => `${f.id}=${encodeURIComponent(levels[f.id] ?? '')}`).join('|');
}

/**
 * Every stratum key of a design for the given sites: the product of the declared levels (and the sites),
 * so the server can generate each list when a site opens.
 * @param design - From `allocationDesignOf`.
 * @param siteIds - The sites (ignored when the design has no site factor).
 * @example strataKeysOf(immunosepDesign, ['S01']) // => ['stratum=MALS|site=S01', 'stratum=SIP|site=S01']
 */
export function strataKeysOf(design: AllocationDesign, siteIds: readonly string[]): StratumKey[] {
  let combos: Record<string, string>[] = [{}];
  for (const f of design.factors) {
    const levels = f.levels ?? siteIds;
    combos = combos.flatMap((c) => levels.map((level) => ({ ...c, [f.id]: level })));
  }
  return combos.map((c) => stratumKeyOf(design, c));
}
