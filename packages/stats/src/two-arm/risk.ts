import { normalQuantile } from '../distributions/normal.js';
import { assertConfLevel } from './alternative.js';
import { type ArmCount, assertArmCount } from './prop-test.js';

/** An estimate with a two-sided confidence interval. */
export interface IntervalEstimate {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly confLevel: number;
}

/**
 * Risk difference p1 - p2 with the Wald interval (p1 - p2) +- z sqrt(p1 q1 / n1 + p2 q2 / n2)
 * (Agresti 2002, section 3.1.2), not clipped to [-1, 1] (prop.test(correct = FALSE) clips).
 * @param arm1 - Events and n of the first (e.g. treatment) arm.
 * @param arm2 - Events and n of the second (control) arm.
 * @param confLevel - Two-sided confidence level (default 0.95).
 * @throws RangeError if an arm is empty or has more events than patients.
 * @example riskDifference({ events: 15, n: 50 }, { events: 25, n: 50 }).estimate // => -0.2
 */
export function riskDifference(arm1: ArmCount, arm2: ArmCount, confLevel = 0.95): IntervalEstimate {
  const where = 'riskDifference';
  assertArmCount(arm1, 'arm1', where);
  assertArmCount(arm2, 'arm2', where);
  assertConfLevel(confLevel, where);
  const p1 = arm1.events / arm1.n;
  const p2 = arm2.events / arm2.n;
  const z = normalQuantile((1 + confLevel) / 2);
  const se = Math.sqrt((p1 * (1 - p1)) / arm1.n + (p2 * (1 - p2)) / arm2.n);
  return { estimate: p1 - p2, lower: p1 - p2 - z * se, upper: p1 - p2 + z * se, confLevel };
}

/**
 * Relative risk p1 / p2 with the log-scale (Katz) interval exp(log RR +- z se), where
 * se = sqrt(1/x1 - 1/n1 + 1/x2 - 1/n2) (Katz et al. 1978; Agresti 2002, section 3.1.4).
 * @param arm1 - Events and n of the first (e.g. treatment) arm.
 * @param arm2 - Events and n of the second (control) arm.
 * @param confLevel - Two-sided confidence level (default 0.95).
 * @throws RangeError if an arm is empty, or an arm has no events (log RR and its SE are undefined).
 * @example relativeRisk({ events: 15, n: 50 }, { events: 25, n: 50 }).estimate // => 0.6
 */
export function relativeRisk(arm1: ArmCount, arm2: ArmCount, confLevel = 0.95): IntervalEstimate {
  const where = 'relativeRisk';
  assertArmCount(arm1, 'arm1', where);
  assertArmCount(arm2, 'arm2', where);
  assertConfLevel(confLevel, where);
  if (arm1.events === 0 || arm2.events === 0) {
    throw new RangeError(
      `${where}: ${arm1.events === 0 ? 'arm1' : 'arm2'} has no events; the log relative risk and its interval are undefined`,
    );
  }
  const rr = arm1.events / arm1.n / (arm2.events / arm2.n);
  const se = Math.sqrt(1 / arm1.events - 1 / arm1.n + 1 / arm2.events - 1 / arm2.n);
  const z = normalQuantile((1 + confLevel) / 2);
  return { estimate: rr, lower: rr * Math.exp(-z * se), upper: rr * Math.exp(z * se), confLevel };
}
