import { CORTICOSTEROID_ATC, atcForMedication } from '../codesets/medication-codes.js';

/**
 * Prednisone equivalents of systemic corticosteroids (DOMAIN.md §7.5 [S29]; FHIR-PROFILE.md §5):
 * hydrocortisone 20 mg = prednisone 5 mg = prednisolone 5 mg = methylprednisolone 4 mg = dexamethasone 0.75 mg,
 * the usual anti-inflammatory equivalence. DOMAIN.md's source [S29] is a secondary summary, to be confirmed
 * against a drug label.
 */
export type Corticosteroid =
  'prednisone' | 'prednisolone' | 'methylprednisolone' | 'hydrocortisone' | 'dexamethasone';

/** mg prednisone-equivalent per mg of each drug. */
export const PREDNISONE_EQUIVALENT_FACTORS: Readonly<Record<Corticosteroid, number>> = {
  prednisone: 1,
  prednisolone: 1,
  methylprednisolone: 5 / 4,
  hydrocortisone: 5 / 20,
  dexamethasone: 5 / 0.75,
};

/** What a medication code says about prednisone equivalence. */
export type SteroidEquivalence =
  | { readonly kind: 'known'; readonly drug: Corticosteroid; readonly factor: number }
  /** A systemic corticosteroid (ATC H02AB) whose equivalence the profile does not fix: dose unknown. */
  | { readonly kind: 'unknown_factor'; readonly atc: string }
  | { readonly kind: 'not_corticosteroid' };

const DRUGS: readonly Corticosteroid[] = [
  'prednisone',
  'prednisolone',
  'methylprednisolone',
  'hydrocortisone',
  'dexamethasone',
];

function drugForAtc(atc: string): Corticosteroid | undefined {
  return DRUGS.find((d) => CORTICOSTEROID_ATC[d] === atc);
}

/**
 * Classifies a medication by its ATC code, else its RxNorm code mapped to ATC (FHIR-PROFILE.md §5; the code
 * tables are `CORTICOSTEROID_ATC` and `RXNORM_TO_ATC` in codesets/medication-codes.ts). An ATC code decides
 * when present; other H02AB codes are corticosteroids of unknown equivalence. The profile's systemic-route
 * condition for RxNorm-only codes is the caller's to check.
 * @param codes - ATC and/or RxNorm code as sent.
 * @example steroidEquivalence({ atc: 'H02AB04' }) // => { kind: 'known', drug: 'methylprednisolone', factor: 1.25 }
 * @example steroidEquivalence({ atc: 'H02AB01' }) // => { kind: 'unknown_factor', atc: 'H02AB01' }
 * @example steroidEquivalence({ rxnorm: '3264' }) // => { kind: 'known', drug: 'dexamethasone', factor: 6.666… }
 */
export function steroidEquivalence(codes: {
  readonly atc?: string | undefined;
  readonly rxnorm?: string | undefined;
}): SteroidEquivalence {
  const atc = atcForMedication(codes.atc, codes.rxnorm);
  if (atc === undefined) return { kind: 'not_corticosteroid' };
  const drug = drugForAtc(atc);
  if (drug) return { kind: 'known', drug, factor: PREDNISONE_EQUIVALENT_FACTORS[drug] };
  if (atc.startsWith('H02AB')) return { kind: 'unknown_factor', atc };
  return { kind: 'not_corticosteroid' };
}

/**
 * Converts a corticosteroid dose to mg prednisone-equivalent (DOMAIN.md §7.5).
 * @param doseMg - Dose (or daily dose) in mg of the drug.
 * @param drug - The corticosteroid.
 * @returns Dose in mg prednisone-equivalent.
 * @example prednisoneEquivalentMg(200, 'hydrocortisone') // => 50
 */
export function prednisoneEquivalentMg(doseMg: number, drug: Corticosteroid): number {
  return doseMg * PREDNISONE_EQUIVALENT_FACTORS[drug];
}
