import type { AdaptiveAllocation } from '../design/compiled-design.js';

/**
 * New allocation shares from P(best) (adaptr's "probability best" rule; Thompson-style when the
 * exponent is n / (2N), Thall & Wathen 2007): share_k proportional to P(k best)^c over active arms; then
 * the control is raised to at least `minControl` (the other arms scaled down), and any other arm above
 * `cap` is cut to it with the excess shared among the uncut arms in proportion to their shares.
 * @param rule - The adaptive allocation of the design.
 * @param best - P(best) per arm (0 for inactive arms).
 * @param active - 1 for arms still randomizing.
 * @param control - Index of the control.
 * @param enrolled - Patients enrolled so far (n, for Thompson's exponent).
 * @param maxPatients - Most patients the trial can enrol (N).
 * @param share - Receives the new shares (0 for inactive arms).
 */
export function updateShares(
  rule: AdaptiveAllocation,
  best: Float64Array,
  active: Uint8Array,
  control: number,
  enrolled: number,
  maxPatients: number,
  share: Float64Array,
): void {
  const power = rule.method === 'thompson' ? enrolled / (2 * maxPatients) : rule.power;
  const arms = share.length;
  let total = 0;
  let activeCount = 0;
  for (let k = 0; k < arms; k++) {
    share[k] = active[k] === 1 ? Math.pow(best[k] ?? 0, power) : 0;
    total += share[k] ?? 0;
    activeCount += active[k] ?? 0;
  }
  for (let k = 0; k < arms; k++)
    share[k] = total > 0 ? (share[k] ?? 0) / total : (active[k] ?? 0) / activeCount;
  const controlShare = share[control] ?? 0;
  if (controlShare < rule.minControl) {
    const others = 1 - controlShare;
    for (let k = 0; k < arms; k++) {
      if (k === control) share[k] = rule.minControl;
      else if (others > 0) share[k] = ((share[k] ?? 0) * (1 - rule.minControl)) / others;
      else share[k] = active[k] === 1 ? (1 - rule.minControl) / (activeCount - 1) : 0;
    }
  }
  capShares(rule.cap, active, control, share);
}

/** Water-filling: cut shares above the cap and give the excess to uncut non-control arms, repeatedly. */
function capShares(cap: number, active: Uint8Array, control: number, share: Float64Array): void {
  for (let round = 0; round < share.length; round++) {
    let excess = 0;
    let room = 0;
    for (let k = 0; k < share.length; k++) {
      if (active[k] !== 1) continue;
      const v = share[k] ?? 0;
      if (v > cap) {
        excess += v - cap;
        share[k] = cap;
      } else if (k !== control && v < cap) room += v;
    }
    if (excess <= 1e-15 || room <= 0) return;
    for (let k = 0; k < share.length; k++) {
      const v = share[k] ?? 0;
      if (active[k] === 1 && k !== control && v < cap) share[k] = v + (excess * v) / room;
    }
  }
}
