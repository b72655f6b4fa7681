// Small dense symmetric-matrix helpers for the Bayesian logistic regression (p of order 2-10).

/** Cholesky factor L (lower, row-major arrays) with A = L L'. Throws if A is not positive definite. */
export function cholesky(a: readonly (readonly number[])[], where: string): number[][] {
  const n = a.length;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    const li = l[i] ?? [];
    for (let j = 0; j <= i; j++) {
      const lj = l[j] ?? [];
      let s = a[i]?.[j] ?? 0;
      for (let k = 0; k < j; k++) s -= (li[k] ?? 0) * (lj[k] ?? 0);
      if (i === j) {
        if (!(s > 0))
          throw new RangeError(`${where}: the matrix is not positive definite (pivot ${i} = ${s})`);
        li[i] = Math.sqrt(s);
      } else {
        li[j] = s / (lj[j] ?? 1);
      }
    }
  }
  return l;
}

/** Solves L L' x = b given the Cholesky factor L. */
export function choleskySolve(l: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = l.length;
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = b[i] ?? 0;
    for (let k = 0; k < i; k++) s -= (l[i]?.[k] ?? 0) * (y[k] ?? 0);
    y[i] = s / (l[i]?.[i] ?? 1);
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i] ?? 0;
    for (let k = i + 1; k < n; k++) s -= (l[k]?.[i] ?? 0) * (x[k] ?? 0);
    x[i] = s / (l[i]?.[i] ?? 1);
  }
  return x;
}

/** Inverse of a symmetric positive definite matrix from its Cholesky factor. */
export function choleskyInverse(l: readonly (readonly number[])[]): number[][] {
  const n = l.length;
  const columns = Array.from({ length: n }, (_, j) =>
    choleskySolve(
      l,
      Array.from({ length: n }, (_, i) => (i === j ? 1 : 0)),
    ),
  );
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => columns[j]?.[i] ?? 0));
}

/**
 * Solves L' x = z (back substitution with the transpose of the lower factor): if z ~ N(0, I) and
 * L L' = Q, then x ~ N(0, Q^-1).
 */
export function solveUpperTransposed(l: readonly (readonly number[])[], z: readonly number[]): number[] {
  const n = l.length;
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = z[i] ?? 0;
    for (let k = i + 1; k < n; k++) s -= (l[k]?.[i] ?? 0) * (x[k] ?? 0);
    x[i] = s / (l[i]?.[i] ?? 1);
  }
  return x;
}
