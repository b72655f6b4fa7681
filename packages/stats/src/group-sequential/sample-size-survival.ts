import { normalQuantile } from '../distributions/normal.js';
import { zeroin } from '../numeric/zeroin.js';
import type { GroupSequentialDesign } from './design.js';

/** Input of {@link sampleSizeSurvival} (rpact's getSampleSizeSurvival, exponential survival). */
export type SampleSizeSurvivalInput = (
  | {
      /** Event probability by eventTime in the treatment arm. */
      readonly pi1: number;
      /** Event probability by eventTime in the control arm. */
      readonly pi2: number;
      /** Time at which pi1 and pi2 are reached (rpact's default 12). */
      readonly eventTime: number;
    }
  | {
      /** Hazard ratio treatment / control. */
      readonly hazardRatio: number;
      /** Control hazard per time unit. */
      readonly lambda2: number;
    }
) & {
  /** Accrual period [start, end], start 0 (uniform accrual), in the same time unit. */
  readonly accrualTime: readonly [number, number];
  /** Follow-up after the end of accrual. */
  readonly followUpTime: number;
  /** n1 / n2 (default 1). */
  readonly allocationRatioPlanned?: number;
};

/** Result of {@link sampleSizeSurvival}, with rpact's field names. */
export interface SampleSizeSurvivalResult {
  readonly lambda1: number;
  readonly lambda2: number;
  readonly hazardRatio: number;
  /** Schoenfeld's number of events of the fixed design. */
  readonly eventsFixed: number;
  /** Probability that a patient has the event by the end of the study. */
  readonly omega: number;
  readonly nFixed: number;
  readonly maxNumberOfEvents: number;
  /** Cumulative events at each look. */
  readonly eventsPerStage: readonly number[];
  readonly maxNumberOfSubjects: number;
  /** Calendar time (from the start of accrual) at which each look's events are expected. */
  readonly analysisTime: readonly number[];
}

/** P(event by calendar time tau) for a patient of an arm with hazard lambda, accrued uniformly on [0, a]. */
function eventFraction(tau: number, lambda: number, a: number): number {
  const m = Math.min(tau, a);
  // (1/a) integral_0^m (1 - exp(-lambda (tau - u))) du
  return (m - (Math.exp(-lambda * (tau - m)) - Math.exp(-lambda * tau)) / lambda) / a;
}

/**
 * Number of events and patients for a log-rank comparison, as rpact's getSampleSizeSurvival with
 * exponential survival, uniform accrual and no dropout: Schoenfeld's (1981) events
 * (z_{1-alpha/sided} + z_{1-beta})^2 (1 + r)^2 / (r log(HR)^2), divided by the probability of an
 * event by the end of follow-up, omega = 1 - (e^(-lambda f) - e^(-lambda (a + f))) / (lambda a)
 * averaged over arms, and inflated by the design; analysis times solve expected events = planned.
 * @param design - From groupSequentialDesign.
 * @param input - (pi1, pi2, eventTime) or (hazardRatio, lambda2); accrualTime [0, a]; followUpTime.
 * @throws RangeError on rates outside (0, 1), HR = 1 or <= 0, or non-positive times.
 * @example sampleSizeSurvival(design, { pi1: 0.3, pi2: 0.45, eventTime: 28, accrualTime: [0, 540], followUpTime: 90 })
 */
export function sampleSizeSurvival(
  design: GroupSequentialDesign,
  input: SampleSizeSurvivalInput,
): SampleSizeSurvivalResult {
  const where = 'sampleSizeSurvival';
  let lambda1: number;
  let lambda2: number;
  if ('pi1' in input) {
    const { pi1, pi2, eventTime } = input;
    if (!(pi1 > 0 && pi1 < 1)) throw new RangeError(`${where}: pi1 must be in (0, 1), got ${pi1}`);
    if (!(pi2 > 0 && pi2 < 1)) throw new RangeError(`${where}: pi2 must be in (0, 1), got ${pi2}`);
    if (!(eventTime > 0)) throw new RangeError(`${where}: eventTime must be > 0, got ${eventTime}`);
    lambda1 = -Math.log1p(-pi1) / eventTime;
    lambda2 = -Math.log1p(-pi2) / eventTime;
  } else {
    if (!(input.hazardRatio > 0))
      throw new RangeError(`${where}: hazardRatio must be > 0, got ${input.hazardRatio}`);
    if (!(input.lambda2 > 0)) throw new RangeError(`${where}: lambda2 must be > 0, got ${input.lambda2}`);
    lambda2 = input.lambda2;
    lambda1 = input.hazardRatio * lambda2;
  }
  const hazardRatio = lambda1 / lambda2;
  if (hazardRatio === 1)
    throw new RangeError(`${where}: the hazard ratio is 1; there is no effect to detect`);
  const [start, a] = input.accrualTime;
  if (start !== 0 || !(a > 0))
    throw new RangeError(`${where}: accrualTime must be [0, end] with end > 0, got [${start}, ${a}]`);
  const f = input.followUpTime;
  if (!(f >= 0 && Number.isFinite(f))) throw new RangeError(`${where}: followUpTime must be >= 0, got ${f}`);
  const r = input.allocationRatioPlanned ?? 1;
  if (!(r > 0 && Number.isFinite(r)))
    throw new RangeError(`${where}: allocationRatioPlanned must be > 0, got ${r}`);

  const zAlpha = normalQuantile(design.alpha / design.sided, 0, 1, 'upper');
  const zBeta = normalQuantile(design.beta, 0, 1, 'upper');
  const eventsFixed = ((zAlpha + zBeta) ** 2 / Math.log(hazardRatio) ** 2) * ((1 + r) ** 2 / r);
  const overall = (tau: number): number =>
    (r * eventFraction(tau, lambda1, a) + eventFraction(tau, lambda2, a)) / (1 + r);
  const end = a + f;
  const omega = overall(end);
  const nFixed = eventsFixed / omega;
  const maxNumberOfEvents = eventsFixed * design.inflationFactor;
  const maxNumberOfSubjects = nFixed * design.inflationFactor;
  const eventsPerStage = design.informationRates.map((t) => maxNumberOfEvents * t);
  const analysisTime = eventsPerStage.map((events, k) =>
    k === eventsPerStage.length - 1
      ? end
      : zeroin((tau) => maxNumberOfSubjects * overall(tau) - events, 1e-9 * end, end, 1e-10 * end).root,
  );
  return {
    lambda1,
    lambda2,
    hazardRatio,
    eventsFixed,
    omega,
    nFixed,
    maxNumberOfEvents,
    eventsPerStage,
    maxNumberOfSubjects,
    analysisTime,
  };
}
