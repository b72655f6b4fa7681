// Ordinary least squares by Householder QR, the decomposition behind R's lm (LINPACK dqrdc2).
// Rank deficiency is detected as R does, by a column's remaining norm falling below 1e-7 times its
// original norm; unlike R, which drops such a column (coefficient NA), this throws.

/** Coefficients, their covariance matrix (unscaled, (X'X)^-1) and the residual sum of squares. */
export interface LeastSquaresFit {
  readonly coefficients: number[];
  readonly unscaledCovariance: number[][];
  readonly residualSumOfSquares: number;
  readonly residuals: number[];
}

/**
 * Fits y = X b by least squares.
 * @param columns - The design matrix X by column (each of length n).
 * @param y - Response of length n.
 * @param names - Column names, used in the error for a singular design.
 * @throws RangeError if the design is rank-deficient or n <= number of columns.
 */
export function leastSquares(
  columns: readonly (readonly number[])[],
  y: readonly number[],
  names: readonly string[],
): LeastSquaresFit {
  const n = y.length;
  const p = columns.length;
  if (n <= p)
    throw new RangeError(
      `leastSquares: ${n} observations for ${p} coefficients leave no residual degrees of freedom`,
    );
  const a = columns.map((c) => Float64Array.from(c));
  const qty = Float64Array.from(y);
  const diag = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const col = a[j];
    if (!col) continue;
    const originalNorm = Math.hypot(...Array.from(col));
    let norm = 0;
    for (let i = j; i < n; i++) norm += (col[i] ?? 0) ** 2;
    norm = Math.sqrt(norm);
    if (originalNorm === 0 || norm <= 1e-7 * originalNorm) {
      throw new RangeError(
        `leastSquares: the design matrix is singular: column '${names[j] ?? j}' is a linear combination of the columns before it`,
      );
    }
    const alpha = (col[j] ?? 0) > 0 ? -norm : norm;
    // v = x - alpha e_j, stored in col[j..n-1]; H = I - 2 v v' / (v' v)
    col[j] = (col[j] ?? 0) - alpha;
    let vv = 0;
    for (let i = j; i < n; i++) vv += (col[i] ?? 0) ** 2;
    const apply = (target: Float64Array): void => {
      let dot = 0;
      for (let i = j; i < n; i++) dot += (col[i] ?? 0) * (target[i] ?? 0);
      const f = (2 * dot) / vv;
      for (let i = j; i < n; i++) target[i] = (target[i] ?? 0) - f * (col[i] ?? 0);
    };
    for (let k = j + 1; k < p; k++) {
      const other = a[k];
      if (other) apply(other);
    }
    apply(qty);
    diag[j] = alpha;
  }
  // R (upper triangle): R[i][j] = a[j][i] for i < j, R[j][j] = diag[j].
  const rAt = (i: number, j: number): number => (i === j ? (diag[j] ?? 0) : (a[j]?.[i] ?? 0));
  const coefficients = new Array<number>(p).fill(0);
  for (let i = p - 1; i >= 0; i--) {
    let s = qty[i] ?? 0;
    for (let j = i + 1; j < p; j++) s -= rAt(i, j) * (coefficients[j] ?? 0);
    coefficients[i] = s / rAt(i, i);
  }
  // (X'X)^-1 = R^-1 R^-T
  const rInv: number[][] = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let col = 0; col < p; col++) {
    for (let i = col; i >= 0; i--) {
      let s = i === col ? 1 : 0;
      for (let j = i + 1; j <= col; j++) s -= rAt(i, j) * (rInv[j]?.[col] ?? 0);
      const row = rInv[i];
      if (row) row[col] = s / rAt(i, i);
    }
  }
  const unscaledCovariance = rInv.map((ri) =>
    rInv.map((rk) => ri.reduce((s, v, m) => s + v * (rk[m] ?? 0), 0)),
  );
  const residuals = y.map(
    (yi, i) => yi - columns.reduce((s, c, j) => s + (c[i] ?? 0) * (coefficients[j] ?? 0), 0),
  );
  let rss = 0;
  for (let i = p; i < n; i++) rss += (qty[i] ?? 0) ** 2;
  return { coefficients, unscaledCovariance, residualSumOfSquares: rss, residuals };
}
