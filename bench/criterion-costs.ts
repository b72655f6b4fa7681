// Benchmark: where the eligibility engine's time goes, criterion by criterion (issue 2, section 7).
// Usage: node --import tsx bench/criterion-costs.ts --timelines FILE [--mode status|explain] [--passes 5]
//        [--only infinity.E6,platinium.I2] [--top 40]
//
// Reads timelines cached by bench/evaluate.ts (`--timelines FILE`), builds one patient view per patient and
// instant as screenPatient does, and times each criterion's evaluation (best of the passes, per criterion).
// A criterion that first asks for a shared value (an anchor, a SOFA window, the steroid exposures) is charged
// for computing it; later askers read the memo. In `status` mode the criteria run cheapest first and stop at
// the first that excludes, as screenPatient does; `explain` runs them all.
// `--only` times just those criteria (each on a fresh view), to compare two versions of one function.
import { readFileSync, readdirSync } from 'node:fs';
import { deserialize } from 'node:v8';
import { join } from 'node:path';
import {
  ANCHOR_PROVIDERS,
  buildPatientView,
  contextFor,
  evaluateCriterion,
  parseProtocol,
  type PatientTimeline,
} from '@immunotrial/core';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const cachePath = option('timelines');
if (cachePath === undefined) throw new Error('--timelines FILE: timelines cached by bench/evaluate.ts');
const mode = option('mode') ?? 'status';
if (mode !== 'status' && mode !== 'explain') throw new Error('--mode: expected status or explain');
const shortCircuit = mode === 'status';
const passes = Number(option('passes') ?? 5);
const top = Number(option('top') ?? 40);
const only = option('only')?.split(',');

const protocolsDir = join(import.meta.dirname, '..', 'protocols');
const protocols = readdirSync(protocolsDir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => parseProtocol(readFileSync(join(protocolsDir, f), 'utf8'), `protocols/${f}`).eligibility);
const patients = deserialize(readFileSync(cachePath)) as { timeline: PatientTimeline; at: number }[];

interface Cost {
  evaluations: number;
  excluded: number;
  ns: number;
}

function onePass(): Map<string, Cost> {
  const costs = new Map<string, Cost>();
  const charge = (key: string, ns: number, excludes: boolean): void => {
    const c = costs.get(key) ?? { evaluations: 0, excluded: 0, ns: 0 };
    c.evaluations++;
    c.ns += ns;
    if (excludes) c.excluded++;
    costs.set(key, c);
  };
  for (const { timeline, at } of patients) {
    let view = buildPatientView(timeline, at, { anchors: ANCHOR_PROVIDERS, shortCircuit });
    for (const protocol of protocols) {
      const ordered = mode === 'status' ? protocol.criteriaByCost : protocol.criteria;
      for (const c of ordered) {
        const key = `${protocol.protocolId}.${c.id}`;
        if (only && !only.includes(key)) continue;
        if (only) view = buildPatientView(timeline, at, { anchors: ANCHOR_PROVIDERS, shortCircuit });
        const ctx = contextFor(view, protocol);
        const t0 = process.hrtime.bigint();
        const r = evaluateCriterion(ctx, c);
        const ns = Number(process.hrtime.bigint() - t0);
        const excludes =
          (c.kind === 'inclusion' && r.result === 'not_met') ||
          (c.kind === 'exclusion' && r.result === 'met');
        charge(key, ns, excludes);
        if (mode === 'status' && excludes && !only) break;
      }
    }
  }
  return costs;
}

onePass(); // builds every timeline's index
let best = new Map<string, Cost>();
for (let p = 0; p < passes; p++) {
  const costs = onePass();
  for (const [key, c] of costs) {
    const b = best.get(key);
    if (!b || c.ns < b.ns) best.set(key, c);
  }
}
best = new Map([...best].sort((a, b) => b[1].ns - a[1].ns));
let total = 0;
for (const c of best.values()) total += c.ns;
console.log(
  `${patients.length} patients, ${mode} mode, best of ${passes} passes per criterion: ${(total / 1e6).toFixed(1)} ms in criteria (${(total / 1e3 / patients.length).toFixed(1)} us per patient)`,
);
for (const [key, c] of [...best].slice(0, top))
  console.log(
    `${(c.ns / 1e6).toFixed(2).padStart(8)} ms ${String(c.evaluations).padStart(6)} evaluations ${(c.ns / 1e3 / c.evaluations).toFixed(1).padStart(7)} us each, excluded ${String(c.excluded).padStart(5)}  ${key}`,
  );
