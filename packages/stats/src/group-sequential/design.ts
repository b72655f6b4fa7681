import { normalCdf, normalQuantile } from '../distributions/normal.js';
import { zeroin } from '../numeric/zeroin.js';
import { groupSequentialProbabilities } from './probabilities.js';

/** rpact's typeOfDesign values implemented here. */
export type TypeOfDesign = 'OF' | 'P' | 'asOF' | 'asP';

/** Input of {@link groupSequentialDesign}, with rpact's argument names. */
export interface DesignInput {
  readonly kMax: number;
  /** Significance level: one-sided for sided = 1, total two-sided for sided = 2 (rpact's alpha). */
  readonly alpha?: number;
  /** Type II error rate, for the design characteristics (default 0.2). */
  readonly beta?: number;
  /** 1 or 2 (checked at run time, since it often comes from user input). */
  readonly sided?: number;
  readonly typeOfDesign?: TypeOfDesign;
  /** Cumulative information fractions (default equally spaced k / kMax); the last must be 1. */
  readonly informationRates?: readonly number[];
}

/** A group-sequential design with rpact's field names. */
export interface GroupSequentialDesign {
  readonly kMax: number;
  readonly alpha: number;
  readonly beta: number;
  readonly sided: 1 | 2;
  readonly typeOfDesign: TypeOfDesign;
  readonly informationRates: readonly number[];
  /** Efficacy boundaries in the z scale (two-sided: reject when |Z_k| >= c_k). */
  readonly criticalValues: readonly number[];
  /** Cumulative alpha spent up to each look (rpact's alphaSpent). */
  readonly alphaSpent: readonly number[];
  /** One-sided nominal level of each look, 1 - Phi(c_k) (rpact's stageLevels). */
  readonly stageLevels: readonly number[];
  /** Noncentrality (drift^2) giving power 1 - beta (rpact's getDesignCharacteristics shift). */
  readonly shift: number;
  /** Fixed-design (z_{1-alpha/sided} + z_{1-beta})^2. */
  readonly nFixed: number;
  /** shift / nFixed: maximum sample size relative to the fixed design. */
  readonly inflationFactor: number;
  /** Cumulative power at each look under the alternative (upper boundary only, as rpact). */
  readonly power: readonly number[];
  /** Probability of rejecting at each look under the alternative. */
  readonly rejectionProbabilities: readonly number[];
}

// rpact's C_FUTILITY_BOUNDS_DEFAULT: a one-sided design without futility stops below Z = -6.
const NO_FUTILITY = -6;
// Root-finding tolerance on boundaries (rpact uses bisection to 1e-8 on alpha).
const TOLERANCE = 1e-13;

/**
 * Alpha spent by information t under rpact's Lan-DeMets spending functions (Lan & DeMets 1983):
 * asOF: 2 sided (1 - Phi(z_{1 - alpha/(2 sided)} / sqrt(t))); asP: alpha log(1 + (e - 1) t).
 * @param alpha - Total significance level.
 * @param t - Information fraction in (0, 1].
 * @param sided - 1 or 2.
 * @param type - 'asOF' or 'asP'.
 * @example alphaSpending(0.025, 0.5, 1, 'asOF') // => about 0.0015
 */
export function alphaSpending(alpha: number, t: number, sided: 1 | 2, type: 'asOF' | 'asP'): number {
  if (type === 'asP') return alpha * Math.log(1 + (Math.E - 1) * t);
  return (
    2 * sided * normalCdf(normalQuantile(alpha / (2 * sided), 0, 1, 'upper') / Math.sqrt(t), 0, 1, 'upper')
  );
}

/** Continuation-region lower limits: -c_k (two-sided) or rpact's -6 in the drift-shifted scale. */
function lowerLimits(
  criticalValues: readonly number[],
  rates: readonly number[],
  sided: 1 | 2,
  drift: number,
): number[] {
  return criticalValues.map((c, i) => (sided === 2 ? -c : NO_FUTILITY + drift * Math.sqrt(rates[i] ?? 1)));
}

function size(criticalValues: readonly number[], rates: readonly number[], sided: 1 | 2): number[] {
  const lower = lowerLimits(criticalValues, rates, sided, 0);
  const p = groupSequentialProbabilities({ upper: criticalValues, lower, informationRates: rates });
  return p.upper.map((u, i) => u + (sided === 2 ? (p.lower[i] ?? 0) : 0));
}

interface CheckedInput {
  readonly kMax: number;
  readonly alpha: number;
  readonly beta: number;
  readonly sided: 1 | 2;
  readonly typeOfDesign: TypeOfDesign;
  readonly informationRates: readonly number[];
}

function checkInput(input: DesignInput): CheckedInput {
  const where = 'groupSequentialDesign';
  const { kMax } = input;
  if (!Number.isInteger(kMax) || kMax < 1 || kMax > 20)
    throw new RangeError(`${where}: kMax must be a whole number in 1..20, got ${kMax}`);
  const alpha = input.alpha ?? 0.025;
  const beta = input.beta ?? 0.2;
  const sidedInput = input.sided ?? 1;
  const typeOfDesign = input.typeOfDesign ?? 'OF';
  if (!(alpha > 0 && alpha < 0.5)) throw new RangeError(`${where}: alpha must be in (0, 0.5), got ${alpha}`);
  if (!(beta > 0 && beta < 1 - alpha))
    throw new RangeError(`${where}: beta must be in (0, 1 - alpha), got ${beta}`);
  if (sidedInput !== 1 && sidedInput !== 2)
    throw new RangeError(`${where}: sided must be 1 or 2, got ${sidedInput}`);
  const sided: 1 | 2 = sidedInput;
  if (!['OF', 'P', 'asOF', 'asP'].includes(typeOfDesign)) {
    throw new RangeError(`${where}: typeOfDesign must be OF, P, asOF or asP, got '${typeOfDesign}'`);
  }
  const informationRates = input.informationRates ?? Array.from({ length: kMax }, (_, i) => (i + 1) / kMax);
  if (informationRates.length !== kMax) {
    throw new RangeError(`${where}: informationRates has ${informationRates.length} values, kMax is ${kMax}`);
  }
  informationRates.forEach((v, i) => {
    if (!(v > (i === 0 ? 0 : (informationRates[i - 1] ?? 0)) && v <= 1)) {
      throw new RangeError(
        `${where}: informationRates must increase within (0, 1], got ${informationRates.join(', ')}`,
      );
    }
  });
  if (informationRates[kMax - 1] !== 1)
    throw new RangeError(`${where}: the last information rate must be 1, got ${informationRates[kMax - 1]}`);
  return { kMax, alpha, beta, sided, typeOfDesign, informationRates };
}

/**
 * Group-sequential design as rpact's getDesignGroupSequential + getDesignCharacteristics (Wassmer &
 * Brannath 2016, Group Sequential and Confirmatory Adaptive Designs in Clinical Trials, chapter 3):
 * O'Brien-Fleming (c_k = C / sqrt(t_k)) and Pocock (c_k = C) boundaries with C solving the total size,
 * or Lan-DeMets alpha-spending boundaries (asOF, asP) solved look by look; then the shift
 * (drift^2) giving power 1 - beta and the inflation factor shift / (z_{1-alpha/sided} + z_{1-beta})^2.
 * Boundaries are solved to 1e-13 with exact crossing probabilities (about 1e-12), where rpact
 * bisects to 1e-8 on alpha: the two agree to about 1e-7 in the boundaries.
 * @param input - kMax, alpha (0.025), beta (0.2), sided (1), typeOfDesign ('OF'), informationRates.
 * @throws RangeError on invalid arguments.
 * @example groupSequentialDesign({ kMax: 3, alpha: 0.025, typeOfDesign: 'OF' }).criticalValues // => [3.4711, 2.4544, 2.0040]
 */
export function groupSequentialDesign(input: DesignInput): GroupSequentialDesign {
  const { kMax, alpha, beta, sided, typeOfDesign, informationRates: t } = checkInput(input);
  let criticalValues: number[];
  if (typeOfDesign === 'OF' || typeOfDesign === 'P') {
    const shape = t.map((ti) => (typeOfDesign === 'OF' ? 1 / Math.sqrt(ti) : 1));
    const total = (scale: number): number =>
      size(
        shape.map((s) => s * scale),
        t,
        sided,
      ).reduce((s, v) => s + v, 0) - alpha;
    const scale = zeroin(total, 0.5, 8, TOLERANCE).root;
    criticalValues = shape.map((s) => s * scale);
  } else {
    criticalValues = [];
    for (let k = 0; k < kMax; k++) {
      const spent = alphaSpending(alpha, t[k] ?? 1, sided, typeOfDesign);
      if (k === 0) {
        criticalValues.push(normalQuantile(spent / sided, 0, 1, 'upper'));
        continue;
      }
      const rates = t.slice(0, k + 1);
      const previous = [...criticalValues];
      const excess = (c: number): number =>
        size([...previous, c], rates, sided).reduce((s, v) => s + v, 0) - spent;
      criticalValues.push(zeroin(excess, 1e-6, 8, TOLERANCE).root);
    }
  }
  const perLook = size(criticalValues, t, sided);
  const alphaSpent: number[] = [];
  perLook.reduce((s, v) => {
    alphaSpent.push(s + v);
    return s + v;
  }, 0);
  const stageLevels = criticalValues.map((c) => normalCdf(c, 0, 1, 'upper'));

  const nFixed = (normalQuantile(alpha / sided, 0, 1, 'upper') + normalQuantile(beta, 0, 1, 'upper')) ** 2;
  const rejection = (drift: number): number[] => {
    const lower = lowerLimits(criticalValues, t, sided, drift);
    return groupSequentialProbabilities({ upper: criticalValues, lower, informationRates: t }, drift).upper;
  };
  let shift = nFixed;
  if (kMax > 1) {
    const powerGap = (s: number): number => rejection(Math.sqrt(s)).reduce((a, v) => a + v, 0) - (1 - beta);
    shift = zeroin(powerGap, 0, 4 * nFixed, TOLERANCE).root;
  }
  const rejectionProbabilities = kMax > 1 ? rejection(Math.sqrt(shift)) : [1 - beta];
  const power: number[] = [];
  rejectionProbabilities.reduce((s, v) => {
    power.push(s + v);
    return s + v;
  }, 0);
  return {
    kMax,
    alpha,
    beta,
    sided,
    typeOfDesign,
    informationRates: t,
    criticalValues,
    alphaSpent,
    stageLevels,
    shift,
    nFixed,
    inflationFactor: shift / nFixed,
    power,
    rejectionProbabilities,
  };
}
