import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Command } from 'commander';
import { pino } from 'pino';
import { bootstrapAdmin, buildApp, startOverdueSweeps } from '@immunotrial/server';
import { type CliIo, UsageError } from '../../io.js';
import { REPOSITORY_ROOT } from '../../protocol-files.js';
import { commandDeps, loadShippedProtocols, locateStore, openStore } from './open-store.js';
import { forkWorkers, runWorker } from './serve-workers.js';

/** Options of `immunotrial serve`. */
export interface ServeOptions {
  readonly port: string;
  readonly host: string;
  readonly data?: string;
  /** Server processes sharing the port (PostgreSQL only); default 1. */
  readonly workers?: string;
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port: expected 0-65535, received "${text}"`);
  return port;
}

function parseWorkers(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new UsageError(`--workers: expected a whole number from 1 to 64, received "${text}"`);
  return n;
}

const STATIC_DIR = join(REPOSITORY_ROOT, 'packages', 'web', 'dist');

/**
 * Starts the server: opens and migrates the database, loads the shipped protocols, creates the first
 * administrator on an empty database (password from IMMUNOTRIAL_ADMIN_PASSWORD, else generated and printed
 * once), serves the API and, when built, the web app (packages/web/dist), and sweeps doses whose window
 * closed unrecorded into protocol deviations at start and every 10 minutes. Stops on SIGINT/SIGTERM.
 * With `--workers N` (PostgreSQL), this process does all of that but the serving, and N worker processes
 * serve the port: one Node.js process is single-threaded, and at 50 concurrent form saves it was the
 * bottleneck while PostgreSQL had CPU to spare.
 * @returns When the server has stopped.
 */
export async function runServer(options: ServeOptions, io: CliIo): Promise<void> {
  const port = parsePort(options.port);
  const workers = parseWorkers(options.workers ?? '1');
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
  if (cluster.isWorker) {
    // The primary migrated the database and loaded the protocols before forking.
    await runWorker(async () => {
      const opened = await openStore(options.data, process.env, { migrate: false });
      const app = await buildApp(commandDeps(opened), { logger, staticDir: STATIC_DIR });
      await app.listen({ port, host: options.host });
      return { app, opened };
    }, logger);
    return;
  }
  if (workers > 1 && locateStore(options.data).kind !== 'postgres') {
    throw new UsageError(
      '--workers: several server processes need PostgreSQL (set DATABASE_URL); the embedded database belongs to one process',
    );
  }
  const opened = await openStore(options.data);
  const deps = commandDeps(opened);
  const loads = await loadShippedProtocols(deps);
  for (const l of loads)
    if (l.outcome !== 'unchanged')
      io.out(`protocol ${l.trialId}: ${l.outcome} (version ${String(l.versionNo)})`);
  const given = process.env.IMMUNOTRIAL_ADMIN_PASSWORD;
  const password = given !== undefined && given !== '' ? given : randomBytes(12).toString('base64url');
  const admin = await bootstrapAdmin(deps, { username: 'admin', fullName: 'Administrator', password });
  if (admin !== undefined) {
    io.out(
      given !== undefined && given !== ''
        ? "created administrator 'admin' with the password from IMMUNOTRIAL_ADMIN_PASSWORD"
        : `created administrator 'admin' with one-time password: ${password}`,
    );
  }
  let address: string;
  let stopServing: () => Promise<void>;
  if (workers > 1) {
    ({ address, stop: stopServing } = await forkWorkers(workers, io));
  } else {
    const app = await buildApp(deps, { logger, staticDir: STATIC_DIR });
    address = await app.listen({ port, host: options.host });
    stopServing = () => app.close();
  }
  io.out(
    `Immunotrial is serving ${address} (database: ${opened.kind} ${opened.description}${workers > 1 ? `; ${String(workers)} worker processes` : ''})`,
  );
  const sweeper = startOverdueSweeps(deps, {
    onReport: (r) => {
      if (r.deviations > 0 || r.failed.length > 0)
        logger.info({ ...r }, `overdue-dose sweep: ${String(r.deviations)} deviation(s) written`);
      for (const f of r.failed) logger.error(f, 'overdue-dose sweep failed for a participant');
    },
    onError: (error) => {
      logger.error({ err: error }, 'overdue-dose sweep failed');
    },
  });
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await sweeper.stop();
  await stopServing();
  await opened.close();
}

/** `immunotrial serve [--port 3000] [--host 127.0.0.1] [--data DIR] [--workers N]`. */
export function registerServeCommand(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('Start the trial server (API and web app) on the embedded database or DATABASE_URL')
    .option('--port <port>', 'TCP port', '3000')
    .option('--host <host>', 'address to listen on (0.0.0.0 for all)', '127.0.0.1')
    .option('--workers <n>', 'server processes sharing the port (PostgreSQL only)', '1')
    .option(
      '--data <dir>',
      'PGlite data folder (default: IMMUNOTRIAL_DATA_DIR or ./data; ignored with DATABASE_URL)',
    )
    .action((options: ServeOptions) => runServer(options, io));
}
