// Entry of a patient-level twin worker thread, bundled into one CommonJS file (bundleOf in bundle-worker.ts).
// It builds the protocol's setup once, screens pool chunks, then simulates blocks of trials on the pool the
// main thread sends.
import { parentPort, workerData } from 'node:worker_threads';
import { runTwinBlock } from '../twin/run/twin-run.js';
import { screenPoolChunk, type ScreeningPool } from '../twin/trial/screening-pool.js';
import { TrialWorkspace } from '../twin/trial/simulate-twin-trial.js';
import { twinTransferList } from '../twin/trial/twin-results.js';
import { buildTwinSetup } from '../twin/trial/twin-setup.js';
import { chunkTransferList, isTwinRequest, isTwinWorkerInit, type TwinReply } from './twin-messages.js';

const port = parentPort;
const init: unknown = workerData;
if (port !== null && isTwinWorkerInit(init)) {
  const setup = buildTwinSetup(init.inputs);
  const ws = new TrialWorkspace(setup);
  let pool: ScreeningPool | undefined;
  port.on('message', (message: unknown) => {
    if (!isTwinRequest(message)) return;
    if (message.kind === 'pool') {
      pool = message.pool;
      return;
    }
    try {
      if (message.kind === 'chunk') {
        const chunk = screenPoolChunk(setup, init.seed, message.first, message.count);
        const reply: TwinReply = { kind: 'chunk', id: message.id, chunk };
        port.postMessage(reply, chunkTransferList(chunk));
        return;
      }
      if (pool === undefined) throw new Error('a block came before the pool');
      const results = runTwinBlock(ws, pool, init.inputs.scenarios, init.seed, message.block);
      const reply: TwinReply = { kind: 'block', id: message.id, results };
      port.postMessage(reply, twinTransferList(results));
    } catch (error) {
      const reply: TwinReply = {
        kind: 'error',
        id: message.id,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      };
      port.postMessage(reply);
    }
  });
}
