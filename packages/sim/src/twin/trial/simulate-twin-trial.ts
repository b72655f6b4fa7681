import { treatmentFor } from '@immunotrial/core';
import { Gaussian } from '../kernel/gaussian.js';
import { STREAM_KIND, twinStream } from '../kernel/streams.js';
import type { TwinScenario, TwinScenarioSet } from '../scenario/parse-scenario.js';
import { analyseTrial, type TrialData } from './analyse-trial.js';
import { CourseWorkspace, runParticipant } from './participant-course.js';
import { ELIGIBLE, INCOMPLETE, NOT_SCREENED, type ScreeningPool, strataOf } from './screening-pool.js';
import { TrialRandomizer, trialSecret } from './trial-randomizer.js';
import type { TwinTrialResults } from './twin-results.js';
import type { TwinSetup } from './twin-setup.js';

/** One thread's buffers for simulating trials of a setup. */
export class TrialWorkspace {
  readonly course = new CourseWorkspace();
  readonly data: TrialData & {
    n: number;
    arm: Int8Array;
    time: Float64Array;
    status: Int8Array;
    binary: Int8Array;
    value: Float64Array;
  };
  readonly dead: Uint8Array;
  readonly deathDay: Float64Array;
  readonly active: readonly number[];

  /** @param setup - The compiled protocol. */
  constructor(readonly setup: TwinSetup) {
    const n = setup.sampleSize;
    this.data = {
      n,
      arm: new Int8Array(n),
      time: new Float64Array(n),
      status: new Int8Array(n),
      binary: new Int8Array(n),
      value: new Float64Array(n),
    };
    this.dead = new Uint8Array(n);
    this.deathDay = new Float64Array(n);
    this.active = setup.design.arms.map((_, i) => i).filter((i) => i !== setup.control);
  }
}

/** A trial's participants kept for plots (one example trial of a report). */
export interface KeptParticipants {
  readonly arm: readonly string[];
  readonly time: readonly number[];
  readonly status: readonly number[];
  readonly deathDay: readonly number[];
  readonly horizonDays: number;
}

/**
 * Simulates one whole trial of a scenario (docs/twin.md): ICU admissions arrive at the trial's sites (Poisson
 * arrivals at site rates with between-site spread), each an admission of the screening pool whose
 * screening by the real engine is known; the eligible are randomized by the core's allocation code (per
 * site, and per ImmunoSep stratum), get the arm's regimens (the core's treatment table and dosing
 * calendar), and their course after randomization is simulated under the scenario's drug effects with the
 * site's effects; the core's endpoint code derives the primary endpoint and the statistics package runs the
 * protocol's analysis. Arrivals, allocations and each participant's stream depend on (seed, trial) only, so
 * scenarios of a run compare on the same patients and allocations.
 * @param ws - The thread's workspace (its setup).
 * @param pool - The screening pool.
 * @param scenarios - Accrual settings.
 * @param scenario - Drug effects.
 * @param seed - The run's seed.
 * @param trial - Trial index.
 * @param out - Results; row `row` is written.
 * @param row - Row in `out`.
 * @returns The participants when `keep` is true (for example plots).
 * @throws RangeError if the pool has no eligible patient.
 */
export function simulateTwinTrial(
  ws: TrialWorkspace,
  pool: ScreeningPool,
  scenarios: TwinScenarioSet,
  scenario: TwinScenario,
  seed: number,
  trial: number,
  out: TwinTrialResults,
  row: number,
  keep = false,
): KeptParticipants | undefined {
  const setup = ws.setup;
  const m = setup.model;
  if (pool.eligibleCount === 0) {
    throw new RangeError(
      `the screening pool of ${pool.count} admissions has no patient eligible for ${setup.protocol.id}: enlarge it`,
    );
  }
  const g = new Gaussian(twinStream(seed, STREAM_KIND.trial, trial, 0));
  const { sites, admissions_per_site_per_day: rate, site_rate_sd_log: sd } = scenarios.accrual;
  const cumulative = new Float64Array(sites);
  const siteInfection = new Float64Array(sites);
  const siteDeath = new Float64Array(sites);
  let total = 0;
  for (let s = 0; s < sites; s++) {
    total += rate * Math.exp(sd * g.next() - (sd * sd) / 2);
    cumulative[s] = total;
    siteInfection[s] = m.siteInfectionSd * g.next();
    siteDeath[s] = m.siteDeathSd * g.next();
  }
  const randomizer = new TrialRandomizer(setup.design, trialSecret(seed, trial));
  const strata = strataOf(setup);
  const armIndex = new Map(setup.design.arms.map((a, i) => [a, i]));
  const criteria = setup.criteria.length;
  const data = ws.data;
  const n = setup.sampleSize;
  const arms = setup.design.arms.length;
  const cap = Math.ceil((50 * n * pool.count) / pool.eligibleCount);
  let clock = 0;
  let lastEnrolment = 0;
  let arrivals = 0;
  let screened = 0;
  let incomplete = 0;
  let enrolled = 0;
  while (enrolled < n) {
    if (arrivals >= cap)
      throw new RangeError(`trial ${trial}: ${arrivals} arrivals did not enrol ${n} patients`);
    arrivals++;
    clock += -Math.log(1 - g.uniform()) / total;
    const u = g.uniform() * total;
    let site = 0;
    while (site < sites - 1 && u >= (cumulative[site] ?? total)) site++;
    const admission = Math.min(pool.count - 1, Math.floor(g.uniform() * pool.count));
    const outcome = pool.outcome[admission] ?? NOT_SCREENED;
    if (outcome === NOT_SCREENED) continue;
    screened++;
    if (outcome === INCOMPLETE) incomplete++;
    const failedBits = pool.failed[admission] ?? 0;
    for (let c = 0; c < criteria && failedBits >>> c !== 0; c++) {
      if (((failedBits >>> c) & 1) === 1)
        out.failures[row * criteria + c] = (out.failures[row * criteria + c] ?? 0) + 1;
    }
    if (outcome !== ELIGIBLE) continue;
    const slot = pool.slotOf[admission] ?? -1;
    const stratumCode = pool.stratum[slot] ?? 0;
    const stratum = stratumCode > 0 ? strata[stratumCode - 1] : undefined;
    const levels: Record<string, string> = { site: `S${String(site + 1).padStart(2, '0')}` };
    for (const f of setup.design.factors)
      if (f.from === 'eligibility_stratum' && stratum !== undefined) levels[f.id] = stratum;
    const arm = randomizer.allocate(levels);
    const treatment = treatmentFor(setup.design.treatments, arm, stratum);
    const result = runParticipant(
      setup,
      pool,
      ws.course,
      {
        slot,
        treatment,
        siteInfection: siteInfection[site] ?? 0,
        siteDeath: siteDeath[site] ?? 0,
        trial,
        order: enrolled,
      },
      scenario.effects,
      seed,
    );
    const a = armIndex.get(arm) ?? 0;
    data.arm[enrolled] = a;
    data.time[enrolled] = result.time;
    data.status[enrolled] = result.status;
    data.binary[enrolled] = result.binary;
    data.value[enrolled] = result.value;
    ws.dead[enrolled] = result.dead ? 1 : 0;
    ws.deathDay[enrolled] = result.deathDay;
    out.armN[row * arms + a] = (out.armN[row * arms + a] ?? 0) + 1;
    // Events: a secondary infection, a responder, or a lymphocyte rise of 50% or more (IRIS-7-C&D, S10).
    const event =
      setup.derivation === 'secondary_infection'
        ? result.status === 1
        : setup.derivation === 'lymphocyte_response'
          ? result.value >= 50
          : result.binary === 1;
    if (event) out.armEvents[row * arms + a] = (out.armEvents[row * arms + a] ?? 0) + 1;
    if (result.dead) out.armDeaths[row * arms + a] = (out.armDeaths[row * arms + a] ?? 0) + 1;
    lastEnrolment = Math.max(lastEnrolment, clock + (pool.screenHours[slot] ?? 0) / 24);
    enrolled++;
  }
  const analysis = analyseTrial(setup.analysis, data, setup.control, ws.active);
  out.success[row] = analysis.success ? 1 : 0;
  out.failedAnalysis[row] = analysis.failed ? 1 : 0;
  out.estimate[row] = analysis.estimate;
  out.se[row] = analysis.se;
  out.statistic[row] = analysis.statistic;
  out.arrivals[row] = arrivals;
  out.screened[row] = screened;
  out.eligible[row] = enrolled;
  out.incomplete[row] = incomplete;
  out.accrualDays[row] = lastEnrolment;
  if (!keep) return undefined;
  return {
    arm: Array.from(data.arm, (a) => setup.design.arms[a] ?? ''),
    time: Array.from(data.time),
    status: Array.from(data.status),
    deathDay: Array.from(ws.deathDay),
    horizonDays: setup.horizonDays,
  };
}
