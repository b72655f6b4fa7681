/**
 * Ingestion benchmark (issue 2, section 7). Not a test: run by hand, results in bench/RESULTS-ingest.md.
 *
 *   npx tsx bench/generate-patients.ts --patients 1000
 *   node --expose-gc --max-old-space-size=4096 --import tsx bench/ingest.ts --patients 1000
 *
 * 1. Bare floor: the same NDJSON lines read with the same line reader and `JSON.parse`d, nothing else.
 * 2. FHIR NDJSON ingestion streamed (`streamFhirInputs`), timelines dropped as they come: MB/s, ratio to
 *    the floor, heap after a forced GC at 250/500/1000 patients and the peak heap seen between patients.
 * 3. CSV long format (`readCsvLongFormat`, all patients kept) against a bare line split of the same files.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readCsvLongFormat, readFhirInputs, streamFhirInputs } from '@immunotrial/ingest';
import { readLineBatches } from '../packages/ingest/src/read/read-lines.js';

const { values } = parseArgs({
  options: { patients: { type: 'string', default: '1000' }, out: { type: 'string', default: 'bench/out' } },
});
const n = Number(values.patients);
const ndjson = join(values.out, `patients-${n}.ndjson`);
const obsCsv = join(values.out, `observations-${n}.csv`);
const evCsv = join(values.out, `events-${n}.csv`);
const MB = 1024 * 1024;
/** `global.gc` when node runs with --expose-gc. */
function gc(): void {
  const f: unknown = Reflect.get(globalThis, 'gc');
  if (typeof f === 'function') Reflect.apply(f, globalThis, []);
}
const heapMb = (): number => process.memoryUsage().heapUsed / MB;

/** User + system CPU ms of this process since `from` (robust when other processes share the cores). */
function cpuMs(from: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1000;
}

async function bareParse(): Promise<{ ms: number; cpu: number; lines: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let lines = 0;
  for await (const { lines: batch } of readLineBatches(ndjson)) {
    for (const line of batch) {
      if (line.length === 0) continue;
      const v: unknown = JSON.parse(line);
      if (v !== null) lines++;
    }
  }
  return { ms: performance.now() - t0, cpu: cpuMs(c0), lines };
}

async function bareSplit(files: string[]): Promise<{ ms: number; rows: number }> {
  const t0 = performance.now();
  let rows = 0;
  for (const f of files) {
    for await (const { lines } of readLineBatches(f)) {
      for (const line of lines) if (line.split(',').length > 0) rows++;
    }
  }
  return { ms: performance.now() - t0, rows };
}

// Warm-up: load UCUM and compile the validators on the shipped examples (one-time start-up cost).
const t0 = performance.now();
await readFhirInputs(['examples/fhir']);
const warmupMs = performance.now() - t0;

const size = statSync(ndjson).size / MB;
const parses = [await bareParse(), await bareParse()];
const parse = parses.reduce((a, b) => (a.ms < b.ms ? a : b));

gc();
const heapStart = heapMb();
const checkpoints: Record<number, number> = {};
let peak = heapStart;
let patients = 0;
let records = 0;
let pausedMs = 0;
const c1 = process.cpuUsage();
const t1 = performance.now();
const stream = streamFhirInputs([ndjson]);
for await (const p of stream.patients) {
  patients++;
  records +=
    p.observations.length +
    p.medications.length +
    p.procedures.length +
    p.conditions.length +
    p.encounters.length;
  peak = Math.max(peak, heapMb());
  if (patients === 250 || patients === 500 || patients === 1000 || patients === n) {
    const paused = performance.now();
    gc();
    checkpoints[patients] = heapMb();
    // keep GC pauses out of the timing
    pausedMs += performance.now() - paused;
  }
}
const ingestMs = performance.now() - t1 - pausedMs;
const ingestCpu = cpuMs(c1) - pausedMs;

const csvSize = (statSync(obsCsv).size + statSync(evCsv).size) / MB;
const splits = [await bareSplit([obsCsv, evCsv]), await bareSplit([obsCsv, evCsv])];
const split = splits.reduce((a, b) => (a.ms < b.ms ? a : b));
gc();
const t2 = performance.now();
const csv = await readCsvLongFormat(obsCsv, evCsv);
const csvMs = performance.now() - t2;

const result = {
  node: process.version,
  patients,
  resourcesPerPatient: Math.round(parse.lines / n),
  records,
  warmupMs: Math.round(warmupMs),
  ndjsonMB: Math.round(size),
  bareParse: {
    ms: Math.round(parse.ms),
    cpuMs: Math.round(parse.cpu),
    MBps: Math.round(size / (parse.ms / 1000)),
  },
  ingest: {
    ms: Math.round(ingestMs),
    cpuMs: Math.round(ingestCpu),
    MBps: Math.round(size / (ingestMs / 1000)),
    ratioToParse: Number((parse.ms / ingestMs).toFixed(2)),
    cpuRatioToParse: Number((parse.cpu / ingestCpu).toFixed(2)),
  },
  heapMB: {
    start: Math.round(heapStart),
    afterGcAt: Object.fromEntries(Object.entries(checkpoints).map(([k, v]) => [k, Math.round(v)])),
    peakBetweenPatients: Math.round(peak),
  },
  warnings: stream.warnings(),
  csv: {
    MB: Math.round(csvSize),
    rows: split.rows,
    bareSplit: { ms: Math.round(split.ms), MBps: Math.round(csvSize / (split.ms / 1000)) },
    ingest: {
      ms: Math.round(csvMs),
      MBps: Math.round(csvSize / (csvMs / 1000)),
      ratioToSplit: Number((split.ms / csvMs).toFixed(2)),
      patients: csv.patients.length,
    },
  },
};
console.log(JSON.stringify(result, null, 2));
