import { boolOutcome } from '../outcome.js';
import type { FunctionSpec } from '../types.js';

/**
 * `undetermined` (or `undetermined("why")`): a condition the data can never decide: always unknown. Written
 * as `X and undetermined`, it says "when X holds, only a person can tell": the criterion is unknown rather
 * than not_met (Kleene: met and unknown = unknown, not_met and unknown = not_met).
 * Example (PLATINIUM E11): `... or (active_condition(ckd_stage5) and undetermined)` (FHIR-PROFILE.md §9: a CKD
 * stage 5 code alone makes a not_met unknown).
 */
export const undeterminedFunction: FunctionSpec = {
  name: 'undetermined',
  summary: 'always unknown: `X and undetermined` leaves the decision to a person when X holds',
  params: [{ name: 'why', kind: 'string', positional: true, optional: true }],
  returns: () => ({ t: 'bool' }),
  compile: (args) => {
    const why = args.values.get('why');
    return (ctx) => {
      const o = why?.(ctx);
      const text = o?.kind === 'string' ? o.value : 'the data cannot decide this';
      return boolOutcome('unknown', [], () => text);
    };
  },
};
