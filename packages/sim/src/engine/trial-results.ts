/** How a trial, or an arm, ended. */
export const Decision = {
  /** Reached the last look without a decision. */
  none: 0,
  superiority: 1,
  inferiority: 2,
  futility: 3,
} as const;

/** Names of the decision codes, in code order. */
export const DECISION_NAMES = ['none', 'superiority', 'inferiority', 'futility'] as const;

/**
 * Results of a block of simulated trials, one row per trial, in typed arrays (struct of arrays): cheap
 * to transfer from a worker and to concatenate in trial order. Per-arm columns are row-major
 * (trial * arms + arm).
 */
export interface TrialResults {
  readonly trials: number;
  readonly arms: number;
  /** Trial-level decision code (see {@link Decision}). */
  readonly decision: Int8Array;
  /** Index of the look at which the trial ended. */
  readonly stopLook: Int8Array;
  /** Patients enrolled when the trial ended. */
  readonly sampleSize: Int32Array;
  /** Events observed at the last analysis (all outcomes: events, or the sum of counts; NaN-free). */
  readonly events: Int32Array;
  /** Patients per arm at the end. */
  readonly armN: Int32Array;
  /** Decision code per arm (the control's is always none). */
  readonly armDecision: Int8Array;
  /** Effect estimate of each arm against control at its last analysis (NaN for the control). */
  readonly estimate: Float64Array;
}

/**
 * Empty results for `trials` trials of `arms` arms.
 * @param trials - Number of trials (rows).
 * @param arms - Number of arms.
 */
export function allocateResults(trials: number, arms: number): TrialResults {
  return {
    trials,
    arms,
    decision: new Int8Array(trials),
    stopLook: new Int8Array(trials),
    sampleSize: new Int32Array(trials),
    events: new Int32Array(trials),
    armN: new Int32Array(trials * arms),
    armDecision: new Int8Array(trials * arms),
    estimate: new Float64Array(trials * arms),
  };
}

/**
 * Copies a block of results into larger results at a trial offset (blocks arrive from workers in any
 * order; placing each at its offset keeps the trial order, hence the summary, independent of them).
 * @param into - Results of all trials.
 * @param block - Results of trials offset .. offset + block.trials - 1.
 * @param offset - Index of the block's first trial.
 * @throws RangeError if the block does not fit or has another number of arms.
 */
export function placeResults(into: TrialResults, block: TrialResults, offset: number): void {
  if (block.arms !== into.arms || offset < 0 || offset + block.trials > into.trials) {
    throw new RangeError(
      `placeResults: a block of ${block.trials} trials x ${block.arms} arms does not fit at ${offset} in ${into.trials} x ${into.arms}`,
    );
  }
  into.decision.set(block.decision, offset);
  into.stopLook.set(block.stopLook, offset);
  into.sampleSize.set(block.sampleSize, offset);
  into.events.set(block.events, offset);
  into.armN.set(block.armN, offset * into.arms);
  into.armDecision.set(block.armDecision, offset * into.arms);
  into.estimate.set(block.estimate, offset * into.arms);
}
