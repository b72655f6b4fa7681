import type { CompiledDesign } from '../design/compiled-design.js';
import { TrialSimulator } from './simulate-trial.js';
import { trialStream } from './trial-stream.js';
import { allocateResults, type TrialResults } from './trial-results.js';

/** What a block of trials needs besides the design: the run's seed and the posterior mode. */
export interface RunSettings {
  /** The run's seed (a safe integer); trial i of scenario s uses trialStream(seed, s, i). */
  readonly seed: number;
  /** 0: exact posterior probabilities; N > 0: N posterior draws per arm and look (adaptr's way). */
  readonly mcDraws: number;
}

/** A block of consecutive trials of one scenario: the unit of work sent to a worker. */
export interface TrialBlock {
  readonly scenario: number;
  readonly start: number;
  readonly count: number;
}

/**
 * Simulates trials start .. start + count - 1 of a scenario. Each trial's stream depends only on (seed,
 * scenario, trial index), so any split into blocks gives the same rows.
 * @param design - The compiled design.
 * @param settings - Seed and posterior mode.
 * @param block - Scenario and trial range.
 * @param simulator - A simulator to reuse (its buffers); made from the design when omitted.
 * @example runBlock(design, { seed: 1, mcDraws: 0 }, { scenario: 0, start: 0, count: 1000 }).decision
 */
export function runBlock(
  design: CompiledDesign,
  settings: RunSettings,
  block: TrialBlock,
  simulator: TrialSimulator = new TrialSimulator(design, settings.mcDraws),
): TrialResults {
  const out = allocateResults(block.count, design.arms.length);
  for (let i = 0; i < block.count; i++) {
    simulator.run(block.scenario, trialStream(settings.seed, block.scenario, block.start + i), out, i);
  }
  return out;
}

/**
 * Splits `trials` trials of each scenario into blocks of about `size` trials (the last of a scenario may
 * be shorter), in scenario then trial order.
 * @param scenarios - Number of scenarios.
 * @param trials - Trials per scenario.
 * @param size - Trials per block (>= 1).
 */
export function planBlocks(scenarios: number, trials: number, size: number): TrialBlock[] {
  const blocks: TrialBlock[] = [];
  for (let s = 0; s < scenarios; s++) {
    for (let start = 0; start < trials; start += size) {
      blocks.push({ scenario: s, start, count: Math.min(size, trials - start) });
    }
  }
  return blocks;
}
