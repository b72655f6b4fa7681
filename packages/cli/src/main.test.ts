import { describe, expect, it } from 'vitest';
import type { CliIo } from './io.js';
import { buildProgram } from './main.js';
import { runCli } from './test-support.js';

const io: CliIo = { out: () => undefined, err: () => undefined, readStdin: () => Promise.resolve('') };
const names = async (argv?: readonly string[]): Promise<string[]> =>
  (await buildProgram(io, argv)).commands.map((c) => c.name());

describe('the command tree', () => {
  it('loads only the command asked for, none for --version, and all of them for help', async () => {
    expect(await names(['--version'])).toEqual([]);
    expect(await names(['score', '--sofa'])).toEqual(['score']);
    expect(await names(['audit', 'verify', '--data', 'x'])).toEqual(
      expect.arrayContaining(['db', 'backup', 'restore', 'audit', 'user']) as unknown,
    );
    const all = await names();
    expect(all).toEqual(
      expect.arrayContaining(['start', 'screen', 'simulate', 'serve', 'demo', 'deviations']) as unknown,
    );
    expect(await names(['--help'])).toEqual(all);
    expect(await names(['no-such-command'])).toEqual(all);
  });

  it('prints the version, lists every command in help and names an unknown command', async () => {
    expect((await runCli(['--version'])).out.trim()).toBe('0.1.0');
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const c of ['screen', 'stats', 'simulate', 'serve', 'demo', 'deviations'])
      expect(help.out).toContain(c);
    const unknown = await runCli(['no-such-command']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain("unknown command 'no-such-command'");
  });
});
