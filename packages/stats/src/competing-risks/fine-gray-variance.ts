import { symmetricInverse } from '../survival/linear-algebra.js';
import type { FineGrayData } from './fine-gray-data.js';
import type { FineGrayDerivatives } from './fine-gray-sums.js';

/**
 * Fine and Gray's (1999, section 3) sandwich variance I^-1 Sigma I^-1, Sigma = sum_i (eta_i + psi_i)^2:
 * eta_i = integral (Z_i - Zbar(u)) w_i(u) dM_1i(u) is row i's score residual, and
 * psi_i = integral q(u) / pi(u) dM_i^c(u) accounts for estimating the censoring distribution, with
 * q(u) = sum over competing failures j before u of the integral over s >= u of
 * (Z_j - Zbar(s)) w_j(s) r_j dL(s), and pi(u) the number with X >= u. Every integral is a prefix or
 * suffix sum over the sorted times, so the whole computation is O(n p^2).
 * @returns The p x p variance, or undefined if the information is singular.
 */
export function fineGrayVariance(data: FineGrayData, at: FineGrayDerivatives): Float64Array | undefined {
  const { n, p, x, kind, time, censoringBefore, eventTimes, eventCensoring } = data;
  const { mean, hazard, risk, information } = at;
  const events = eventTimes.length;
  const inverse = symmetricInverse(information, p);
  if (inverse === undefined) return undefined;
  // Suffix sums over event times >= index k: G dL and G Zbar dL (for competing rows and for q(u)).
  const suffixG0 = new Float64Array(events + 1);
  const suffixG1 = new Float64Array((events + 1) * p);
  for (let k = events - 1; k >= 0; k--) {
    const gd = (eventCensoring[k] ?? 1) * (hazard[k] ?? 0);
    suffixG0[k] = (suffixG0[k + 1] ?? 0) + gd;
    for (let j = 0; j < p; j++)
      suffixG1[k * p + j] = (suffixG1[(k + 1) * p + j] ?? 0) + gd * (mean[k * p + j] ?? 0);
  }
  const residual = new Float64Array(n * p);
  // eta: walk rows in time order, keeping prefix sums over event times <= X_i of dL and Zbar dL.
  let prefix0 = 0;
  const prefix1 = new Float64Array(p);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const t = time[i] ?? 0;
    while (k < events && (eventTimes[k] ?? 0) <= t) {
      prefix0 += hazard[k] ?? 0;
      for (let j = 0; j < p; j++) prefix1[j] = (prefix1[j] ?? 0) + (hazard[k] ?? 0) * (mean[k * p + j] ?? 0);
      k++;
    }
    const r = risk[i] ?? 0;
    const later = k; // first event time > X_i
    for (let j = 0; j < p; j++) {
      const z = x[i * p + j] ?? 0;
      let e = -r * (z * prefix0 - (prefix1[j] ?? 0));
      if (kind[i] === 1) e += z - (mean[(k - 1) * p + j] ?? 0);
      if (kind[i] === 2)
        e -= (r / (censoringBefore[i] ?? 1)) * (z * (suffixG0[later] ?? 0) - (suffixG1[later * p + j] ?? 0));
      residual[i * p + j] = e;
    }
  }
  // psi: censoring times u ascending; A = running sums over competing failures with X_j < u of r_j / G_j
  // (and times Z_j); q(u) = A1 * sum_{event >= u} G dL - A0 * sum_{event >= u} G Zbar dL.
  let a0 = 0;
  const a1 = new Float64Array(p);
  const cumulative = new Float64Array(p); // sum over censoring times u <= X of q(u) c_u / pi(u)^2
  const q = new Float64Array(p);
  let competingRow = 0;
  let firstEvent = 0;
  let i = 0;
  while (i < n) {
    const u = time[i] ?? 0;
    let j = i;
    let censored = 0;
    while (j < n && time[j] === u) {
      if (kind[j] === 0) censored++;
      j++;
    }
    for (; competingRow < i; competingRow++) {
      if (kind[competingRow] !== 2) continue;
      const w = (risk[competingRow] ?? 0) / (censoringBefore[competingRow] ?? 1);
      a0 += w;
      for (let c = 0; c < p; c++) a1[c] = (a1[c] ?? 0) + w * (x[competingRow * p + c] ?? 0);
    }
    while (firstEvent < events && (eventTimes[firstEvent] ?? 0) < u) firstEvent++;
    const atRisk = n - i;
    if (censored > 0) {
      for (let c = 0; c < p; c++) {
        q[c] = (a1[c] ?? 0) * (suffixG0[firstEvent] ?? 0) - a0 * (suffixG1[firstEvent * p + c] ?? 0);
        cumulative[c] = (cumulative[c] ?? 0) + ((q[c] ?? 0) * censored) / (atRisk * atRisk);
      }
    }
    for (let row = i; row < j; row++) {
      for (let c = 0; c < p; c++) {
        let psi = -(cumulative[c] ?? 0);
        if (kind[row] === 0) psi += (q[c] ?? 0) / atRisk;
        residual[row * p + c] = (residual[row * p + c] ?? 0) + psi;
      }
    }
    i = j;
  }
  const sigma = new Float64Array(p * p);
  for (let r = 0; r < n; r++) {
    for (let a = 0; a < p; a++) {
      const ra = residual[r * p + a] ?? 0;
      for (let b = 0; b < p; b++)
        sigma[a * p + b] = (sigma[a * p + b] ?? 0) + ra * (residual[r * p + b] ?? 0);
    }
  }
  const out = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      let sum = 0;
      for (let c = 0; c < p; c++)
        for (let e = 0; e < p; e++)
          sum += (inverse[a * p + c] ?? 0) * (sigma[c * p + e] ?? 0) * (inverse[e * p + b] ?? 0);
      out[a * p + b] = sum;
    }
  }
  return out;
}
