import type { CompiledDesign } from '../design/compiled-design.js';
import { planBlocks, type RunSettings, runBlock } from './run-block.js';
import { TrialSimulator } from './simulate-trial.js';
import { type ScenarioSummary, summariseScenario } from './summarise.js';
import { allocateResults, placeResults, type TrialResults } from './trial-results.js';

/** Trials per block: the unit of work and of progress (the "blocks of at least 1,000 trials"). */
export const BLOCK_SIZE = 1000;

/** A whole run: the settings and the operating characteristics of each scenario. */
export interface SimulationSummary {
  readonly design: string;
  readonly outcome: CompiledDesign['outcome'];
  readonly arms: readonly string[];
  readonly control: string;
  readonly lookUnit: CompiledDesign['lookUnit'];
  readonly looks: readonly number[];
  readonly trials: number;
  readonly seed: number;
  /** 0 when posterior probabilities are exact. */
  readonly mcDraws: number;
  readonly scenarios: readonly ScenarioSummary[];
}

/**
 * Empty results for every scenario of a run.
 * @param design - The compiled design.
 * @param trials - Trials per scenario.
 */
export function allocateRun(design: CompiledDesign, trials: number): TrialResults[] {
  return design.scenarios.map(() => allocateResults(trials, design.arms.length));
}

/**
 * The summary of a run from all its trials' results (one TrialResults per scenario, in trial order).
 * @param design - The compiled design.
 * @param settings - Seed and posterior mode of the run.
 * @param results - Per scenario, all its trials.
 */
export function summariseRun(
  design: CompiledDesign,
  settings: RunSettings,
  results: readonly TrialResults[],
): SimulationSummary {
  return {
    design: design.name,
    outcome: design.outcome,
    arms: design.arms,
    control: design.arms[design.control] ?? '',
    lookUnit: design.lookUnit,
    looks: design.looks,
    trials: results[0]?.trials ?? 0,
    seed: settings.seed,
    mcDraws: settings.mcDraws,
    scenarios: results.map((r, s) => summariseScenario(design, r, s)),
  };
}

/**
 * Simulates `trials` trials of every scenario in this thread and summarises them; the worker pool
 * (`@immunotrial/sim/workers`) gives the same result on several threads.
 * @param design - The compiled design.
 * @param settings - Seed and posterior mode.
 * @param trials - Trials per scenario (>= 1).
 * @throws RangeError if trials is not a whole number >= 1 or mcDraws is not a whole number >= 0.
 * @example simulateDesign(parseDesign(text, 'd.yaml'), { seed: 1, mcDraws: 0 }, 10000).scenarios[0].anySuperiority
 */
export function simulateDesign(
  design: CompiledDesign,
  settings: RunSettings,
  trials: number,
): SimulationSummary {
  checkRun(settings, trials);
  const results = allocateRun(design, trials);
  const simulator = new TrialSimulator(design, settings.mcDraws);
  for (const block of planBlocks(design.scenarios.length, trials, BLOCK_SIZE)) {
    const target = results[block.scenario];
    if (target !== undefined) placeResults(target, runBlock(design, settings, block, simulator), block.start);
  }
  return summariseRun(design, settings, results);
}

/**
 * Checks the run's size and settings.
 * @throws RangeError naming the bad setting.
 */
export function checkRun(settings: RunSettings, trials: number): void {
  if (!Number.isInteger(trials) || trials < 1)
    throw new RangeError(`trials must be a whole number >= 1, got ${trials}`);
  if (!Number.isSafeInteger(settings.seed))
    throw new RangeError(`seed must be a safe integer, got ${settings.seed}`);
  if (!Number.isInteger(settings.mcDraws) || settings.mcDraws < 0) {
    throw new RangeError(`mcDraws must be a whole number >= 0, got ${settings.mcDraws}`);
  }
}
