/** Sorted times of one arm split by status, and the sums of the test. */
export interface LogRankWorkspace {
  /** Event times of arm 0 (control) and arm 1, censoring times of each: four sorted lists. */
  readonly lists: readonly [Float64Array, Float64Array, Float64Array, Float64Array];
  readonly lengths: Int32Array;
}

/** O - E and V of the arm-1 events, as survdiff reports them. */
export interface LogRankSums {
  observed: number;
  expected: number;
  variance: number;
}

/**
 * Buffers for up to `patients` patients.
 * @param patients - Most patients in one test.
 */
export function createLogRankWorkspace(patients: number): LogRankWorkspace {
  return {
    lists: [
      new Float64Array(patients),
      new Float64Array(patients),
      new Float64Array(patients),
      new Float64Array(patients),
    ],
    lengths: new Int32Array(4),
  };
}

/** Starts a new test. */
export function clearLogRank(ws: LogRankWorkspace): void {
  ws.lengths.fill(0);
}

/**
 * Adds one patient.
 * @param ws - Buffers.
 * @param time - Follow-up time.
 * @param event - Whether follow-up ended with the event.
 * @param arm - 0 for the control, 1 for the other arm.
 */
export function addLogRankPatient(ws: LogRankWorkspace, time: number, event: boolean, arm: 0 | 1): void {
  const list = (event ? 0 : 2) + arm;
  const length = ws.lengths[list] ?? 0;
  const target = ws.lists[list];
  if (target !== undefined) target[length] = time;
  ws.lengths[list] = length + 1;
}

/**
 * The two-sample log-rank sums (Mantel 1966; Peto & Peto 1972) in one sweep over the four lists, each
 * sorted natively (typed-array sort, no comparator): at each distinct time with d events among n at
 * risk, n1 of them in arm 1, O += d1, E += d n1 / n, V += d (n1 / n)(1 - n1 / n)(n - d) / (n - 1), then
 * the events and censorings at that time leave the risk set. These are survdiff's sums (rho = 0); the
 * statistics package's logRankTest gives the same (two-arm-logrank.test.ts) but, being general (strata,
 * G-rho weights, any labels), costs about 30 times as much per look.
 * @param ws - Buffers filled by {@link addLogRankPatient}.
 * @param out - Receives O, E and V of arm 1.
 */
export function logRankSums(ws: LogRankWorkspace, out: LogRankSums): void {
  const [e0, e1, c0, c1] = ws.lists;
  const l0 = ws.lengths[0] ?? 0;
  const l1 = ws.lengths[1] ?? 0;
  const m0 = ws.lengths[2] ?? 0;
  const m1 = ws.lengths[3] ?? 0;
  const s0 = e0.subarray(0, l0).sort();
  const s1 = e1.subarray(0, l1).sort();
  const r0 = c0.subarray(0, m0).sort();
  const r1 = c1.subarray(0, m1).sort();
  let atRisk0 = l0 + m0;
  let atRisk1 = l1 + m1;
  let i0 = 0;
  let i1 = 0;
  let j0 = 0;
  let j1 = 0;
  let observed = 0;
  let expected = 0;
  let variance = 0;
  while (i0 < l0 || i1 < l1) {
    const t = Math.min(s0[i0] ?? Infinity, s1[i1] ?? Infinity);
    // Censorings before t leave the risk set first.
    while (j0 < m0 && (r0[j0] ?? Infinity) < t) {
      j0++;
      atRisk0--;
    }
    while (j1 < m1 && (r1[j1] ?? Infinity) < t) {
      j1++;
      atRisk1--;
    }
    let d0 = 0;
    let d1 = 0;
    while (i0 < l0 && s0[i0] === t) {
      i0++;
      d0++;
    }
    while (i1 < l1 && s1[i1] === t) {
      i1++;
      d1++;
    }
    const n = atRisk0 + atRisk1;
    const d = d0 + d1;
    const p1 = atRisk1 / n;
    observed += d1;
    expected += d * p1;
    if (n > 1) variance += (d * p1 * (1 - p1) * (n - d)) / (n - 1);
    atRisk0 -= d0;
    atRisk1 -= d1;
  }
  out.observed = observed;
  out.expected = expected;
  out.variance = variance;
}
