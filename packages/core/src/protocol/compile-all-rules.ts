import { TrialError } from '../errors.js';
import {
  type CompiledEligibility,
  compileEligibility,
  RuleLoadError,
} from '../eligibility/compile-eligibility.js';
import type { Eligibility } from './eligibility-schema.js';

/** A rule that failed to load: its path, offset in the rule text, and the message without the path. */
export interface RuleFailure {
  readonly rulePath: string;
  readonly offset: number;
  readonly message: string;
}

// RuleLoadError messages end with the rule excerpt; the loader points at the line and column instead.
const EXCERPT = / \((?:in "[^]*"|at character \d+ of "[^]*")\)$/;

/** The message of a RuleLoadError without its `path: ` prefix and trailing excerpt. */
function bareMessage(e: RuleLoadError): string {
  const prefix = `${e.rulePath}: `;
  const m = e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
  return m.replace(EXCERPT, '');
}

/** A copy of the eligibility section with the failing rule taken out, so that the next one can be checked. */
function without(eligibility: Eligibility, rulePath: string): Eligibility | undefined {
  const m = /^eligibility\.(inclusion|exclusion)\[(\d+)\]\.rule$/.exec(rulePath);
  if (m) {
    const kind = m[1] === 'inclusion' ? 'inclusion' : 'exclusion';
    const index = Number(m[2]);
    return {
      ...eligibility,
      [kind]: eligibility[kind].map((c, i) =>
        i === index ? { id: c.id, text: c.text, attestation: true } : c,
      ),
    };
  }
  const s = /^eligibility\.stratification\.strata\[(\d+)\]\.rule$/.exec(rulePath);
  const strat = eligibility.stratification;
  if (s && strat) {
    const index = Number(s[1]);
    const strata = strat.strata.map((x, i) => (i === index ? { ...x, rule: 'age >= 0 years' } : x));
    return { ...eligibility, stratification: { ...strat, strata } };
  }
  if (rulePath === 'eligibility.deadline.rule') {
    const { deadline: _removed, ...rest } = eligibility;
    return rest;
  }
  // A definition or a parameter: the rules that use it would fail for its sake; stop here.
  return undefined;
}

/**
 * Compiles every rule of an eligibility section and reports every rule that fails, not only the first:
 * after a failure the failing criterion is set aside and compilation runs again.
 * @returns The compiled eligibility when every rule loads, and the failures otherwise.
 */
export function compileAllRules(
  protocolId: string,
  eligibility: Eligibility,
): { readonly compiled: CompiledEligibility | undefined; readonly failures: readonly RuleFailure[] } {
  const failures: RuleFailure[] = [];
  let current: Eligibility | undefined = eligibility;
  while (current !== undefined) {
    try {
      const compiled = compileEligibility(protocolId, current);
      return { compiled: failures.length === 0 ? compiled : undefined, failures };
    } catch (e) {
      if (e instanceof RuleLoadError) {
        failures.push({ rulePath: e.rulePath, offset: e.offset, message: bareMessage(e) });
        current = without(current, e.rulePath);
      } else if (e instanceof TrialError && e.code === 'protocol.invalid') {
        // Duplicate criterion ids: checkProtocolReferences reports them with their location.
        return { compiled: undefined, failures };
      } else if (e instanceof Error && e.message.startsWith('parameter ')) {
        // A parameter unit that is not UCUM: checkProtocolReferences reports it with its location.
        return { compiled: undefined, failures };
      } else throw e;
    }
  }
  return { compiled: undefined, failures };
}
