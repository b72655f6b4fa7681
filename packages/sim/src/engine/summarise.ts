import type { CompiledDesign } from '../design/compiled-design.js';
import { Decision, type TrialResults } from './trial-results.js';

/** A Monte Carlo estimate and its Monte Carlo standard error. */
export interface McEstimate {
  readonly value: number;
  readonly mcse: number;
}

/** A quantile of the sample size with its Monte Carlo standard error. */
export interface QuantileEstimate extends McEstimate {
  readonly probability: number;
}

/** Operating characteristics of one experimental arm against the control. */
export interface ArmSummary {
  readonly arm: string;
  /** True effect against the control (risk or mean difference, log rate or hazard ratio). */
  readonly trueEffect: number;
  readonly superiority: McEstimate;
  readonly inferiority: McEstimate;
  readonly futility: McEstimate;
  /** Patients randomized to the arm. */
  readonly patients: McEstimate;
  /** Mean of estimate - true effect, at the arm's last analysis. */
  readonly bias: McEstimate;
  readonly rmse: McEstimate;
}

/** Operating characteristics of one scenario. */
export interface ScenarioSummary {
  readonly scenario: string;
  readonly isNull: boolean;
  readonly trials: number;
  /** P(some arm declared superior): the type I error in a null scenario, the power otherwise. */
  readonly anySuperiority: McEstimate;
  /** Trial-level decision probabilities (none: reached the last look without one). */
  readonly decisions: {
    readonly superiority: McEstimate;
    readonly inferiority: McEstimate;
    readonly futility: McEstimate;
    readonly none: McEstimate;
  };
  readonly sampleSize: { readonly mean: McEstimate; readonly quantiles: readonly QuantileEstimate[] };
  /** Events (binary, time to event) or summed counts at the end; 0 for continuous outcomes. */
  readonly events: McEstimate;
  /** P(the trial ends at each look), with the look's planned patients or events. */
  readonly stopping: readonly {
    readonly look: number;
    readonly at: number;
    readonly probability: McEstimate;
  }[];
  readonly arms: readonly ArmSummary[];
  /** Patients randomized to the control. */
  readonly controlPatients: McEstimate;
}

const QUANTILES = [0.1, 0.25, 0.5, 0.75, 0.9];
const Z975 = 1.959963984540054;

/**
 * Proportion with MCSE sqrt(p (1 - p) / n) (Morris, White & Crowther 2019, Stat Med 38:2074, Table 6).
 * @param hits - Trials with the event.
 * @param n - Trials.
 * @example proportion(25, 1000) // => { value: 0.025, mcse: 0.00494 }
 */
export function proportion(hits: number, n: number): McEstimate {
  const p = n > 0 ? hits / n : NaN;
  return { value: p, mcse: Math.sqrt((p * (1 - p)) / n) };
}

/**
 * Mean with MCSE sd / sqrt(n) (Morris et al. 2019, Table 6).
 * @param values - One value per trial.
 */
export function mean(values: Float64Array): McEstimate {
  const n = values.length;
  let s = 0;
  for (const v of values) s += v;
  const m = s / n;
  let ss = 0;
  for (const v of values) ss += (v - m) * (v - m);
  return { value: m, mcse: n > 1 ? Math.sqrt(ss / (n - 1) / n) : NaN };
}

/** R's type-7 quantile of sorted values. */
function quantileSorted(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] ?? NaN;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] ?? NaN;
  return a + (h - lo) * (b - a);
}

/**
 * Quantile with an MCSE from the distribution-free order-statistic interval: the order statistics at
 * n p -+ 1.96 sqrt(n p (1 - p)) bound a 95% interval, whose width / (2 x 1.96) is the SE (the binomial
 * method, e.g. Conover 1999, Practical Nonparametric Statistics, section 3.2).
 * @param sorted - Values sorted ascending.
 * @param p - Probability in (0, 1).
 */
export function quantile(sorted: Float64Array, p: number): QuantileEstimate {
  const n = sorted.length;
  const half = Z975 * Math.sqrt(n * p * (1 - p));
  const lo = Math.max(0, Math.floor(n * p - half) - 1);
  const hi = Math.min(n - 1, Math.ceil(n * p + half) - 1);
  const width = (sorted[hi] ?? NaN) - (sorted[lo] ?? NaN);
  return { probability: p, value: quantileSorted(sorted, p), mcse: width / (2 * Z975) };
}

function armSummary(design: CompiledDesign, r: TrialResults, scenario: number, k: number): ArmSummary {
  const arms = r.arms;
  const truth = design.scenarios[scenario]?.trueEffects[k] ?? NaN;
  const counts = [0, 0, 0, 0];
  const errors: number[] = [];
  const patients = new Float64Array(r.trials);
  for (let t = 0; t < r.trials; t++) {
    const code = r.armDecision[t * arms + k] ?? 0;
    counts[code] = (counts[code] ?? 0) + 1;
    patients[t] = r.armN[t * arms + k] ?? 0;
    const e = r.estimate[t * arms + k] ?? NaN;
    if (Number.isFinite(e)) errors.push(e - truth);
  }
  const err = Float64Array.from(errors);
  const sq = err.map((e) => e * e);
  const mse = mean(sq);
  const rmse = Math.sqrt(mse.value);
  return {
    arm: design.arms[k] ?? '',
    trueEffect: truth,
    superiority: proportion(counts[Decision.superiority] ?? 0, r.trials),
    inferiority: proportion(counts[Decision.inferiority] ?? 0, r.trials),
    futility: proportion(counts[Decision.futility] ?? 0, r.trials),
    patients: mean(patients),
    bias: mean(err),
    // Delta method: SE(sqrt(MSE)) = SE(MSE) / (2 sqrt(MSE)) (Morris et al. 2019, Table 6).
    rmse: { value: rmse, mcse: mse.mcse / (2 * rmse) },
  };
}

/**
 * Operating characteristics of one scenario from its trials' results, each with its Monte Carlo
 * standard error (Morris, White & Crowther 2019): decision probabilities, P(any superiority) (type I
 * error in a null scenario, power otherwise), expected sample size and its quantiles, P(ending at each
 * look), and per arm the decision probabilities, patients, and bias and RMSE of the effect estimate.
 * @param design - The compiled design.
 * @param results - All trials of the scenario, in trial order.
 * @param scenario - Scenario index.
 */
export function summariseScenario(
  design: CompiledDesign,
  results: TrialResults,
  scenario: number,
): ScenarioSummary {
  const n = results.trials;
  const decisions = [0, 0, 0, 0];
  const stops = design.looks.map(() => 0);
  const size = new Float64Array(n);
  const events = new Float64Array(n);
  const controlPatients = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const code = results.decision[t] ?? 0;
    decisions[code] = (decisions[code] ?? 0) + 1;
    const look = results.stopLook[t] ?? 0;
    stops[look] = (stops[look] ?? 0) + 1;
    size[t] = results.sampleSize[t] ?? 0;
    events[t] = results.events[t] ?? 0;
    controlPatients[t] = results.armN[t * results.arms + design.control] ?? 0;
  }
  const sorted = size.slice().sort();
  const scenarioInfo = design.scenarios[scenario];
  let anySuperior = 0;
  for (let t = 0; t < n; t++) if (results.decision[t] === Decision.superiority) anySuperior++;
  return {
    scenario: scenarioInfo?.name ?? String(scenario),
    isNull: scenarioInfo?.isNull ?? false,
    trials: n,
    anySuperiority: proportion(anySuperior, n),
    decisions: {
      superiority: proportion(decisions[Decision.superiority] ?? 0, n),
      inferiority: proportion(decisions[Decision.inferiority] ?? 0, n),
      futility: proportion(decisions[Decision.futility] ?? 0, n),
      none: proportion(decisions[Decision.none] ?? 0, n),
    },
    sampleSize: { mean: mean(size), quantiles: QUANTILES.map((p) => quantile(sorted, p)) },
    events: mean(events),
    stopping: stops.map((count, look) => ({
      look: look + 1,
      at: design.looks[look] ?? 0,
      probability: proportion(count, n),
    })),
    arms: design.arms.flatMap((_, k) =>
      k === design.control ? [] : [armSummary(design, results, scenario, k)],
    ),
    controlPatients: mean(controlPatients),
  };
}
