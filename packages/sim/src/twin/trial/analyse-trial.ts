import { fineGray, normalLogHrPosterior, propTest, tTest } from '@immunotrial/stats';
import type { AnalysisPlan } from './twin-setup.js';

/** One trial's participants as the analysis reads them (index = participant). */
export interface TrialData {
  readonly n: number;
  /** Arm index per participant. */
  readonly arm: Int8Array;
  readonly time: Float64Array;
  readonly status: Int8Array;
  readonly binary: Int8Array;
  readonly value: Float64Array;
}

/** What the primary analysis of one trial found. */
export interface TrialAnalysis {
  readonly success: boolean;
  readonly failed: boolean;
  readonly estimate: number;
  readonly se: number;
  readonly statistic: number;
}

const FAILED: TrialAnalysis = {
  success: false,
  failed: true,
  estimate: Number.NaN,
  se: Number.NaN,
  statistic: Number.NaN,
};

function pick<T extends number>(data: TrialData, arms: readonly number[], column: ArrayLike<T>): number[] {
  const out: number[] = [];
  for (let i = 0; i < data.n; i++) if (arms.includes(data.arm[i] ?? -1)) out.push(column[i] ?? 0);
  return out;
}

/**
 * The protocol's primary analysis of one simulated trial, with the statistics package: Fine-Gray's
 * subdistribution hazard model with the arm as covariate (Wald test, PLATINIUM), the normal-normal
 * posterior of its log hazard ratio (INFINITY), a two-sample test of proportions (ImmunoSep responders),
 * or Welch's t-test of each active arm against control, Bonferroni over the active arms (IRIS-7).
 * Success means a significant or probable benefit of the (first) active arm. An analysis that cannot run
 * (no events, a coefficient going to infinity) counts as no success and is flagged.
 * @param plan - The analysis plan.
 * @param data - The trial's participants.
 * @param control - Control arm index.
 * @param active - Active arm indices (the first one's estimate is reported).
 */
export function analyseTrial(
  plan: AnalysisPlan,
  data: TrialData,
  control: number,
  active: readonly number[],
): TrialAnalysis {
  const first = active[0] ?? -1;
  try {
    switch (plan.kind) {
      case 'fine_gray':
      case 'bayes_log_hr': {
        const both = [control, first];
        const time = pick(data, both, data.time);
        const status = pick(data, both, data.status);
        const treated = pick(data, both, data.arm).map((a) => (a === first ? 1 : 0));
        const fit = fineGray(time, status, [{ name: 'arm', values: treated }]);
        const beta = fit.coefficients[0] ?? Number.NaN;
        const se = fit.se[0] ?? Number.NaN;
        if (!Number.isFinite(beta) || !(se > 0)) return FAILED;
        if (plan.kind === 'fine_gray') {
          const p = fit.pValue[0] ?? 1;
          return { success: p < plan.alpha && beta < 0, failed: false, estimate: beta, se, statistic: p };
        }
        const posterior = normalLogHrPosterior(beta, se, { mean: plan.priorMean, sd: plan.priorSd });
        return {
          success: posterior.probabilityBenefit > plan.threshold,
          failed: false,
          estimate: beta,
          se,
          statistic: posterior.probabilityBenefit,
        };
      }
      case 'proportions': {
        const count = (arm: number): { events: number; n: number } => {
          let events = 0;
          let n = 0;
          for (let i = 0; i < data.n; i++) {
            if (data.arm[i] !== arm || data.binary[i] === -1) continue;
            n++;
            if (data.binary[i] === 1) events++;
          }
          return { events, n };
        };
        const a = count(first);
        const c = count(control);
        const test = propTest(a, c);
        const diff = a.events / a.n - c.events / c.n;
        const se = Math.sqrt(
          ((a.events / a.n) * (1 - a.events / a.n)) / a.n + ((c.events / c.n) * (1 - c.events / c.n)) / c.n,
        );
        const better = plan.higherIsBetter ? diff > 0 : diff < 0;
        return {
          success: test.pValue < plan.alpha && better,
          failed: false,
          estimate: diff,
          se,
          statistic: test.pValue,
        };
      }
      case 'welch': {
        const controlValues = pick(data, [control], data.value).filter(Number.isFinite);
        let success = false;
        let report: TrialAnalysis = FAILED;
        for (const arm of active) {
          const values = pick(data, [arm], data.value).filter(Number.isFinite);
          const test = tTest(values, controlValues);
          const diff = test.estimate[0] - test.estimate[1];
          if (test.pValue < plan.alpha / active.length && diff > 0) success = true;
          if (arm === first)
            report = {
              success: false,
              failed: false,
              estimate: diff,
              se: test.stderr,
              statistic: test.pValue,
            };
        }
        return { ...report, success };
      }
    }
  } catch (error) {
    if (error instanceof RangeError) return FAILED;
    throw error;
  }
}
