import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT } from '../protocol-files.js';
import { runCli } from '../test-support.js';

const example = (name: string): string => join(REPOSITORY_ROOT, 'examples', 'fhir', `${name}.json`);

interface ScreenDoc {
  at: string;
  protocol: string;
  patients: {
    patientId: string;
    status: string;
    stratum?: string;
    dosingDeadline?: string | null;
    criteria: {
      id: string;
      kind: string;
      result: string;
      reason: string;
      evidence: { reference: string }[];
    }[];
  }[];
}

async function screen(protocol: string, at: string, file: string): Promise<ScreenDoc> {
  const r = await runCli(['screen', '--protocol', protocol, '--at', at, example(file)]);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as ScreenDoc; // the command's documented output shape
}

describe('immunotrial screen on the shipped examples (examples/README.md)', () => {
  it('finds the INFINITY example eligible, with evidence for the mHLA-DR criterion', async () => {
    const doc = await screen('infinity', '2026-03-17T10:00:00+01:00', 'infinity-eligible');
    expect(doc.protocol).toBe('infinity');
    expect(doc.at).toBe('2026-03-17T10:00:00+01:00');
    const [p] = doc.patients;
    expect(p?.status).toBe('eligible');
    const i4 = p?.criteria.find((c) => c.id === 'I4');
    expect(i4?.result).toBe('met');
    expect(i4?.evidence.map((e) => e.reference).every((r) => r.startsWith('Observation/'))).toBe(true);
    expect(p?.criteria.filter((c) => c.kind === 'inclusion').every((c) => c.result === 'met')).toBe(true);
    expect(p?.criteria.filter((c) => c.kind === 'exclusion').every((c) => c.result === 'not_met')).toBe(true);
  });

  it('finds the ImmunoSep example eligible in stratum MALS with the dosing deadline', async () => {
    const doc = await screen('immunosep', '2026-03-14T11:00:00+01:00', 'immunosep-mals');
    expect(doc.patients[0]).toMatchObject({
      status: 'eligible',
      stratum: 'MALS',
      dosingDeadline: '2026-03-16T17:30:00+01:00',
    });
  });

  it('finds the PLATINIUM example incomplete, waiting only for the E0, E1 and E13 answers', async () => {
    const doc = await screen('platinium', '2026-03-28T10:00:00+01:00', 'platinium-incomplete');
    const [p] = doc.patients;
    expect(p?.status).toBe('incomplete');
    expect(p?.criteria.filter((c) => c.result === 'unknown').map((c) => c.id)).toEqual(['E0', 'E1', 'E13']);
  });

  it('screens against all four protocols with --protocol all', async () => {
    const r = await runCli([
      'screen',
      '--protocol',
      'all',
      '--at',
      '2026-03-17T10:00:00+01:00',
      example('infinity-eligible'),
    ]);
    expect(r.code).toBe(0);
    const docs = JSON.parse(r.out) as ScreenDoc[];
    expect(docs.map((d) => d.protocol).sort()).toEqual(['immunosep', 'infinity', 'iris7', 'platinium']);
  });

  it('prints a table per patient and an explanation per criterion', async () => {
    const table = await runCli([
      'screen',
      '--protocol',
      'platinium',
      '--at',
      '2026-03-28T10:00:00+01:00',
      '--format',
      'table',
      example('platinium-incomplete'),
    ]);
    expect(table.out).toContain('ex-plat');
    expect(table.out).toContain('incomplete');
    expect(table.out).toContain('E13 unknown');
    const explain = await runCli([
      'screen',
      '--protocol',
      'infinity',
      '--at',
      '2026-03-17T10:00:00+01:00',
      '--format',
      'table',
      '--explain',
      'ex-inf',
      example('infinity-eligible'),
    ]);
    expect(explain.code).toBe(0);
    expect(explain.out).toContain('incl I4');
    expect(explain.out).toContain('eligible');
  });
});

describe('immunotrial screen rejects bad input with exit code 1', () => {
  it('names the file, line and column of malformed JSON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'screen-'));
    const file = join(dir, 'broken.json');
    await writeFile(file, '{\n  "resourceType": "Bundle",\n  "type": "collection"\n  "entry": []\n}\n');
    const r = await runCli(['screen', '--protocol', 'infinity', '--at', '2026-03-17T10:00:00+01:00', file]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/broken\.json.*line 4/);
    expect(r.out).toBe('');
  });

  it('refuses a screening instant without a UTC offset', async () => {
    const r = await runCli([
      'screen',
      '--protocol',
      'infinity',
      '--at',
      '2026-03-17T10:00',
      example('infinity-eligible'),
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'error: --at: expected an ISO-8601 instant with its UTC offset, e.g. 2026-03-17T10:00:00+01:00; received "2026-03-17T10:00"\n',
    );
  });

  it('names an unknown protocol', async () => {
    const r = await runCli([
      'screen',
      '--protocol',
      'nope',
      '--at',
      '2026-03-17T10:00:00+01:00',
      example('infinity-eligible'),
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('nope');
  });

  it('names a missing input file', async () => {
    const r = await runCli([
      'screen',
      '--protocol',
      'infinity',
      '--at',
      '2026-03-17T10:00:00+01:00',
      '/nonexistent/x.json',
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('/nonexistent/x.json');
  });

  it('ignores data after the screening instant: the INFINITY example screened before its mHLA-DR result is incomplete', async () => {
    const doc = await screen('infinity', '2026-03-15T10:00:00+01:00', 'infinity-eligible');
    expect(doc.patients[0]?.criteria.find((c) => c.id === 'I4')?.result).toBe('unknown');
    expect(doc.patients[0]?.status).not.toBe('eligible');
  });
});
