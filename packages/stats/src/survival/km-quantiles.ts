/** A quantile of the survival time with its confidence interval (NaN where not reached). */
export interface QuantileEstimate {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

/** A survival-time quantile at probability `prob` (0.5 for the median). */
export interface SurvivalQuantile extends QuantileEstimate {
  readonly prob: number;
}

/** The curve columns that quantiles need. */
export interface SurvivalCurveColumns {
  readonly time: readonly number[];
  readonly surv: readonly number[];
  readonly lower: readonly number[];
  readonly upper: readonly number[];
}

// survival's tolerance for "the curve equals the target probability": sqrt(.Machine$double.eps).
const TOLERANCE = Math.sqrt(Number.EPSILON);

/**
 * The median as `print.survfit` reports it: the first time the curve is <= 0.5; if the curve is flat
 * at exactly 0.5 there, the midpoint between that time and the time it next drops. The limits apply
 * the same rule to the lower and upper confidence curves (Brookmeyer and Crowley 1982).
 */
export function printMedian(
  time: readonly number[],
  surv: readonly number[],
  lower: readonly number[],
  upper: readonly number[],
): QuantileEstimate {
  return {
    estimate: firstBelowHalf(surv, time),
    lower: firstBelowHalf(lower, time),
    upper: firstBelowHalf(upper, time),
  };
}

function firstBelowHalf(y: readonly number[], x: readonly number[]): number {
  let first = -1;
  for (let i = 0; i < y.length; i++) {
    const v = y[i] ?? Number.NaN;
    if (Number.isNaN(v) || !(v < 0.5 + TOLERANCE)) continue;
    if (first < 0) {
      first = i;
      if (Math.abs(v - 0.5) >= TOLERANCE) return x[i] ?? Number.NaN;
    } else if (v < (y[first] ?? 0)) {
      return ((x[first] ?? 0) + (x[i] ?? 0)) / 2;
    }
  }
  return first < 0 ? Number.NaN : (x[first] ?? Number.NaN);
}

/**
 * Quantiles of the survival time as `quantile.survfit` computes them: the smallest time with
 * 1 - S(t) >= p; where 1 - S equals p over an interval (within 1.5e-8), the midpoint of that
 * interval (or of the last event and the last follow-up time if the curve ends there). The limits
 * come from the confidence curves, as for the estimate.
 * @param curve - A Kaplan-Meier curve (or any curve with time, surv, lower, upper).
 * @param probs - Probabilities in [0, 1] (default 0.25, 0.5, 0.75).
 * @param startTime - Origin of the time axis (default 0).
 * @throws RangeError if a probability is outside [0, 1].
 * @example survivalQuantiles(kaplanMeier([1, 2, 3, 4], [1, 1, 0, 1]).curves[0], [0.5])
 *   // => [{ prob: 0.5, estimate: 3, lower: 1, upper: NaN }] (R: quantile(fit, 0.5))
 */
export function survivalQuantiles(
  curve: SurvivalCurveColumns,
  probs: readonly number[] = [0.25, 0.5, 0.75],
  startTime = 0,
): SurvivalQuantile[] {
  probs.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`probs[${i}] is ${p}; expected a probability in [0, 1]`);
  });
  const x = [startTime, ...curve.time];
  const minProb = Math.min(...probs);
  const column = (values: readonly number[]): number[] => [0, ...values.map((v) => 1 - v)];
  const estimate = findQuantiles(x, column(curve.surv), probs, minProb);
  const lower = findQuantiles(x, column(curve.lower), probs, minProb);
  const upper = findQuantiles(x, column(curve.upper), probs, minProb);
  return probs.map((prob, i) => ({
    prob,
    estimate: estimate[i] ?? Number.NaN,
    lower: lower[i] ?? Number.NaN,
    upper: upper[i] ?? Number.NaN,
  }));
}

function findQuantiles(
  x: readonly number[],
  y: readonly number[],
  probs: readonly number[],
  minProb: number,
): number[] {
  let maxY = Number.NEGATIVE_INFINITY;
  for (const v of y) if (v > maxY) maxY = v;
  if (maxY < minProb) return probs.map(() => Number.NaN);
  const xmax = x[x.length - 1] ?? Number.NaN;
  // Keep the first point of each distinct value of the cumulative distribution (NaN counts once).
  const xs: number[] = [];
  const ys: number[] = [];
  const seen = new Set<number>();
  y.forEach((v, i) => {
    if (seen.has(v)) return;
    seen.add(v);
    xs.push(x[i] ?? Number.NaN);
    ys.push(v);
  });
  const last = ys[ys.length - 1] ?? Number.NaN;
  return probs.map((p) => {
    if (p === 0) return xs[0] ?? Number.NaN;
    const i1 = firstAtLeast(ys, p, -TOLERANCE);
    const i2 = firstAtLeast(ys, p, TOLERANCE);
    if (!Number.isNaN(last) && Math.abs(p - last) < TOLERANCE) {
      return i1 < 0 ? Number.NaN : ((xs[i1] ?? 0) + xmax) / 2;
    }
    if (i1 < 0 || i2 < 0) return Number.NaN;
    return ((xs[i1] ?? 0) + (xs[i2] ?? 0)) / 2;
  });
}

/**
 * R's `approx(y - shift, seq_along(y), p, method = "constant", f = 1)`: the first index whose
 * (non-NaN) y is >= p + shift, or -1 when p lies outside the range of the shifted y.
 */
function firstAtLeast(ys: readonly number[], p: number, shift: number): number {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let found = -1;
  ys.forEach((v, i) => {
    if (Number.isNaN(v)) return;
    const w = v - shift;
    if (w < min) min = w;
    if (w > max) max = w;
    if (found < 0 && w >= p) found = i;
  });
  return p < min || p > max ? -1 : found;
}
