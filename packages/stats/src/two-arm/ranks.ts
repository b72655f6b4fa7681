/** Mid-ranks of values (ties get the mean of their ranks, as R's rank with ties.method 'average'). */
export function midRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(values.length).fill(0);
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]?.[0] === order[i]?.[0]) j++;
    const rank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) {
      const idx = order[k]?.[1];
      if (idx !== undefined) ranks[idx] = rank;
    }
    i = j + 1;
  }
  return ranks;
}

/** Sum over tie groups of t^3 - t, from mid-ranks. */
export function tieCorrectionSum(ranks: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const r of ranks) counts.set(r, (counts.get(r) ?? 0) + 1);
  let s = 0;
  for (const t of counts.values()) s += t * t * t - t;
  return s;
}

/** Median of a sorted array (mean of the two middle values for an even length). */
export function sortedMedian(sorted: readonly number[]): number {
  const n = sorted.length;
  const mid = Math.floor(n / 2);
  return n % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}
