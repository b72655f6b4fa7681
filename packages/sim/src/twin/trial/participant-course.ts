import {
  buildDosingCalendar,
  dayNumberOf,
  deriveSecondaryInfection,
  type InfectionRecord,
  lymphocyteResponse,
  lymphocyteResponseOptionsOf,
  mhlaDrRestoration,
  mhlaDrRestorationOptionsOf,
  mortalityAt,
  secondaryInfectionOptionsOf,
  sofaResponse,
  sofaResponseParametersOf,
  studyDayOf,
  type TreatmentRow,
} from '@immunotrial/core';
import { Gaussian } from '../kernel/gaussian.js';
import {
  B_SITE_DEATH,
  B_SITE_INFECTION,
  DEAD,
  INFECTION_TYPES,
  NB,
  NS,
  NV,
  organPoints,
  S_DAY,
  S_DEATH_DAY,
  S_DEATH_HOUR,
  S_LOCATION,
  V_IMV,
  V_INFECTION,
  V_LN_LYMPHOCYTES,
  V_LN_MHLA_DR,
  V_LOCATION,
  V_X,
  AT_HOME,
  AT_ICU,
} from '../kernel/layout.js';
import {
  deathHour,
  type DrugEffects,
  EXPOSED_ANAKINRA,
  EXPOSED_IFN,
  EXPOSED_IL7,
  homeDeathLogHazard,
  stepDay,
} from '../kernel/step.js';
import { STREAM_KIND, twinStream } from '../kernel/streams.js';
import { PRE_INFECTIONS, type ScreeningPool } from './screening-pool.js';
import type { DrugKind, TwinSetup } from './twin-setup.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Days a participant's course may need after ICU admission: screening (<= 15) + horizon (<= 90) + margin. */
const MAX_DAYS = 128;
/** Randomization an hour after the screening, the first dose an hour after randomization. */
const RANDOMIZATION_DELAY_MS = HOUR_MS;
const FIRST_DOSE_DELAY_MS = HOUR_MS;
const EXPOSED_BIT: Readonly<Record<DrugKind, number>> = {
  ifn_gamma: EXPOSED_IFN,
  anakinra: EXPOSED_ANAKINRA,
  il7: EXPOSED_IL7,
};

/** What one participant's course gives the analysis. */
export interface ParticipantOutcome {
  /** Secondary infection: days to the first counted episode, death or censoring, and cmprsk's status. */
  time: number;
  status: number;
  /** Binary endpoint (responder, restored, dead): 1, 0, or -1 undecided. */
  binary: number;
  /** Continuous endpoint (lymphocyte % change), NaN when missing. */
  value: number;
  /** Dead by the horizon. */
  dead: boolean;
  /** Study day of death, or NaN. */
  deathDay: number;
}

/** Reusable buffers for one thread's participants. */
export class CourseWorkspace {
  readonly baseline = new Float64Array(NB);
  readonly state = new Float64Array(NS);
  readonly records = new Float32Array(MAX_DAYS * NV);
  readonly exposure = new Uint8Array(MAX_DAYS);
  /** Dose offsets from D1 per treatment pack (the core's dosing calendar, computed once per pack). */
  readonly doses = new Map<string, { readonly drug: number; readonly from: number; readonly to: number }[]>();
  readonly outcome: ParticipantOutcome = {
    time: 0,
    status: 0,
    binary: -1,
    value: Number.NaN,
    dead: false,
    deathDay: Number.NaN,
  };
}

/** A reference D1 for the cached calendars: with the sites' fixed UTC offset a calendar shifts with D1. */
const REFERENCE_D1 = Date.UTC(2026, 0, 5, 9);

function dosesOf(
  setup: TwinSetup,
  ws: CourseWorkspace,
  treatment: TreatmentRow,
): { drug: number; from: number; to: number }[] {
  let list = ws.doses.get(treatment.pack);
  if (list !== undefined) return list;
  const m = setup.model;
  const action: Readonly<Record<DrugKind, number>> = {
    ifn_gamma: m.ifnActionHours * HOUR_MS,
    anakinra: m.anakinraActionHours * HOUR_MS,
    il7: m.il7ActionHours * HOUR_MS,
  };
  list = [];
  for (const dose of buildDosingCalendar(
    setup.protocol.regimens,
    treatment.regimens,
    REFERENCE_D1,
    setup.zone,
  )) {
    const drug = setup.regimenDrugs.get(dose.regimen);
    if (drug === undefined) continue;
    const from = dose.plannedAt - REFERENCE_D1;
    list.push({ drug: EXPOSED_BIT[drug], from, to: from + action[drug] });
  }
  ws.doses.set(treatment.pack, list);
  return list;
}

/** Where an enrolled participant came from and what the trial gave them. */
export interface Enrolment {
  /** Eligible slot in the pool. */
  readonly slot: number;
  readonly treatment: TreatmentRow;
  readonly siteInfection: number;
  readonly siteDeath: number;
  /** Trial index and the participant's order in it (their stream). */
  readonly trial: number;
  readonly order: number;
}

/** A participant's course as the endpoint derivation reads it. */
export interface CourseView {
  readonly icuStart: number;
  readonly randomizedAt: number;
  readonly d1: number;
  /** Day records from ICU day 0 (NV per day); days firstDay .. lastDay follow randomization. */
  readonly records: Float32Array;
  readonly firstDay: number;
  readonly lastDay: number;
  /** Death instant, if the participant died. */
  readonly deathAt: number | undefined;
  /** SOFA and ln lymphocytes of the screening day (the baselines). */
  readonly screenSofa: number;
  readonly screenLnLymphocytes: number;
  /** Infections before randomization: (ICU day, INFECTION_TYPES index). */
  readonly preInfections: readonly (readonly [number, number])[];
}

/**
 * Simulates one participant from randomization to the endpoint's horizon and derives the endpoint with the
 * core's endpoint code: the pool's state after the screening day continues day by day under the arm's
 * drugs (exposure from the core's dosing calendar and the model's duration of action), with the trial
 * site's effects, on the participant's own stream (seed, trial, order): the same in every scenario.
 * @param setup - The compiled protocol.
 * @param pool - The screening pool.
 * @param ws - Buffers; `ws.outcome` receives the result.
 * @param e - The enrolment.
 * @param effects - The scenario's drug effects.
 * @param seed - The run's seed.
 */
export function runParticipant(
  setup: TwinSetup,
  pool: ScreeningPool,
  ws: CourseWorkspace,
  e: Enrolment,
  effects: DrugEffects,
  seed: number,
): ParticipantOutcome {
  const m = setup.model;
  const { baseline, state, records, exposure } = ws;
  baseline.set(pool.baseline.subarray(e.slot * NB, (e.slot + 1) * NB));
  state.set(pool.state.subarray(e.slot * NS, (e.slot + 1) * NS));
  baseline[B_SITE_INFECTION] = e.siteInfection;
  baseline[B_SITE_DEATH] = e.siteDeath;
  const icuStart = pool.icuStart[e.slot] ?? 0;
  const screenedAt = icuStart + (pool.screenHours[e.slot] ?? 0) * HOUR_MS;
  const randomizedAt = screenedAt + RANDOMIZATION_DELAY_MS;
  const d1 = randomizedAt + FIRST_DOSE_DELAY_MS;
  const firstDay = state[S_DAY] ?? 0;
  const lastDay = Math.min(
    MAX_DAYS - 1,
    Math.ceil((randomizedAt - icuStart) / DAY_MS) + setup.horizonDays + 2,
  );
  exposure.fill(0);
  for (const dose of dosesOf(setup, ws, e.treatment)) {
    const from = Math.max(0, Math.floor((d1 + dose.from - icuStart) / DAY_MS));
    const to = Math.min(lastDay, Math.floor((d1 + dose.to - 1 - icuStart) / DAY_MS));
    for (let k = from; k <= to; k++) exposure[k] = (exposure[k] ?? 0) | dose.drug;
  }
  const g = new Gaussian(twinStream(seed, STREAM_KIND.future, e.trial, e.order));
  const rows = { baseline, b: 0, state, s: 0 };
  // Only lymphocyte and mHLA-DR endpoints read the immune markers after hospital discharge.
  const markers = setup.derivation === 'lymphocyte_response' || setup.derivation === 'mhla_dr_restoration';
  for (let k = firstDay; k <= lastDay; k++) {
    const where = state[S_LOCATION];
    if (where === DEAD) {
      // Nothing happens after death: the remaining days only say so.
      fillDays(records, k, lastDay, DEAD);
      break;
    }
    if (where === AT_HOME && !markers) {
      // At home the daily death hazard is constant: the day of death is geometric, drawn at once (the same
      // distribution as a draw a day, a fraction of the cost).
      const q = -Math.expm1(-Math.exp(homeDeathLogHazard(m, rows)));
      const wait = q <= 0 ? Infinity : Math.floor(Math.log(1 - g.uniform()) / Math.log1p(-q));
      const dies = k + wait;
      if (dies <= lastDay) {
        fillDays(records, k, dies, AT_HOME);
        fillDays(records, dies + 1, lastDay, DEAD);
        state[S_LOCATION] = DEAD;
        state[S_DEATH_DAY] = dies;
        state[S_DEATH_HOUR] = deathHour(m, g.uniform());
      } else fillDays(records, k, lastDay, AT_HOME);
      break;
    }
    stepDay(m, g, rows, effects, exposure[k] ?? 0, records, k * NV);
  }
  const deathModelDay = state[S_DEATH_DAY] ?? -1;
  const preInfections: [number, number][] = [];
  for (let j = 0; j < PRE_INFECTIONS; j++) {
    const day = pool.preInfections[(e.slot * PRE_INFECTIONS + j) * 2] ?? -1;
    const type = pool.preInfections[(e.slot * PRE_INFECTIONS + j) * 2 + 1] ?? -1;
    if (day >= 0 && type >= 0) preInfections.push([day, type]);
  }
  return deriveOutcome(
    setup,
    {
      icuStart,
      randomizedAt,
      d1,
      records,
      firstDay,
      lastDay,
      deathAt:
        deathModelDay >= 0
          ? icuStart + deathModelDay * DAY_MS + (state[S_DEATH_HOUR] ?? 12) * HOUR_MS
          : undefined,
      screenSofa: pool.screenSofa[e.slot] ?? 0,
      screenLnLymphocytes: pool.screenLnLymphocytes[e.slot] ?? 0,
      preInfections,
    },
    ws.outcome,
  );
}

/** Marks days from .. to (inclusive) as spent at `where` with no infection. */
function fillDays(records: Float32Array, from: number, to: number, where: number): void {
  for (let j = from; j <= to; j++) {
    records[j * NV + V_LOCATION] = where;
    records[j * NV + V_INFECTION] = 0;
  }
}

/** Randomization and first dose of a participant screened eligible at `screenedAt`. */
export function randomizationTimes(screenedAt: number): {
  readonly randomizedAt: number;
  readonly d1: number;
} {
  const randomizedAt = screenedAt + RANDOMIZATION_DELAY_MS;
  return { randomizedAt, d1: randomizedAt + FIRST_DOSE_DELAY_MS };
}

/**
 * Derives the primary endpoint of a participant's course with the core's endpoint code: secondary
 * infections by NHSN rules with death competing (`deriveSecondaryInfection`), the SOFA responder rule
 * (`sofaResponse`), the lymphocyte response (`lymphocyteResponse`), mHLA-DR restoration, or mortality.
 * Day numbers are local dates from randomization (`dayNumberOf`), study days from D1 (`studyDayOf`).
 * @param setup - The compiled protocol.
 * @param v - The course.
 * @param out - Receives the result (returned).
 */
export function deriveOutcome(setup: TwinSetup, v: CourseView, out: ParticipantOutcome): ParticipantOutcome {
  const m = setup.model;
  const zone = setup.zone;
  const { records, firstDay, lastDay, icuStart, randomizedAt, d1 } = v;
  const horizon = setup.horizonDays;
  const deathDay =
    v.deathAt === undefined ? undefined : Math.max(0, dayNumberOf(v.deathAt, randomizedAt, zone));
  out.dead = deathDay !== undefined && deathDay <= horizon;
  out.deathDay = deathDay ?? Number.NaN;
  out.time = 0;
  out.status = 0;
  out.binary = -1;
  out.value = Number.NaN;
  // The sites keep a fixed UTC offset (no DST), so ICU day k + 1 is one local date after day k: one
  // dayNumberOf per hour of the day read, then whole days added.
  const bases = new Map<number, number>();
  const dayOf = (k: number, hour: number): number => {
    let base = bases.get(hour);
    if (base === undefined) {
      base = dayNumberOf(icuStart + hour * HOUR_MS, randomizedAt, zone);
      bases.set(hour, base);
    }
    return base + k;
  };
  switch (setup.derivation) {
    case 'secondary_infection': {
      const infections: InfectionRecord[] = v.preInfections.map(([day, type]) => ({
        type: INFECTION_TYPES[type] ?? 'OTHER',
        testDay: dayOf(day, 12),
      }));
      for (let k = firstDay; k <= lastDay; k++) {
        const type = records[k * NV + V_INFECTION] ?? 0;
        if (type > 0) infections.push({ type: INFECTION_TYPES[type - 1] ?? 'OTHER', testDay: dayOf(k, 12) });
      }
      const result = deriveSecondaryInfection(
        { infections, ...(deathDay === undefined ? {} : { deathDay }), lastFollowUpDay: horizon },
        infectionOptions(setup),
      );
      out.time = result.time;
      out.status = result.status;
      break;
    }
    case 'sofa_response': {
      const labStudyDay = studyDayOf(icuStart + m.labOffsetHours * HOUR_MS, d1, zone);
      const daily: { day: number; value: number }[] = [];
      for (let k = firstDay; k <= lastDay; k++) {
        const r = k * NV;
        if (records[r + V_LOCATION] !== AT_ICU) continue;
        const imv = records[r + V_IMV] === 1;
        let sofa = 0;
        for (let o = 0; o < 6; o++) sofa += organPoints(records[r + V_X + o] ?? 0, o, imv);
        daily.push({
          day: labStudyDay + k,
          value: sofa,
        });
      }
      const response = sofaResponse(
        {
          baseline: v.screenSofa,
          daily,
          ...(v.deathAt === undefined ? {} : { deathDay: studyDayOf(v.deathAt, d1, zone) }),
        },
        sofaParameters(setup),
      );
      out.binary = response.responder === undefined ? -1 : response.responder ? 1 : 0;
      break;
    }
    case 'lymphocyte_response': {
      const response = lymphocyteResponse(
        {
          qualifying: [Math.round(Math.exp(v.screenLnLymphocytes))],
          measurements: aliveValues(records, firstDay, lastDay, V_LN_LYMPHOCYTES, dayOf),
        },
        lymphocyteOptions(setup),
      );
      out.value = response.percentChange ?? Number.NaN;
      break;
    }
    case 'mhla_dr_restoration': {
      const restoration = mhlaDrRestoration(
        aliveValues(records, firstDay, lastDay, V_LN_MHLA_DR, dayOf),
        deathDay,
        mhlaOptions(setup),
      );
      out.binary = restoration.restored === true ? 1 : 0;
      break;
    }
    case 'mortality':
      out.binary =
        mortalityAt(
          { ...(deathDay === undefined ? {} : { deathDay }), lastKnownAliveDay: horizon },
          horizon,
        ) === 'dead'
          ? 1
          : 0;
      break;
  }
  return out;
}

function aliveValues(
  records: Float32Array,
  from: number,
  to: number,
  variable: number,
  dayOf: (k: number, hour: number) => number,
): { day: number; value: number }[] {
  const values: { day: number; value: number }[] = [];
  for (let k = from; k <= to; k++) {
    const where = records[k * NV + V_LOCATION] ?? DEAD;
    if (where === DEAD) break;
    values.push({ day: dayOf(k, 8), value: Math.round(Math.exp(records[k * NV + variable] ?? 0)) });
  }
  return values;
}

const optionsCache = new WeakMap<TwinSetup, Record<string, unknown>>();

function cached<T>(setup: TwinSetup, key: string, make: () => T): T {
  let entry = optionsCache.get(setup);
  if (entry === undefined) {
    entry = {};
    optionsCache.set(setup, entry);
  }
  if (!(key in entry)) entry[key] = make();
  return entry[key] as T; // each key has one producer, so its type is fixed
}

function infectionOptions(setup: TwinSetup): ReturnType<typeof secondaryInfectionOptionsOf> {
  return cached(setup, 'infection', () => secondaryInfectionOptionsOf(setup.endpoint));
}

function sofaParameters(setup: TwinSetup): ReturnType<typeof sofaResponseParametersOf> {
  return cached(setup, 'sofa', () => sofaResponseParametersOf(setup.endpoint));
}

function lymphocyteOptions(setup: TwinSetup): ReturnType<typeof lymphocyteResponseOptionsOf> {
  return cached(setup, 'lymphocytes', () => lymphocyteResponseOptionsOf(setup.endpoint, visitWindow(setup)));
}

function mhlaOptions(setup: TwinSetup): ReturnType<typeof mhlaDrRestorationOptionsOf> {
  return cached(setup, 'mhla', () => mhlaDrRestorationOptionsOf(setup.endpoint, visitWindow(setup)));
}

/** The window of the visit on the endpoint's horizon day, if the protocol has one. */
function visitWindow(setup: TwinSetup): { before: number; after: number } | undefined {
  const day = setup.horizonDays;
  const visit = setup.protocol.visits.find((v) => (typeof v.day === 'number' ? v.day : v.day.value) === day);
  const w = visit?.window;
  if (w === undefined) return undefined;
  return 'value' in w ? w.value : w;
}
