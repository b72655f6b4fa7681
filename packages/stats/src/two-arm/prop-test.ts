import { chiSquareCdf } from '../distributions/chi-square.js';
import { normalCdf, normalQuantile } from '../distributions/normal.js';
import { type Alternative, assertAlternative, assertCell, assertConfLevel } from './alternative.js';

/** Events and sample size of one arm. */
export interface ArmCount {
  readonly events: number;
  readonly n: number;
}

/** Options of {@link propTest}, as R's prop.test; note `correct` defaults to false here (issue 3). */
export interface PropTestOptions {
  readonly alternative?: Alternative;
  readonly confLevel?: number;
  /** Yates' continuity correction (R's default is TRUE; this function's default is false). */
  readonly correct?: boolean;
}

/** Result of {@link propTest}. */
export interface PropTestResult {
  /** Pearson chi-square statistic (X-squared), df = 1. */
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
  /** Proportions of the two arms. */
  readonly estimate: readonly [number, number];
  /** CI of p1 - p2 (Wald, with the continuity term when correct), clipped to [-1, 1] as R does. */
  readonly confInt: readonly [number, number];
  readonly confLevel: number;
  readonly alternative: Alternative;
  readonly correct: boolean;
}

/** Throws unless each arm has 0 <= events <= n and n >= 1. */
export function assertArmCount(arm: ArmCount, label: string, where: string): void {
  assertCell(arm.events, `${label}.events`, where);
  assertCell(arm.n, `${label}.n`, where);
  if (arm.n === 0) throw new RangeError(`${where}: ${label} is empty (n = 0)`);
  if (arm.events > arm.n)
    throw new RangeError(`${where}: ${label}.events (${arm.events}) exceeds n (${arm.n})`);
}

/**
 * Test of equal proportions in two arms, as R's prop.test(x, n): the Pearson chi-square of the 2x2
 * table (with Yates' correction min(0.5, |p1 - p2| / (1/n1 + 1/n2)) when `correct`), and the Wald
 * interval of p1 - p2. One-sided p-values use the signed square root of the statistic.
 * @param arm1 - Events and n of the first arm (the estimate is p1 - p2).
 * @param arm2 - Events and n of the second arm.
 * @param options - alternative ('two.sided'), confLevel (0.95), correct (false).
 * @throws RangeError if an arm is empty or has more events than patients, or pooled p is 0 or 1.
 * @example propTest({ events: 15, n: 50 }, { events: 25, n: 50 }).pValue // => 0.04122683334
 */
export function propTest(arm1: ArmCount, arm2: ArmCount, options: PropTestOptions = {}): PropTestResult {
  const where = 'propTest';
  const alternative = options.alternative ?? 'two.sided';
  const confLevel = options.confLevel ?? 0.95;
  const correct = options.correct ?? false;
  assertAlternative(alternative, where);
  assertConfLevel(confLevel, where);
  assertArmCount(arm1, 'arm1', where);
  assertArmCount(arm2, 'arm2', where);
  const x = [arm1.events, arm2.events] as const;
  const n = [arm1.n, arm2.n] as const;
  const p1 = x[0] / n[0];
  const p2 = x[1] / n[1];
  const pooled = (x[0] + x[1]) / (n[0] + n[1]);
  if (pooled === 0 || pooled === 1) {
    throw new RangeError(
      `${where}: all patients have the same outcome (pooled proportion ${pooled}); the chi-square statistic is undefined`,
    );
  }
  const delta = p1 - p2;
  const sumInvN = 1 / n[0] + 1 / n[1];
  const yates = Math.min(correct ? 0.5 : 0, Math.abs(delta) / sumInvN);
  const z = alternative === 'two.sided' ? normalQuantile((1 + confLevel) / 2) : normalQuantile(confLevel);
  const width = z * Math.sqrt((p1 * (1 - p1)) / n[0] + (p2 * (1 - p2)) / n[1]) + yates * sumInvN;
  const confInt: [number, number] =
    alternative === 'two.sided'
      ? [Math.max(delta - width, -1), Math.min(delta + width, 1)]
      : alternative === 'less'
        ? [-1, Math.min(delta + width, 1)]
        : [Math.max(delta - width, -1), 1];
  let statistic = 0;
  for (let i = 0; i < 2; i++) {
    const ni = n[i] ?? 0;
    const xi = x[i] ?? 0;
    const e1 = ni * pooled;
    const e0 = ni * (1 - pooled);
    statistic += (Math.abs(xi - e1) - yates) ** 2 / e1 + (Math.abs(ni - xi - e0) - yates) ** 2 / e0;
  }
  let pValue: number;
  if (alternative === 'two.sided') pValue = chiSquareCdf(statistic, 1, 'upper');
  else {
    const zStat = Math.sign(delta) * Math.sqrt(statistic);
    pValue = normalCdf(zStat, 0, 1, alternative === 'less' ? 'lower' : 'upper');
  }
  return { statistic, df: 1, pValue, estimate: [p1, p2], confInt, confLevel, alternative, correct };
}
