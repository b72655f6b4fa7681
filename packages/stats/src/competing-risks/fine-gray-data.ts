import { orderByTime, rankTimes } from '../survival/sort-order.js';

/**
 * Rows of a Fine-Gray model sorted by time, with the censoring distribution at each row's time.
 * `kind` is 1 for the failure of interest, 2 for a competing failure, 0 for censoring.
 */
export interface FineGrayData {
  readonly n: number;
  readonly p: number;
  /** Row-major n x p covariates, sorted by time. */
  readonly x: Float64Array;
  readonly time: Float64Array;
  readonly kind: Uint8Array;
  /** Kaplan-Meier estimate of the censoring distribution just before each row's time, G(X_i-). */
  readonly censoringBefore: Float64Array;
  /** The distinct times with a failure of interest, G(t-) there, and the failures at each. */
  readonly eventTimes: Float64Array;
  readonly eventCensoring: Float64Array;
  readonly eventCount: Float64Array;
  /** Index of the first sorted row at each event time. */
  readonly eventStart: Int32Array;
}

/**
 * Sorts rows by time and computes the Kaplan-Meier estimate of the censoring distribution G (censoring
 * as the event), read just before each time as crr does, so that a censoring tied with a failure does
 * not count against it.
 */
export function prepareFineGrayData(
  time: readonly number[],
  kind: Uint8Array,
  design: Float64Array,
  p: number,
): FineGrayData {
  const n = time.length;
  const order = orderByTime(rankTimes(time));
  const x = new Float64Array(n * p);
  const sortedTime = new Float64Array(n);
  const sortedKind = new Uint8Array(n);
  order.forEach((row, i) => {
    sortedTime[i] = time[row] ?? 0;
    sortedKind[i] = kind[row] ?? 0;
    for (let j = 0; j < p; j++) x[i * p + j] = design[row * p + j] ?? 0;
  });
  const censoringBefore = new Float64Array(n);
  const eventTimes: number[] = [];
  const eventCensoring: number[] = [];
  const eventCount: number[] = [];
  const eventStart: number[] = [];
  let G = 1;
  let i = 0;
  while (i < n) {
    const t = sortedTime[i] ?? 0;
    let j = i;
    let censored = 0;
    let events = 0;
    while (j < n && sortedTime[j] === t) {
      if (sortedKind[j] === 0) censored++;
      if (sortedKind[j] === 1) events++;
      censoringBefore[j] = G;
      j++;
    }
    if (events > 0) {
      eventTimes.push(t);
      eventCensoring.push(G);
      eventCount.push(events);
      eventStart.push(i);
    }
    G *= 1 - censored / (n - i);
    i = j;
  }
  return {
    n,
    p,
    x,
    time: sortedTime,
    kind: sortedKind,
    censoringBefore,
    eventTimes: Float64Array.from(eventTimes),
    eventCensoring: Float64Array.from(eventCensoring),
    eventCount: Float64Array.from(eventCount),
    eventStart: Int32Array.from(eventStart),
  };
}
