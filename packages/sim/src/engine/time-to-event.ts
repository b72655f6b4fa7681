import { type RandomSource, randomExponential } from '@immunotrial/stats';
import { type ArmState, armOf } from './arm-state.js';
import {
  addLogRankPatient,
  clearLogRank,
  createLogRankWorkspace,
  type LogRankSums,
  type LogRankWorkspace,
  logRankSums,
} from './two-arm-logrank.js';

/**
 * Patients of one time-to-event trial in typed arrays, reused from trial to trial: arrival (calendar
 * time), arm, and the calendar time of the event (exponential times, no loss to follow-up; censoring is
 * administrative, at each look).
 */
export interface TteWorkspace {
  readonly arrival: Float64Array;
  readonly eventAt: Float64Array;
  readonly arm: Uint8Array;
  readonly sorted: Float64Array;
  readonly logRank: LogRankWorkspace;
  readonly sums: LogRankSums;
}

/**
 * Buffers for up to `maxPatients` patients.
 * @param maxPatients - Most patients a trial enrols.
 */
export function createTteWorkspace(maxPatients: number): TteWorkspace {
  return {
    arrival: new Float64Array(maxPatients),
    eventAt: new Float64Array(maxPatients),
    arm: new Uint8Array(maxPatients),
    sorted: new Float64Array(maxPatients),
    logRank: createLogRankWorkspace(maxPatients),
    sums: { observed: 0, expected: 0, variance: 0 },
  };
}

/**
 * Draws the arrival times of all patients: a Poisson process of `rate` arrivals per unit of time.
 * @param ws - Buffers.
 * @param rng - The trial's stream.
 * @param rate - Arrivals per unit of time.
 */
export function drawArrivals(ws: TteWorkspace, rng: RandomSource, rate: number): void {
  let t = 0;
  for (let i = 0; i < ws.arrival.length; i++) {
    t += randomExponential(rng) / rate;
    ws.arrival[i] = t;
  }
}

/**
 * Draws the arm and event time of patients from..end under the current allocation (again after an arm is
 * dropped, for those who arrive after the look).
 * @param ws - Buffers.
 * @param state - Current shares and active arms.
 * @param hazards - Event hazard per arm (log 2 / median).
 * @param rng - The trial's stream.
 * @param from - First patient to draw.
 */
export function drawPatients(
  ws: TteWorkspace,
  state: ArmState,
  hazards: readonly number[],
  rng: RandomSource,
  from: number,
): void {
  for (let i = from; i < ws.arrival.length; i++) {
    const k = armOf(state.cuts, rng.nextUint32());
    ws.arm[i] = k;
    ws.eventAt[i] = (ws.arrival[i] ?? 0) + randomExponential(rng) / (hazards[k] ?? 1);
  }
}

/**
 * Calendar time of the d-th event among all patients (those arriving later cannot have an earlier event,
 * so this is the time of the look after d events).
 * @param ws - Buffers with every patient drawn.
 * @param events - d, 1 <= d <= patients.
 */
export function timeOfEvent(ws: TteWorkspace, events: number): number {
  ws.sorted.set(ws.eventAt);
  ws.sorted.sort();
  return ws.sorted[events - 1] ?? Infinity;
}

/**
 * Counts patients enrolled by calendar time tau per arm (into state.n) and events by tau (into
 * state.sum), and returns the number enrolled.
 * @param ws - Buffers.
 * @param state - Receives n and events per arm.
 * @param tau - Calendar time of the look.
 */
export function countAt(ws: TteWorkspace, state: ArmState, tau: number): number {
  state.n.fill(0);
  state.sum.fill(0);
  let enrolled = 0;
  for (let i = 0; i < ws.arrival.length && (ws.arrival[i] ?? Infinity) <= tau; i++) {
    const k = ws.arm[i] ?? 0;
    state.n[k] = (state.n[k] ?? 0) + 1;
    if ((ws.eventAt[i] ?? Infinity) <= tau) state.sum[k] = (state.sum[k] ?? 0) + 1;
    enrolled++;
  }
  return enrolled;
}

/**
 * Log-rank (Peto) log hazard ratio of arm k against control c at calendar time tau, (O - E) / V with
 * SE 1 / sqrt(V) (Peto et al. 1977; Jennison & Turnbull 2000, section 3.7), from the two-arm log-rank
 * sums of the patients of the two arms enrolled by tau, censored at tau. Writes NaN when V is 0 (no
 * events yet).
 * @param ws - Buffers.
 * @param state - Receives effect[k] and effectSe[k].
 * @param tau - Calendar time of the look.
 * @param k - Arm.
 * @param c - Control.
 */
export function logRankEffect(ws: TteWorkspace, state: ArmState, tau: number, k: number, c: number): void {
  clearLogRank(ws.logRank);
  for (let i = 0; i < ws.arrival.length && (ws.arrival[i] ?? Infinity) <= tau; i++) {
    const arm = ws.arm[i];
    if (arm !== k && arm !== c) continue;
    const at = ws.eventAt[i] ?? Infinity;
    addLogRankPatient(ws.logRank, Math.min(at, tau) - (ws.arrival[i] ?? 0), at <= tau, arm === k ? 1 : 0);
  }
  logRankSums(ws.logRank, ws.sums);
  const v = ws.sums.variance;
  state.effect[k] = v > 0 ? (ws.sums.observed - ws.sums.expected) / v : NaN;
  state.effectSe[k] = v > 0 ? 1 / Math.sqrt(v) : NaN;
}
