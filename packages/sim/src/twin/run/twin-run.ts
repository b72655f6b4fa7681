import { planBlocks, type TrialBlock } from '../../engine/run-block.js';
import type { TwinScenarioSet } from '../scenario/parse-scenario.js';
import { joinPool, type PoolChunk, type ScreeningPool, screenPoolChunk } from '../trial/screening-pool.js';
import { type KeptParticipants, simulateTwinTrial, TrialWorkspace } from '../trial/simulate-twin-trial.js';
import { allocateTwinResults, placeTwinResults, type TwinTrialResults } from '../trial/twin-results.js';
import { buildTwinSetup, type TwinInputs, type TwinSetup } from '../trial/twin-setup.js';
import { summariseTwin, type TwinSummary } from './summarise-twin.js';

/** Admissions per pool chunk (a few hundred screenings: a fraction of a second). */
export const POOL_CHUNK = 500;
/** Trials per block (tens of milliseconds each). */
export const TWIN_BLOCK = 25;
/** The pool never grows past this many admissions. */
export const MAX_POOL_ADMISSIONS = 500_000;

/** What a twin run is asked for. */
export interface TwinRunSettings {
  /** The run's seed (a safe integer). */
  readonly seed: number;
  /** Trials per scenario (>= 1). */
  readonly trials: number;
}

/** How large the screening pool is: a fixed number of admissions, or enough for `eligible` patients. */
export type PoolSize = { readonly admissions: number } | { readonly eligible: number };

/**
 * The pool size of a run: the scenario file's `pool`, else enough admissions for three times the sample
 * size of eligible patients (at least 500), so that a trial draws from a population larger than itself.
 * @param setup - The compiled protocol.
 * @param scenarios - The scenario set.
 */
export function poolSizeOf(setup: TwinSetup, scenarios: TwinScenarioSet): PoolSize {
  if (scenarios.poolAdmissions !== undefined) return { admissions: scenarios.poolAdmissions };
  if (scenarios.poolEligible !== undefined) return { eligible: scenarios.poolEligible };
  return { eligible: Math.max(500, 3 * setup.sampleSize) };
}

/**
 * The chunks (first admission, count) the pool is built from, in order, in batches of `batch`: a fixed
 * size is one batch; an eligible target is met by batches until the running count reaches it.
 * @param size - The pool size.
 * @param batch - Chunks per batch (the threads at work).
 */
export function poolBatch(size: PoolSize, batch: number, done: number): { first: number; count: number }[] {
  const limit = 'admissions' in size ? size.admissions : MAX_POOL_ADMISSIONS;
  const chunks: { first: number; count: number }[] = [];
  for (let k = 0; k < batch; k++) {
    const first = done + k * POOL_CHUNK;
    if (first >= limit) break;
    chunks.push({ first, count: Math.min(POOL_CHUNK, limit - first) });
  }
  return chunks;
}

/**
 * Whether the chunks built so far (consecutive from admission 0) are the whole pool, and if so which:
 * a fixed size takes them all; an eligible target keeps the chunks up to the one where the running count
 * of eligible patients reaches it (so that the pool does not depend on how many chunks ran at once).
 * @returns The kept chunks, or undefined when more are needed.
 */
export function completePool(size: PoolSize, chunks: readonly PoolChunk[]): PoolChunk[] | undefined {
  const sorted = [...chunks].sort((a, b) => a.first - b.first);
  const built = sorted.reduce((n, c) => n + c.count, 0);
  if ('admissions' in size) return built >= size.admissions ? sorted : undefined;
  let eligible = 0;
  for (let k = 0; k < sorted.length; k++) {
    eligible += sorted[k]?.eligibleAt.length ?? 0;
    if (eligible >= size.eligible) return sorted.slice(0, k + 1);
  }
  return built >= MAX_POOL_ADMISSIONS ? sorted : undefined;
}

/**
 * Simulates trials `block.start .. + count - 1` of scenario `block.scenario`.
 * @param ws - The thread's workspace.
 * @param pool - The screening pool.
 * @param scenarios - The run's scenarios.
 * @param seed - The run's seed.
 * @param block - Scenario and trial range.
 */
export function runTwinBlock(
  ws: TrialWorkspace,
  pool: ScreeningPool,
  scenarios: TwinScenarioSet,
  seed: number,
  block: TrialBlock,
): TwinTrialResults {
  const setup = ws.setup;
  const scenario = scenarios.scenarios[block.scenario];
  if (scenario === undefined) throw new RangeError(`no scenario ${block.scenario}`);
  const out = allocateTwinResults(block.count, setup.design.arms.length, setup.criteria.length);
  for (let i = 0; i < block.count; i++)
    simulateTwinTrial(ws, pool, scenarios, scenario, seed, block.start + i, out, i);
  return out;
}

/**
 * The example trial of a report: trial 0 of the last scenario, its participants kept for curves.
 * @param ws - A workspace.
 * @param pool - The screening pool.
 * @param scenarios - The run's scenarios.
 * @param seed - The run's seed.
 */
export function exampleTrial(
  ws: TrialWorkspace,
  pool: ScreeningPool,
  scenarios: TwinScenarioSet,
  seed: number,
): { readonly scenario: string; readonly participants: KeptParticipants } | undefined {
  const scenario = scenarios.scenarios[scenarios.scenarios.length - 1];
  if (scenario === undefined) return undefined;
  const out = allocateTwinResults(1, ws.setup.design.arms.length, ws.setup.criteria.length);
  const participants = simulateTwinTrial(ws, pool, scenarios, scenario, seed, 0, out, 0, true);
  return participants === undefined ? undefined : { scenario: scenario.name, participants };
}

/** Checks a run's settings. @throws RangeError naming the bad setting. */
export function checkTwinRun(settings: TwinRunSettings): void {
  if (!Number.isInteger(settings.trials) || settings.trials < 1) {
    throw new RangeError(`trials must be a whole number >= 1, got ${settings.trials}`);
  }
  if (!Number.isSafeInteger(settings.seed))
    throw new RangeError(`seed must be a safe integer, got ${settings.seed}`);
}

/** Progress of a twin run: the pool's admissions screened, then the trials simulated. */
export type TwinProgress = (phase: 'pool' | 'trials', done: number, total: number) => void;

/**
 * Runs the patient-level twin in this thread (the worker pool of `@immunotrial/sim/workers` gives the
 * same summary on several threads): builds the protocol's setup and the screening pool, simulates
 * `trials` trials of every scenario, and summarises them with the example trial.
 * @param inputs - Model, protocol, plans and scenarios.
 * @param settings - Seed and trials.
 * @param onProgress - Called after each chunk and block.
 * @throws RangeError on bad settings or a pool without eligible patients; file errors from the setup.
 * @example simulateTwin(inputs, { seed: 1, trials: 100 }).scenarios[0]?.power.value
 */
export function simulateTwin(
  inputs: TwinInputs,
  settings: TwinRunSettings,
  onProgress?: TwinProgress,
): TwinSummary {
  checkTwinRun(settings);
  const setup = buildTwinSetup(inputs);
  const size = poolSizeOf(setup, inputs.scenarios);
  const chunks: PoolChunk[] = [];
  let kept: PoolChunk[] | undefined;
  while (kept === undefined) {
    const batch = poolBatch(
      size,
      1,
      chunks.reduce((n, c) => n + c.count, 0),
    );
    if (batch.length === 0) break;
    for (const c of batch) chunks.push(screenPoolChunk(setup, settings.seed, c.first, c.count));
    onProgress?.('pool', chunks.length, 0);
    kept = completePool(size, chunks);
  }
  const pool = joinPool(kept ?? chunks);
  const ws = new TrialWorkspace(setup);
  const scenarios = inputs.scenarios;
  const results = scenarios.scenarios.map(() =>
    allocateTwinResults(settings.trials, setup.design.arms.length, setup.criteria.length),
  );
  const blocks = planBlocks(scenarios.scenarios.length, settings.trials, TWIN_BLOCK);
  let done = 0;
  for (const block of blocks) {
    const target = results[block.scenario];
    if (target !== undefined)
      placeTwinResults(target, runTwinBlock(ws, pool, scenarios, settings.seed, block), block.start);
    done += block.count;
    onProgress?.('trials', done, settings.trials * scenarios.scenarios.length);
  }
  return summariseTwin(
    setup,
    scenarios,
    settings,
    pool,
    results,
    exampleTrial(ws, pool, scenarios, settings.seed),
  );
}
