import { computeAaDo2 } from '../../scores/apache-ii.js';
import type { ObservationRecord } from '../../timeline/types.js';
import { formatNumber } from '../outcome.js';
import type { EvalContext, Evidence } from '../types.js';
import { type ApacheComponent, MissingComponent } from './apache-component.js';
import { evidenceOf, type ScoreWindow } from './score-helpers.js';
import { aaDo2Points, pao2Points } from './apache-points.js';
import { type SeriesRange, seriesRange, valueAt } from './series-range.js';
import { FIO2_PAIRING_MS } from './sofa-respiration.js';

const NO_OXYGENATION = new MissingComponent('oxygenation', 4, 'no PaO2 with FiO2');

/** The component: the highest bounds over W's PaO2 results, citing the deciding PaO2, its FiO2 and PaCO2. */
class OxygenationComponent implements ApacheComponent {
  readonly label = 'oxygenation';
  readonly lo: number;
  readonly hi: number;
  readonly #pao2: ObservationRecord;
  readonly #fio2: ObservationRecord;
  readonly #paco2: ObservationRecord | undefined;

  constructor(
    lo: number,
    hi: number,
    pao2: ObservationRecord,
    fio2: ObservationRecord,
    paco2: ObservationRecord | undefined,
  ) {
    this.lo = lo;
    this.hi = hi;
    this.#pao2 = pao2;
    this.#fio2 = fio2;
    this.#paco2 = paco2;
  }

  addEvidence(out: Evidence[]): void {
    out.push(evidenceOf(this.#pao2), evidenceOf(this.#fio2));
    if (this.#paco2 !== undefined) out.push(evidenceOf(this.#paco2));
  }

  detail(): string {
    // Only results with values decide (see oxygenation).
    const p = this.#pao2.value ?? NaN;
    const f = this.#fio2.value ?? NaN;
    const c = this.#paco2?.value;
    // Bounded exactly when FiO2 >= 0.5 without a PaCO2 of the sample (see oxygenation).
    if (f >= 0.5 && c === undefined)
      return `A-aDO2 unknown (FiO2 ${formatNumber(f)}, PaO2 ${formatNumber(p)}, no PaCO2 of that sample)`;
    return f < 0.5 || c === undefined
      ? `PaO2 ${formatNumber(p)} at FiO2 ${formatNumber(f)}`
      : `A-aDO2 ${formatNumber(Math.round(computeAaDo2({ fio2Fraction: f, paco2MmHg: c, pao2MmHg: p })))} (FiO2 ${formatNumber(f)}, PaO2 ${formatNumber(p)}, PaCO2 ${formatNumber(c)})`;
  }
}

/**
 * The FiO2 paired with a PaO2 drawn at t (as pairedFio2 in sofa-respiration): the index in `r` of the latest
 * fraction in (0, 1] in [t − 2 h, t], or −1. Read from the value array: a record is read only when cited (a
 * fresh patient's records are out of cache, about 0.5 µs each).
 */
function pairedFio2(
  ctx: EvalContext,
  t: number,
): { readonly r: SeriesRange; readonly i: number } | undefined {
  const r = seriesRange(ctx, 'fio2', t - FIO2_PAIRING_MS, t, true, false);
  for (let i = r.hi - 1; i >= r.lo; i--) {
    // NaN (no value, or a NaN one) fails the test as the record's value would.
    const v = r.values[i] ?? NaN;
    if (v > 0 && v <= 1) return { r, i };
  }
  return undefined;
}

/** The first PaCO2 with a value drawn at exactly t (the same sample as a PaO2), as an index in `r`, or −1. */
function sameSamplePaco2(r: SeriesRange): number {
  for (let i = r.lo; i < r.hi; i++) {
    // NaN in the array: no value, or a NaN value (which counts: it has one).
    if (r.values[i] === r.values[i] || r.records[i]?.value !== undefined) return i;
  }
  return -1;
}

/**
 * Oxygenation (Knaus et al., 1985; FHIR-PROFILE.md §8): each PaO2 in W with the latest FiO2 at most 2 h
 * earlier; FiO2 >= 0.5 scores A-aDO2 = FiO2 × 713 − PaCO2/0.8 − PaO2 with the PaCO2 of the same sample
 * (without one, A-aDO2 is at most FiO2 × 713 − PaO2: bounded), else the PaO2 scores. The component takes the
 * highest lower and upper bounds; it cites the first PaO2 reaching both, else the first reaching the lower.
 */
export function oxygenation(ctx: EvalContext, w: ScoreWindow): ApacheComponent {
  const r = seriesRange(ctx, 'pao2', w.from, w.to, w.closedEnd);
  // The highest bounds so far, the first result reaching both (b*) and the first reaching the lower (l*):
  // a later result that raises a bound cannot be preceded by one reaching it.
  let lo = -1;
  let hi = -1;
  let bPao2: ObservationRecord | undefined;
  let bFio2: ObservationRecord | undefined;
  let bPaco2: ObservationRecord | undefined;
  let lPao2: ObservationRecord | undefined;
  let lFio2: ObservationRecord | undefined;
  let lPaco2: ObservationRecord | undefined;
  for (let i = r.lo; i < r.hi; i++) {
    const t = r.times[i] ?? NaN;
    const paired = pairedFio2(ctx, t);
    if (paired === undefined) continue;
    const f = valueAt(paired.r, paired.i);
    const p = valueAt(r, i);
    const sample = seriesRange(ctx, 'paco2', t, t, true, false);
    const k = sameSamplePaco2(sample);
    const c = k < 0 ? undefined : valueAt(sample, k);
    let cLo: number;
    let cHi: number;
    if (f < 0.5) {
      cLo = cHi = pao2Points(p);
      if (cLo < 0) continue;
    } else if (c !== undefined) {
      // computeAaDo2's ranges (FiO2 in (0, 1] already), then its formula.
      if (!(c >= 0 && c <= Number.MAX_VALUE && p >= 0 && p <= Number.MAX_VALUE)) continue;
      cLo = cHi = aaDo2Points(f * 713 - c / 0.8 - p);
      if (cLo < 0) continue;
    } else {
      // PaCO2/0.8 >= 0 so A-aDO2 <= FiO2 × 713 − PaO2; A-aDO2 points rise with A-aDO2.
      cLo = 0;
      const bound = aaDo2Points(f * 713 - p);
      cHi = bound < 0 ? 4 : bound;
    }
    const pao2 = r.records[i];
    const fio2 = paired.r.records[paired.i];
    const paco2 = k < 0 ? undefined : sample.records[k];
    if (pao2 === undefined || fio2 === undefined) continue;
    const raisedLo = cLo > lo;
    const raisedHi = cHi > hi;
    if (raisedLo) {
      lo = cLo;
      lPao2 = pao2;
      lFio2 = fio2;
      lPaco2 = paco2;
    }
    if (raisedHi) hi = cHi;
    if (raisedLo || raisedHi) bPao2 = cLo === lo && cHi === hi ? pao2 : undefined;
    else if (bPao2 === undefined && cLo === lo && cHi === hi) bPao2 = pao2;
    if (bPao2 === pao2) {
      bFio2 = fio2;
      bPaco2 = paco2;
    }
  }
  if (bPao2 !== undefined && bFio2 !== undefined)
    return new OxygenationComponent(lo, hi, bPao2, bFio2, bPaco2);
  if (lPao2 !== undefined && lFio2 !== undefined)
    return new OxygenationComponent(lo, hi, lPao2, lFio2, lPaco2);
  return NO_OXYGENATION;
}
