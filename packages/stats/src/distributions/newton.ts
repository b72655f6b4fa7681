/**
 * Newton's method safeguarded by bisection for a monotone f on [lo, hi] with a root inside: a step
 * that leaves the current bracket is replaced by the midpoint (Press et al., Numerical Recipes,
 * 3rd ed., section 9.4, rtsafe). Stops when the step is below relTol * |x|.
 * @param f - Monotone function with f(lo) and f(hi) of opposite signs (hi may be Infinity).
 * @param fPrime - Its derivative.
 * @param start - First guess inside the bracket.
 * @throws RangeError if it does not converge within 200 iterations.
 */
export function solveMonotone(
  f: (x: number) => number,
  fPrime: (x: number) => number,
  bracket: readonly [number, number],
  start: number,
  relTol = 4e-16,
): number {
  let [lo, hi] = bracket;
  const increasing = f(lo) < 0 || f(hi) > 0;
  let x = start > lo && start < hi ? start : Number.isFinite(hi) ? (lo + hi) / 2 : lo + 1;
  for (let iteration = 0; iteration < 200; iteration++) {
    const fx = f(x);
    if (fx === 0) return x;
    if (fx < 0 === increasing) lo = x;
    else hi = x;
    const d = fPrime(x);
    let next = x - fx / d;
    if (Math.abs(next - x) <= relTol * Math.abs(x)) return next;
    if (!(next > lo && next < hi) || !Number.isFinite(next)) {
      next = Number.isFinite(hi) ? lo + (hi - lo) / 2 : Math.max(2 * x, lo + 1);
    }
    if (Math.abs(next - x) <= relTol * Math.abs(next) || hi - lo <= relTol * Math.abs(hi)) return next;
    x = next;
  }
  throw new RangeError(`solveMonotone: no convergence within 200 iterations near ${x}`);
}
