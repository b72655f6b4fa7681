// `immunotrial serve --workers N`: several server processes on one PostgreSQL. Spawns the real command.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testBackends } from '@immunotrial/db';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../../bin/immunotrial.js', import.meta.url));
const ADMIN_PASSWORD = 'a-long-enough-admin-password-1';

function serve(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', IMMUNOTRIAL_ADMIN_PASSWORD: ADMIN_PASSWORD, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const collect = (c: Buffer): void => {
    out += c.toString();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  return { child, output: () => out };
}

function until<T>(what: string, probe: () => T | undefined, ms = 90_000): Promise<T> {
  const end = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const tick = (): void => {
      const v = probe();
      if (v !== undefined) resolve(v);
      else if (Date.now() > end) reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(tick, 100);
    };
    tick();
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else
      child.once('exit', (code) => {
        resolve(code);
      });
  });
}

/** The pids of a process's children, from /proc. */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .filter((n) => {
      try {
        const stat = readFileSync(`/proc/${n}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('serve --workers', () => {
  it('refuses several workers on the embedded database, naming the option and what to do', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'immunotrial-serve-'));
    try {
      const { child, output } = serve(['--workers', '2', '--data', dir], { DATABASE_URL: '' });
      expect(await exitOf(child)).not.toBe(0);
      expect(output()).toContain('--workers: several server processes need PostgreSQL (set DATABASE_URL)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);

  it('refuses a worker count that is not a whole number from 1 to 64', async () => {
    const { child, output } = serve(['--workers', 'many'], {});
    expect(await exitOf(child)).not.toBe(0);
    expect(output()).toContain('--workers: expected a whole number from 1 to 64, received "many"');
  }, 90_000);

  it('refuses a bad DATABASE_POOL_SIZE with its name and no stack trace', async () => {
    const { child, output } = serve([], {
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
      DATABASE_POOL_SIZE: 'abc',
    });
    expect(await exitOf(child)).toBe(1);
    expect(output()).toContain('DATABASE_POOL_SIZE: expected a whole number from 1 to 1000, received "abc"');
    expect(output()).not.toContain('internal error');
  }, 90_000);

  const postgres = testBackends().find((b) => b.name === 'postgres');
  // Several processes need PostgreSQL: CI sets TEST_DATABASE_URL, so this runs there.
  if (postgres !== undefined)
    it('serves from two processes sharing one session store, replaces a killed worker, stops on SIGTERM', async () => {
      const opened = await postgres.openEmpty();
      const server = serve(['--workers', '2'], { DATABASE_URL: opened.description });
      try {
        const base = await until('the server to serve', () => {
          const m = /serving (http:\/\/[\d.:]+) .*2 worker processes/.exec(server.output());
          return m?.[1];
        });
        const pid = server.child.pid ?? 0;
        const workers = await until('two workers', () => {
          const c = childrenOf(pid);
          return c.length === 2 ? c : undefined;
        });
        const signIn = await fetch(`${base}/api/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
        });
        expect(signIn.status).toBe(200);
        const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
        // New connections are spread over the workers; the session made by one is honoured by all.
        const statuses = await Promise.all(
          Array.from({ length: 20 }, () =>
            fetch(`${base}/api/session`, { headers: { cookie, connection: 'close' } }).then((r) => r.status),
          ),
        );
        expect(statuses).toEqual(Array.from({ length: 20 }, () => 200));

        process.kill(workers[0] ?? 0, 'SIGKILL');
        const replaced = await until('a replacement worker', () => {
          const c = childrenOf(pid);
          return c.length === 2 && !c.includes(workers[0] ?? 0) ? c : undefined;
        });
        expect(replaced).toContain(workers[1]);
        expect(server.output()).toMatch(/worker \d+ stopped \(SIGKILL\); starting another/);
        const after = await fetch(`${base}/api/session`, { headers: { cookie, connection: 'close' } });
        expect(after.status).toBe(200);

        server.child.kill('SIGTERM');
        expect(await exitOf(server.child)).toBe(0);
        // The workers end with the primary (not left orphaned, serving on).
        await until('the workers to end', () =>
          replaced.every((w) => !existsSync(`/proc/${String(w)}`)) ? true : undefined,
        );
      } finally {
        if (server.child.exitCode === null) server.child.kill('SIGKILL');
        for (const w of childrenOf(server.child.pid ?? 0)) process.kill(w, 'SIGKILL');
        await opened.close();
      }
    }, 180_000);
});
