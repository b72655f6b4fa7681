import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../io.js';
import { main } from '../../main.js';

async function run(argv: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), readStdin: () => Promise.resolve('') };
  const code = await main(argv, io);
  return { code, out, err };
}

function field(text: string, ...path: (string | number)[]): unknown {
  let v: unknown = JSON.parse(text);
  for (const key of path) v = typeof v === 'object' && v !== null ? Reflect.get(v, key) : undefined;
  return v;
}

function near(value: unknown, expected: number, tolerance = 1e-9): void {
  expect(typeof value).toBe('number');
  expect(Math.abs(Number(value) - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

let dir = '';
const file = (name: string): string => join(dir, name);

// survival::aml (acute myelogenous leukaemia, maintained chemotherapy or not).
const AML = [
  [9, 1, 'Maintained'],
  [13, 1, 'Maintained'],
  [13, 0, 'Maintained'],
  [18, 1, 'Maintained'],
  [23, 1, 'Maintained'],
  [28, 0, 'Maintained'],
  [31, 1, 'Maintained'],
  [34, 1, 'Maintained'],
  [45, 0, 'Maintained'],
  [48, 1, 'Maintained'],
  [161, 0, 'Maintained'],
  [5, 1, 'Nonmaintained'],
  [5, 1, 'Nonmaintained'],
  [8, 1, 'Nonmaintained'],
  [8, 1, 'Nonmaintained'],
  [12, 1, 'Nonmaintained'],
  [16, 0, 'Nonmaintained'],
  [23, 1, 'Nonmaintained'],
  [27, 1, 'Nonmaintained'],
  [30, 1, 'Nonmaintained'],
  [33, 1, 'Nonmaintained'],
  [43, 1, 'Nonmaintained'],
  [45, 1, 'Nonmaintained'],
];
// The made-up `ties` data of packages/stats/fixtures/survival/datasets.R (cause 0/1/2).
const TIES_TIME = [1, 1, 1, 2, 2, 3, 3, 3, 3, 5, 5, 6, 8, 8, 8, 9, 10, 10, 12, 12];
const TIES_CAUSE = [1, 2, 0, 1, 0, 2, 1, 0, 0, 1, 2, 0, 2, 1, 0, 1, 0, 2, 1, 0];
const TIES_X = [
  0.5, 1.2, -0.3, 2.1, 0.0, 1.1, -1.4, 0.7, 0.3, -0.2, 1.9, 0.4, -0.8, 1.5, 0.2, -1.1, 0.9, 0.6, -0.5, 1.3,
];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stats-survival-'));
  await writeFile(file('aml.csv'), `time,status,x\n${AML.map((r) => r.join(',')).join('\n')}\n`);
  const ties = TIES_TIME.map((t, i) => `${t},${TIES_CAUSE[i]},${i % 2 === 0 ? 'a' : 'b'},${TIES_X[i]}`);
  await writeFile(file('ties.csv'), `time,status,arm,x\n${ties.join('\n')}\n`);
  await writeFile(file('negative.csv'), 'time,status\n3,1\n-2,0\n5,1\n');
  await writeFile(file('three.csv'), 'time,status\n3,1\n4,2\n5,1\n');
});

describe('immunotrial stats survival methods', () => {
  it('km reports survfit medians and summary(fit, times) for each group', async () => {
    const r = await run(['stats', 'km', '--data', file('aml.csv'), '--group', 'x', '--times', '12,30']);
    expect(r.code).toBe(0);
    // R: summary(survfit(Surv(time, status) ~ x, aml))$table: medians 31 (18, NA) and 23 (8, NA).
    expect(field(r.out, 'curves', 0, 'median')).toBe(31);
    expect(field(r.out, 'curves', 0, 'median_lower')).toBe(18);
    expect(field(r.out, 'curves', 0, 'median_upper')).toBeNull();
    expect(field(r.out, 'curves', 1, 'median')).toBe(23);
    // R: summary(fit, times = c(12, 30))$surv = 0.9090909 0.6136364 0.5833333 0.2916667
    near(field(r.out, 'curves', 0, 'at_times', 'surv', 1), 0.6136363636363636);
    near(field(r.out, 'curves', 1, 'at_times', 'surv', 0), 0.5833333333333334);
  });
  it('logrank reports survdiff', async () => {
    const r = await run(['stats', 'logrank', '--data', file('aml.csv'), '--group', 'x']);
    expect(r.code).toBe(0);
    // R: survdiff(Surv(time, status) ~ x, aml): chisq 3.3963886989776, p 0.0653393220405051
    near(field(r.out, 'chisq'), 3.3963886989776);
    near(field(r.out, 'p_value'), 0.0653393220405051);
    expect(field(r.out, 'df')).toBe(1);
  });
  it('cox reports coxph with a factor covariate', async () => {
    const r = await run(['stats', 'cox', '--data', file('aml.csv'), '--covariates', 'factor(x)']);
    expect(r.code).toBe(0);
    // R: coef(coxph(Surv(time, status) ~ x, aml)) = 0.915532575014718; wald.test 3.19829992215945
    expect(field(r.out, 'coefficients', 0, 'term')).toBe('xNonmaintained');
    near(field(r.out, 'coefficients', 0, 'coef'), 0.915532575014718, 1e-7);
    near(field(r.out, 'wald_test', 'statistic'), 3.19829992215945, 1e-7);
  });
  it("cuminc reports Gray's test for each cause", async () => {
    const r = await run(['stats', 'cuminc', '--data', file('ties.csv'), '--group', 'arm', '--times', '5,10']);
    expect(r.code).toBe(0);
    // R: cuminc(time, cause, arm)$Tests[, "stat"] = 0.000260226280196312, 0.0745449285917821
    near(field(r.out, 'tests', 0, 'stat'), 0.000260226280196312);
    near(field(r.out, 'tests', 1, 'stat'), 0.0745449285917821);
    expect(field(r.out, 'at_times', 0, 'group')).toBe('a');
  });
  it('finegray reports crr', async () => {
    const r = await run(['stats', 'finegray', '--data', file('ties.csv'), '--covariates', 'factor(arm),x']);
    expect(r.code).toBe(0);
    // R: crr(time, cause, cbind(armb, x), gtol = 1e-12)$coef = 0.344824107104328, -0.425637580921557
    near(field(r.out, 'coefficients', 0, 'coef'), 0.344824107104328, 1e-6);
    near(field(r.out, 'coefficients', 1, 'coef'), -0.425637580921557, 1e-6);
  });
  it('names the line and column of a negative time', async () => {
    const r = await run(['stats', 'km', '--data', file('negative.csv')]);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain("line 3, column 'time': a time must be >= 0, got '-2'");
  });
  it('names the line and column of a status that is neither 0 nor 1', async () => {
    const r = await run(['stats', 'km', '--data', file('three.csv')]);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain("line 3, column 'status'");
  });
  it('renders a table', async () => {
    const r = await run(['stats', 'logrank', '--data', file('aml.csv'), '--group', 'x', '--format', 'table']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Nonmaintained');
  });
});
