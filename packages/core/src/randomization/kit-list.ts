import { randomInteger } from '@immunotrial/stats';
import { TrialError } from '../errors.js';
import type { AllocationDesign } from './allocation-design.js';
import { shuffleInPlace } from './allocation-list.js';
import { deriveRandomSource } from './derive-random.js';

/** One kit of a site's pharmacy stock. The kit -> pack map is visible only to unblinded roles. */
export interface Kit {
  /** What is printed on the label: the prefix and a random number that says nothing of the pack. */
  readonly kitNumber: string;
  /** The pack (see `TreatmentRow.pack`): which arm (and stratum) the kit is for. */
  readonly pack: string;
  /** 0-based position in the site's list: kits of a pack are dispensed in this order. */
  readonly sequence: number;
}

export interface KitList {
  readonly protocolId: string;
  readonly protocolVersion: string;
  readonly siteId: string;
  readonly kits: readonly Kit[];
}

export interface KitListOptions {
  /** Printed before the number, e.g. the site code `FR01-`; default none. */
  readonly prefix?: string;
  /** Digits of the random number, 4 to 12; default 6. */
  readonly digits?: number;
}

/**
 * How many kits of each pack a balanced stock holds per cycle: each treatment row contributes its arm's
 * ratio weight (ImmunoSep 1:1: `active:MALS` 1, `active:SIP` 1, `placebo` 2, since placebo serves both
 * strata).
 * @example packWeightsOf(infinityDesign) // => { 'ifn-gamma': 1, placebo: 1 }
 */
export function packWeightsOf(design: AllocationDesign): Record<string, number> {
  const weights: Record<string, number> = {};
  for (const row of design.treatments)
    weights[row.pack] = (weights[row.pack] ?? 0) + (design.ratio[row.arm] ?? 0);
  return weights;
}

/**
 * A site's kit list, generated from the secret seed: kits come in cycles holding every pack in its
 * weight (`packWeightsOf`), shuffled within the cycle, so the stock stays balanced; each kit number is
 * drawn uniformly without replacement from the `digits`-digit numbers, so numbers are not sequential
 * and carry no information about the pack (no ranges, parities or orders per arm). Kits of one pack are
 * dispensed in list order, which is random, so the numbers a site sees handed out in one arm do not
 * rise. Reproducible from (secret, protocol id and version, site) and prefix-stable: a longer list
 * starts with the shorter one, so resupply generates a longer list and ships the new tail.
 * @param design - From `allocationDesignOf`.
 * @param secret - The allocation seed.
 * @param siteId - The site the kits go to.
 * @param count - Number of kits, >= 1 and at most 10^(digits-1).
 * @param options - Label prefix and number of digits.
 * @throws TrialError `kit.list` if count or digits are out of range.
 * @example generateKitList(design, secret, 'S01', 40, { prefix: 'S01-' }).kits[0].kitNumber // e.g. 'S01-583920'
 */
export function generateKitList(
  design: AllocationDesign,
  secret: string,
  siteId: string,
  count: number,
  options: KitListOptions = {},
): KitList {
  const digits = options.digits ?? 6;
  if (!Number.isInteger(digits) || digits < 4 || digits > 12) {
    throw new TrialError(
      'kit.list',
      `kit number digits must be an integer in 4..12, got ${digits}`,
      'digits',
    );
  }
  const low = 10 ** (digits - 1);
  // At most a ninth of the number space is used, so redraws on collision stay rare.
  if (!Number.isInteger(count) || count < 1 || count > low) {
    throw new TrialError(
      'kit.list',
      `kit count must be an integer in 1..${low} for ${digits} digits, got ${count}`,
      'count',
    );
  }
  const weights = packWeightsOf(design);
  const packs = Object.keys(weights);
  const rng = deriveRandomSource(secret, ['kits', design.protocolId, design.protocolVersion, siteId]);
  const used = new Set<number>();
  const kits: Kit[] = [];
  while (kits.length < count) {
    const cycle = packs.flatMap((p) => Array.from({ length: weights[p] ?? 0 }, () => p));
    shuffleInPlace(cycle, rng);
    for (const pack of cycle) {
      if (kits.length === count) break;
      let n: number;
      do n = low + randomInteger(rng, 9 * low);
      while (used.has(n));
      used.add(n);
      kits.push({ kitNumber: `${options.prefix ?? ''}${n}`, pack, sequence: kits.length });
    }
  }
  return { protocolId: design.protocolId, protocolVersion: design.protocolVersion, siteId, kits };
}

/**
 * The kit to dispense for an allocation: the first kit of the pack, in list order, not yet used
 * (dispensed, damaged or lost). Undefined when the site has none left: the server must then refuse the
 * randomization without naming the pack to a blinded user.
 * @param list - The site's kit list.
 * @param pack - `treatmentFor(...).pack` of the allocated arm.
 * @param used - Kit numbers no longer available.
 * @example dispenseKit(list, 'placebo', new Set())?.kitNumber
 */
export function dispenseKit(list: KitList, pack: string, used: ReadonlySet<string>): Kit | undefined {
  return list.kits.find((k) => k.pack === pack && !used.has(k.kitNumber));
}
