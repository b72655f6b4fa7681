import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../io.js';
import { main } from '../main.js';

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

async function run(argv: readonly string[], stdin = ''): Promise<Run> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (text) => (out += text),
    err: (text) => (err += text),
    readStdin: () => Promise.resolve(stdin),
  };
  const code = await main(argv, io);
  return { code, out, err };
}

async function score(kind: string, input: unknown): Promise<Run> {
  return run(['score', kind, '--input', '-'], JSON.stringify(input));
}

function json(r: Run): unknown {
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out);
}

const SOFA_FIELDS =
  'pao2_fio2_mmhg, respiratory_support, platelets_10e9_per_l, bilirubin_mg_dl, bilirubin_umol_l, map_mmhg, ' +
  'dopamine_ug_kg_min, dobutamine_ug_kg_min, epinephrine_ug_kg_min, norepinephrine_ug_kg_min, gcs, ' +
  'creatinine_mg_dl, creatinine_umol_l, urine_output_ml_per_day';

describe('immunotrial score sofa', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'immunotrial-score-'));
  });

  it('prints total, completeness and every organ from a file', async () => {
    const file = join(dir, 'sofa.json');
    await writeFile(
      file,
      JSON.stringify({
        pao2_fio2_mmhg: 180,
        respiratory_support: true,
        platelets_10e9_per_l: 90,
        bilirubin_mg_dl: 2.5,
        map_mmhg: 68,
        norepinephrine_ug_kg_min: 0.2,
        gcs: 13,
        creatinine_mg_dl: 2.2,
        urine_output_ml_per_day: 400,
      }),
    );
    expect(json(await run(['score', 'sofa', '--input', file]))).toEqual({
      total: 15,
      complete: true,
      components: { respiration: 3, coagulation: 2, liver: 2, cardiovascular: 4, cns: 1, renal: 3 },
    });
  });

  it('reads standard input with --input - and gives null for organs without input', async () => {
    expect(json(await score('sofa', { platelets_10e9_per_l: 40, gcs: 15 }))).toEqual({
      total: 3,
      complete: false,
      components: {
        respiration: null,
        coagulation: 3,
        liver: null,
        cardiovascular: null,
        cns: 0,
        renal: null,
      },
    });
  });

  it('scores µmol/L like the same value in mg/dL (bilirubin 205.2 = 12.0 mg/dL → 3; creatinine 442 = 5.0 → 3)', async () => {
    const inUmol = json(await score('sofa', { bilirubin_umol_l: 205.2, creatinine_umol_l: 442 }));
    const inMg = json(await score('sofa', { bilirubin_mg_dl: 12, creatinine_mg_dl: 5 }));
    expect(inUmol).toEqual(inMg);
    expect(inUmol).toMatchObject({ components: { liver: 3, renal: 3 } });
  });

  it('rejects an unknown field, naming it and the accepted ones', async () => {
    const r = await score('sofa', { platelets: 40 });
    expect(r.code).toBe(1);
    expect(r.err).toBe(`error: <stdin>: unknown field "platelets"; expected one of ${SOFA_FIELDS}`);
  });

  it('rejects a wrong type', async () => {
    const r = await score('sofa', { platelets_10e9_per_l: '40' });
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'error: <stdin>: platelets_10e9_per_l: expected a number from 0 to 5000 (×10⁹/L), received "40"',
    );
  });

  it('rejects a value given in both units', async () => {
    const r = await score('sofa', { bilirubin_mg_dl: 1, bilirubin_umol_l: 17.1 });
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'error: <stdin>: give bilirubin either as bilirubin_mg_dl or as bilirubin_umol_l, not both',
    );
  });

  it('rejects negative platelets and a GCS outside 3..15', async () => {
    const r = await score('sofa', { platelets_10e9_per_l: -1, gcs: 2 });
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'error: <stdin>: platelets_10e9_per_l: expected a number from 0 to 5000 (×10⁹/L), received -1\n' +
        '<stdin>: gcs: expected an integer from 3 to 15, received 2',
    );
  });

  it('rejects a non-boolean respiratory support', async () => {
    const r = await score('sofa', { respiratory_support: 'yes' });
    expect(r.err).toBe('error: <stdin>: respiratory_support: expected true or false, received "yes"');
  });

  it('rejects input that is not a JSON object, or not JSON', async () => {
    const notObject = await score('sofa', [1, 2]);
    expect(notObject.code).toBe(1);
    expect(notObject.err).toBe('error: <stdin>: expected a JSON object of fields, received [1,2]');
    const notJson = await run(['score', 'sofa', '--input', '-'], '{"gcs": 15');
    expect(notJson.code).toBe(1);
    expect(notJson.err).toMatch(/^error: <stdin>: not valid JSON \(.+\)$/);
  });

  it('reports a missing file', async () => {
    const r = await run(['score', 'sofa', '--input', join(dir, 'missing.json')]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`error: cannot read input file ${join(dir, 'missing.json')}: no such file`);
  });

  it('requires --input', async () => {
    const r = await run(['score', 'sofa']);
    expect(r.code).toBe(1);
    expect(r.err).toContain("required option '--input <file>' not specified");
  });
});

describe('immunotrial score apache2', () => {
  it('prints total, APS, completeness and every component', async () => {
    const out = json(
      await score('apache2', {
        temperature_c: 39.5,
        map_mmhg: 65,
        heart_rate_bpm: 125,
        respiratory_rate_per_min: 30,
        fio2_fraction: 0.6,
        pao2_mmhg: 80,
        paco2_mmhg: 40,
        arterial_ph: 7.3,
        sodium_mmol_l: 132,
        potassium_mmol_l: 3.2,
        creatinine_umol_l: 159.12,
        acute_renal_failure: true,
        hematocrit_percent: 28,
        wbc_10e9_per_l: 18,
        gcs: 12,
        age_years: 70,
        chronic_health: 'nonoperative_or_emergency_postop',
      }),
    );
    // creatinine 159.12 µmol/L = 1.8 mg/dL → 2, doubled with acute renal failure → 4 (see apache-ii.test.ts)
    expect(out).toEqual({
      total: 33,
      aps: 23,
      complete: true,
      components: {
        temperature: 3,
        map: 2,
        heart_rate: 2,
        respiratory_rate: 1,
        oxygenation: 2,
        acid_base: 2,
        sodium: 0,
        potassium: 1,
        creatinine: 4,
        hematocrit: 2,
        wbc: 1,
        gcs: 3,
        age: 5,
        chronic_health: 5,
      },
    });
  });

  it('gives null for missing components', async () => {
    expect(json(await score('apache2', { age_years: 50 }))).toMatchObject({
      total: 2,
      aps: 0,
      complete: false,
      components: { age: 2, temperature: null, chronic_health: null },
    });
  });

  it('rejects an FiO2 in percent and an unknown chronic health value', async () => {
    const r = await score('apache2', { fio2_fraction: 60, chronic_health: 'yes' });
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'error: <stdin>: fio2_fraction: expected a fraction from 0.21 to 1 (not a percentage), received 60\n' +
        '<stdin>: chronic_health: expected "none", "nonoperative_or_emergency_postop" or "elective_postop", received "yes"',
    );
  });

  it('rejects creatinine in both units', async () => {
    const r = await score('apache2', { creatinine_mg_dl: 1, creatinine_umol_l: 88.4 });
    expect(r.err).toBe(
      'error: <stdin>: give creatinine either as creatinine_mg_dl or as creatinine_umol_l, not both',
    );
  });
});

describe('immunotrial score egfr', () => {
  it('prints both CKD-EPI equations, unrounded', async () => {
    const out = json(await score('egfr', { creatinine_mg_dl: 1, age_years: 60, sex: 'male', black: false }));
    // Hand computation in packages/core/src/scores/egfr.test.ts: 2021 → 86.16; 2009 → 141 × (1/0.9)^−1.209
    // × 0.993^60 = 141 × 0.8804 × 0.6561 = 81.44
    if (typeof out !== 'object' || out === null || !('egfr_2021' in out) || !('egfr_2009' in out)) {
      throw new Error('expected egfr_2021 and egfr_2009');
    }
    expect(Object.keys(out)).toEqual(['egfr_2021', 'egfr_2009']);
    expect(out.egfr_2021).toBeCloseTo(86.1626, 3);
    expect(out.egfr_2009).toBeCloseTo(81.44, 2);
  });

  it('gives the same values for creatinine in µmol/L', async () => {
    const mg = json(await score('egfr', { creatinine_mg_dl: 1, age_years: 60, sex: 'female', black: true }));
    const umol = json(
      await score('egfr', { creatinine_umol_l: 88.4, age_years: 60, sex: 'female', black: true }),
    );
    expect(umol).toEqual(mg);
  });

  it('gives null for 2009 without race and for both without creatinine, age or sex', async () => {
    expect(json(await score('egfr', { creatinine_mg_dl: 1, age_years: 60, sex: 'male' }))).toMatchObject({
      egfr_2009: null,
    });
    expect(json(await score('egfr', { creatinine_mg_dl: 1, sex: 'male' }))).toEqual({
      egfr_2021: null,
      egfr_2009: null,
    });
  });

  it('rejects a zero creatinine, a child and an unknown sex', async () => {
    const r = await score('egfr', { creatinine_mg_dl: 0, age_years: 12, sex: 'f' });
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'error: <stdin>: creatinine_mg_dl: expected a number greater than 0 and at most 50 (mg/dL), received 0\n' +
        '<stdin>: age_years: expected a number from 18 to 130 (years; CKD-EPI is for adults), received 12\n' +
        '<stdin>: sex: expected "female" or "male", received "f"',
    );
  });
});
