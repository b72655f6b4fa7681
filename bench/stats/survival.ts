// Times Immunotrial's survival and competing-risk methods on the workloads of issue 3, and the same
// workloads in R (bench/stats/survival.R) when Rscript is installed, and prints the ratios.
// Run: npx tsx bench/stats/survival.ts
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { coxPh, cumulativeIncidence, fineGray, grayTest, kaplanMeier, logRankTest } from '@immunotrial/stats';

/** A small seeded generator (Park-Miller), so both halves see the same data every run. */
function generator(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 16807) % 2147483647) / 2147483647;
}

interface Trial {
  readonly time: number[];
  readonly event: number[];
  readonly status: number[];
  readonly arm: string[];
  readonly x1: number[];
  readonly x2: number[];
  readonly x3: number[];
}

/** An ICU-like trial: whole-day times to day 90, infection (1) or death (2) or censored (0). */
function simulate(n: number, seed: number): Trial {
  const uniform = generator(seed);
  const trial: Trial = { time: [], event: [], status: [], arm: [], x1: [], x2: [], x3: [] };
  for (let i = 0; i < n; i++) {
    const treated = uniform() < 0.5;
    const age = 40 + 45 * uniform();
    const sofa = Math.floor(15 * uniform());
    const rate = 0.01 * Math.exp((treated ? -0.3 : 0) + 0.01 * (age - 60) + 0.05 * (sofa - 7));
    const tInfection = -Math.log(uniform()) / rate;
    const tDeath = -Math.log(uniform()) / (0.006 * Math.exp(0.08 * (sofa - 7)));
    const tEnd = Math.min(90, -Math.log(uniform()) / 0.003);
    const t = Math.min(tInfection, tDeath, tEnd);
    const status = t === tInfection ? 1 : t === tDeath ? 2 : 0;
    trial.time.push(Math.max(1, Math.ceil(t)));
    trial.status.push(status);
    trial.event.push(status === 0 ? 0 : 1);
    trial.arm.push(treated ? 'treatment' : 'placebo');
    trial.x1.push(treated ? 1 : 0);
    trial.x2.push(Math.round(age));
    trial.x3.push(sofa);
  }
  return trial;
}

function writeCsv(file: string, trial: Trial): void {
  const lines = trial.time.map(
    (t, i) =>
      `${t},${trial.event[i]},${trial.status[i]},${trial.arm[i]},${trial.x1[i]},${trial.x2[i]},${trial.x3[i]}`,
  );
  writeFileSync(file, `time,event,status,arm,x1,x2,x3\n${lines.join('\n')}\n`);
}

/** Median wall time in ms over `reps` runs after one warm-up run. */
function timeMs(run: () => unknown, reps: number): number {
  run();
  const times: number[] = [];
  for (let r = 0; r < reps; r++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

const big = simulate(100_000, 20240901);
const small = simulate(20_000, 7);
const covariates = (t: Trial): { name: string; values: number[] }[] => [
  { name: 'x1', values: t.x1 },
  { name: 'x2', values: t.x2 },
  { name: 'x3', values: t.x3 },
];
const ours = {
  cox: timeMs(() => coxPh(big.time, big.event, covariates(big)), 7),
  km: timeMs(() => kaplanMeier(big.time, big.event, { group: big.arm }), 7),
  logrank: timeMs(() => logRankTest(big.time, big.event, big.arm), 7),
  cuminc: timeMs(() => {
    cumulativeIncidence(big.time, big.status, { group: big.arm });
    grayTest(big.time, big.status, big.arm);
  }, 7),
  crr: timeMs(() => fineGray(small.time, small.status, covariates(small)), 5),
};

const dir = join(import.meta.dirname, '..', 'out');
mkdirSync(dir, { recursive: true });
writeCsv(join(dir, 'survival-100k.csv'), big);
writeCsv(join(dir, 'survival-20k.csv'), small);
const r = spawnSync('Rscript', [join(import.meta.dirname, 'survival.R'), dir], { encoding: 'utf8' });
let theirs: Record<string, number> | undefined;
if (r.error === undefined && r.status === 0) {
  const parsed: unknown = JSON.parse(r.stdout);
  if (typeof parsed === 'object' && parsed !== null) {
    theirs = Object.fromEntries(
      Object.entries(parsed).filter((e): e is [string, number] => typeof e[1] === 'number'),
    );
  }
}

const rows: [string, number, string, string][] = [
  [
    'Cox, Efron ties, 100,000 rows, 3 covariates (vs coxph call)',
    ours.cox,
    'cox_call',
    'faster than the coxph call',
  ],
  ['Cox, Efron ties (vs coxph.fit, the fitting core)', ours.cox, 'cox_core', 'within 2x of the core'],
  ['Kaplan-Meier by arm, 100,000 rows (vs survfit)', ours.km, 'km', 'no slower than R'],
  ['Log-rank, 100,000 rows (vs survdiff)', ours.logrank, 'logrank', 'no slower than R'],
  ["Cumulative incidence + Gray's test, 100,000 rows (vs cuminc)", ours.cuminc, 'cuminc', 'no slower than R'],
  ['Fine-Gray, 20,000 rows, 3 covariates (vs crr)', ours.crr, 'crr', 'under 500 ms'],
];
console.log(
  `node ${process.version}; ${theirs === undefined ? 'R half skipped (Rscript not found or failed)' : 'R via Rscript'}`,
);
console.log('| workload | Immunotrial ms | R ms | R / Immunotrial | target |');
console.log('| --- | ---: | ---: | ---: | --- |');
for (const [label, mine, key, target] of rows) {
  const rMs = theirs?.[key];
  const ratio = rMs === undefined ? 'n/a' : (rMs / mine).toFixed(2);
  console.log(
    `| ${label} | ${mine.toFixed(1)} | ${rMs === undefined ? 'skipped' : rMs.toFixed(1)} | ${ratio} | ${target} |`,
  );
}
