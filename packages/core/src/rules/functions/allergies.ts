import type { AllergySubstance } from '../../timeline/types.js';
import type { FunctionSpec } from '../types.js';
import { anyOf, recordEvidence, symbolsArg } from './clinical-args.js';

/** Allergen sets a rule can name (FHIR-PROFILE.md §7), with the substances each covers. */
export const ALLERGEN_SETS = {
  interferon: ['interferon'],
  excipient: ['mannitol', 'sodium-succinate', 'succinic-acid', 'polysorbate-20'],
  latex: ['latex'],
} as const satisfies Record<string, readonly AllergySubstance[]>;

export type AllergenSetName = keyof typeof ALLERGEN_SETS;

/** Names of the allergen sets. */
export const ALLERGEN_SET_NAMES: readonly AllergenSetName[] =
  Object.keys(ALLERGEN_SETS).filter(isAllergenSetName);

/** Is `name` an allergen set? @example isAllergenSetName('latex') // => true */
export function isAllergenSetName(name: string): name is AllergenSetName {
  return Object.hasOwn(ALLERGEN_SETS, name);
}

/**
 * `allergy(set, ...)`: an AllergyIntolerance to a substance of one of the sets, in any clinicalStatus
 * (refuted and entered-in-error ones never reach the rule). Closed world: none -> not_met.
 * Example (PLATINIUM E9): `allergy(interferon, excipient, latex)`.
 */
export const allergyFunction: FunctionSpec = {
  name: 'allergy',
  summary: 'an allergy or intolerance to an allergen set (interferon, excipient, latex)',
  params: [{ name: 'sets', kind: { symbol: 'allergen_set' }, positional: true, variadic: true }],
  returns: () => ({ t: 'bool' }),
  compile: (args) => {
    const sets = symbolsArg(args, 'sets', isAllergenSetName, 'allergy');
    const substances = new Set<AllergySubstance>(sets.flatMap((s) => ALLERGEN_SETS[s]));
    const names = sets.join(' or ');
    return (ctx) =>
      anyOf(
        ctx.allergies.filter((a) => substances.has(a.substance)),
        () => 'met',
        (a) => recordEvidence(a.ref, a.substance, undefined, a.recorded),
        (a) => `${a.substance} allergy (${a.ref})`,
        () => `no ${names} allergy recorded`,
      );
  },
};
