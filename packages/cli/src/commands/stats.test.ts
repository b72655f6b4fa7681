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

async function run(argv: readonly string[]): Promise<Run> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (text) => (out += text),
    err: (text) => (err += text),
    readStdin: () => Promise.resolve(''),
  };
  const code = await main(argv, io);
  return { code, out, err };
}

function json(r: Run): Record<string, unknown> {
  const parsed: unknown = JSON.parse(r.out);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new TypeError('expected an object');
  return Object.fromEntries(Object.entries(parsed));
}

function field(value: unknown, ...path: (string | number)[]): unknown {
  let v = value;
  for (const key of path) v = typeof v === 'object' && v !== null ? Reflect.get(v, key) : undefined;
  return v;
}

let dir = '';
const file = (name: string): string => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stats-cli-'));
  await writeFile(file('arms.csv'), 'group,events,n,a\nplacebo,20,40,1\nifn,12,40,1\n');
  // sleep data (R datasets): extra hours of sleep by drug group.
  const extra1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
  const extra2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
  const rows = [...extra1.map((v) => `a,${v}`), ...extra2.map((v) => `b,${v}`)];
  await writeFile(file('sleep.csv'), `group,extra\n${rows.join('\n')}\n`);
  await writeFile(file('bad.csv'), 'group,extra\na,1.5\na,2.5\nb,oops\nb,3\n');
  await writeFile(file('ragged.csv'), 'group,extra\na,1\nb,2,3\n');
});

describe('immunotrial stats', () => {
  it('runs twoprop on one row per arm and reports fisher.test', async () => {
    const r = await run(['stats', 'twoprop', '--data', file('arms.csv'), '--events', 'events', '--n', 'n']);
    expect(r.code).toBe(0);
    const out = json(r);
    expect(field(out, 'arms', 0, 'group')).toBe('ifn'); // placebo is recognised as the control
    // R: fisher.test(matrix(c(12, 28, 20, 20), 2, byrow = TRUE))$p.value = 0.1095085242
    expect(Number(field(out, 'fisher_test', 'p_value'))).toBeCloseTo(0.1095085242, 9);
  });
  it('runs ttest on the sleep data as R t.test(extra ~ group) with treatment a', async () => {
    const r = await run([
      'stats',
      'ttest',
      '--data',
      file('sleep.csv'),
      '--outcome',
      'extra',
      '--treatment',
      'a',
    ]);
    expect(r.code).toBe(0);
    // R: t.test(extra ~ group, data = sleep): t = -1.86081346749, df = 17.77647351618, p = 0.07939414019
    expect(Number(field(json(r), 'statistic'))).toBeCloseTo(-1.86081346749, 10);
    expect(Number(field(json(r), 'df'))).toBeCloseTo(17.77647351618, 10);
    expect(Number(field(json(r), 'p_value'))).toBeCloseTo(0.07939414019, 10);
  });
  it('renders a table with --format table', async () => {
    const r = await run([
      'stats',
      'normal-loghr',
      '--estimate',
      '-0.2877',
      '--se',
      '0.15',
      '--prior-mean',
      '0',
      '--prior-sd',
      '0.2',
      '--threshold',
      '0.8',
      '--format',
      'table',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('prob_hr_below_1');
  });
  it('computes an rpact design without data', async () => {
    const r = await run([
      'stats',
      'gsdesign',
      '--kmax',
      '3',
      '--alpha',
      '0.025',
      '--sided',
      '1',
      '--type-of-design',
      'OF',
    ]);
    expect(r.code).toBe(0);
    // rpact: getDesignGroupSequential(kMax = 3)$criticalValues = 3.471091 2.454432 2.004036
    const c = field(json(r), 'critical_values');
    expect(Array.isArray(c) ? Number(c[0]) : NaN).toBeCloseTo(3.471091, 5);
  });
  it('runs wilcoxon with the Hodges-Lehmann estimate as R wilcox.test(conf.int = TRUE)', async () => {
    const r = await run([
      'stats',
      'wilcoxon',
      '--data',
      file('sleep.csv'),
      '--outcome',
      'extra',
      '--treatment',
      'a',
    ]);
    expect(r.code).toBe(0);
    // R: W = 25.5, p = 0.0693275754336, estimate = -1.3463884924879, CI -3.5999470910370, 0.0999535598809
    const out = json(r);
    expect(field(out, 'statistic_w')).toBe(25.5);
    expect(Number(field(out, 'p_value'))).toBeCloseTo(0.0693275754336, 11);
    expect(Number(field(out, 'estimate'))).toBeCloseTo(-1.3463884924879, 9);
    expect(Number(field(out, 'conf_int', 0))).toBeCloseTo(-3.599947091037, 9);
  });
  it('runs betabinom with the prior read from a column', async () => {
    const r = await run([
      'stats',
      'betabinom',
      '--data',
      file('arms.csv'),
      '--events',
      'events',
      '--n',
      'n',
      '--prior-a',
      'a',
      '--prior-b',
      '1',
    ]);
    expect(r.code).toBe(0);
    // Beta(1 + 12, 1 + 28) vs Beta(1 + 20, 1 + 20): R integrate() gives 0.9645561223892897
    expect(Number(field(json(r), 'prob_treatment_less'))).toBeCloseTo(0.9645561223892897, 10);
  });
  it('sizes a three-look OF design for two rates as rpact', async () => {
    const r = await run(['stats', 'samplesize-rates', '--pi1', '0.3', '--pi2', '0.45', '--kmax', '3']);
    expect(r.code).toBe(0);
    // rpact: getSampleSizeRates(getDesignGroupSequential(kMax = 3), pi1 = 0.3, pi2 = 0.45) = 330.320021499
    expect(Number(field(json(r), 'max_number_of_subjects'))).toBeCloseTo(330.320021499, 4);
  });
  it('sizes a survival trial as rpact getSampleSizeSurvival', async () => {
    const r = await run([
      'stats',
      'samplesize-survival',
      '--pi1',
      '0.3',
      '--pi2',
      '0.45',
      '--event-time',
      '28',
      '--accrual-time',
      '0,540',
      '--follow-up-time',
      '90',
      '--kmax',
      '3',
    ]);
    expect(r.code).toBe(0);
    // rpact: maxNumberOfSubjects 123.3678, maxNumberOfEvents 119.7382
    expect(Number(field(json(r), 'max_number_of_subjects'))).toBeCloseTo(123.3678, 3);
    expect(Number(field(json(r), 'max_number_of_events'))).toBeCloseTo(119.7382, 3);
  });
  it('rejects more events than patients naming the line and column', async () => {
    const r = await run(['stats', 'twoprop', '--data', file('arms.csv'), '--events', 'events', '--n', 'a']);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`error: ${file('arms.csv')}: line 3, column 'events': 12 events exceed n = 1`);
  });
  it('names the file, line and column of a bad number and exits 1', async () => {
    const r = await run(['stats', 'ttest', '--data', file('bad.csv'), '--outcome', 'extra']);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`error: ${file('bad.csv')}: line 4, column 'extra': expected a number, got 'oops'`);
  });
  it('names the line of a malformed CSV row', async () => {
    const r = await run(['stats', 'ttest', '--data', file('ragged.csv'), '--outcome', 'extra']);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${file('ragged.csv')}: line 3`);
  });
  it('reports a missing column with the columns the file has', async () => {
    const r = await run(['stats', 'wilcoxon', '--data', file('sleep.csv'), '--outcome', 'hours']);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`error: ${file('sleep.csv')}: --outcome: no column 'hours' (columns: group, extra)`);
  });
  it('rejects an unknown method with exit code 1', async () => {
    const r = await run(['stats', 'anova']);
    expect(r.code).toBe(1);
  });
});
