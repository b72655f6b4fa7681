import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ObservationRecord, PatientTimeline, VariableId } from '@immunotrial/core';
import { exportCohort } from '@immunotrial/sim';
import { REPOSITORY_ROOT } from '../protocol-files.js';
import { shiftDates } from './shift-dates.js';
import { type DemoRandom } from './demo-random.js';

const DAY_MS = 86_400_000;
const MODELS = join(REPOSITORY_ROOT, 'packages', 'sim', 'models');

/** ICU-acquired infection codes the twin writes (ICD-10: pneumonia, bacteraemia, UTI, other) by NHSN type. */
const INFECTION_TYPE_OF_CODE: Readonly<Record<string, string>> = {
  J189: 'PNEU',
  R7881: 'BSI',
  N390: 'UTI',
  A499: 'other',
};

/** One virtual patient moved into the demo's weeks: its bundle, planned screenings and natural course. */
export interface DemoPatient {
  readonly id: string;
  readonly index: number;
  /** The FHIR R4 bundle, dates moved by `shiftDays`. */
  readonly bundle: unknown;
  readonly shiftDays: number;
  readonly icuAdmission: number;
  /** The protocol's planned screening instants (ms), in the ICU; empty when the patient left or died first. */
  readonly screenings: readonly number[];
  /** Death in the twin's course (ms), if any. */
  readonly death: number | undefined;
  /** ICU-acquired infections (from ICU day 2), by onset. */
  readonly infections: readonly { readonly onset: number; readonly type: string }[];
  /** Observations as the engine reads them, moved in time: what the daily and visit forms copy. */
  readonly observations: readonly ObservationRecord[];
}

/** The twin's natural course for a patient, moved by `shiftMs`. */
function infectionsOf(
  timeline: PatientTimeline,
  icuStart: number,
  shiftMs: number,
): DemoPatient['infections'] {
  return timeline.conditions
    .filter(
      (c) => c.onset !== undefined && c.onset >= icuStart + 2 * DAY_MS && c.code in INFECTION_TYPE_OF_CODE,
    )
    .map((c) => ({ onset: (c.onset ?? 0) + shiftMs, type: INFECTION_TYPE_OF_CODE[c.code] ?? 'other' }))
    .sort((a, b) => a.onset - b.onset);
}

/**
 * A seeded virtual ICU cohort (the twin's `exportCohort`, as `immunotrial simulate --cohort` writes it) for
 * one protocol, each patient moved by whole days so that the ICU admissions spread over `[from, to]`.
 * Whole days keep local dates and times of day as the twin wrote them, so screening a moved bundle at a
 * moved instant gives what the original gives.
 * @param protocolId - A shipped protocol with a screening plan (infinity).
 * @param seed - The cohort's seed.
 * @param size - Patients.
 * @param window - ICU admissions spread over this interval (ms).
 * @param random - The demo's seeded random numbers (the spread's jitter).
 */
export function demoCohort(
  protocolId: string,
  seed: number,
  size: number,
  window: { readonly from: number; readonly to: number },
  random: DemoRandom,
): DemoPatient[] {
  const text = (path: string, file: string): { text: string; file: string } => ({
    text: readFileSync(path, 'utf8'),
    file,
  });
  const cohort = exportCohort(
    {
      model: text(
        join(MODELS, 'icu-immunosuppression.yaml'),
        'packages/sim/models/icu-immunosuppression.yaml',
      ),
      plans: text(join(MODELS, 'screening.yaml'), 'packages/sim/models/screening.yaml'),
      protocols: [
        text(join(REPOSITORY_ROOT, 'protocols', `${protocolId}.yaml`), `protocols/${protocolId}.yaml`),
      ],
    },
    seed,
    size,
  );
  const span = window.to - window.from;
  return cohort.manifest.patients.map((m, i): DemoPatient => {
    const timeline = cohort.timelines[i];
    if (timeline === undefined) throw new Error(`internal: no timeline for ${m.id}`);
    const icuStart = Date.parse(m.icuAdmission);
    const target = window.from + ((i + random.uniform('admission', m.id)) / size) * span;
    const shiftDays = Math.round((target - icuStart) / DAY_MS);
    const shiftMs = shiftDays * DAY_MS;
    const death = m.death === null ? undefined : Date.parse(m.death) + shiftMs;
    return {
      id: m.id,
      index: i,
      bundle: shiftDates(cohort.bundles[i], shiftDays),
      shiftDays,
      icuAdmission: icuStart + shiftMs,
      screenings: (m.screening[protocolId] ?? []).map((t) => Date.parse(t) + shiftMs),
      death,
      infections: infectionsOf(timeline, icuStart, shiftMs),
      observations: timeline.observations.map((o) => ({ ...o, time: o.time + shiftMs })),
    };
  });
}

/** The last observation of a variable at or before `at` and after `from` (ms), if any. */
export function lastValue(
  observations: readonly ObservationRecord[],
  variable: VariableId,
  from: number,
  at: number,
): number | undefined {
  let best: ObservationRecord | undefined;
  for (const o of observations) {
    if (o.variable !== variable || o.value === undefined || o.time > at || o.time < from) continue;
    if (best === undefined || o.time >= best.time) best = o;
  }
  return best?.value;
}
