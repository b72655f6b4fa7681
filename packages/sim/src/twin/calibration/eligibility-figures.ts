import type { Cohort } from '../cohort/simulate-cohort.js';
import {
  INFECTION_TYPES,
  NB,
  NS,
  NV,
  S_DEATH_DAY,
  S_DEATH_HOUR,
  V_IMV,
  V_INFECTION,
  V_LN_LYMPHOCYTES,
  V_X,
  organPoints,
} from '../kernel/layout.js';
import { type PatientSource, renderTimeline } from '../render/render-timeline.js';
import {
  inIcuAt,
  inPopulation,
  lastDayOf,
  screenByPlan,
  screeningTimes,
} from '../screening/screen-by-plan.js';
import { deriveOutcome, randomizationTimes } from '../trial/participant-course.js';
import type { TwinSetup } from '../trial/twin-setup.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** ICU admissions of a calibration or export cohort: from this instant, one every 37 minutes. */
export const COHORT_START = Date.UTC(2026, 0, 5, 0, 0);

/** The ICU admission instant of cohort patient `i`. */
export function cohortIcuStart(i: number): number {
  return COHORT_START + i * 37 * 60_000;
}

/** What screening a cohort for one protocol with the real engine gave. */
export interface EligibilityFigure {
  readonly protocol: string;
  readonly admissions: number;
  /** In the screened population and alive in the ICU at a screening time. */
  readonly screened: number;
  readonly eligible: number;
  readonly incomplete: number;
  /** Screened patients failing each criterion at their last screening. */
  readonly failures: Readonly<Record<string, number>>;
  /** Eligible patients per stratum (ImmunoSep). */
  readonly strata: Readonly<Record<string, number>>;
  /** The primary endpoint of the eligible under no treatment (natural course), by the core's derivation. */
  readonly natural: { readonly label: string; readonly events: number; readonly n: number };
}

/** A cohort patient as the renderer and screener read it. */
export function cohortPatient(c: Cohort, i: number): PatientSource {
  return {
    patientId: `tw${c.seed}-${c.first + i}`,
    index: c.first + i,
    seed: c.seed,
    baseline: c.baseline,
    b: i * NB,
    records: c.records,
    r0: i * c.days * NV,
    days: c.days,
    state: c.state,
    s: i * NS,
    icuStart: cohortIcuStart(c.first + i),
  };
}

/**
 * Screens the first `limit` patients of a cohort for each protocol by its screening plan, with the real
 * eligibility engine (each patient written as a timeline once), and derives the primary endpoint of the
 * eligible on their untreated course with the core's endpoint code: how many would be eligible, why the
 * others fail, and the control-arm event rate the model implies.
 * @param setups - One compiled setup per protocol (their `target.index` must differ).
 * @param c - The cohort (its days must cover each endpoint's horizon after screening).
 * @param limit - Patients to screen (default all).
 */
export function eligibilityFigures(
  setups: readonly TwinSetup[],
  c: Cohort,
  limit = c.size,
): EligibilityFigure[] {
  const tallies = setups.map((s) => {
    const failures: Record<string, number> = {};
    const strata: Record<string, number> = {};
    return { setup: s, screened: 0, eligible: 0, incomplete: 0, failures, strata, events: 0, n: 0 };
  });
  const size = Math.min(limit, c.size);
  for (let i = 0; i < size; i++) {
    const p = cohortPatient(c, i);
    const wanted = tallies.filter((t) => {
      const plan = t.setup.target.plan;
      const times = screeningTimes(plan, p);
      return inPopulation(plan, p) && times !== undefined && times.some((at) => inIcuAt(p, at));
    });
    if (wanted.length === 0) continue;
    const m = wanted[0]?.setup.model;
    if (m === undefined) continue;
    const lastDay = Math.max(...wanted.map((t) => lastDayOf(t.setup.target.plan, p)));
    const timeline = renderTimeline(m, p, { lastDay });
    for (const t of wanted) {
      const o = screenByPlan(m, p, timeline, t.setup.target);
      if (o.status === 'not_screened') continue;
      t.screened++;
      if (o.status === 'incomplete') t.incomplete++;
      for (const id of o.failed) t.failures[id] = (t.failures[id] ?? 0) + 1;
      if (o.status !== 'eligible' || o.at === undefined) continue;
      t.eligible++;
      if (o.stratum !== undefined) t.strata[o.stratum] = (t.strata[o.stratum] ?? 0) + 1;
      const outcome = naturalOutcome(t.setup, c, i, p, o.at);
      const event =
        t.setup.derivation === 'secondary_infection'
          ? outcome.status === 1
          : t.setup.derivation === 'lymphocyte_response'
            ? outcome.value >= 50
            : outcome.binary === 1;
      const decided =
        t.setup.derivation === 'lymphocyte_response'
          ? Number.isFinite(outcome.value)
          : outcome.binary !== -1 || t.setup.derivation === 'secondary_infection';
      if (decided) {
        t.n++;
        if (event) t.events++;
      }
    }
  }
  return tallies.map((t) => ({
    protocol: t.setup.protocol.id,
    admissions: size,
    screened: t.screened,
    eligible: t.eligible,
    incomplete: t.incomplete,
    failures: t.failures,
    strata: t.strata,
    natural: { label: naturalLabel(t.setup), events: t.events, n: t.n },
  }));
}

function naturalLabel(setup: TwinSetup): string {
  if (setup.derivation === 'secondary_infection')
    return `${setup.endpoint.id}: infection by day ${setup.horizonDays}`;
  if (setup.derivation === 'lymphocyte_response') {
    return `${setup.endpoint.id}: lymphocytes up >= 50% on day ${setup.horizonDays}`;
  }
  return `${setup.endpoint.id}: ${setup.derivation.replace(/_/g, ' ')}`;
}

function naturalOutcome(setup: TwinSetup, c: Cohort, i: number, p: PatientSource, screenedAt: number) {
  const { randomizedAt, d1 } = randomizationTimes(screenedAt);
  const day = Math.floor((screenedAt - p.icuStart) / DAY_MS);
  const r = (d: number, v: number): number => c.records[(i * c.days + d) * NV + v] ?? 0;
  const imv = r(day, V_IMV) === 1;
  let sofa = 0;
  for (let o = 0; o < 6; o++) sofa += organPoints(r(day, V_X + o), o, imv);
  const preInfections: [number, number][] = [];
  for (let d = Math.max(0, day - 14); d <= day; d++)
    if (r(d, V_INFECTION) > 0) preInfections.push([d, r(d, V_INFECTION) - 1]);
  const deathDay = c.state[i * NS + S_DEATH_DAY] ?? -1;
  const lastDay = Math.min(
    c.days - 1,
    Math.ceil((randomizedAt - p.icuStart) / DAY_MS) + setup.horizonDays + 2,
  );
  return deriveOutcome(
    setup,
    {
      icuStart: p.icuStart,
      randomizedAt,
      d1,
      records: c.records.subarray(i * c.days * NV, (i + 1) * c.days * NV),
      firstDay: day + 1,
      lastDay,
      deathAt:
        deathDay >= 0
          ? p.icuStart + deathDay * DAY_MS + (c.state[i * NS + S_DEATH_HOUR] ?? 12) * HOUR_MS
          : undefined,
      screenSofa: sofa,
      screenLnLymphocytes: r(day, V_LN_LYMPHOCYTES),
      preInfections: preInfections.filter(([, t]) => t >= 0 && t < INFECTION_TYPES.length),
    },
    { time: 0, status: 0, binary: -1, value: Number.NaN, dead: false, deathDay: Number.NaN },
  );
}
