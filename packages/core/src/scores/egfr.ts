import { TrialError } from '../errors.js';
import { requireInRange } from './bands.js';

/** Sex as the CKD-EPI equations use it. */
export type EgfrSex = 'female' | 'male';

export interface Egfr2021Input {
  /** Serum creatinine in mg/dL, IDMS-traceable (convert µmol/L with `creatinineUmolPerLToMgPerDl`). */
  readonly creatinineMgPerDl: number;
  /** Age in years at the sample (adults: 18 and over). */
  readonly ageYears: number;
  readonly sex: EgfrSex;
}

export interface Egfr2009Input extends Egfr2021Input {
  /** Black race: the 2009 equation multiplies by 1.159. */
  readonly black: boolean;
}

function checkInput(input: Egfr2021Input): void {
  requireInRange('creatinineMgPerDl', input.creatinineMgPerDl, {
    min: 0,
    max: Number.MAX_VALUE,
    minExclusive: true,
    expected: 'a number > 0 (mg/dL)',
  });
  if (!Number.isFinite(input.ageYears) || input.ageYears < 18 || input.ageYears > 130) {
    throw new TrialError(
      'score.input',
      `ageYears: expected an adult age from 18 to 130 years (CKD-EPI is not valid in children), received ${input.ageYears}`,
      'ageYears',
    );
  }
}

/**
 * CKD-EPI 2021 creatinine equation, race-free (Inker et al., N Engl J Med 2021;385:1737; DOMAIN.md §7.4):
 * eGFR = 142 × min(Scr/κ, 1)^α × max(Scr/κ, 1)^−1.200 × 0.9938^age × 1.012 [female],
 * κ = 0.7 (female) or 0.9 (male), α = −0.241 (female) or −0.302 (male). Not valid in unstable AKI.
 * @param input - Creatinine in mg/dL, age in years, sex.
 * @returns eGFR in mL/min/1.73 m², unrounded.
 * @throws TrialError `score.input` when creatinine is not > 0 or age is outside 18–130.
 * @example computeEgfrCkdEpi2021({ creatinineMgPerDl: 1.0, ageYears: 60, sex: 'male' }) // => 86.1626…
 */
export function computeEgfrCkdEpi2021(input: Egfr2021Input): number {
  checkInput(input);
  const female = input.sex === 'female';
  const kappa = female ? 0.7 : 0.9;
  const alpha = female ? -0.241 : -0.302;
  const ratio = input.creatinineMgPerDl / kappa;
  return (
    142 *
    Math.min(ratio, 1) ** alpha *
    Math.max(ratio, 1) ** -1.2 *
    0.9938 ** input.ageYears *
    (female ? 1.012 : 1)
  );
}

/**
 * CKD-EPI 2009 creatinine equation (Levey et al., Ann Intern Med 2009;150:604; DOMAIN.md §7.4):
 * eGFR = 141 × min(Scr/κ, 1)^α × max(Scr/κ, 1)^−1.209 × 0.993^age × 1.018 [female] × 1.159 [Black],
 * κ = 0.7 (female) or 0.9 (male), α = −0.329 (female) or −0.411 (male).
 * @param input - Creatinine in mg/dL, age in years, sex, Black race.
 * @returns eGFR in mL/min/1.73 m², unrounded.
 * @throws TrialError `score.input` when creatinine is not > 0 or age is outside 18–130.
 * @example computeEgfrCkdEpi2009({ creatinineMgPerDl: 0.6, ageYears: 50, sex: 'female', black: false }) // => 106.2808…
 */
export function computeEgfrCkdEpi2009(input: Egfr2009Input): number {
  checkInput(input);
  const female = input.sex === 'female';
  const kappa = female ? 0.7 : 0.9;
  const alpha = female ? -0.329 : -0.411;
  const ratio = input.creatinineMgPerDl / kappa;
  return (
    141 *
    Math.min(ratio, 1) ** alpha *
    Math.max(ratio, 1) ** -1.209 *
    0.993 ** input.ageYears *
    (female ? 1.018 : 1) *
    (input.black ? 1.159 : 1)
  );
}
