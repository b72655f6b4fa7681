/**
 * Sufficient statistics of a trial in progress, per arm, in typed arrays reused from trial to trial.
 * For time-to-event designs `effect` and `effectSe` hold the log-rank (Peto) log hazard ratio of each
 * arm against control and its standard error at the current look.
 */
export interface ArmState {
  /** Patients with an outcome. */
  readonly n: Float64Array;
  /** Events (binary), sum of outcomes (continuous) or of counts (count). */
  readonly sum: Float64Array;
  /** Sum of squared outcomes (continuous). */
  readonly sumSq: Float64Array;
  readonly effect: Float64Array;
  readonly effectSe: Float64Array;
  /** 1 while the arm still randomizes patients. */
  readonly active: Uint8Array;
  /** Current allocation probability of each arm. */
  readonly share: Float64Array;
  /** Cumulative shares of the active arms scaled to [0, 2^32], for {@link armOf} (see {@link updateCuts}). */
  readonly cuts: Float64Array;
}

/**
 * Buffers for `arms` arms.
 * @param arms - Number of arms.
 */
export function createArmState(arms: number): ArmState {
  return {
    n: new Float64Array(arms),
    sum: new Float64Array(arms),
    sumSq: new Float64Array(arms),
    effect: new Float64Array(arms),
    effectSe: new Float64Array(arms),
    active: new Uint8Array(arms),
    share: new Float64Array(arms),
    cuts: new Float64Array(arms),
  };
}

/**
 * Clears the statistics and sets the starting allocation, every arm active.
 * @param state - Buffers to reset.
 * @param initial - Allocation probability of each arm before the first look.
 */
export function resetArmState(state: ArmState, initial: readonly number[]): void {
  state.n.fill(0);
  state.sum.fill(0);
  state.sumSq.fill(0);
  state.effect.fill(NaN);
  state.effectSe.fill(NaN);
  state.active.fill(1);
  for (let k = 0; k < state.share.length; k++) state.share[k] = initial[k] ?? 0;
  updateCuts(state);
}

/**
 * Recomputes the cumulative cut points after the shares or the active arms change: arm k gets the
 * 32-bit draws in [cuts[k-1], cuts[k]), its share of the active arms' total (an inactive arm, none).
 * @param state - Shares and active flags; receives cuts.
 */
export function updateCuts(state: ArmState): void {
  const { share, active, cuts } = state;
  let total = 0;
  for (let k = 0; k < share.length; k++) if (active[k] === 1) total += share[k] ?? 0;
  let acc = 0;
  for (let k = 0; k < share.length; k++) {
    if (active[k] === 1) acc += share[k] ?? 0;
    cuts[k] = (acc / total) * 4294967296;
  }
  // Rounding must not leave the top draws without an arm, nor give them to an inactive one.
  let last = share.length - 1;
  while (last > 0 && active[last] !== 1) last--;
  for (let k = last; k < share.length; k++) cuts[k] = Infinity;
}

/**
 * The arm of a uniform 32-bit draw u (simple randomization with the current shares).
 * @param cuts - From {@link updateCuts}.
 * @param u - A uniform integer in [0, 2^32).
 */
export function armOf(cuts: Float64Array, u: number): number {
  let k = 0;
  while (u >= (cuts[k] ?? Infinity)) k++;
  return k;
}
