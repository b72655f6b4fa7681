import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { planBlocks } from '../engine/run-block.js';
import { summariseTwin, type TwinSummary } from '../twin/run/summarise-twin.js';
import {
  checkTwinRun,
  completePool,
  exampleTrial,
  MAX_POOL_ADMISSIONS,
  POOL_CHUNK,
  poolSizeOf,
  runTwinBlock,
  TWIN_BLOCK,
  type TwinProgress,
  type TwinRunSettings,
} from '../twin/run/twin-run.js';
import { joinPool, type PoolChunk, screenPoolChunk } from '../twin/trial/screening-pool.js';
import { TrialWorkspace } from '../twin/trial/simulate-twin-trial.js';
import { allocateTwinResults, placeTwinResults, type TwinTrialResults } from '../twin/trial/twin-results.js';
import { buildTwinSetup, type TwinInputs } from '../twin/trial/twin-setup.js';
import { bundleOf } from './bundle-worker.js';
import { isTwinReply, type TwinReply, type TwinRequest, type TwinWorkerInit } from './twin-messages.js';

const ENTRY = join(dirname(fileURLToPath(import.meta.url)), 'twin-worker-entry.ts');

/** Options of {@link simulateTwinParallel}. */
export interface TwinPoolOptions {
  /** Threads of work (>= 1): this one and workers - 1 worker threads. */
  readonly workers: number;
  /** Trials per block (default TWIN_BLOCK). */
  readonly blockSize?: number;
  readonly onProgress?: TwinProgress;
}

/** One worker thread, one request at a time. */
class TwinWorker {
  private pending: { resolve: (r: TwinReply) => void; reject: (e: Error) => void } | undefined;

  constructor(readonly worker: Worker) {
    worker.on('message', (reply: unknown) => {
      const p = this.pending;
      this.pending = undefined;
      if (p === undefined) return;
      if (!isTwinReply(reply)) p.reject(new Error('twin worker: unexpected message'));
      else if (reply.kind === 'error') p.reject(new Error(`twin worker: ${reply.error}`));
      else p.resolve(reply);
    });
    worker.on('error', (error) => this.pending?.reject(error));
    worker.on('exit', (code) => this.pending?.reject(new Error(`twin worker exited with code ${code}`)));
  }

  ask(request: TwinRequest): Promise<TwinReply> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(request);
    });
  }

  tell(request: TwinRequest): void {
    this.worker.postMessage(request);
  }
}

function turn(): Promise<void> {
  return new Promise((resolveTurn) => setImmediate(resolveTurn));
}

/**
 * The patient-level twin on worker threads (docs/twin.md): the screening pool is built in chunks of
 * POOL_CHUNK admissions by whichever thread is free (this one and workers - 1 worker threads), the pool is
 * cut where the running count of eligible patients reaches its target (the same cut for any number of
 * threads), then blocks of trials run the same way. Each chunk and each trial depend only on the seed and
 * their index, so the summary is identical for any number of workers.
 * @param inputs - Model, protocol, plans and scenarios (plain data, sent to each worker).
 * @param settings - Seed and trials per scenario.
 * @param options - Workers, block size, progress.
 * @throws RangeError on bad settings; file errors from the setup; Error if a worker fails.
 * @example await simulateTwinParallel(inputs, { seed: 1, trials: 1000 }, { workers: 2 })
 */
export async function simulateTwinParallel(
  inputs: TwinInputs,
  settings: TwinRunSettings,
  options: TwinPoolOptions,
): Promise<TwinSummary> {
  checkTwinRun(settings);
  if (!Number.isInteger(options.workers) || options.workers < 1) {
    throw new RangeError(`workers must be a whole number >= 1, got ${options.workers}`);
  }
  const setup = buildTwinSetup(inputs);
  const size = poolSizeOf(setup, inputs.scenarios);
  const limit = 'admissions' in size ? size.admissions : MAX_POOL_ADMISSIONS;
  const init: TwinWorkerInit = { kind: 'twin', inputs, seed: settings.seed };
  const workers =
    options.workers > 1
      ? await bundleOf(ENTRY, 'twin-worker').then((bundle) =>
          Array.from(
            { length: options.workers - 1 },
            () => new TwinWorker(new Worker(bundle, { workerData: init, execArgv: [] })),
          ),
        )
      : [];
  try {
    // The pool: chunks handed out in order; done when the built prefix is the whole pool.
    const built = new Map<number, PoolChunk>();
    let next = 0;
    let kept: PoolChunk[] | undefined;
    const prefix = (): PoolChunk[] => {
      const out: PoolChunk[] = [];
      for (let first = 0; built.has(first); first += POOL_CHUNK) {
        const c = built.get(first);
        if (c !== undefined) out.push(c);
      }
      return out;
    };
    const take = (): { first: number; count: number } | undefined => {
      if (kept !== undefined || next >= limit) return undefined;
      const c = { first: next, count: Math.min(POOL_CHUNK, limit - next) };
      next += POOL_CHUNK;
      return c;
    };
    const add = (chunk: PoolChunk): void => {
      built.set(chunk.first, chunk);
      const p = prefix();
      kept ??= completePool(size, p);
      const eligible = p.reduce((n, c) => n + c.eligibleAt.length, 0);
      if ('eligible' in size) options.onProgress?.('pool', Math.min(eligible, size.eligible), size.eligible);
      else options.onProgress?.('pool', Math.min(next, limit), limit);
    };
    const poolHere = async (): Promise<void> => {
      for (let c = take(); c !== undefined; c = take()) {
        add(screenPoolChunk(setup, settings.seed, c.first, c.count));
        await turn();
      }
    };
    const poolThere = async (w: TwinWorker): Promise<void> => {
      for (let c = take(); c !== undefined; c = take()) {
        const reply = await w.ask({ kind: 'chunk', id: c.first, first: c.first, count: c.count });
        if (reply.kind === 'chunk') add(reply.chunk);
      }
    };
    await Promise.all([poolHere(), ...workers.map(poolThere)]);
    const pool = joinPool(kept ?? prefix());

    // The trials: blocks handed out in order.
    for (const w of workers) w.tell({ kind: 'pool', pool });
    const scenarios = inputs.scenarios;
    const results: TwinTrialResults[] = scenarios.scenarios.map(() =>
      allocateTwinResults(settings.trials, setup.design.arms.length, setup.criteria.length),
    );
    const blocks = planBlocks(scenarios.scenarios.length, settings.trials, options.blockSize ?? TWIN_BLOCK);
    const total = settings.trials * scenarios.scenarios.length;
    let queue = 0;
    let done = 0;
    const place = (k: number, r: TwinTrialResults): void => {
      const block = blocks[k];
      const target = block === undefined ? undefined : results[block.scenario];
      if (block === undefined || target === undefined) throw new Error(`twin: no block ${k}`);
      placeTwinResults(target, r, block.start);
      done += block.count;
      options.onProgress?.('trials', done, total);
    };
    const ws = new TrialWorkspace(setup);
    const trialsHere = async (): Promise<void> => {
      for (let k = queue++; k < blocks.length; k = queue++) {
        const block = blocks[k];
        if (block !== undefined) place(k, runTwinBlock(ws, pool, scenarios, settings.seed, block));
        await turn();
      }
    };
    const trialsThere = async (w: TwinWorker): Promise<void> => {
      for (let k = queue++; k < blocks.length; k = queue++) {
        const block = blocks[k];
        if (block === undefined) continue;
        const reply = await w.ask({ kind: 'block', id: k, block });
        if (reply.kind === 'block') place(k, reply.results);
      }
    };
    await Promise.all([trialsHere(), ...workers.map(trialsThere)]);
    return summariseTwin(
      setup,
      scenarios,
      settings,
      pool,
      results,
      exampleTrial(ws, pool, scenarios, settings.seed),
    );
  } finally {
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
}
