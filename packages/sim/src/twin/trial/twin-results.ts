/**
 * The per-trial results of one scenario of a twin run, in typed arrays (row = trial), so that a block of
 * trials crosses from a worker as a few buffers.
 */
export interface TwinTrialResults {
  readonly trials: number;
  readonly arms: number;
  readonly criteria: number;
  /** 1 when the trial's primary analysis succeeded (rejected the null in favour of the active arm). */
  readonly success: Uint8Array;
  /** 1 when the analysis could not run (no events, no convergence). */
  readonly failedAnalysis: Uint8Array;
  /** Effect estimate of the first active arm vs control: log subdistribution HR, risk or mean difference. */
  readonly estimate: Float64Array;
  readonly se: Float64Array;
  /** p-value (frequentist) or posterior probability of benefit (Bayesian). */
  readonly statistic: Float64Array;
  /** Per trial x arm: participants, primary events (infections, responders...), deaths by the horizon. */
  readonly armN: Int32Array;
  readonly armEvents: Int32Array;
  readonly armDeaths: Int32Array;
  /** Screening funnel per trial. */
  readonly arrivals: Int32Array;
  readonly screened: Int32Array;
  readonly eligible: Int32Array;
  readonly incomplete: Int32Array;
  /** Per trial x criterion: screened patients that failed it. */
  readonly failures: Int32Array;
  /** Days from the first ICU admission to the last randomization. */
  readonly accrualDays: Float64Array;
}

/** Empty results for `trials` trials. */
export function allocateTwinResults(trials: number, arms: number, criteria: number): TwinTrialResults {
  return {
    trials,
    arms,
    criteria,
    success: new Uint8Array(trials),
    failedAnalysis: new Uint8Array(trials),
    estimate: new Float64Array(trials),
    se: new Float64Array(trials),
    statistic: new Float64Array(trials),
    armN: new Int32Array(trials * arms),
    armEvents: new Int32Array(trials * arms),
    armDeaths: new Int32Array(trials * arms),
    arrivals: new Int32Array(trials),
    screened: new Int32Array(trials),
    eligible: new Int32Array(trials),
    incomplete: new Int32Array(trials),
    failures: new Int32Array(trials * criteria),
    accrualDays: new Float64Array(trials),
  };
}

/** Copies a block's results into a run's, at trial `start`. */
export function placeTwinResults(target: TwinTrialResults, block: TwinTrialResults, start: number): void {
  const per = (
    a: { set: (src: ArrayLike<number>, offset: number) => void },
    src: ArrayLike<number>,
    width: number,
  ): void => {
    a.set(src, start * width);
  };
  per(target.success, block.success, 1);
  per(target.failedAnalysis, block.failedAnalysis, 1);
  per(target.estimate, block.estimate, 1);
  per(target.se, block.se, 1);
  per(target.statistic, block.statistic, 1);
  per(target.armN, block.armN, target.arms);
  per(target.armEvents, block.armEvents, target.arms);
  per(target.armDeaths, block.armDeaths, target.arms);
  per(target.arrivals, block.arrivals, 1);
  per(target.screened, block.screened, 1);
  per(target.eligible, block.eligible, 1);
  per(target.incomplete, block.incomplete, 1);
  per(target.failures, block.failures, target.criteria);
  per(target.accrualDays, block.accrualDays, 1);
}

/** The buffers of a block's results (to transfer to the main thread rather than copy). */
export function twinTransferList(r: TwinTrialResults): ArrayBuffer[] {
  const arrays = [
    r.success,
    r.failedAnalysis,
    r.estimate,
    r.se,
    r.statistic,
    r.armN,
    r.armEvents,
    r.armDeaths,
    r.arrivals,
    r.screened,
    r.eligible,
    r.incomplete,
    r.failures,
    r.accrualDays,
  ];
  return arrays.map((a) => a.buffer).filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}
