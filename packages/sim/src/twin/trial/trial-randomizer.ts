import {
  addToCounts,
  allocateByMinimization,
  type AllocationDesign,
  deriveRandomSource,
  type FactorLevels,
  generateStratumList,
  type MinimizationCounts,
  nextSlot,
  stratumKeyOf,
} from '@immunotrial/core';

/** How long a stratum's list is first made, and how it grows when used up (lists are prefix-stable). */
const FIRST_LENGTH = 32;

/**
 * One simulated trial's randomization, through the core's allocation code exactly as the trial server
 * calls it: stratified permuted-block lists generated from the trial's secret (`generateStratumList`,
 * `nextSlot`), or Pocock-Simon minimization (`allocateByMinimization`); the ImmunoSep stratum is a factor
 * level like any other.
 */
export class TrialRandomizer {
  private readonly lists = new Map<string, { list: ReturnType<typeof generateStratumList>; used: number }>();
  private counts: MinimizationCounts = {};
  private allocated = 0;

  /**
   * @param design - The protocol's allocation design.
   * @param secret - The trial's allocation seed (at least 16 characters).
   */
  constructor(
    readonly design: AllocationDesign,
    readonly secret: string,
  ) {}

  /**
   * Allocates the next participant.
   * @param levels - Factor levels (`site`, and `stratum` for ImmunoSep).
   * @returns The arm id.
   * @throws TrialError `randomization.stratum` for a missing or unknown factor level.
   */
  allocate(levels: FactorLevels): string {
    const design = this.design;
    this.allocated++;
    if (design.method === 'minimization') {
      const rng = deriveRandomSource(this.secret, [
        'minimization',
        design.protocolId,
        design.protocolVersion,
        String(this.allocated),
      ]);
      const { arm } = allocateByMinimization(design, this.counts, levels, rng);
      this.counts = addToCounts(this.counts, design, levels, arm);
      return arm;
    }
    const key = stratumKeyOf(design, levels);
    let entry = this.lists.get(key);
    if (entry === undefined) {
      entry = { list: generateStratumList(design, this.secret, key, FIRST_LENGTH), used: 0 };
      this.lists.set(key, entry);
    }
    let slot = nextSlot(
      { protocolId: design.protocolId, protocolVersion: design.protocolVersion, strata: [entry.list] },
      key,
      entry.used,
    );
    if (slot === undefined) {
      entry.list = generateStratumList(design, this.secret, key, 2 * entry.list.slots.length);
      slot = nextSlot(
        { protocolId: design.protocolId, protocolVersion: design.protocolVersion, strata: [entry.list] },
        key,
        entry.used,
      );
    }
    entry.used++;
    return slot?.arm ?? design.arms[0] ?? '';
  }
}

/**
 * The allocation secret of simulated trial `trial` of a run: the same for every scenario of the run, so
 * scenarios compare on the same allocations (common random numbers).
 * @example trialSecret(2024, 7) // => 'twin-2024-trial-7'
 */
export function trialSecret(seed: number, trial: number): string {
  return `twin-${seed}-trial-${trial}`.padEnd(16, '.');
}
