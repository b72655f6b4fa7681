import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../io.js';
import { main } from '../main.js';
import { PROTOCOLS_DIR } from '../protocol-files.js';

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

async function run(...argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => out.push(t.replace(/\n$/, '')),
    err: (t) => err.push(t.replace(/\n$/, '')),
    readStdin: () => Promise.resolve(''),
  };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const shipped = (id: string): string => relative(process.cwd(), join(PROTOCOLS_DIR, `${id}.yaml`));

/** A copy of a shipped protocol with one edit, in a temporary folder; returns its path and the edited line. */
function broken(id: string, from: string, to: string): { file: string; line: number } {
  const text = readFileSync(join(PROTOCOLS_DIR, `${id}.yaml`), 'utf8');
  if (!text.includes(from)) throw new Error(`test setup: "${from}" not in ${id}.yaml`);
  const edited = text.replace(from, to);
  const file = join(mkdtempSync(join(tmpdir(), 'immunotrial-protocol-')), `${id}.yaml`);
  writeFileSync(file, edited);
  const line = edited.slice(0, edited.indexOf(to)).split('\n').length;
  return { file, line };
}

describe('immunotrial protocol validate', () => {
  it('prints ok with the id, version and criterion counts of each valid file, exit 0', async () => {
    const r = await run(
      'protocol',
      'validate',
      ...['infinity', 'platinium', 'immunosep', 'iris7'].map(shipped),
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toEqual([
      `ok: ${shipped('infinity')} (infinity v1.0, 5 inclusion, 8 exclusion)`,
      `ok: ${shipped('platinium')} (platinium v1.0, 5 inclusion, 14 exclusion)`,
      `ok: ${shipped('immunosep')} (immunosep v1.0, 5 inclusion, 8 exclusion)`,
      `ok: ${shipped('iris7')} (iris7 v1.0, 6 inclusion, 1 exclusion)`,
    ]);
  });

  it('prints every located error on stderr and exits 1, still checking the other files', async () => {
    const { file, line } = broken('infinity', 'latest(mhla_dr, during', 'latest(mhladr, during');
    const r = await run('protocol', 'validate', file, shipped('iris7'));
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `${file}:${line}:21: eligibility.inclusion[3].rule: expected a variable name (e.g. mhla_dr, lymphocytes, ferritin), found "mhladr"`,
    );
    expect(r.out).toBe(`ok: ${shipped('iris7')} (iris7 v1.0, 6 inclusion, 1 exclusion)`);
  });

  it('reports schema errors with file, line, column and path', async () => {
    const { file, line } = broken('iris7', "version: '1.0'", 'version: [1]');
    const r = await run('protocol', 'validate', file);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${file}:${line}:10: version: expected a text, found a list`);
  });

  it('reports a file that cannot be read, exit 1', async () => {
    const r = await run('protocol', 'validate', 'no/such/protocol.yaml');
    expect(r.code).toBe(1);
    expect(r.err).toBe('error: no/such/protocol.yaml: cannot read the protocol file');
  });
});

describe('immunotrial protocol show', () => {
  it('prints a summary with design, criteria, rules and assumed values with their provenance', async () => {
    const r = await run('protocol', 'show', 'infinity');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('INFINITY (infinity v1.0, sources up to 2026-01-22)');
    expect(lines).toContain('Identifiers: NCT06694740 · CTIS 2023-506725-11-00 · sponsor APHP220672');
    expect(lines).toContain(
      'Allocation: 1:1 (ifn-gamma:placebo)* · permuted_blocks* · blocks 2, 4* · per site true*',
    );
    expect(lines).toContain(
      '  ifn-gamma-sc [ifn-gamma, active]: interferon gamma-1b (Imukin) 2000000 [iU] SC, every 24 h, from day 1, to day 3, at most 3 doses, window ±2 h*',
    );
    expect(lines).toContain(
      '    I4   [rule] mHLA-DR< 8,000 AB/C measured between the 5th and 10th day after admission to the intensive care unit',
    );
    expect(lines).toContain('         latest(mhla_dr, during: icu_days(5, 10)) < 8000 {AB}/{cell}');
    expect(lines).toContain('    I5   [attestation only] Patient affiliated to a social security scheme (…)');
    expect(lines).toContain(
      '  allocation.ratio = ifn-gamma 1, placebo 1: not published (DOMAIN.md §2); 1:1 assumed for a two-group placebo-controlled trial',
    );
  });

  it('marks ImmunoSep I1 as needing both the data and the attestation', async () => {
    const r = await run('protocol', 'show', shipped('immunosep'));
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toContain(
      '    I1   [rule and attestation, both required] Age equal to or above 18 years. (…)',
    );
  });

  it('rejects an unknown id, listing the known ones, exit 1', async () => {
    const r = await run('protocol', 'show', 'nope');
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'error: unknown protocol "nope": expected one of infinity, platinium, immunosep, iris7, or a protocol file',
    );
  });

  it('prints the located errors of a broken file, exit 1', async () => {
    const { file, line } = broken(
      'platinium',
      'pair_window:\n      value: 96\n      unit: h',
      'pair_window:\n      value: 96\n      unit: hours',
    );
    const r = await run('protocol', 'show', file);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      `${file}:${line + 2}:13: eligibility.parameters.pair_window.unit: "hours" is not a UCUM unit (e.g. mg, ug, ug/kg, [iU], mL, h)`,
    );
  });
});
