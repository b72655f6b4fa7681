import type { PatientTimeline } from '@immunotrial/core';
import { cohortPatient } from '../calibration/eligibility-figures.js';
import { simulateCohort } from '../cohort/simulate-cohort.js';
import { CATEGORIES, SEPSIS_SITES } from '../model/model-schema.js';
import { B_CATEGORY, B_SEPSIS_SITE, S_DEATH_DAY, S_DEATH_HOUR } from '../kernel/layout.js';
import { type FhirBundle, fhirDateTime, renderBundle } from '../render/fhir-bundle.js';
import { renderTimeline, TWIN_OFFSET_MINUTES } from '../render/render-timeline.js';
import { defaultScenarioSet } from '../scenario/parse-scenario.js';
import { plannedAttestations } from '../screening/screen-by-plan.js';
import { buildTwinSetup, type TextFile } from '../trial/twin-setup.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** One exported patient in the manifest: when to screen it for each protocol. */
export interface ExportedPatient {
  readonly id: string;
  readonly file: string;
  readonly category: string;
  readonly sepsisSite: string | undefined;
  readonly icuAdmission: string;
  /** When the patient dies in the simulated course (ICU day 0 to 90 and after), or null (alive at its end). */
  readonly death: string | null;
  /** Per protocol id, the planned screening instants at which the patient is in the ICU. */
  readonly screening: Readonly<Record<string, readonly string[]>>;
}

/** A virtual cohort as FHIR R4 bundles, with its manifest. */
export interface ExportedCohort {
  readonly manifest: {
    readonly seed: number;
    readonly model: string;
    readonly offsetMinutes: number;
    readonly patients: readonly ExportedPatient[];
  };
  readonly bundles: readonly FhirBundle[];
  /** The timelines the bundles were written from (what ingesting them gives back). */
  readonly timelines: readonly PatientTimeline[];
}

/**
 * A virtual cohort for `immunotrial screen` and demos (`immunotrial simulate --cohort N --out DIR`): `size`
 * patients of the seed, each written over its whole course (ICU day 0 to 90) as a FHIR R4 bundle per
 * FHIR-PROFILE.md, with the investigator's questionnaire answers for each protocol at its planned
 * screening times, and a manifest listing those times.
 * @param inputs - Model, plans and the protocols whose answers to include.
 * @param seed - Seed.
 * @param size - Patients.
 * @throws file errors from the setups; RangeError for a bad size.
 */
export function exportCohort(
  inputs: { readonly model: TextFile; readonly plans: TextFile; readonly protocols: readonly TextFile[] },
  seed: number,
  size: number,
): ExportedCohort {
  const scenarios = defaultScenarioSet([]);
  const setups = inputs.protocols.map((protocol, index) => {
    const s = buildTwinSetup({ model: inputs.model, protocol, plans: inputs.plans, scenarios });
    return { ...s, target: { ...s.target, index } };
  });
  const first = setups[0];
  if (first === undefined) throw new RangeError('exportCohort: give at least one protocol');
  const cohort = simulateCohort(first.model, seed, size);
  const patients: ExportedPatient[] = [];
  const bundles: FhirBundle[] = [];
  const timelines: PatientTimeline[] = [];
  for (let i = 0; i < size; i++) {
    const p = cohortPatient(cohort, i);
    const base = renderTimeline(first.model, p);
    const screening: Record<string, string[]> = {};
    const attestations = setups.flatMap((s) => {
      const planned = plannedAttestations(p, s.target);
      if (planned.times.length > 0)
        screening[s.protocol.id] = planned.times.map((t) => fhirDateTime(t, TWIN_OFFSET_MINUTES));
      return planned.attestations;
    });
    const timeline: PatientTimeline = { ...base, attestations };
    const category = CATEGORIES[cohort.baseline[p.b + B_CATEGORY] ?? 0] ?? 'medical';
    const site = cohort.baseline[p.b + B_SEPSIS_SITE] ?? -1;
    // The bundles do not say whether a hospital stay ended in death; demos need it (immunotrial demo).
    const deathDay = cohort.state[p.s + S_DEATH_DAY] ?? -1;
    const deathAt = p.icuStart + deathDay * DAY_MS + (cohort.state[p.s + S_DEATH_HOUR] ?? 12) * HOUR_MS;
    patients.push({
      id: p.patientId,
      file: `${p.patientId}.json`,
      category,
      sepsisSite: site >= 0 ? SEPSIS_SITES[site] : undefined,
      icuAdmission: fhirDateTime(p.icuStart, TWIN_OFFSET_MINUTES),
      death: deathDay >= 0 ? fhirDateTime(deathAt, TWIN_OFFSET_MINUTES) : null,
      screening,
    });
    bundles.push(renderBundle(timeline, TWIN_OFFSET_MINUTES));
    timelines.push(timeline);
  }
  return {
    manifest: { seed, model: first.modelName, offsetMinutes: TWIN_OFFSET_MINUTES, patients },
    bundles,
    timelines,
  };
}
