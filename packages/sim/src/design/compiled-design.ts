/** The outcome of a design: what is drawn per patient and which effect is compared. */
export type OutcomeKind = 'binary' | 'continuous' | 'count' | 'time_to_event';

/** Allocation with fixed probabilities per arm (simple randomization). */
export interface FixedAllocation {
  readonly kind: 'fixed';
  /** Probability of each arm, in the order of `arms`, summing to 1. */
  readonly probabilities: readonly number[];
}

/**
 * Response-adaptive allocation, updated after each look: shares proportional to P(arm is best)^c, with
 * c = power (probability_best) or n / (2 N) (thompson, Thall & Wathen 2007); shares above `cap` are cut
 * and given to the other arms; the control keeps at least `minControl`.
 */
export interface AdaptiveAllocation {
  readonly kind: 'adaptive';
  readonly method: 'probability_best' | 'thompson';
  readonly power: number;
  readonly cap: number;
  readonly minControl: number;
  /** Probabilities before the first look. */
  readonly initial: readonly number[];
}

/** Prior of the Bayesian analysis. */
export type Prior =
  | { readonly kind: 'beta'; readonly a: number; readonly b: number }
  | { readonly kind: 'gamma'; readonly shape: number; readonly rate: number }
  /** Normal prior of the effect (mean difference or log hazard ratio); sd Infinity is flat. */
  | { readonly kind: 'normal'; readonly mean: number; readonly sd: number };

/** Bayesian stopping rules, one threshold per look (Infinity / -Infinity where a rule is off). */
export interface BayesianRule {
  readonly kind: 'bayesian';
  /** Stop an arm as superior when P(arm better than control) > superiority[look]. */
  readonly superiority: readonly number[];
  /** Drop an arm as inferior when P(arm better than control) < inferiority[look]. */
  readonly inferiority: readonly number[];
  /** Drop an arm for futility when P(better by more than margin) < futility[look]. */
  readonly futility: readonly number[];
  readonly futilityMargin: number;
}

/** Frequentist group-sequential rule: reject at look k when Z_k >= criticalValues[k] (benefit positive). */
export interface GroupSequentialRule {
  readonly kind: 'group_sequential';
  readonly alpha: number;
  readonly typeOfDesign: 'OF' | 'P' | 'asOF' | 'asP';
  readonly informationRates: readonly number[];
  readonly criticalValues: readonly number[];
  /** Non-binding futility bound on Z at interim looks (-Infinity when none). */
  readonly futilityZ: number;
}

/** One scenario: the true value of the outcome in each arm. */
export interface Scenario {
  readonly name: string;
  /** Event probability, mean, mean count or median time to event, per arm. */
  readonly values: readonly number[];
  /** True effect of each arm against control in the estimate's scale (0 for the control). */
  readonly trueEffects: readonly number[];
  /** All arms equal: its probability of declaring superiority is a type I error. */
  readonly isNull: boolean;
}

/**
 * A checked design, ready to simulate. Plain data (structured-clone safe) so that it can be sent to
 * worker threads.
 */
export interface CompiledDesign {
  readonly name: string;
  readonly outcome: OutcomeKind;
  readonly lowerIsBetter: boolean;
  readonly arms: readonly string[];
  /** Index of the control arm in `arms`. */
  readonly control: number;
  readonly allocation: FixedAllocation | AdaptiveAllocation;
  readonly prior: Prior;
  /** Within-arm SD of a continuous outcome (NaN otherwise). */
  readonly sd: number;
  /** Time-to-event: arrivals per unit of time (NaN otherwise). */
  readonly accrualRate: number;
  /** Most patients enrolled: the last look (patients) or accrual.max_patients (events). */
  readonly maxPatients: number;
  readonly lookUnit: 'patients' | 'events';
  /** Cumulative patients or events at each look. */
  readonly looks: readonly number[];
  readonly rule: BayesianRule | GroupSequentialRule;
  readonly scenarios: readonly Scenario[];
}
