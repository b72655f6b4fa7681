import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseProtocol, screenPatient } from '@immunotrial/core';
import { exportCohort } from '@immunotrial/sim';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../test-support.js';

const ROOT = new URL('../../../../', import.meta.url).pathname;
const text = (f: string) => ({ text: readFileSync(join(ROOT, f), 'utf8'), file: f });
const IDS = ['infinity', 'platinium', 'immunosep', 'iris7'];
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'simulate-twin-'));
});

function field(value: unknown, ...path: (string | number)[]): unknown {
  let v = value;
  for (const key of path) v = typeof v === 'object' && v !== null ? Reflect.get(v, key) : undefined;
  return v;
}

describe('immunotrial simulate --cohort', () => {
  it('exports 20 patients as FHIR bundles that immunotrial screen reads to the statuses of the in-process screening', async () => {
    const out = join(dir, 'cohort');
    const written = await runCli(['simulate', '--cohort', '20', '--seed', '5', '--out', out]);
    expect(written.code).toBe(0);
    const files = (await readdir(out)).filter((f) => f !== 'manifest.json');
    expect(files).toHaveLength(20);
    const manifest: unknown = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    // In process: the same cohort's timelines, screened by the core at the same instants.
    const cohort = exportCohort(
      {
        model: text('packages/sim/models/icu-immunosuppression.yaml'),
        plans: text('packages/sim/models/screening.yaml'),
        protocols: IDS.map((id) => text(`protocols/${id}.yaml`)),
      },
      5,
      20,
    );
    const protocols = IDS.map(
      (id) => parseProtocol(readFileSync(join(ROOT, `protocols/${id}.yaml`), 'utf8'), id).eligibility,
    );
    const instants = new Set<string>();
    for (const id of IDS) {
      const patient = cohort.manifest.patients.find((p) => (p.screening[id]?.length ?? 0) > 0);
      const at = patient?.screening[id]?.[0];
      if (at !== undefined) instants.add(at);
    }
    expect(instants.size).toBeGreaterThanOrEqual(3);
    const seen = new Set<string>();
    for (const at of instants) {
      const cli = await runCli([
        'screen',
        '--protocol',
        'all',
        '--at',
        at,
        ...files.map((f) => join(out, f)),
      ]);
      expect(cli.code, cli.err).toBe(0);
      const docs: unknown = JSON.parse(cli.out);
      const t = Date.parse(at);
      const expected = IDS.map((id) => ({
        protocol: id,
        statuses: Object.fromEntries(
          cohort.timelines.map((tl) => [
            tl.patientId,
            screenPatient(protocols, tl, t)[IDS.indexOf(id)]?.status,
          ]),
        ),
      }));
      const got = IDS.map((_, k) => ({
        protocol: String(field(docs, k, 'protocol')),
        statuses: Object.fromEntries(
          (field(docs, k, 'patients') as { patientId: string; status: string }[]).map((p) => [
            p.patientId,
            p.status,
          ]),
        ),
      }));
      expect(got).toEqual(expected);
      for (const e of expected) for (const s of Object.values(e.statuses)) seen.add(String(s));
    }
    expect([...seen].sort()).toContain('ineligible');
    expect(field(manifest, 'patients', 0, 'file')).toBe('tw5-0.json');
  }, 120_000);

  it('prints the calibration report with the published figures beside the model', async () => {
    const r = await runCli([
      'simulate',
      '--cohort',
      '400',
      '--seed',
      '2',
      '--calibration',
      '--format',
      'table',
    ]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/calibration of the natural-history model: 400 patients \(seed 2\), 400 screened/);
    expect(r.out).toMatch(/ICU-acquired infection, patients in the ICU on day 5 .*37\.7%.*S13/);
    expect(r.out).toMatch(/ImmunoSep, eligible among screened \(real engine\) .*41\.8%/);
  }, 60_000);

  it('says what --cohort needs', async () => {
    const r = await runCli(['simulate', '--cohort', '10', '--seed', '1']);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'error: --cohort N needs --calibration (compare with published figures) or --out DIR (export FHIR bundles)\n',
    );
  });
});

describe('immunotrial simulate --protocol', () => {
  it('prints operating characteristics and writes a self-contained HTML report with its JSON', async () => {
    const scenario = join(dir, 'small.yaml');
    await writeFile(
      scenario,
      [
        'pool: { admissions: 1000 }',
        'sweep:',
        '  parameter: ifn_gamma.infection_hazard_ratio',
        '  values: [1, 0.6]',
      ].join('\n'),
    );
    const out = join(dir, 'report');
    const args = [
      'simulate',
      '--protocol',
      'platinium',
      '--scenario',
      scenario,
      '--trials',
      '4',
      '--seed',
      '8',
    ];
    const r = await runCli([...args, '--workers', '1', '--out', out]);
    expect(r.code, r.err).toBe(0);
    const summary: unknown = JSON.parse(r.out);
    expect(field(summary, 'protocol', 'id')).toBe('platinium');
    expect(field(summary, 'trials')).toBe(4);
    expect(field(summary, 'scenarios', 1, 'x')).toBe(0.6);
    expect(typeof field(summary, 'scenarios', 0, 'power', 'mcse')).toBe('number');
    expect(field(summary, 'pool', 'admissions')).toBe(1000);
    const html = await readFile(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('Power against ifn_gamma.infection_hazard_ratio');
    expect(html).toContain('Screening funnel');
    expect(html).toContain('Cumulative incidence of secondary infection');
    expect(html).not.toMatch(/<script|<link|src=|@import/);
    expect(JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'))).toEqual(summary);
    const two = await runCli([...args, '--workers', '2']);
    expect(two.out).toBe(r.out);
  }, 120_000);

  it('rejects a bad scenario file with located messages', async () => {
    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, 'scenarios:\n  - name: x\n    effects: { il7: { lymphocyte_fold: 0 } }\n');
    const r = await runCli(['simulate', '--protocol', 'iris7', '--scenario', bad, '--seed', '1']);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `error: ${bad}:3:40: scenarios[0].effects.il7.lymphocyte_fold: expected a number > 0, found 0\n`,
    );
  });
});
