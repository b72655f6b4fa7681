import type { CompiledTwinModel } from '../kernel/compiled-model.js';
import { drawPatient } from '../kernel/baseline.js';
import { Gaussian } from '../kernel/gaussian.js';
import { DAYS, NB, NS, NV } from '../kernel/layout.js';
import { NO_EFFECTS, stepDay } from '../kernel/step.js';
import { STREAM_KIND, twinStream } from '../kernel/streams.js';

/**
 * A virtual cohort in typed arrays: the constants of each patient (NB per patient), the state after the
 * last simulated day (NS per patient: death, discharges), and one record per patient-day (NV per day,
 * DAYS days per patient). Patient i of seed S is the same in every cohort of that seed.
 */
export interface Cohort {
  readonly size: number;
  readonly days: number;
  readonly baseline: Float64Array;
  readonly state: Float64Array;
  readonly records: Float32Array;
  /** Index of the first patient (patient i of the cohort is patient first + i of the seed). */
  readonly first: number;
  readonly seed: number;
}

/** Longest course a cohort holds: day 90 after a randomization on ICU day 15, and a margin. */
export const MAX_COHORT_DAYS = 128;

/** Options of {@link simulateCohort}. */
export interface CohortOptions {
  /** Days to simulate, from ICU day 0 (default 91: to day 90; at most MAX_COHORT_DAYS). */
  readonly days?: number;
  /** Patient index of the seed to start from (default 0), so that a cohort can be made in parts. */
  readonly first?: number;
}

/**
 * Simulates the natural history of `size` ICU admissions from ICU day 0 to day 90 with no treatment, each
 * patient on its own stream (seed, patient index): the cohort of the calibration report and of the FHIR
 * export. Site effects are drawn per site by the caller when it needs them (zero here).
 * @param m - Compiled model.
 * @param seed - Seed (a safe integer).
 * @param size - Patients (>= 1).
 * @param options - Days and first patient index.
 * @throws RangeError if size is not a whole number >= 1 or days not in 1..MAX_COHORT_DAYS.
 * @example simulateCohort(compiled, 1, 1000).records.length // => 1000 * 91 * NV
 */
export function simulateCohort(
  m: CompiledTwinModel,
  seed: number,
  size: number,
  options: CohortOptions = {},
): Cohort {
  const days = options.days ?? DAYS;
  const first = options.first ?? 0;
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`cohort size must be a whole number >= 1, got ${size}`);
  if (!Number.isInteger(days) || days < 1 || days > MAX_COHORT_DAYS) {
    throw new RangeError(`days must be a whole number in 1..${MAX_COHORT_DAYS}, got ${days}`);
  }
  const baseline = new Float64Array(size * NB);
  const state = new Float64Array(size * NS);
  const records = new Float32Array(size * days * NV);
  for (let i = 0; i < size; i++) {
    const g = new Gaussian(twinStream(seed, STREAM_KIND.patient, first + i, 0));
    const rows = { baseline, b: i * NB, state, s: i * NS };
    drawPatient(m, g, baseline, rows.b, state, rows.s);
    for (let d = 0; d < days; d++) stepDay(m, g, rows, NO_EFFECTS, 0, records, (i * days + d) * NV);
  }
  return { size, days, baseline, state, records, first, seed };
}
