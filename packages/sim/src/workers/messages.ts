import type { CompiledDesign } from '../design/compiled-design.js';
import type { RunSettings, TrialBlock } from '../engine/run-block.js';
import type { TrialResults } from '../engine/trial-results.js';

/** What a worker is started with (its workerData). */
export interface WorkerInit {
  readonly design: CompiledDesign;
  readonly settings: RunSettings;
}

/** Main thread to worker: simulate one block. */
export interface BlockRequest {
  readonly id: number;
  readonly block: TrialBlock;
}

/** Worker to main thread: the block's results, or the error that stopped it. */
export type BlockReply =
  { readonly id: number; readonly results: TrialResults } | { readonly id: number; readonly error: string };

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

/**
 * Checks the shape of a worker's start data (it crosses a thread boundary untyped).
 * @param x - workerData.
 */
export function isWorkerInit(x: unknown): x is WorkerInit {
  return isObject(x) && isObject(x['design']) && isObject(x['settings']);
}

/**
 * Checks the shape of a block request.
 * @param x - A message from the main thread.
 */
export function isBlockRequest(x: unknown): x is BlockRequest {
  return isObject(x) && typeof x['id'] === 'number' && isObject(x['block']);
}

/**
 * Checks the shape of a worker's reply.
 * @param x - A message from a worker.
 */
export function isBlockReply(x: unknown): x is BlockReply {
  return (
    isObject(x) && typeof x['id'] === 'number' && (isObject(x['results']) || typeof x['error'] === 'string')
  );
}

/**
 * The buffers of a block's results, to transfer rather than copy.
 * @param r - Results of a block.
 */
export function transferList(r: TrialResults): ArrayBuffer[] {
  const arrays = [r.decision, r.stopLook, r.sampleSize, r.events, r.armN, r.armDecision, r.estimate];
  return arrays.map((a) => a.buffer).filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}
