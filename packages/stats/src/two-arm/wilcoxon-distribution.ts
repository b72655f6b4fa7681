// Exact null distribution of the Mann-Whitney statistic W = (sum of x ranks) - m (m + 1) / 2
// (R's dwilcox/pwilcox/qwilcox), by counting the subsets of m ranks out of m + n with each sum.

/** Counts c(w) of the arrangements with statistic w = 0..m n, and their total choose(m + n, m). */
export interface WilcoxonCounts {
  readonly counts: Float64Array;
  readonly total: number;
}

/**
 * Counts the subsets of size m of {1..m+n} by rank sum (additions only, so exact while below 2^53).
 * @param m - Size of the first sample.
 * @param n - Size of the second sample.
 */
export function wilcoxonCounts(m: number, n: number): WilcoxonCounts {
  const maxW = m * n;
  // dp[j][u]: subsets of size j of the items seen so far with u = rank sum - j (j + 1) / 2.
  const dp: Float64Array[] = Array.from({ length: m + 1 }, () => new Float64Array(maxW + 1));
  const first = dp[0];
  if (first) first[0] = 1;
  for (let item = 1; item <= m + n; item++) {
    for (let j = Math.min(item, m); j >= 1; j--) {
      const to = dp[j];
      const from = dp[j - 1];
      if (!to || !from) continue;
      // Adding rank `item` as the j-th element: u increases by item - j.
      const shift = item - j;
      for (let u = maxW; u >= shift; u--) to[u] = (to[u] ?? 0) + (from[u - shift] ?? 0);
    }
  }
  const counts = dp[m] ?? new Float64Array(1);
  return { counts, total: counts.reduce((s, v) => s + v, 0) };
}

/** P(W <= q) (lower) or P(W > q) (upper), as R's pwilcox. */
export function wilcoxonCdf(q: number, dist: WilcoxonCounts, upper = false): number {
  const k = Math.floor(q + 1e-7);
  const maxW = dist.counts.length - 1;
  if (k < 0) return upper ? 1 : 0;
  if (k >= maxW) return upper ? 0 : 1;
  let p = 0;
  if (k <= maxW / 2) {
    for (let w = 0; w <= k; w++) p += (dist.counts[w] ?? 0) / dist.total;
    return upper ? 0.5 - p + 0.5 : p;
  }
  for (let w = k + 1; w <= maxW; w++) p += (dist.counts[w] ?? 0) / dist.total;
  return upper ? p : 0.5 - p + 0.5;
}

/** The quantile of R's qwilcox (lower tail, with its 10 eps fuzz). */
export function wilcoxonQuantile(x: number, dist: WilcoxonCounts): number {
  const maxW = dist.counts.length - 1;
  let p = 0;
  let q = 0;
  if (x <= 0.5) {
    const target = x - 10 * 2.220446049250313e-16;
    for (;;) {
      p += (dist.counts[q] ?? 0) / dist.total;
      if (p >= target) return q;
      q++;
    }
  }
  const target = 1 - x + 10 * 2.220446049250313e-16;
  for (;;) {
    p += (dist.counts[q] ?? 0) / dist.total;
    if (p > target) return maxW - q;
    q++;
  }
}
