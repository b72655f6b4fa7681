// Times the patient-level twin on issue 6's workload: 1,000 complete PLATINIUM trials (screening by the real
// eligibility engine, randomization, 90-day courses, Fine-Gray analysis) on 2 threads, including start-up,
// and checks that memory stays flat in the number of trials (250 / 500 / 1,000).
// Run: npx tsx bench/sim/twin.ts [--trials 1000] [--workers 2] [--flat]
import { readFileSync } from 'node:fs';
import { parseScenarioFile } from '@immunotrial/sim';
import { simulateTwinParallel } from '@immunotrial/sim/workers';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const file = (f: string): { text: string; file: string } => ({ text: readFileSync(f, 'utf8'), file: f });
const inputs = {
  model: file('packages/sim/models/icu-immunosuppression.yaml'),
  protocol: file('protocols/platinium.yaml'),
  plans: file('packages/sim/models/screening.yaml'),
  scenarios: parseScenarioFile(
    'scenarios:\n  - name: ifn\n    effects: { ifn_gamma: { mhla_dr_fold: 4.67, infection_hazard_ratio: 0.7 } }\n',
    'bench',
    [],
  ),
};

interface Run {
  readonly trials: number;
  readonly wall: number;
  readonly pool: number;
  readonly cpu: number;
  readonly rssMb: number;
  readonly admissions: number;
  readonly screenings: number;
  readonly eligible: number;
  readonly power: number;
}

async function run(trials: number, workers: number): Promise<Run> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let poolDone = 0;
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const s = await simulateTwinParallel(
    inputs,
    { seed: 2024, trials },
    {
      workers,
      onProgress: (phase) => {
        if (phase === 'trials' && poolDone === 0) poolDone = performance.now();
      },
    },
  );
  clearInterval(sampler);
  const used = process.cpuUsage(cpu0);
  return {
    trials,
    wall: (performance.now() - t0) / 1000,
    pool: (poolDone - t0) / 1000,
    cpu: (used.user + used.system) / 1e6,
    rssMb: peak / 1e6,
    admissions: s.pool.admissions,
    screenings: s.pool.screenings,
    eligible: s.pool.eligible,
    power: s.scenarios[0]?.power.value ?? Number.NaN,
  };
}

const workers = arg('workers', 2);
const sizes = args.includes('--flat') ? [250, 500, 1000] : [arg('trials', 1000)];
console.log(
  '| trials | threads | wall s | pool s | trials s | main-thread CPU s | peak RSS MB | admissions | screenings | eligible | power |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const trials of sizes) {
  const r = await run(trials, workers);
  console.log(
    `| ${r.trials} | ${workers} | ${r.wall.toFixed(1)} | ${r.pool.toFixed(1)} | ${(r.wall - r.pool).toFixed(1)} | ${r.cpu.toFixed(1)} | ${r.rssMb.toFixed(0)} | ${r.admissions} | ${r.screenings} | ${r.eligible} | ${r.power.toFixed(3)} |`,
  );
}
