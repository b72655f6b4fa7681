/** Times sorted, and replaced by their rank among the distinct times. */
export interface TimeRanks {
  /** Distinct times, ascending. */
  readonly unique: Float64Array;
  /** For each row, the index of its time in `unique`. */
  readonly rank: Int32Array;
  /** Row indices in ascending time order (stable). */
  readonly order: Int32Array;
}

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/**
 * Sorts rows by time and ranks the times among their distinct values, in linear time: a counting
 * sort for whole-number times, otherwise an LSD radix sort on the bits of the (non-negative) doubles, whose order is the numeric order, in four passes
 * of 16 bits (skipping passes where every row shares the digit, as whole-day times do). Later sorts
 * by rank are then counting sorts, which keeps 100,000-row fits in milliseconds.
 * @param time - Non-negative finite times (checked by the caller).
 */
export function rankTimes(time: ArrayLike<number>): TimeRanks {
  return rankWholeTimes(time) ?? rankByBits(time);
}

/**
 * Whole-number times in a range not much larger than n (days of follow-up, the common case in
 * trials): a counting sort on the value itself, one pass each way. Undefined for other data.
 */
function rankWholeTimes(time: ArrayLike<number>): TimeRanks | undefined {
  const n = time.length;
  let max = 0;
  for (let i = 0; i < n; i++) {
    const t = time[i] ?? 0;
    if (!Number.isInteger(t) || t < 0) return undefined;
    if (t > max) max = t;
  }
  if (max > 16 * n + 1024) return undefined;
  const start = new Int32Array(max + 2);
  for (let i = 0; i < n; i++) {
    const t = (time[i] ?? 0) + 1;
    start[t] = (start[t] ?? 0) + 1;
  }
  const rankOfValue = new Int32Array(max + 1);
  const distinct: number[] = [];
  for (let v = 0; v <= max; v++) {
    if ((start[v + 1] ?? 0) > 0) {
      rankOfValue[v] = distinct.length;
      distinct.push(v);
    }
    start[v + 1] = (start[v + 1] ?? 0) + (start[v] ?? 0);
  }
  const order = new Int32Array(n);
  const rank = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const t = time[i] ?? 0;
    const at = start[t] ?? 0;
    order[at] = i;
    start[t] = at + 1;
    rank[i] = rankOfValue[t] ?? 0;
  }
  return { unique: Float64Array.from(distinct), rank, order };
}

function rankByBits(time: ArrayLike<number>): TimeRanks {
  const n = time.length;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = (time[i] ?? 0) + 0; // + 0 turns -0 into 0
  const words = new Uint32Array(keys.buffer);
  const low = LITTLE_ENDIAN ? 0 : 1;
  let order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Int32Array(n);
  const count = new Int32Array(65537);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass < 2 ? low : 1 - low;
    const shift = pass % 2 === 0 ? 0 : 16;
    count.fill(0);
    for (let i = 0; i < n; i++) {
      const digit = ((words[2 * i + word] ?? 0) >>> shift) & 0xffff;
      count[digit + 1] = (count[digit + 1] ?? 0) + 1;
    }
    let single = false;
    for (let d = 1; d <= 65536; d++) if (count[d] === n) single = true;
    if (single) continue;
    for (let d = 0; d < 65536; d++) count[d + 1] = (count[d + 1] ?? 0) + (count[d] ?? 0);
    for (let i = 0; i < n; i++) {
      const row = order[i] ?? 0;
      const digit = ((words[2 * row + word] ?? 0) >>> shift) & 0xffff;
      const at = count[digit] ?? 0;
      next[at] = row;
      count[digit] = at + 1;
    }
    [order, next] = [next, order];
  }
  const rank = new Int32Array(n);
  const distinct: number[] = [];
  let previous = Number.NaN;
  for (let i = 0; i < n; i++) {
    const row = order[i] ?? 0;
    const t = keys[row] ?? 0;
    if (t !== previous) {
      distinct.push(t);
      previous = t;
    }
    rank[row] = distinct.length - 1;
  }
  return { unique: Float64Array.from(distinct), rank, order };
}

/**
 * Stable counting sort of row indices by an integer key in [0, keyCount).
 * @param key - The key of each row.
 * @param keyCount - One more than the largest key.
 * @param rows - The rows to sort (default 0..n-1), in their current order.
 */
export function countingSort(key: Int32Array, keyCount: number, rows?: Int32Array): Int32Array {
  const n = rows === undefined ? key.length : rows.length;
  const start = new Int32Array(keyCount + 1);
  for (let i = 0; i < n; i++) {
    const k = (key[rows === undefined ? i : (rows[i] ?? 0)] ?? 0) + 1;
    start[k] = (start[k] ?? 0) + 1;
  }
  for (let k = 0; k < keyCount; k++) start[k + 1] = (start[k + 1] ?? 0) + (start[k] ?? 0);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const row = rows === undefined ? i : (rows[i] ?? 0);
    const k = key[row] ?? 0;
    const at = start[k] ?? 0;
    out[at] = row;
    start[k] = at + 1;
  }
  return out;
}

/**
 * Row indices sorted by stratum, then time ascending, then (with `status`) events before censorings
 * at the same time; ties otherwise keep the input order.
 * @param ranks - From {@link rankTimes}.
 * @param stratum - Optional stratum code of each row, with `stratumCount` levels.
 */
export function orderByTime(
  ranks: TimeRanks,
  stratum?: Int32Array,
  stratumCount = 1,
  status?: ArrayLike<number>,
): Int32Array {
  let order: Int32Array | undefined;
  if (status !== undefined) {
    // Events (status != 0) first within a time: sort by "is censored" before the stable time sort.
    const censored = new Int32Array(status.length);
    for (let i = 0; i < status.length; i++) censored[i] = status[i] === 0 ? 1 : 0;
    order = countingSort(censored, 2);
  }
  order = order === undefined ? ranks.order : countingSort(ranks.rank, ranks.unique.length, order);
  return stratum === undefined ? order : countingSort(stratum, stratumCount, order);
}
