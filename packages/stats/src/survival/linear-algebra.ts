// Small dense symmetric matrices (p x p for p covariates or groups), stored row-major in a
// Float64Array. p is small, so plain loops beat any library here.

/** R's `toler.chol` (coxph.control): .Machine$double.eps^0.75. */
export const CHOLESKY_TOLERANCE = Number.EPSILON ** 0.75;

/**
 * In-place Cholesky factorisation (LDL') of a symmetric matrix that flags singular columns rather
 * than failing, in the manner of the survival package's cholesky2 (Therneau 2000, section 3.2):
 * a pivot below `tolerance` times the largest diagonal element marks the column as redundant.
 * @returns The indices of the singular (redundant) columns; empty when the matrix is positive definite.
 */
export function choleskyInPlace(a: Float64Array, p: number, tolerance = CHOLESKY_TOLERANCE): number[] {
  let eps = 0;
  for (let i = 0; i < p; i++) eps = Math.max(eps, Math.abs(a[i * p + i] ?? 0));
  eps = eps === 0 ? tolerance : eps * tolerance;
  const singular: number[] = [];
  for (let i = 0; i < p; i++) {
    const pivot = a[i * p + i] ?? 0;
    if (!(pivot > eps)) {
      for (let j = i; j < p; j++) a[j * p + i] = 0;
      singular.push(i);
      continue;
    }
    for (let j = i + 1; j < p; j++) {
      const temp = (a[j * p + i] ?? 0) / pivot;
      a[j * p + j] = (a[j * p + j] ?? 0) - temp * temp * pivot;
      for (let k = j + 1; k < p; k++) a[k * p + j] = (a[k * p + j] ?? 0) - temp * (a[k * p + i] ?? 0);
      a[j * p + i] = temp;
    }
  }
  return singular;
}

/** Solves (L D L') x = b in place, given the factor from {@link choleskyInPlace} (no singular columns). */
export function choleskySolveInPlace(factor: Float64Array, p: number, b: Float64Array): void {
  for (let i = 0; i < p; i++) {
    let sum = b[i] ?? 0;
    for (let j = 0; j < i; j++) sum -= (factor[i * p + j] ?? 0) * (b[j] ?? 0);
    b[i] = sum;
  }
  for (let i = p - 1; i >= 0; i--) {
    let sum = (b[i] ?? 0) / (factor[i * p + i] ?? 1);
    for (let j = i + 1; j < p; j++) sum -= (factor[j * p + i] ?? 0) * (b[j] ?? 0);
    b[i] = sum;
  }
}

/** Inverse of a symmetric positive definite matrix, or undefined if it is singular. */
export function symmetricInverse(
  a: Float64Array,
  p: number,
  tolerance = CHOLESKY_TOLERANCE,
): Float64Array | undefined {
  const factor = Float64Array.from(a);
  if (choleskyInPlace(factor, p, tolerance).length > 0) return undefined;
  const inverse = new Float64Array(p * p);
  const column = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    column.fill(0);
    column[j] = 1;
    choleskySolveInPlace(factor, p, column);
    for (let i = 0; i < p; i++) inverse[i * p + j] = column[i] ?? 0;
  }
  return inverse;
}

/** The quadratic form x' A^-1 x, or undefined if A is singular. */
export function quadraticFormInverse(a: Float64Array, p: number, x: Float64Array): number | undefined {
  const factor = Float64Array.from(a);
  if (choleskyInPlace(factor, p).length > 0) return undefined;
  const solved = Float64Array.from(x);
  choleskySolveInPlace(factor, p, solved);
  let sum = 0;
  for (let i = 0; i < p; i++) sum += (x[i] ?? 0) * (solved[i] ?? 0);
  return sum;
}
