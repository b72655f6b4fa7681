import type { AllergySubstance } from '../timeline/types.js';

/** Allergy substances the criteria read (FHIR-PROFILE.md §7). */
export const SUBSTANCE_SYSTEM = 'https://immunotrial.dev/fhir/CodeSystem/substance';

/** Local substance codes (SUBSTANCE_SYSTEM): the interferon class and the excipients of the study drugs. */
export const LOCAL_SUBSTANCES: Readonly<Record<string, AllergySubstance>> = {
  interferon: 'interferon',
  mannitol: 'mannitol',
  'sodium-succinate': 'sodium-succinate',
  'succinic-acid': 'succinic-acid',
  'polysorbate-20': 'polysorbate-20',
};

/** SNOMED CT latex codes: 111088007 |Latex|, 1003751008 |Natural rubber latex|, 300916003 |Latex allergy|. */
export const LATEX_SNOMED: ReadonlySet<string> = new Set(['111088007', '1003751008', '300916003']);

/** ATC class of the interferons. */
export const INTERFERON_ATC_PREFIX = 'L03AB';

const ATC = 'http://www.whocc.no/atc';
const SNOMED = 'http://snomed.info/sct';

/**
 * The substance an allergy coding names, if a criterion reads it.
 * @param system - Coding system URL.
 * @param code - Code as sent.
 * @example allergySubstanceForCode('http://www.whocc.no/atc', 'L03AB03') // => 'interferon'
 * @example allergySubstanceForCode('http://snomed.info/sct', '300916003') // => 'latex'
 */
export function allergySubstanceForCode(
  system: string | undefined,
  code: string | undefined,
): AllergySubstance | undefined {
  if (system === undefined || code === undefined) return undefined;
  if (system === ATC) return code.startsWith(INTERFERON_ATC_PREFIX) ? 'interferon' : undefined;
  if (system === SUBSTANCE_SYSTEM)
    return Object.hasOwn(LOCAL_SUBSTANCES, code) ? LOCAL_SUBSTANCES[code] : undefined;
  if (system === SNOMED) return LATEX_SNOMED.has(code) ? 'latex' : undefined;
  return undefined;
}
