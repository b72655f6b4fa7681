import { nonNegative, requireInRange } from './bands.js';

// Ranges are built once: score functions run for every value of every window screened.
const NON_NEGATIVE_MMOL_PER_L = nonNegative('mmol/L');

export interface Sepsis3Input {
  /** Infection suspected (cultures taken and antibiotics started, or a documented infection). */
  readonly suspectedInfection: boolean;
  /** SOFA total now (the worst of the window). */
  readonly sofaTotal: number;
  /** SOFA total before the infection; 0 unless known to be higher (pre-existing organ dysfunction). */
  readonly baselineSofaTotal?: number | undefined;
}

const SOFA_RANGE = { min: 0, max: 24, expected: 'a SOFA total from 0 to 24' };

/**
 * Acute rise in SOFA from the patient's baseline (Singer et al., JAMA 2016;315:801, Sepsis-3):
 * the baseline is assumed 0 unless known.
 * @param sofaTotal - SOFA total now, 0–24.
 * @param baselineSofaTotal - SOFA before the infection, 0–24; default 0.
 * @returns Points of rise (negative when the patient improved).
 * @throws TrialError `score.input` when a total is outside 0–24.
 * @example sofaRiseFromBaseline(5, 2) // => 3
 */
export function sofaRiseFromBaseline(sofaTotal: number, baselineSofaTotal = 0): number {
  requireInRange('sofaTotal', sofaTotal, SOFA_RANGE);
  requireInRange('baselineSofaTotal', baselineSofaTotal, SOFA_RANGE);
  return sofaTotal - baselineSofaTotal;
}

/**
 * Sepsis by the Sepsis-3 definition (Singer et al., JAMA 2016;315:801; DOMAIN.md §7.3): suspected infection
 * and an acute SOFA rise of at least 2 points from baseline (baseline 0 unless known).
 * @throws TrialError `score.input` when a SOFA total is outside 0–24.
 * @example meetsSepsis3({ suspectedInfection: true, sofaTotal: 4, baselineSofaTotal: 2 }) // => true
 * @example meetsSepsis3({ suspectedInfection: true, sofaTotal: 3, baselineSofaTotal: 2 }) // => false
 */
export function meetsSepsis3(input: Sepsis3Input): boolean {
  const rise = sofaRiseFromBaseline(input.sofaTotal, input.baselineSofaTotal);
  return input.suspectedInfection && rise >= 2;
}

export interface SepticShockInput {
  /** Sepsis by `meetsSepsis3`: septic shock is a subset of sepsis. */
  readonly sepsis: boolean;
  /** Vasopressors needed to keep MAP >= 65 mmHg. */
  readonly vasopressorsForMap65: boolean;
  /** Serum lactate in mmol/L. */
  readonly lactateMmolPerL: number;
  /** Hypotension and lactate persist after adequate fluid resuscitation. */
  readonly afterAdequateFluids: boolean;
}

/**
 * Septic shock by Sepsis-3 (Singer et al., JAMA 2016;315:801; DOMAIN.md §7.3): sepsis with vasopressors
 * required to keep MAP >= 65 mmHg and serum lactate > 2 mmol/L (2.0 is not enough) despite adequate fluids.
 * @throws TrialError `score.input` when lactate is negative or not finite.
 * @example meetsSepticShock({ sepsis: true, vasopressorsForMap65: true, lactateMmolPerL: 2.1, afterAdequateFluids: true }) // => true
 */
export function meetsSepticShock(input: SepticShockInput): boolean {
  requireInRange('lactateMmolPerL', input.lactateMmolPerL, NON_NEGATIVE_MMOL_PER_L);
  return input.sepsis && input.vasopressorsForMap65 && input.afterAdequateFluids && input.lactateMmolPerL > 2;
}
