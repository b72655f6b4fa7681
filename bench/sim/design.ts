// Times the design-level simulator on issue 6's workload: the PLATINIUM-like design
// (examples/designs/platinium-like.yaml), 10,000 trials per scenario, exact posteriors and
// --mc-draws 5000, on 1 and 2 workers; each timing includes the pool's start-up (bundle check, worker
// threads started, first block) and ends when the summary is ready.
// Run: npx tsx bench/sim/design.ts [--mc] [--repeats N]
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { type CompiledDesign, parseDesign } from '@immunotrial/sim';
import { simulateDesignParallel, workerBundle } from '@immunotrial/sim/workers';

const file = 'examples/designs/platinium-like.yaml';
const full = parseDesign(readFileSync(file, 'utf8'), file);
const args = process.argv.slice(2);
const withMc = args.includes('--mc');
const repeatsAt = args.indexOf('--repeats');
const repeats = repeatsAt >= 0 ? Number(args[repeatsAt + 1]) : 5;

/** The design with one scenario only (adaptr's 88.7 s is for one scenario). */
function only(design: CompiledDesign, name: string): CompiledDesign {
  return { ...design, scenarios: design.scenarios.filter((s) => s.name === name) };
}

/** Wall-clock and CPU seconds (all threads of the process) of one run. */
async function time(
  design: CompiledDesign,
  workers: number,
  mcDraws: number,
  trials: number,
): Promise<[number, number]> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  await simulateDesignParallel(design, { seed: 2024, mcDraws }, trials, { workers });
  const used = process.cpuUsage(cpu);
  return [(performance.now() - start) / 1000, (used.user + used.system) / 1e6];
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

const rows: string[] = [];
async function measure(
  label: string,
  design: CompiledDesign,
  workers: number,
  mcDraws: number,
  n: number,
): Promise<void> {
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < n; i++) {
    const [wall, used] = await time(design, workers, mcDraws, 10000);
    times.push(wall);
    cpu.push(used);
  }
  const s = times.map((t) => t.toFixed(3)).join(', ');
  rows.push(
    `| ${label} | ${workers} | ${median(times).toFixed(3)} | ${Math.min(...times).toFixed(3)} | ${median(cpu).toFixed(3)} | ${s} |`,
  );
  console.error(rows[rows.length - 1]);
}

// Worker start-up alone: build or check the bundle, then start 2 workers on one block each.
const bundleStart = performance.now();
await workerBundle();
const bundleSeconds = (performance.now() - bundleStart) / 1000;
const startup: number[] = [];
for (let i = 0; i < repeats; i++) {
  const t0 = performance.now();
  await simulateDesignParallel(only(full, 'null'), { seed: 1, mcDraws: 0 }, 2, { workers: 2, blockSize: 1 });
  startup.push((performance.now() - t0) / 1000);
}

await measure('exact, both scenarios (2 x 10,000 trials)', full, 2, 0, repeats);
await measure('exact, both scenarios (2 x 10,000 trials)', full, 1, 0, repeats);
await measure('exact, null scenario only (10,000 trials)', only(full, 'null'), 2, 0, repeats);
if (withMc) {
  await measure('--mc-draws 5000, null scenario only (10,000 trials)', only(full, 'null'), 2, 5000, 1);
  await measure('--mc-draws 5000, effect scenario only (10,000 trials)', only(full, 'effect'), 2, 5000, 1);
  await measure('--mc-draws 5000, both scenarios (2 x 10,000 trials)', full, 2, 5000, 1);
}
console.log(
  `bundle check: ${bundleSeconds.toFixed(3)} s; 2 workers started and answering one tiny block each: median ${median(startup).toFixed(3)} s`,
);
console.log(
  `load average at the end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')} (2 cores)`,
);
console.log('| workload | threads | median wall (s) | min wall (s) | median CPU (s) | all runs, wall (s) |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const r of rows) console.log(r);
