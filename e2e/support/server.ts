import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running `immunotrial serve` on a fresh embedded database. */
export interface RunningServer {
  readonly baseUrl: string;
  readonly adminPassword: string;
  readonly log: () => string;
  readonly stop: () => Promise<void>;
}

const root = join(import.meta.dirname, '..', '..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
    server.on('error', reject);
  });
}

/**
 * Starts `immunotrial serve --port P --data DIR` on a new data folder, with a known admin password, and waits
 * until it answers. The folder is removed by `stop()`.
 */
export async function startServer(): Promise<RunningServer> {
  // A server someone already runs (E2E_BASE_URL, with its admin password): for looking at a walk while developing.
  const external = process.env.E2E_BASE_URL;
  if (external !== undefined && external !== '') {
    return {
      baseUrl: external,
      adminPassword: process.env.E2E_ADMIN_PASSWORD ?? '',
      log: () => '',
      stop: () => Promise.resolve(),
    };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'immunotrial-e2e-'));
  const port = await freePort();
  const adminPassword = 'e2e-admin-password-1';
  let output = '';
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(root, 'packages', 'cli', 'bin', 'immunotrial.js'),
      'serve',
      '--port',
      String(port),
      '--data',
      dataDir,
    ],
    {
      cwd: root,
      env: { ...process.env, IMMUNOTRIAL_ADMIN_PASSWORD: adminPassword },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`immunotrial serve exited (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(`${baseUrl}/api/session`);
      if (response.status === 401 || response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`immunotrial serve did not answer within 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseUrl,
    adminPassword,
    log: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
