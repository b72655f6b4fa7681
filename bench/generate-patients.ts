/**
 * Synthetic ICU patients for the benchmarks: `generatePatients(n, seed)` is pure (seeded xoshiro128**,
 * one stream per patient), the CLI writes them to bench/out/ as FHIR NDJSON (one resource per line,
 * each patient's resources contiguous, as a per-patient bulk export) and as the CSV long format.
 *
 *   npx tsx bench/generate-patients.ts [--patients 1000] [--seed 20260311]
 */
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Xoshiro128 } from '@immunotrial/stats';
import { CSV_EVENTS_HEADER, CSV_OBSERVATIONS_HEADER, renderCsv, renderFhir } from './render.js';
import { generatePatient, type SynthPatient } from './synthetic-model.js';

/** ICU admissions are spread over March 2026 (+01:00). */
const FIRST_ADMISSION = Date.parse('2026-03-01T08:00:00+01:00');

/**
 * Yields `n` synthetic patients; patient i depends only on (seed, i).
 * @example [...generatePatients(2, 1)].map((p) => p.id) // => ['syn-0', 'syn-1']
 */
export function* generatePatients(n: number, seed: number): Generator<SynthPatient, void, undefined> {
  for (let i = 0; i < n; i++) {
    const rng = Xoshiro128.fromSeed(seed * 1_000_003 + i);
    const start = FIRST_ADMISSION + Math.floor(rng.nextDouble() * 30 * 24) * 3_600_000;
    yield generatePatient(i, rng, start);
  }
}

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text))
    await new Promise<void>((resolve) =>
      stream.once('drain', () => {
        resolve();
      }),
    );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      patients: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '20260311' },
      out: { type: 'string', default: 'bench/out' },
    },
  });
  const n = Number(values.patients);
  const seed = Number(values.seed);
  mkdirSync(values.out, { recursive: true });
  const ndjson = createWriteStream(join(values.out, `patients-${n}.ndjson`));
  const obsCsv = createWriteStream(join(values.out, `observations-${n}.csv`));
  const evCsv = createWriteStream(join(values.out, `events-${n}.csv`));
  await write(obsCsv, `${CSV_OBSERVATIONS_HEADER}\n`);
  await write(evCsv, `${CSV_EVENTS_HEADER}\n`);
  let resources = 0;
  for (const p of generatePatients(n, seed)) {
    const fhir = renderFhir(p);
    resources += fhir.length;
    await write(ndjson, `${fhir.map((r) => JSON.stringify(r)).join('\n')}\n`);
    const csv = renderCsv(p);
    await write(obsCsv, `${csv.observations.join('\n')}\n`);
    await write(evCsv, `${csv.events.join('\n')}\n`);
  }
  await Promise.all([ndjson, obsCsv, evCsv].map((s) => new Promise((resolve) => s.end(resolve))));
  console.log(
    `${n} patients, ${resources} FHIR resources (${(resources / n).toFixed(0)} per patient) in ${values.out}/`,
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
