const DBL_EPSILON = 2.220446049250313e-16;

/** Result of {@link zeroin}: the root and the number of function evaluations used. */
export interface ZeroinResult {
  readonly root: number;
  readonly iterations: number;
  /** Width of the final bracket |c - b| (R's estim.prec). */
  readonly precision: number;
}

/**
 * Brent's (1973) root finder in the exact form of R's `uniroot` (R_zeroin2, from netlib's zeroin.c),
 * so that results that R reports only to uniroot's tolerance (fisher.test's conditional MLE and
 * confidence limits, wilcox.test's Hodges-Lehmann interval) are reproduced iterate for iterate.
 * @param f - Continuous function with f(lower) and f(upper) of opposite signs (or one of them 0).
 * @param lower - Lower end of the bracket.
 * @param upper - Upper end of the bracket.
 * @param tol - Absolute tolerance; R's default is .Machine$double.eps^0.25 (about 1.22e-4).
 * @param maxIterations - R's maxiter (default 1000).
 * @throws RangeError if f has the same sign at both ends, or no convergence in maxIterations.
 * @example zeroin((x) => x * x - 2, 0, 2, 1e-12).root // => 1.4142135623730951
 */
export function zeroin(
  f: (x: number) => number,
  lower: number,
  upper: number,
  tol: number = DBL_EPSILON ** 0.25,
  maxIterations = 1000,
  fLower: number = f(lower),
  fUpper: number = f(upper),
): ZeroinResult {
  if (Number.isNaN(fLower) || Number.isNaN(fUpper)) {
    throw new RangeError(`zeroin: f is NaN at an end of [${lower}, ${upper}]`);
  }
  if (fLower * fUpper > 0) {
    throw new RangeError(`zeroin: f(${lower}) = ${fLower} and f(${upper}) = ${fUpper} have the same sign`);
  }
  let a = lower;
  let b = upper;
  let fa = fLower;
  let fb = fUpper;
  let c = a;
  let fc = fa;
  if (fa === 0) return { root: a, iterations: 0, precision: 0 };
  if (fb === 0) return { root: b, iterations: 0, precision: 0 };
  for (let iteration = 0; iteration <= maxIterations; iteration++) {
    const prevStep = b - a;
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tolAct = 2 * DBL_EPSILON * Math.abs(b) + tol / 2;
    let newStep = (c - b) / 2;
    if (Math.abs(newStep) <= tolAct || fb === 0) {
      return { root: b, iterations: iteration, precision: Math.abs(c - b) };
    }
    if (Math.abs(prevStep) >= tolAct && Math.abs(fa) > Math.abs(fb)) {
      const cb = c - b;
      let p: number;
      let q: number;
      if (a === c) {
        // Only two distinct points: linear interpolation (secant).
        const t1 = fb / fa;
        p = cb * t1;
        q = 1 - t1;
      } else {
        // Inverse quadratic interpolation.
        const qq = fa / fc;
        const t1 = fb / fc;
        const t2 = fb / fa;
        p = t2 * (cb * qq * (qq - t1) - (b - a) * (t1 - 1));
        q = (qq - 1) * (t1 - 1) * (t2 - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (p < 0.75 * cb * q - Math.abs(tolAct * q) / 2 && p < Math.abs((prevStep * q) / 2)) newStep = p / q;
    }
    if (Math.abs(newStep) < tolAct) newStep = newStep > 0 ? tolAct : -tolAct;
    a = b;
    fa = fb;
    b += newStep;
    fb = f(b);
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
    }
  }
  throw new RangeError(`zeroin: no convergence within ${maxIterations} iterations in [${lower}, ${upper}]`);
}
