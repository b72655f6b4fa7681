import { Worker } from 'node:worker_threads';
import type { CompiledDesign } from '../design/compiled-design.js';
import { planBlocks, type RunSettings, runBlock, type TrialBlock } from '../engine/run-block.js';
import {
  allocateRun,
  BLOCK_SIZE,
  checkRun,
  type SimulationSummary,
  summariseRun,
} from '../engine/simulate-design.js';
import { TrialSimulator } from '../engine/simulate-trial.js';
import { placeResults, type TrialResults } from '../engine/trial-results.js';
import { workerBundle } from './bundle-worker.js';
import { type BlockRequest, isBlockReply, type WorkerInit } from './messages.js';

/** Options of {@link simulateDesignParallel}. */
export interface PoolOptions {
  /** Threads of work (>= 1): this one and workers - 1 worker threads; 1 starts no worker. */
  readonly workers: number;
  /** Trials per block (default 1,000: a message costs about 60 us, a block tens of ms). */
  readonly blockSize?: number;
  /** Called after each block with the trials done so far and the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** The blocks still to run, taken in order by whichever thread is free. */
interface Queue {
  readonly blocks: readonly TrialBlock[];
  next: number;
}

function place(results: readonly TrialResults[], block: TrialBlock, blockResults: TrialResults): void {
  const target = results[block.scenario];
  if (target === undefined) throw new Error(`simulation: no scenario ${block.scenario}`);
  placeResults(target, blockResults, block.start);
}

/** This thread's share: takes blocks from the queue, yielding between them so that replies are heard. */
async function runHere(
  design: CompiledDesign,
  settings: RunSettings,
  queue: Queue,
  results: readonly TrialResults[],
  progress: (count: number) => void,
): Promise<void> {
  const simulator = new TrialSimulator(design, settings.mcDraws);
  for (;;) {
    const block = queue.blocks[queue.next];
    if (block === undefined) return;
    queue.next++;
    place(results, block, runBlock(design, settings, block, simulator));
    progress(block.count);
    await new Promise<void>((resolveTurn) => setImmediate(resolveTurn));
  }
}

/** One worker thread's share: sends it the next block each time it replies. */
function runOnWorker(
  worker: Worker,
  queue: Queue,
  results: readonly TrialResults[],
  progress: (count: number) => void,
): Promise<void> {
  return new Promise<void>((resolveWorker, reject) => {
    const send = (): void => {
      const block = queue.blocks[queue.next];
      if (block === undefined) {
        resolveWorker();
        return;
      }
      const request: BlockRequest = { id: queue.next, block };
      queue.next++;
      worker.postMessage(request);
    };
    worker.on('message', (reply: unknown) => {
      const block = isBlockReply(reply) ? queue.blocks[reply.id] : undefined;
      if (!isBlockReply(reply) || 'error' in reply || block === undefined) {
        const why = isBlockReply(reply) && 'error' in reply ? reply.error : 'unexpected message';
        reject(new Error(`simulation worker: ${why}`));
        return;
      }
      place(results, block, reply.results);
      progress(block.count);
      send();
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (queue.next < queue.blocks.length) reject(new Error(`simulation worker exited with code ${code}`));
    });
    send();
  });
}

/**
 * W threads of work: this one and W - 1 workers started from the bundle. This thread starts on the first
 * blocks at once, so the workers' start-up (tens of ms each) overlaps with work instead of adding to it.
 */
async function runOnThreads(
  design: CompiledDesign,
  settings: RunSettings,
  blocks: readonly TrialBlock[],
  results: readonly TrialResults[],
  threads: number,
  progress: (count: number) => void,
): Promise<void> {
  const bundle = await workerBundle();
  const init: WorkerInit = { design, settings };
  const queue: Queue = { blocks, next: 0 };
  const workers = Array.from(
    { length: Math.min(threads, blocks.length) - 1 },
    // execArgv []: a TypeScript loader of the parent (tsx) is not needed by the bundle and slows start-up.
    () => new Worker(bundle, { workerData: init, execArgv: [] }),
  );
  try {
    await Promise.all([
      runHere(design, settings, queue, results, progress),
      ...workers.map((w) => runOnWorker(w, queue, results, progress)),
    ]);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * Simulates `trials` trials of every scenario on `workers` threads (this one and workers - 1 worker
 * threads) and summarises them. Work goes out in blocks of about 1,000 trials to whichever thread is free; each block's rows are placed at their trial
 * indices, and each trial's stream depends only on (seed, scenario, trial), so the summary is the same
 * for any number of workers.
 * @param design - The compiled design.
 * @param settings - Seed and posterior mode.
 * @param trials - Trials per scenario.
 * @param options - Number of workers, block size, progress callback.
 * @throws RangeError on bad settings; Error if a worker fails.
 * @example await simulateDesignParallel(design, { seed: 1, mcDraws: 0 }, 10000, { workers: 2 })
 */
export async function simulateDesignParallel(
  design: CompiledDesign,
  settings: RunSettings,
  trials: number,
  options: PoolOptions,
): Promise<SimulationSummary> {
  checkRun(settings, trials);
  if (!Number.isInteger(options.workers) || options.workers < 1) {
    throw new RangeError(`workers must be a whole number >= 1, got ${options.workers}`);
  }
  const blockSize = options.blockSize ?? BLOCK_SIZE;
  const blocks = planBlocks(design.scenarios.length, trials, blockSize);
  const results = allocateRun(design, trials);
  const total = trials * design.scenarios.length;
  let done = 0;
  const progress = (count: number): void => {
    done += count;
    options.onProgress?.(done, total);
  };
  if (options.workers === 1 || blocks.length === 1)
    await runHere(design, settings, { blocks, next: 0 }, results, progress);
  else await runOnThreads(design, settings, blocks, results, options.workers, progress);
  return summariseRun(design, settings, results);
}
