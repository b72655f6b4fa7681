import { hypergeometricCdf, hypergeometricPmf } from '../distributions/hypergeometric.js';
import { zeroin } from '../numeric/zeroin.js';
import { type Alternative, assertAlternative, assertCell, assertConfLevel } from './alternative.js';

/** A 2x2 table [[a, b], [c, d]]: rows are arms, columns are event / no event. */
export type TwoByTwo = readonly [readonly [number, number], readonly [number, number]];

/** Options of {@link fisherExactTest}, as R's fisher.test. */
export interface FisherOptions {
  readonly alternative?: Alternative;
  readonly confLevel?: number;
  /** Hypothesised odds ratio (R's `or`, default 1). */
  readonly or?: number;
}

/** Result of {@link fisherExactTest}, as R's htest fields. */
export interface FisherResult {
  readonly pValue: number;
  /** Conditional maximum likelihood estimate of the odds ratio. */
  readonly estimate: number;
  readonly confInt: readonly [number, number];
  readonly confLevel: number;
  readonly alternative: Alternative;
}

const DBL_EPSILON = 2.220446049250313e-16;

/**
 * Fisher's exact test for a 2x2 table with the conditional MLE of the odds ratio and its exact
 * confidence interval, as R's fisher.test: the estimate and limits solve the noncentral
 * hypergeometric equations with R's uniroot (Brent, tolerance eps^0.25), so they agree with R to
 * that tolerance's last iterate. Two-sided p sums the tables no more probable than the observed one
 * (relative fuzz 1e-7). Reference: Agresti (2002), Categorical Data Analysis, section 3.5.
 * @param table - [[a, b], [c, d]] of counts (rows: arms; columns: event, no event).
 * @param options - alternative ('two.sided'), confLevel (0.95), or (1).
 * @throws RangeError if a cell is not a count, or confLevel/or/alternative is invalid.
 * @example fisherExactTest([[3, 1], [1, 3]]).pValue // => 0.48571428571428527
 */
export function fisherExactTest(table: TwoByTwo, options: FisherOptions = {}): FisherResult {
  const where = 'fisherExactTest';
  const alternative = options.alternative ?? 'two.sided';
  const confLevel = options.confLevel ?? 0.95;
  const or = options.or ?? 1;
  assertAlternative(alternative, where);
  assertConfLevel(confLevel, where);
  if (!(or >= 0)) throw new RangeError(`${where}: or must be >= 0, got ${or}`);
  const [[a, b], [c, d]] = table;
  assertCell(a, 'table[0][0]', where);
  assertCell(b, 'table[0][1]', where);
  assertCell(c, 'table[1][0]', where);
  assertCell(d, 'table[1][1]', where);
  // R: m = column 1 total, n = column 2 total, k = row 1 total, x = table[1, 1].
  const m = a + c;
  const n = b + d;
  const k = a + b;
  const x = a;
  const lo = Math.max(0, k - n);
  const hi = Math.min(k, m);
  const support: number[] = [];
  for (let i = lo; i <= hi; i++) support.push(i);
  const logdc = support.map((s) => Math.log(hypergeometricPmf(s, m, n, k)));

  const dnhyper = (ncp: number): number[] => {
    const logNcp = Math.log(ncp);
    const dd = logdc.map((l, i) => l + logNcp * (support[i] ?? 0));
    const max = Math.max(...dd);
    const e = dd.map((v) => Math.exp(v - max));
    const total = e.reduce((s, v) => s + v, 0);
    return e.map((v) => v / total);
  };
  const mnhyper = (ncp: number): number => {
    if (ncp === 0) return lo;
    if (ncp === Infinity) return hi;
    return dnhyper(ncp).reduce((s, p, i) => s + (support[i] ?? 0) * p, 0);
  };
  const pnhyper = (q: number, ncp: number, upperTail = false): number => {
    if (ncp === 1) {
      return upperTail ? hypergeometricCdf(q - 1, m, n, k, 'upper') : hypergeometricCdf(q, m, n, k);
    }
    if (ncp === 0) return Number(upperTail ? q <= lo : q >= lo);
    if (ncp === Infinity) return Number(upperTail ? q <= hi : q >= hi);
    const dn = dnhyper(ncp);
    return dn.reduce((s, p, i) => {
      const v = support[i] ?? 0;
      return (upperTail ? v >= q : v <= q) ? s + p : s;
    }, 0);
  };

  let pValue: number;
  if (alternative === 'less') pValue = pnhyper(x, or);
  else if (alternative === 'greater') pValue = pnhyper(x, or, true);
  else if (or === 0) pValue = Number(x === lo);
  else if (or === Infinity) pValue = Number(x === hi);
  else {
    const relErr = 1 + 1e-7;
    const dn = dnhyper(or);
    const observed = (dn[x - lo] ?? 0) * relErr;
    pValue = dn.reduce((s, p) => (p <= observed ? s + p : s), 0);
  }
  pValue = Math.min(1, pValue);

  const ncpUpper = (alpha: number): number => {
    if (x === hi) return Infinity;
    const p = pnhyper(x, 1);
    if (p < alpha) return zeroin((t) => pnhyper(x, t) - alpha, 0, 1).root;
    if (p > alpha) return 1 / zeroin((t) => pnhyper(x, 1 / t) - alpha, DBL_EPSILON, 1).root;
    return 1;
  };
  const ncpLower = (alpha: number): number => {
    if (x === lo) return 0;
    const p = pnhyper(x, 1, true);
    if (p > alpha) return zeroin((t) => pnhyper(x, t, true) - alpha, 0, 1).root;
    if (p < alpha) return 1 / zeroin((t) => pnhyper(x, 1 / t, true) - alpha, DBL_EPSILON, 1).root;
    return 1;
  };
  let confInt: [number, number];
  if (alternative === 'less') confInt = [0, ncpUpper(1 - confLevel)];
  else if (alternative === 'greater') confInt = [ncpLower(1 - confLevel), Infinity];
  else {
    const alpha = (1 - confLevel) / 2;
    confInt = [ncpLower(alpha), ncpUpper(alpha)];
  }

  let estimate: number;
  if (x === lo) estimate = 0;
  else if (x === hi) estimate = Infinity;
  else {
    const mu = mnhyper(1);
    if (mu > x) estimate = zeroin((t) => mnhyper(t) - x, 0, 1).root;
    else if (mu < x) estimate = 1 / zeroin((t) => mnhyper(1 / t) - x, DBL_EPSILON, 1).root;
    else estimate = 1;
  }
  return { pValue, estimate, confInt, confLevel, alternative };
}
