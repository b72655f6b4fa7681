import cluster, { type Worker } from 'node:cluster';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { OpenDatabase } from '@immunotrial/db';
import type { CliIo } from '../../io.js';

/** What each worker process runs: open the database, build the app, listen; returns how to stop. */
export type StartWorker = () => Promise<{ app: FastifyInstance; opened: OpenDatabase }>;

/**
 * `serve --workers N`, in a worker process: serves until the primary tells it to stop (SIGTERM, SIGINT)
 * or goes away (the IPC channel closes, e.g. the primary was killed), then closes the app and the pool.
 */
export async function runWorker(start: StartWorker, logger: Logger): Promise<void> {
  const { app, opened } = await start();
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
    process.once('disconnect', resolve);
  });
  try {
    await app.close();
    await opened.close();
  } catch (error) {
    logger.error({ err: error }, 'worker did not stop cleanly');
    process.exitCode = 1;
  }
  if (process.connected) process.disconnect();
}

/**
 * `serve --workers N`, in the primary process: forks the workers (they share the listening socket, so
 * connections are spread over them), reports the address once the first listens, restarts a worker that
 * dies after it started, and on `stop` ends them all and waits for them.
 * @returns The address and a function that stops the workers.
 */
export async function forkWorkers(
  count: number,
  io: CliIo,
): Promise<{ address: string; stop: () => Promise<void> }> {
  let stopping = false;
  let serving = false;
  // Each live worker, and whether it has listened: one that dies before (a start-up failure such as a
  // refused connection) is not restarted, or a bad configuration would fork forever.
  const started = new Map<Worker, boolean>();
  const fork = (): Worker => {
    const worker = cluster.fork();
    started.set(worker, false);
    return worker;
  };
  cluster.on('listening', (worker) => {
    if (started.has(worker)) started.set(worker, true);
  });
  cluster.on('exit', (worker) => {
    const listened = started.get(worker) === true;
    started.delete(worker);
    if (stopping) return;
    const why = worker.process.signalCode ?? `exit code ${String(worker.process.exitCode)}`;
    if (!listened) {
      io.err(`worker ${String(worker.process.pid)} stopped during start-up (${why}); not restarted`);
      if (serving && started.size === 0) {
        // Nothing serves the port any more: stop as after SIGTERM, and say it failed.
        io.err('no worker process is left: stopping');
        process.exitCode = 1;
        process.kill(process.pid, 'SIGTERM');
      }
      return;
    }
    io.err(`worker ${String(worker.process.pid)} stopped (${why}); starting another`);
    fork();
  });
  const address = await new Promise<string>((resolve, reject) => {
    const onListening = (_: Worker, a: { address: string; port: number }): void => {
      cleanUp();
      serving = true;
      resolve(`http://${a.address}:${String(a.port)}`);
    };
    // Runs after the handler above, which has forgotten the worker: none left means none will listen.
    const onExit = (_: Worker, code: number | null): void => {
      if (started.size > 0) return;
      cleanUp();
      reject(new Error(`every worker stopped before listening (last exit code ${String(code)})`));
    };
    const cleanUp = (): void => {
      cluster.off('listening', onListening);
      cluster.off('exit', onExit);
    };
    cluster.on('listening', onListening);
    cluster.on('exit', onExit);
    for (let i = 0; i < count; i++) fork();
  });
  const stop = async (): Promise<void> => {
    stopping = true;
    const workers = [...started.keys()];
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.isDead()) {
              resolve();
              return;
            }
            w.once('exit', () => {
              resolve();
            });
            w.process.kill('SIGTERM');
          }),
      ),
    );
  };
  return { address, stop };
}
