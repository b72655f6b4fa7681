import type { TrialBlock } from '../engine/run-block.js';
import type { PoolChunk, ScreeningPool } from '../twin/trial/screening-pool.js';
import type { TwinTrialResults } from '../twin/trial/twin-results.js';
import type { TwinInputs } from '../twin/trial/twin-setup.js';

/** What a twin worker is started with (its workerData). */
export interface TwinWorkerInit {
  readonly kind: 'twin';
  readonly inputs: TwinInputs;
  readonly seed: number;
}

/** Main thread to twin worker. */
export type TwinRequest =
  | { readonly kind: 'chunk'; readonly id: number; readonly first: number; readonly count: number }
  | { readonly kind: 'pool'; readonly pool: ScreeningPool }
  | { readonly kind: 'block'; readonly id: number; readonly block: TrialBlock };

/** Twin worker to main thread: a pool chunk, a block's results, or the error that stopped it. */
export type TwinReply =
  | { readonly kind: 'chunk'; readonly id: number; readonly chunk: PoolChunk }
  | { readonly kind: 'block'; readonly id: number; readonly results: TwinTrialResults }
  | { readonly kind: 'error'; readonly id: number; readonly error: string };

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

/** Checks a twin worker's start data (it crosses a thread boundary untyped). */
export function isTwinWorkerInit(x: unknown): x is TwinWorkerInit {
  return isObject(x) && x['kind'] === 'twin' && isObject(x['inputs']) && typeof x['seed'] === 'number';
}

/** Checks a request from the main thread. */
export function isTwinRequest(x: unknown): x is TwinRequest {
  if (!isObject(x)) return false;
  switch (x['kind']) {
    case 'chunk':
      return typeof x['id'] === 'number' && typeof x['first'] === 'number' && typeof x['count'] === 'number';
    case 'pool':
      return isObject(x['pool']);
    case 'block':
      return typeof x['id'] === 'number' && isObject(x['block']);
    default:
      return false;
  }
}

/** Checks a twin worker's reply. */
export function isTwinReply(x: unknown): x is TwinReply {
  if (!isObject(x) || typeof x['id'] !== 'number') return false;
  return (
    (x['kind'] === 'chunk' && isObject(x['chunk'])) ||
    (x['kind'] === 'block' && isObject(x['results'])) ||
    (x['kind'] === 'error' && typeof x['error'] === 'string')
  );
}

/** The buffers of a pool chunk (transferred, not copied). */
export function chunkTransferList(c: PoolChunk): ArrayBuffer[] {
  const arrays = [
    c.outcome,
    c.failed,
    c.unknown,
    c.screenings,
    c.eligibleAt,
    c.baseline,
    c.state,
    c.icuStart,
    c.screenHours,
    c.stratum,
    c.screenSofa,
    c.screenLnLymphocytes,
    c.preInfections,
  ];
  return arrays.map((a) => a.buffer).filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}
