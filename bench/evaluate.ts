// Benchmark: the eligibility engine alone on patients already in memory (issue 2, section 7).
// Usage: node --max-old-space-size=15000 --import tsx bench/evaluate.ts [--patients 10000] [--distinct 1000] [--repeat 3]
//        [--timelines FILE] (reuse ingested timelines) [--dump FILE] (every result, to diff two versions)
//
// Generates `distinct` synthetic ICU patients (bench/generate-patients.ts), ingests them through the real
// FHIR path, deep-copies them up to `patients` distinct timeline objects (so no per-timeline cache is
// shared), then times the screening of every patient against the four shipped protocols on one core.
// The reference in the same process is a bare scan that reads every observation value once.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { join } from 'node:path';
import { screenPatient, parseProtocol, type LoadedProtocol, type PatientTimeline } from '@immunotrial/core';
import { fhirBundleToTimelines } from '@immunotrial/ingest';
import { generatePatients } from './generate-patients.js';
import { renderFhir } from './render.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name}: expected a positive integer`);
  return v;
}

// The heap flags change the figures (the young generation's size sets how often a scavenge walks the whole
// heap): print them with the results.
console.log(`node ${process.version} ${process.execArgv.filter((a) => a.startsWith('--max')).join(' ')}`);
const total = arg('patients', 10_000);
const distinct = Math.min(arg('distinct', 1000), total);
const protocolsDir = join(import.meta.dirname, '..', 'protocols');
const protocols: LoadedProtocol[] = readdirSync(protocolsDir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => parseProtocol(readFileSync(join(protocolsDir, f), 'utf8'), `protocols/${f}`));

const compiled = protocols.map((p) => p.eligibility);
// `--timelines FILE`: keep the ingested timelines in a file (v8 serialization) and reuse them on later
// runs with the same --distinct, so that comparing two versions of the engine skips generation.
const cacheAt = process.argv.indexOf('--timelines');
const cachePath = cacheAt >= 0 ? process.argv[cacheAt + 1] : undefined;
let base: { timeline: PatientTimeline; at: number }[] = [];
if (cachePath !== undefined && existsSync(cachePath)) {
  base = (deserialize(readFileSync(cachePath)) as typeof base).slice(0, distinct);
  console.log(`read ${base.length} ingested patients from ${cachePath}`);
} else {
  console.log(`generating and ingesting ${distinct} patients…`);
  let i = 0;
  for (const p of generatePatients(distinct, 20260311)) {
    // Screening instants spread over ICU days 2 to 9, so every protocol sees patients in its window.
    const at = p.icuStart + (2 + (i % 8)) * 86_400_000 + 10 * 3_600_000;
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: renderFhir(p).map((resource) => ({ resource })),
    };
    const [timeline] = fhirBundleToTimelines(bundle, { at }).patients;
    if (timeline) base.push({ timeline, at });
    i++;
  }
  if (cachePath !== undefined) writeFileSync(cachePath, serialize(base));
}
const patients = Array.from({ length: total }, (_, k) => {
  const src = base[k % base.length];
  if (!src) throw new Error('no patients generated');
  return k < base.length ? src : { timeline: structuredClone(src.timeline), at: src.at };
});
const resources = patients.reduce(
  (n, p) =>
    n +
    p.timeline.observations.length +
    p.timeline.medications.length +
    p.timeline.conditions.length +
    p.timeline.procedures.length,
  0,
);
console.log(`${total} patients in memory (${(resources / 1e6).toFixed(1)} M records)`);

function scan(): number {
  let s = 0;
  for (const p of patients) for (const o of p.timeline.observations) s += o.value ?? 0;
  return s;
}

function screenAll(mode: 'explain' | 'status' = 'explain'): Map<string, Map<string, number>> {
  const counts = new Map<string, Map<string, number>>();
  for (const { timeline, at } of patients) {
    const results = screenPatient(compiled, timeline, at, { mode });
    for (const r of results) {
      const byStatus = counts.get(r.protocol) ?? new Map<string, number>();
      byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
      counts.set(r.protocol, byStatus);
    }
  }
  return counts;
}

/** Wall time and this process's CPU time (less sensitive to other processes sharing the cores). */
function time<T>(f: () => T): { ms: number; cpuMs: number; value: T } {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const value = f();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const c = process.cpuUsage(c0);
  return { ms, cpuMs: (c.user + c.system) / 1000, value };
}

// `--dump FILE`: every result in both modes, reasons and evidence included, one JSON line per patient, to
// check that a change to the engine leaves every result identical (diff two dumps).
const dumpAt = process.argv.indexOf('--dump');
const dumpPath = dumpAt >= 0 ? process.argv[dumpAt + 1] : undefined;
if (dumpPath !== undefined) {
  const lines = patients.map(({ timeline, at }) =>
    JSON.stringify({
      explain: screenPatient(compiled, timeline, at, { mode: 'explain' }),
      status: screenPatient(compiled, timeline, at, { mode: 'status' }),
    }),
  );
  writeFileSync(dumpPath, lines.join('\n') + '\n');
  console.log(`wrote ${lines.length} patients' results to ${dumpPath}`);
}

const scanRun = time(scan);
const first = time(screenAll); // includes building each timeline's index (sorting by variable), once per timeline
const repeat = arg('repeat', 1);
let second = time(screenAll); // indexes cached: the rule engine alone
for (let r = 1; r < repeat; r++) {
  const again = time(screenAll);
  if (again.cpuMs < second.cpuMs) second = again;
}
let fast = time(() => screenAll('status'));
for (let r = 1; r < repeat; r++) {
  const again = time(() => screenAll('status'));
  if (again.cpuMs < fast.cpuMs) fast = again;
}
const cpu = process.cpuUsage();
console.log(
  `bare scan of every observation value: ${scanRun.ms.toFixed(0)} ms (CPU ${scanRun.cpuMs.toFixed(0)} ms)`,
);
console.log(
  `first screening (with per-timeline indexing): ${first.ms.toFixed(0)} ms (CPU ${first.cpuMs.toFixed(0)} ms)`,
);
console.log(
  `screening ${total} patients x ${protocols.length} protocols: ${second.ms.toFixed(0)} ms wall, ${second.cpuMs.toFixed(0)} ms CPU (${((second.cpuMs * 1000) / (total * protocols.length)).toFixed(1)} us CPU per patient-protocol), CPU ratio to the bare scan ${(second.cpuMs / scanRun.cpuMs).toFixed(1)}`,
);
console.log(
  `process CPU so far: ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; heap ${(process.memoryUsage().heapUsed / 1e9).toFixed(2)} GB`,
);
console.log(
  `status-only screening (stops at the first excluding criterion): ${fast.ms.toFixed(0)} ms wall, ${fast.cpuMs.toFixed(0)} ms CPU (${((fast.cpuMs * 1000) / (total * protocols.length)).toFixed(1)} us CPU per patient-protocol)`,
);
for (const [id, byStatus] of second.value)
  console.log(`  ${id}: ${[...byStatus].map(([s, n]) => `${s} ${n}`).join(', ')}`);
