/**
 * Medication codes the criteria read (FHIR-PROFILE.md §5): ATC for everything, RxNorm accepted for
 * vasopressors and corticosteroids and mapped here to the ATC equivalent.
 */
export const ATC_SYSTEM = 'http://www.whocc.no/atc';
export const RXNORM_SYSTEM = 'http://www.nlm.nih.gov/research/umls/rxnorm';

/** Vasopressors and inotropes by ATC code. */
export const VASOPRESSOR_ATC = {
  norepinephrine: 'C01CA03',
  epinephrine: 'C01CA24',
  dopamine: 'C01CA04',
  dobutamine: 'C01CA07',
  vasopressin: 'H01BA01',
} as const;

/** Sedatives read for INFINITY E3 (MedicationAdministration, ATC). */
export const SEDATIVE_ATC = {
  propofol: 'N01AX10',
  midazolam: 'N05CD08',
  dexmedetomidine: 'N05CM18',
  ketamine: 'N01AX03',
} as const;

/** Systemic corticosteroids (H02AB) whose prednisone equivalent the profile fixes. */
export const CORTICOSTEROID_ATC = {
  prednisone: 'H02AB07',
  prednisolone: 'H02AB06',
  methylprednisolone: 'H02AB04',
  hydrocortisone: 'H02AB09',
  dexamethasone: 'H02AB02',
} as const;

/** RxNorm ingredient (RXCUI) → ATC, for the vasopressors and corticosteroids only (§5). */
export const RXNORM_TO_ATC: Readonly<Record<string, string>> = {
  '7512': VASOPRESSOR_ATC.norepinephrine,
  '3992': VASOPRESSOR_ATC.epinephrine,
  '3628': VASOPRESSOR_ATC.dopamine,
  '3616': VASOPRESSOR_ATC.dobutamine,
  '11149': VASOPRESSOR_ATC.vasopressin,
  '8640': CORTICOSTEROID_ATC.prednisone,
  '8638': CORTICOSTEROID_ATC.prednisolone,
  '6902': CORTICOSTEROID_ATC.methylprednisolone,
  '5492': CORTICOSTEROID_ATC.hydrocortisone,
  '3264': CORTICOSTEROID_ATC.dexamethasone,
};

/**
 * ATC prefixes of the classes some criterion reads: vasopressors, sedatives, corticosteroids (H02AB),
 * chemotherapy (L01), immunosuppressants (L04, L01FA, L01AA), anti-cytokine biologics (L04AB, L04AC),
 * anti-tuberculosis drugs (J04A), interferons (L03AB).
 */
export const MEDICATION_ATC_PREFIXES_READ: readonly string[] = [
  ...Object.values(VASOPRESSOR_ATC),
  ...Object.values(SEDATIVE_ATC),
  'H02AB',
  'L01',
  'L04',
  'J04A',
  'L03AB',
];

/** SNOMED CT routes that count as systemic: oral, intravenous, intramuscular, subcutaneous. */
export const SYSTEMIC_ROUTES_SNOMED: ReadonlySet<string> = new Set([
  '26643006',
  '47625008',
  '78421000',
  '34206005',
]);

/**
 * The ATC code of a medication from its ATC and RxNorm codings: the ATC code as sent, else the ATC
 * equivalent of a known RxNorm vasopressor or corticosteroid.
 * @example atcForMedication(undefined, '7512') // => 'C01CA03'
 */
export function atcForMedication(atc: string | undefined, rxnorm: string | undefined): string | undefined {
  if (atc !== undefined) return atc;
  return rxnorm === undefined ? undefined : RXNORM_TO_ATC[rxnorm];
}

/**
 * True when some criterion reads a medication with this ATC code (by class prefix).
 * @example isMedicationRead('L04AC03') // => true (anakinra)
 * @example isMedicationRead('J01CR05') // => false (piperacillin-tazobactam)
 */
export function isMedicationRead(atc: string): boolean {
  return MEDICATION_ATC_PREFIXES_READ.some((p) => atc.startsWith(p));
}

/** True for a SNOMED CT route that is systemic (oral, IV, IM, SC). @example isSystemicRoute('47625008') // => true */
export function isSystemicRoute(snomedCode: string): boolean {
  return SYSTEMIC_ROUTES_SNOMED.has(snomedCode);
}
