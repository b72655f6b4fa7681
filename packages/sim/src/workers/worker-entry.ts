// Entry of a simulation worker thread. It is bundled into one CommonJS file (bundle-worker.ts), so that a
// worker starts in tens of milliseconds without a TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import { runBlock } from '../engine/run-block.js';
import { TrialSimulator } from '../engine/simulate-trial.js';
import { type BlockReply, isBlockRequest, isWorkerInit, transferList } from './messages.js';

const port = parentPort;
const init: unknown = workerData;
if (port !== null && isWorkerInit(init)) {
  const simulator = new TrialSimulator(init.design, init.settings.mcDraws);
  port.on('message', (message: unknown) => {
    if (!isBlockRequest(message)) return;
    let reply: BlockReply;
    try {
      reply = { id: message.id, results: runBlock(init.design, init.settings, message.block, simulator) };
    } catch (error) {
      reply = {
        id: message.id,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      };
    }
    port.postMessage(reply, 'results' in reply ? transferList(reply.results) : []);
  });
}
