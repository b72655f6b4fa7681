import { cumulativeIncidence, kaplanMeier } from '@immunotrial/stats';

// Step curves for the statistics page from stats' estimators: Kaplan-Meier (survfit) and Aalen-Johansen
// (cuminc). Only the presentation is done here: jumps, censoring ticks and the numbers at risk.

/** One participant's follow-up: time in days, status (0 censored, 1 event, 2 competing event). */
export interface CurveRow {
  readonly time: number;
  readonly status: 0 | 1 | 2;
  /** Server-internal: which group the row belongs to. Never copied into a view. */
  readonly arm: string;
}

/** One group's step function (web: `StepCurve` of StepCurvePlot). */
export interface StepCurveView {
  readonly label: string;
  /** Value after each jump, starting at time 0 (1 for survival, 0 for incidence). */
  readonly steps: { readonly time: number; readonly value: number }[];
  /** Distinct times at which someone was censored. */
  readonly censorTimes: number[];
  /** Numbers at risk (follow-up time >= t) at 0, 7, 14, ... and the horizon. */
  readonly atRisk: { readonly time: number; readonly n: number }[];
}

/**
 * Tick times of the at-risk table: every 7 days from 0, and the horizon.
 * @example atRiskTimes(28) // => [0, 7, 14, 21, 28]
 * @example atRiskTimes(10) // => [0, 7, 10]
 */
export function atRiskTimes(horizonDays: number): number[] {
  const out: number[] = [];
  for (let t = 0; t < horizonDays; t += 7) out.push(t);
  out.push(horizonDays);
  return out;
}

function atRiskOf(rows: readonly CurveRow[], horizonDays: number): StepCurveView['atRisk'] {
  return atRiskTimes(horizonDays).map((time) => ({ time, n: rows.filter((r) => r.time >= time).length }));
}

function startAt(origin: number, jumps: StepCurveView['steps']): StepCurveView['steps'] {
  // A jump at time 0 (death on the randomization date) replaces the starting value.
  return jumps[0]?.time === 0 ? jumps : [{ time: 0, value: origin }, ...jumps];
}

function distinct(times: readonly number[]): number[] {
  return [...new Set(times)].sort((a, b) => a - b);
}

/**
 * Kaplan-Meier curve of time to an event (status 1; 2 is treated as censoring, which no caller uses).
 * @param label - The group's label.
 * @param rows - The group's rows (may be empty: no steps).
 * @param horizonDays - Last tick of the at-risk table.
 */
export function survivalCurve(label: string, rows: readonly CurveRow[], horizonDays: number): StepCurveView {
  const atRisk = atRiskOf(rows, horizonDays);
  const fit =
    rows.length === 0
      ? undefined
      : kaplanMeier(
          rows.map((r) => r.time),
          rows.map((r) => (r.status === 1 ? 1 : 0)),
        ).curves[0];
  if (fit === undefined) return { label, steps: [], censorTimes: [], atRisk };
  const jumps = fit.time
    .map((time, i) => ({ time, value: fit.surv[i] ?? NaN, events: fit.nEvent[i] ?? 0 }))
    .filter((s) => s.events > 0)
    .map(({ time, value }) => ({ time, value }));
  return {
    label,
    steps: startAt(1, jumps),
    censorTimes: fit.time.filter((_, i) => (fit.nCensor[i] ?? 0) > 0),
    atRisk,
  };
}

/**
 * Cumulative incidence (Aalen-Johansen) of cause 1 with cause 2 competing.
 * @param label - The group's label.
 * @param rows - The group's rows (may be empty: no steps).
 * @param horizonDays - Last tick of the at-risk table.
 */
export function cumulativeIncidenceCurve(
  label: string,
  rows: readonly CurveRow[],
  horizonDays: number,
): StepCurveView {
  const atRisk = atRiskOf(rows, horizonDays);
  if (rows.length === 0) return { label, steps: [], censorTimes: [], atRisk };
  const censorTimes = distinct(rows.filter((r) => r.status === 0).map((r) => r.time));
  // stats refuses a fit without any event: the incidence is then 0 throughout.
  const curve = rows.some((r) => r.status !== 0)
    ? cumulativeIncidence(
        rows.map((r) => r.time),
        rows.map((r) => r.status),
      ).curves.find((c) => c.cause === 1)
    : undefined;
  const jumps =
    curve === undefined
      ? []
      : curve.time
          .map((time, i) => ({ time, value: curve.estimate[i] ?? NaN, events: curve.nEvent[i] ?? 0 }))
          .filter((s) => s.events > 0)
          .map(({ time, value }) => ({ time, value }));
  return { label, steps: startAt(0, jumps), censorTimes, atRisk };
}
