import { randomInteger, type RandomSource } from '@immunotrial/stats';
import { TrialError } from '../errors.js';
import type { AllocationDesign, StratumKey } from './allocation-design.js';
import { drawWeighted, totalWeight } from './arm-draw.js';
import { deriveRandomSource } from './derive-random.js';

/**
 * One position of a stratum's allocation sequence. Secret: visible only to unblinded roles; block and
 * block size are never shown to sites.
 */
export interface AllocationSlot {
  readonly stratumKey: StratumKey;
  /** 0-based position in the stratum's sequence. */
  readonly sequence: number;
  readonly arm: string;
  /** 0-based block number, null for simple randomization. */
  readonly block: number | null;
  readonly blockSize: number | null;
}

/** The sequence of one stratum. */
export interface StratumList {
  readonly stratumKey: StratumKey;
  readonly slots: readonly AllocationSlot[];
}

/** The allocation lists of a trial version, one per stratum. */
export interface AllocationList {
  readonly protocolId: string;
  readonly protocolVersion: string;
  readonly strata: readonly StratumList[];
}

/** In-place Fisher-Yates shuffle (Durstenfeld 1964) driven by `rng`. */
export function shuffleInPlace(items: unknown[], rng: RandomSource): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInteger(rng, i + 1);
    const a = items[i];
    const b = items[j];
    if (a === undefined || b === undefined) continue;
    items[i] = b;
    items[j] = a;
  }
}

/**
 * The allocation sequence of one stratum, generated from the trial's secret seed: permuted blocks whose
 * size is drawn uniformly from the design's block sizes, each block holding every arm in the ratio, in
 * a random order (Fisher-Yates); for `simple` designs, independent draws with the ratio's weights.
 * Reproducible from (secret, protocol id and version, stratum key), and prefix-stable: a longer list
 * starts with the shorter one, so a stratum's list can be extended later without changing used slots.
 * Block designs end on a whole block (at least `minLength` slots).
 * @param design - From `allocationDesignOf`.
 * @param secret - The allocation seed (see `deriveRandomSource`).
 * @param stratumKey - From `stratumKeyOf` or `strataKeysOf`.
 * @param minLength - Number of slots wanted, >= 1.
 * @throws TrialError `randomization.method` for a minimization design (it uses no list),
 *   `randomization.length` if minLength is not a positive integer.
 * @example generateStratumList(design, secret, 'site=S01', 20).slots.map((s) => s.arm)
 */
export function generateStratumList(
  design: AllocationDesign,
  secret: string,
  stratumKey: StratumKey,
  minLength: number,
): StratumList {
  if (design.method === 'minimization') {
    throw new TrialError(
      'randomization.method',
      `${design.protocolId}: minimization allocates one participant at a time and has no list`,
      'allocation.method',
    );
  }
  if (!Number.isInteger(minLength) || minLength < 1) {
    throw new TrialError('randomization.length', `list length must be a positive integer, got ${minLength}`);
  }
  const rng = deriveRandomSource(secret, [
    'allocation',
    design.protocolId,
    design.protocolVersion,
    stratumKey,
  ]);
  const slots: AllocationSlot[] = [];
  if (design.method === 'simple') {
    for (let i = 0; i < minLength; i++) {
      slots.push({
        stratumKey,
        sequence: i,
        arm: drawWeighted(design.arms, design.ratio, rng),
        block: null,
        blockSize: null,
      });
    }
    return { stratumKey, slots };
  }
  const total = totalWeight(design.arms, design.ratio);
  for (let block = 0; slots.length < minLength; block++) {
    const size = design.blockSizes[randomInteger(rng, design.blockSizes.length)] ?? total;
    const arms: string[] = [];
    for (const arm of design.arms) {
      const n = ((design.ratio[arm] ?? 0) * size) / total;
      for (let k = 0; k < n; k++) arms.push(arm);
    }
    shuffleInPlace(arms, rng);
    for (const arm of arms) slots.push({ stratumKey, sequence: slots.length, arm, block, blockSize: size });
  }
  return { stratumKey, slots };
}

/**
 * The allocation lists of several strata (e.g. `strataKeysOf(design, sites)`), each at least
 * `minLengthPerStratum` long.
 * @throws TrialError as `generateStratumList`.
 */
export function generateAllocationList(
  design: AllocationDesign,
  secret: string,
  stratumKeys: readonly StratumKey[],
  minLengthPerStratum: number,
): AllocationList {
  return {
    protocolId: design.protocolId,
    protocolVersion: design.protocolVersion,
    strata: stratumKeys.map((k) => generateStratumList(design, secret, k, minLengthPerStratum)),
  };
}

/**
 * The next slot of a stratum once `usedCount` of its slots are taken: the slot at position `usedCount`,
 * or undefined when the list is exhausted (the server then extends it with a longer `generateStratumList`,
 * which keeps the used prefix). Call inside the transaction that counts the used slots.
 * @param list - The trial's allocation list.
 * @param stratumKey - The participant's stratum.
 * @param usedCount - Slots of this stratum already allocated, >= 0.
 * @throws TrialError `randomization.stratum` if the list has no such stratum,
 *   `randomization.length` if usedCount is not a non-negative integer.
 * @example nextSlot(list, 'site=S01', 0)?.sequence // => 0
 */
export function nextSlot(
  list: AllocationList,
  stratumKey: StratumKey,
  usedCount: number,
): AllocationSlot | undefined {
  if (!Number.isInteger(usedCount) || usedCount < 0) {
    throw new TrialError(
      'randomization.length',
      `used count must be a non-negative integer, got ${usedCount}`,
    );
  }
  const stratum = list.strata.find((s) => s.stratumKey === stratumKey);
  if (!stratum) {
    throw new TrialError(
      'randomization.stratum',
      `the allocation list of ${list.protocolId} ${list.protocolVersion} has no stratum "${stratumKey}"`,
      'stratumKey',
    );
  }
  return stratum.slots[usedCount];
}
