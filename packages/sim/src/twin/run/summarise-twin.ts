import type { McEstimate } from '../../engine/summarise.js';
import type { Effects } from '../scenario/scenario-schema.js';
import type { TwinRunSettings } from './twin-run.js';
import type { TwinScenarioSet } from '../scenario/parse-scenario.js';
import { ELIGIBLE, INCOMPLETE, NOT_SCREENED, type ScreeningPool, strataOf } from '../trial/screening-pool.js';
import type { KeptParticipants } from '../trial/simulate-twin-trial.js';
import type { TwinTrialResults } from '../trial/twin-results.js';
import type { AnalysisPlan, TwinSetup } from '../trial/twin-setup.js';

/** How often screened patients failed one criterion. */
export interface CriterionFailure {
  readonly criterion: string;
  readonly label: string;
  /** Per trial, screened patients failing it (mean over trials). */
  readonly perTrial: McEstimate;
  /** Share of the screened. */
  readonly share: number;
}

/** Operating characteristics and screening yield of one scenario. */
export interface TwinScenarioSummary {
  readonly scenario: string;
  /** The swept parameter's value (power curve), if any. */
  readonly x: number | undefined;
  readonly effects: Effects;
  readonly isNull: boolean;
  readonly trials: number;
  /** P(the primary analysis succeeds): type I error in the null scenario, power otherwise. */
  readonly power: McEstimate;
  /** Trials whose analysis could not run (no events, no convergence): counted as no success. */
  readonly failedAnalyses: number;
  /** Mean and spread of the first active arm's effect estimate (see the protocol's `estimate`). */
  readonly estimate: { readonly mean: McEstimate; readonly sd: number };
  readonly arms: readonly {
    readonly arm: string;
    readonly patients: McEstimate;
    /** Primary events per participant (infections, responders, measured lymphocyte responses). */
    readonly eventRate: McEstimate;
    /** Deaths by the endpoint's horizon per participant. */
    readonly mortality: McEstimate;
  }[];
  /** The screening funnel per trial. */
  readonly screening: {
    readonly admissions: McEstimate;
    readonly screened: McEstimate;
    readonly randomized: number;
    readonly incomplete: McEstimate;
    /** Randomized among screened. */
    readonly yield: McEstimate;
    readonly accrualDays: McEstimate;
    /** Quantiles (10, 50, 90%) of screened patients and of accrual days per trial. */
    readonly screenedQuantiles: readonly { readonly probability: number; readonly value: number }[];
    readonly accrualQuantiles: readonly { readonly probability: number; readonly value: number }[];
  };
  readonly failures: readonly CriterionFailure[];
  /** Per trial: patients screened (for the sample-size plot). */
  readonly screenedPerTrial: readonly number[];
}

/** A whole twin run (`immunotrial simulate --protocol`). */
export interface TwinSummary {
  readonly kind: 'twin';
  readonly protocol: {
    readonly id: string;
    readonly acronym: string;
    readonly version: string;
    readonly endpoint: string;
    readonly endpointLabel: string;
    readonly derivation: string;
    readonly analysis: string;
    readonly estimate: string;
    readonly sampleSize: number;
    /** Days from randomization to the primary endpoint's assessment. */
    readonly horizonDays: number;
    readonly arms: readonly string[];
    readonly control: string;
  };
  readonly model: string;
  readonly seed: number;
  readonly trials: number;
  readonly accrual: TwinScenarioSet['accrual'];
  readonly pool: {
    readonly admissions: number;
    readonly screened: number;
    readonly eligible: number;
    readonly incomplete: number;
    readonly screenings: number;
    readonly failures: readonly {
      readonly criterion: string;
      readonly label: string;
      readonly count: number;
      readonly share: number;
    }[];
    readonly strata: Readonly<Record<string, number>>;
  };
  readonly sweep: string | undefined;
  readonly scenarios: readonly TwinScenarioSummary[];
  /** One simulated trial's participants (trial 0 of the last scenario), for curves. */
  readonly example: { readonly scenario: string; readonly participants: KeptParticipants } | undefined;
}

function proportion(events: number, n: number): McEstimate {
  const p = n === 0 ? Number.NaN : events / n;
  return { value: p, mcse: n === 0 ? Number.NaN : Math.sqrt((p * (1 - p)) / n) };
}

function meanOf(values: ArrayLike<number>): McEstimate {
  const n = values.length;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i] ?? Number.NaN;
    if (Number.isFinite(v)) {
      sum += v;
      count++;
    }
  }
  const mean = count === 0 ? Number.NaN : sum / count;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i] ?? Number.NaN;
    if (Number.isFinite(v)) ss += (v - mean) ** 2;
  }
  return { value: mean, mcse: count < 2 ? Number.NaN : Math.sqrt(ss / (count - 1) / count) };
}

function quantiles(values: ArrayLike<number>): { probability: number; value: number }[] {
  const sorted = Float64Array.from(values).sort();
  return [0.1, 0.5, 0.9].map((probability) => {
    // Type 7 quantile (R's default): linear between order statistics.
    const h = (sorted.length - 1) * probability;
    const lo = Math.floor(h);
    const a = sorted[lo] ?? Number.NaN;
    const b = sorted[Math.min(sorted.length - 1, lo + 1)] ?? a;
    return { probability, value: a + (h - lo) * (b - a) };
  });
}

function describeAnalysis(a: AnalysisPlan): { analysis: string; estimate: string } {
  switch (a.kind) {
    case 'fine_gray':
      return {
        analysis: `Fine-Gray subdistribution hazards, arm as covariate, Wald test at two-sided alpha ${a.alpha}`,
        estimate: 'log subdistribution hazard ratio (active vs control)',
      };
    case 'bayes_log_hr':
      return {
        analysis: `Fine-Gray log hazard ratio with a normal(${a.priorMean}, ${a.priorSd}) prior; success when P(HR < 1) > ${a.threshold}`,
        estimate: 'log subdistribution hazard ratio (active vs control)',
      };
    case 'proportions':
      return {
        analysis: `two-sample test of proportions (chi-square) at two-sided alpha ${a.alpha}`,
        estimate: 'difference in proportions (active - control)',
      };
    case 'welch':
      return {
        analysis: `Welch t-test of each active arm against control, Bonferroni over the active arms, two-sided alpha ${a.alpha}`,
        estimate: 'difference in mean % change (first active arm - control)',
      };
  }
}

/**
 * Summarises a twin run: the pool's screening by the real engine, and per scenario the power (or type I
 * error), the effect estimate, per-arm event and death rates, and the screening funnel per trial, each with
 * its Monte Carlo standard error.
 * @param setup - The compiled protocol.
 * @param scenarios - The scenarios.
 * @param settings - Seed and trials.
 * @param pool - The screening pool.
 * @param results - Per scenario, all trials.
 * @param example - One trial's participants.
 */
export function summariseTwin(
  setup: TwinSetup,
  scenarios: TwinScenarioSet,
  settings: TwinRunSettings,
  pool: ScreeningPool,
  results: readonly TwinTrialResults[],
  example: TwinSummary['example'],
): TwinSummary {
  const labels = new Map(setup.loaded.eligibility.criteria.map((c) => [c.id, c.label ?? c.id]));
  let screened = 0;
  let incomplete = 0;
  let screenings = 0;
  const failCounts = new Array<number>(setup.criteria.length).fill(0);
  for (let i = 0; i < pool.count; i++) {
    const o = pool.outcome[i] ?? NOT_SCREENED;
    screenings += pool.screenings[i] ?? 0;
    if (o === NOT_SCREENED) continue;
    screened++;
    if (o === INCOMPLETE) incomplete++;
    const bits = pool.failed[i] ?? 0;
    for (let c = 0; c < setup.criteria.length; c++)
      if (((bits >>> c) & 1) === 1) failCounts[c] = (failCounts[c] ?? 0) + 1;
  }
  const strataNames = strataOf(setup);
  const strata: Record<string, number> = {};
  for (let k = 0; k < pool.eligibleCount; k++) {
    const code = pool.stratum[k] ?? 0;
    if (code > 0) {
      const name = strataNames[code - 1] ?? String(code);
      strata[name] = (strata[name] ?? 0) + 1;
    }
  }
  let eligible = 0;
  for (let i = 0; i < pool.count; i++) if (pool.outcome[i] === ELIGIBLE) eligible++;
  const arms = setup.design.arms;
  const described = describeAnalysis(setup.analysis);
  return {
    kind: 'twin',
    protocol: {
      id: setup.protocol.id,
      acronym: setup.protocol.acronym,
      version: setup.protocol.version,
      endpoint: setup.endpoint.id,
      endpointLabel: setup.endpoint.label,
      derivation: setup.derivation,
      analysis: described.analysis,
      estimate: described.estimate,
      sampleSize: setup.sampleSize,
      horizonDays: setup.horizonDays,
      arms,
      control: arms[setup.control] ?? '',
    },
    model: setup.modelName,
    seed: settings.seed,
    trials: settings.trials,
    accrual: scenarios.accrual,
    pool: {
      admissions: pool.count,
      screened,
      eligible,
      incomplete,
      screenings,
      failures: setup.criteria
        .map((criterion, c) => ({
          criterion,
          label: labels.get(criterion) ?? criterion,
          count: failCounts[c] ?? 0,
          share: screened === 0 ? 0 : (failCounts[c] ?? 0) / screened,
        }))
        .filter((f) => f.count > 0)
        .sort((a, b) => b.count - a.count),
      strata,
    },
    sweep: scenarios.sweep,
    scenarios: results.map((r, s) => {
      const scenario = scenarios.scenarios[s];
      const e = scenario?.effects;
      const isNull =
        e === undefined ||
        (e.ifnLogFold === 0 &&
          e.ifnLogHr === 0 &&
          e.anakinraSofaPerDay === 0 &&
          e.ifnSofaPerDay === 0 &&
          e.il7LogFold === 0);
      const successes = r.success.reduce((a, b) => a + b, 0);
      const failed = r.failedAnalysis.reduce((a, b) => a + b, 0);
      const estimate = meanOf(r.estimate);
      const finite = Array.from(r.estimate).filter(Number.isFinite);
      const sd = finite.length < 2 ? Number.NaN : estimate.mcse * Math.sqrt(finite.length);
      const perArm = (a: number, column: Int32Array): Float64Array =>
        Float64Array.from({ length: r.trials }, (_, t) => {
          const n = r.armN[t * r.arms + a] ?? 0;
          return n === 0 ? Number.NaN : (column[t * r.arms + a] ?? 0) / n;
        });
      const screenedTotal = r.screened.reduce((a, b) => a + b, 0);
      const randomizedTotal = r.eligible.reduce((a, b) => a + b, 0);
      return {
        scenario: scenario?.name ?? String(s),
        x: scenario?.x,
        effects: scenario?.written ?? {},
        isNull,
        trials: r.trials,
        power: proportion(successes, r.trials),
        failedAnalyses: failed,
        estimate: { mean: estimate, sd },
        arms: arms.map((arm, a) => ({
          arm,
          patients: meanOf(Float64Array.from({ length: r.trials }, (_, t) => r.armN[t * r.arms + a] ?? 0)),
          eventRate: meanOf(perArm(a, r.armEvents)),
          mortality: meanOf(perArm(a, r.armDeaths)),
        })),
        screening: {
          admissions: meanOf(r.arrivals),
          screened: meanOf(r.screened),
          randomized: setup.sampleSize,
          incomplete: meanOf(r.incomplete),
          yield: proportion(randomizedTotal, screenedTotal),
          accrualDays: meanOf(r.accrualDays),
          screenedQuantiles: quantiles(r.screened),
          accrualQuantiles: quantiles(r.accrualDays),
        },
        failures: setup.criteria
          .map((criterion, c) => {
            const perTrial = Float64Array.from(
              { length: r.trials },
              (_, t) => r.failures[t * r.criteria + c] ?? 0,
            );
            const total = perTrial.reduce((a, b) => a + b, 0);
            return {
              criterion,
              label: labels.get(criterion) ?? criterion,
              perTrial: meanOf(perTrial),
              share: screenedTotal === 0 ? 0 : total / screenedTotal,
            };
          })
          .filter((f) => f.perTrial.value > 0)
          .sort((a, b) => b.perTrial.value - a.perTrial.value),
        screenedPerTrial: Array.from(r.screened),
      };
    }),
    example,
  };
}
