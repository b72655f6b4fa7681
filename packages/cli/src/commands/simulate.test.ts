import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../test-support.js';
import { createProgressBar } from './simulate/progress-bar.js';

const EXAMPLE = new URL('../../../../examples/designs/platinium-like.yaml', import.meta.url).pathname;
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'simulate-cli-'));
  const text = await readFile(EXAMPLE, 'utf8');
  await writeFile(join(dir, 'bad.yaml'), text.replace('control: placebo', 'control: placebos'));
});

function field(value: unknown, ...path: (string | number)[]): unknown {
  let v = value;
  for (const key of path) v = typeof v === 'object' && v !== null ? Reflect.get(v, key) : undefined;
  return v;
}

describe('immunotrial simulate', () => {
  it('prints the operating characteristics as JSON, the same on 1 and 2 workers', async () => {
    const args = ['simulate', '--design', EXAMPLE, '--trials', '1000', '--seed', '42'];
    const one = await runCli([...args, '--workers', '1']);
    const two = await runCli([...args, '--workers', '2']);
    expect(one.code).toBe(0);
    expect(one.err).toBe('');
    expect(two.out).toBe(one.out);
    const parsed: unknown = JSON.parse(one.out);
    expect(field(parsed, 'trials')).toBe(1000);
    expect(field(parsed, 'scenarios', 0, 'scenario')).toBe('null');
    expect(field(parsed, 'scenarios', 0, 'isNull')).toBe(true);
    expect(field(parsed, 'scenarios', 1, 'stopping', 3, 'at')).toBe(326);
    expect(typeof field(parsed, 'scenarios', 1, 'anySuperiority', 'mcse')).toBe('number');
  });

  it('prints tables with --format table', async () => {
    const r = await runCli([
      'simulate',
      '--design',
      EXAMPLE,
      '--trials',
      '1000',
      '--seed',
      '1',
      '--format',
      'table',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('scenario null (null: all arms equal)');
    expect(r.out).toContain('type I error (any superiority)');
    expect(r.out).toContain('power (any superiority)');
    expect(r.out).toContain('P(end at look 4, 326 patients)');
  });

  it('rejects a bad design file with its located message and exit code 1', async () => {
    const file = join(dir, 'bad.yaml');
    const r = await runCli(['simulate', '--design', file, '--trials', '10', '--seed', '1']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      `error: ${file}:6:10: control: expected one of the arms (placebo, interferon), found "placebos"\n`,
    );
  });

  it('rejects bad options', async () => {
    const base = ['simulate', '--design', EXAMPLE, '--seed', '1'];
    expect((await runCli([...base, '--trials', '0'])).err).toBe(
      'error: --trials: expected a whole number >= 1, received "0"\n',
    );
    expect((await runCli([...base, '--mc-draws', '-5'])).err).toBe(
      'error: --mc-draws: expected a whole number >= 0, received "-5"\n',
    );
    expect((await runCli([...base, '--format', 'csv'])).err).toBe(
      'error: --format: expected json or table, received "csv"\n',
    );
    const missing = await runCli(['simulate', '--seed', '1']);
    expect(missing.code).toBe(1);
    expect(missing.err).toBe('error: --design FILE.yaml is required\n');
    const unreadable = await runCli(['simulate', '--design', join(dir, 'none.yaml'), '--seed', '1']);
    expect(unreadable.err).toMatch(/^error: --design: cannot read .*none\.yaml: ENOENT/);
  });
});

describe('createProgressBar', () => {
  it('draws nothing when the stream is not a terminal', () => {
    const written: string[] = [];
    const bar = createProgressBar({ isTTY: false, write: (t) => written.push(t) > 0 }, () => 10_000);
    bar.update(5, 10);
    bar.finish();
    expect(written).toEqual([]);
  });

  it('draws in place on a terminal once the run is long enough, then clears the line', () => {
    const written: string[] = [];
    let clock = 0;
    const bar = createProgressBar({ isTTY: true, write: (t) => written.push(t) > 0 }, () => clock);
    bar.update(1, 10);
    expect(written).toEqual([]);
    clock = 500;
    bar.update(5, 10);
    expect(written).toEqual([`\r[${'#'.repeat(15)}${'.'.repeat(15)}]  50%  5/10 trials  0.5 s`]);
    bar.finish();
    expect(written[1]).toBe('\r\x1b[2K');
  });
});
