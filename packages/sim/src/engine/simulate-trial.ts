import type { RandomSource } from '@immunotrial/stats';
import type { CompiledDesign } from '../design/compiled-design.js';
import { updateShares } from './adaptive-allocation.js';
import { type ArmState, armOf, createArmState, resetArmState, updateCuts } from './arm-state.js';
import {
  armPosterior,
  effectEstimate,
  effectPosterior,
  probabilityBetterExact,
  zBenefit,
} from './compare-arms.js';
import { createDifferenceWorkspace } from './beta-difference.js';
import { DrawSampler } from './draw-sampler.js';
import { drawArmPosteriors, mcNormalBetter, mcProbabilityBest, mcProbabilityBetter } from './mc-posterior.js';
import {
  type BestWorkspace,
  createBestWorkspace,
  type PosteriorFamily,
  probabilityBest,
} from './probability-best.js';
import {
  countAt,
  createTteWorkspace,
  drawArrivals,
  drawPatients,
  logRankEffect,
  timeOfEvent,
  type TteWorkspace,
} from './time-to-event.js';
import { Decision, type TrialResults } from './trial-results.js';
import { randomPoisson } from './variates.js';
import { randomNormal } from '@immunotrial/stats';

const FAMILY: Readonly<Record<CompiledDesign['outcome'], PosteriorFamily>> = {
  binary: 'beta',
  count: 'gamma',
  continuous: 'normal',
  time_to_event: 'normal',
};

/**
 * Simulates whole trials of one compiled design, one at a time, into typed-array results. Pure: each
 * trial's randomness comes from the stream it is given; the buffers are reused, so memory does not grow
 * with the number of trials.
 * @example
 * const sim = new TrialSimulator(design, 0);
 * const out = allocateResults(1, design.arms.length);
 * sim.run(0, trialStream(1, 0, 0), out, 0);
 */
export class TrialSimulator {
  private readonly design: CompiledDesign;
  private readonly mcDraws: number;
  private readonly s: ArmState;
  private readonly family: PosteriorFamily;
  private readonly params: Float64Array;
  private readonly best: Float64Array;
  private readonly bestWs: BestWorkspace;
  private readonly draws: Float64Array;
  private readonly tte: TteWorkspace | undefined;
  private readonly eventCuts: Float64Array;
  /** Posterior draws (--mc-draws). */
  private readonly sampler = new DrawSampler();
  /** Binary patients' arms and events. */
  private readonly patients = new DrawSampler();
  private readonly differenceWs = createDifferenceWorkspace();

  /**
   * @param design - The compiled design.
   * @param mcDraws - 0 for exact posterior probabilities; otherwise posterior draws per arm and look.
   */
  constructor(design: CompiledDesign, mcDraws: number) {
    const arms = design.arms.length;
    this.design = design;
    this.mcDraws = mcDraws;
    this.s = createArmState(arms);
    this.family = FAMILY[design.outcome];
    this.params = new Float64Array(2 * arms);
    this.best = new Float64Array(arms);
    this.bestWs = createBestWorkspace(arms);
    this.draws = new Float64Array(mcDraws * arms);
    this.eventCuts = new Float64Array(arms);
    this.tte = design.outcome === 'time_to_event' ? createTteWorkspace(design.maxPatients) : undefined;
  }

  /**
   * Simulates one trial of a scenario and writes its row of results.
   * @param scenario - Scenario index.
   * @param rng - The trial's stream (see trialStream).
   * @param out - Results to write.
   * @param row - Row of this trial in `out`.
   */
  run(scenario: number, rng: RandomSource, out: TrialResults, row: number): void {
    const d = this.design;
    const values = d.scenarios[scenario]?.values ?? [];
    const initial = d.allocation.kind === 'fixed' ? d.allocation.probabilities : d.allocation.initial;
    resetArmState(this.s, initial);
    // Both fast streams are seeded in every mode, so that a trial's data are the same with exact and with
    // sampled posteriors: only the decisions near a threshold can differ.
    this.patients.seedFrom(rng);
    this.sampler.seedFrom(rng);
    const arms = d.arms.length;
    for (let k = 0; k < arms; k++) {
      out.armDecision[row * arms + k] = Decision.none;
      out.estimate[row * arms + k] = NaN;
    }
    // P(event) as a 32-bit cut: an event when a uniform 32-bit draw falls below it.
    for (let k = 0; k < arms; k++) this.eventCuts[k] = (values[k] ?? 0) * 4294967296;
    if (this.tte !== undefined) this.runEvents(this.tte, values, rng, out, row);
    else this.runPatients(values, rng, out, row);
  }

  private runPatients(values: readonly number[], rng: RandomSource, out: TrialResults, row: number): void {
    const d = this.design;
    let enrolled = 0;
    for (let look = 0; look < d.looks.length; look++) {
      const target = d.looks[look] ?? 0;
      if (d.outcome === 'binary') {
        this.patients.enrolBinary(this.s.cuts, this.eventCuts, this.s.n, this.s.sum, target - enrolled);
      } else enrolMeasured(this.s, values, d.outcome === 'count', d.sd, rng, target - enrolled);
      enrolled = target;
      if (this.analyse(look, out, row, enrolled)) return;
      if (d.allocation.kind === 'adaptive') {
        if (this.probabilityBest())
          updateShares(
            d.allocation,
            this.best,
            this.s.active,
            d.control,
            enrolled,
            d.maxPatients,
            this.s.share,
          );
      }
      updateCuts(this.s);
    }
  }

  private runEvents(
    ws: TteWorkspace,
    values: readonly number[],
    rng: RandomSource,
    out: TrialResults,
    row: number,
  ): void {
    const d = this.design;
    const hazards = values.map((median) => Math.LN2 / median);
    drawArrivals(ws, rng, d.accrualRate);
    drawPatients(ws, this.s, hazards, rng, 0);
    for (let look = 0; look < d.looks.length; look++) {
      const tau = timeOfEvent(ws, d.looks[look] ?? 1);
      const enrolled = countAt(ws, this.s, tau);
      for (let k = 0; k < d.arms.length; k++) {
        if (k !== d.control && this.s.active[k] === 1) logRankEffect(ws, this.s, tau, k, d.control);
      }
      const activeBefore = this.s.active.reduce((a, v) => a + v, 0);
      if (this.analyse(look, out, row, enrolled)) return;
      // Patients arriving after an arm is dropped are randomized among the arms that remain.
      if (this.s.active.reduce((a, v) => a + v, 0) < activeBefore) {
        updateCuts(this.s);
        drawPatients(ws, this.s, hazards, rng, enrolled);
      }
    }
  }

  /** Probability that arm k beats the control by more than margin, exactly or from posterior draws. */
  private probabilityBetter(k: number, margin: number): number {
    const d = this.design;
    if (this.mcDraws === 0) return probabilityBetterExact(d, this.s, k, margin, this.differenceWs);
    if (this.family === 'normal') {
      const post = effectPosterior(d, this.s, k);
      if (!Number.isFinite(post.sd)) return 0.5;
      return mcNormalBetter(this.sampler, post.mean, post.sd, this.mcDraws, d.lowerIsBetter, margin);
    }
    return mcProbabilityBetter(
      this.draws,
      k,
      d.control,
      this.mcDraws,
      d.lowerIsBetter,
      margin,
      this.family === 'gamma',
    );
  }

  private fillParams(): void {
    for (let k = 0; k < this.design.arms.length; k++) {
      const [p, q] = armPosterior(this.design, this.s, k);
      this.params[2 * k] = p;
      this.params[2 * k + 1] = q;
    }
  }

  /** P(best) of each active arm into this.best; false (shares kept) while an arm has no posterior yet. */
  private probabilityBest(): boolean {
    this.fillParams();
    for (let k = 0; k < this.design.arms.length; k++) {
      // A continuous arm needs two patients for its SD; a mean of no patients is NaN.
      const p = this.params[2 * k + 1] ?? NaN;
      if (
        this.s.active[k] === 1 &&
        !(p > 0 && Number.isFinite(p) && Number.isFinite(this.params[2 * k] ?? NaN))
      )
        return false;
    }
    const lower = this.design.lowerIsBetter;
    if (this.mcDraws === 0) {
      probabilityBest(this.family, this.params, this.s.active, lower, this.best, this.bestWs);
      return true;
    }
    drawArmPosteriors(this.family, this.params, this.s.active, this.sampler, this.mcDraws, this.draws);
    mcProbabilityBest(this.draws, this.s.active, this.mcDraws, lower, this.best);
    return true;
  }

  /** Applies the stopping rules at a look; returns true (and writes the row) when the trial ends. */
  private analyse(look: number, out: TrialResults, row: number, enrolled: number): boolean {
    const d = this.design;
    const { active } = this.s;
    const arms = d.arms.length;
    const last = look === d.looks.length - 1;
    if (this.mcDraws > 0 && this.family !== 'normal' && d.rule.kind === 'bayesian') {
      this.fillParams();
      drawArmPosteriors(this.family, this.params, active, this.sampler, this.mcDraws, this.draws);
    }
    let superior = false;
    let dropped: number = Decision.none;
    let remaining = 0;
    for (let k = 0; k < arms; k++) {
      if (k === d.control || active[k] !== 1) continue;
      out.estimate[row * arms + k] = effectEstimate(d, this.s, k);
      const decision = this.decide(k, look);
      out.armDecision[row * arms + k] = decision;
      if (decision === Decision.superiority) superior = true;
      else if (decision !== Decision.none) {
        active[k] = 0;
        dropped = decision;
      } else remaining++;
    }
    if (!superior && remaining > 0 && !last) return false;
    out.decision[row] = superior ? Decision.superiority : remaining === 0 ? dropped : Decision.none;
    out.stopLook[row] = look;
    out.sampleSize[row] = enrolled;
    let events = 0;
    for (let k = 0; k < arms; k++) {
      out.armN[row * arms + k] = this.s.n[k] ?? 0;
      events += d.outcome === 'continuous' ? 0 : (this.s.sum[k] ?? 0);
    }
    out.events[row] = events;
    return true;
  }

  private decide(k: number, look: number): number {
    const rule = this.design.rule;
    if (rule.kind === 'group_sequential') {
      const z = zBenefit(this.design, this.s, k);
      if (z >= (rule.criticalValues[look] ?? Infinity)) return Decision.superiority;
      const interim = look < this.design.looks.length - 1;
      return interim && z < rule.futilityZ ? Decision.futility : Decision.none;
    }
    const p = this.probabilityBetter(k, 0);
    if (p > (rule.superiority[look] ?? Infinity)) return Decision.superiority;
    if (p < (rule.inferiority[look] ?? -Infinity)) return Decision.inferiority;
    const futility = rule.futility[look] ?? -Infinity;
    if (futility === -Infinity) return Decision.none;
    // P(better by a margin) <= P(better): below the threshold already, no need to compute it.
    const pm = rule.futilityMargin > 0 && p >= futility ? this.probabilityBetter(k, rule.futilityMargin) : p;
    return pm < futility ? Decision.futility : Decision.none;
  }
}

/** Enrols `count` patients with a normal (mean, sd) or Poisson (mean) outcome. */
function enrolMeasured(
  s: ArmState,
  values: readonly number[],
  poisson: boolean,
  sd: number,
  rng: RandomSource,
  count: number,
): void {
  const { n, sum, sumSq, cuts } = s;
  for (let i = 0; i < count; i++) {
    const k = armOf(cuts, rng.nextUint32());
    const truth = values[k] ?? NaN;
    const y = poisson ? randomPoisson(rng, truth) : truth + sd * randomNormal(rng);
    n[k] = (n[k] ?? 0) + 1;
    sum[k] = (sum[k] ?? 0) + y;
    sumSq[k] = (sumSq[k] ?? 0) + y * y;
  }
}
