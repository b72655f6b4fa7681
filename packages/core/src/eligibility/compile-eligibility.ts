import { TrialError } from '../errors.js';
import type { Criterion, Eligibility } from '../protocol/eligibility-schema.js';
import { compileCondition, compileNode } from '../rules/checker.js';
import { RuleCheckError, type RuleDefinition } from '../rules/compile-env.js';
import { RuleSyntaxError } from '../rules/lexer.js';
import { ruleEnvironment } from '../rules/library.js';
import { parseRule } from '../rules/parser.js';
import { ruleCost } from './rule-cost.js';
import type { BoolOutcome, Compiled, EvalContext, InstantOutcome } from '../rules/types.js';

export interface CompiledCriterion {
  readonly id: string;
  readonly kind: 'inclusion' | 'exclusion';
  readonly text: string;
  readonly label: string | undefined;
  readonly rule: Compiled<BoolOutcome> | undefined;
  readonly attestation: boolean;
  readonly combine: 'override' | 'and';
  /** Relative cost of the rule (status-mode screening evaluates cheap criteria first). */
  readonly cost: number;
}

export interface CompiledEligibility {
  readonly protocolId: string;
  readonly criteria: readonly CompiledCriterion[];
  /** The same criteria, cheapest rule first (stable), for status-mode screening. */
  readonly criteriaByCost: readonly CompiledCriterion[];
  /** For each criterion of `criteriaByCost`, its index in `criteria`. */
  readonly orderOf: readonly number[];
  readonly strata: readonly { readonly id: string; readonly rule: Compiled<BoolOutcome> }[] | undefined;
  readonly deadline: Compiled<InstantOutcome> | undefined;
  /** Parameters in canonical units for the screening context. */
  readonly parameters: Readonly<Record<string, number>>;
}

/** A rule that failed to load, located by its path in the protocol and its character offset in the rule. */
export class RuleLoadError extends TrialError {
  readonly offset: number;
  readonly rulePath: string;
  constructor(rulePath: string, offset: number, message: string) {
    super('protocol.rule', `${rulePath}: ${message}`, rulePath);
    this.offset = offset;
    this.rulePath = rulePath;
  }
}

function located<T>(path: string, src: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof RuleSyntaxError)
      throw new RuleLoadError(path, e.offset, `${e.message} (at character ${e.offset + 1} of "${src}")`);
    if (e instanceof RuleCheckError) {
      throw new RuleLoadError(path, e.start, `${e.message} (in "${src.slice(e.start, e.end)}")`);
    }
    if (e instanceof TrialError) throw new RuleLoadError(path, 0, e.message);
    throw e;
  }
}

/**
 * Parses and type-checks every rule of a protocol's eligibility section, so that an unknown variable,
 * an impossible unit or an undefined anchor is rejected when the protocol loads, not at evaluation.
 * @throws RuleLoadError with the path (`eligibility.inclusion[2].rule`) and the offset in the rule.
 */
export function compileEligibility(protocolId: string, eligibility: Eligibility): CompiledEligibility {
  const definitions = new Map<string, RuleDefinition>();
  const strataIds = eligibility.stratification?.strata.map((s) => s.id) ?? [];
  const env = (): ReturnType<typeof ruleEnvironment> =>
    located('eligibility.parameters', '', () =>
      ruleEnvironment(eligibility.parameters, definitions, { stratum: strataIds }),
    );
  const definitionCost = new Map<string, number>();
  for (const [name, src] of Object.entries(eligibility.definitions)) {
    const path = `eligibility.definitions.${name}`;
    const tree = located(path, src, () => parseRule(src));
    const typed = located(path, src, () => compileNode(tree, env()));
    definitions.set(name, { type: typed.type, compiled: typed.run });
    definitionCost.set(name, ruleCost(tree, definitionCost));
  }
  const environment = env();
  const compileCriterion = (c: Criterion, kind: 'inclusion' | 'exclusion', i: number): CompiledCriterion => {
    const path = `eligibility.${kind}[${i}].rule`;
    const rule = c.rule;
    const tree = rule === undefined ? undefined : located(path, rule, () => parseRule(rule));
    return {
      id: c.id,
      kind,
      text: c.text,
      label: c.label,
      rule:
        rule === undefined || tree === undefined
          ? undefined
          : located(path, rule, () => compileCondition(tree, environment)),
      cost: tree === undefined ? 0 : ruleCost(tree, definitionCost),
      attestation: c.attestation === true,
      combine: c.combine ?? 'override',
    };
  };
  const ids = new Set<string>();
  const criteria = [
    ...eligibility.inclusion.map((c, i) => compileCriterion(c, 'inclusion', i)),
    ...eligibility.exclusion.map((c, i) => compileCriterion(c, 'exclusion', i)),
  ];
  for (const c of criteria) {
    if (ids.has(c.id))
      throw new TrialError(
        'protocol.invalid',
        `eligibility: criterion id ${c.id} is used twice`,
        'eligibility',
      );
    ids.add(c.id);
  }
  const strata = eligibility.stratification?.strata.map((s, i) => ({
    id: s.id,
    rule: located(`eligibility.stratification.strata[${i}].rule`, s.rule, () =>
      compileCondition(parseRule(s.rule), environment),
    ),
  }));
  const deadlineSrc = eligibility.deadline?.rule;
  const deadline =
    deadlineSrc === undefined
      ? undefined
      : located('eligibility.deadline.rule', deadlineSrc, () => {
          const typed = compileNode(parseRule(deadlineSrc), environment);
          if (typed.type.t !== 'instant')
            throw new RuleCheckError('the deadline must be a time, e.g. T_sep + 72 h', 0, deadlineSrc.length);
          const run = typed.run;
          return (ctx: EvalContext): InstantOutcome => {
            const o = run(ctx);
            return o.kind === 'instant'
              ? o
              : {
                  kind: 'instant',
                  t: undefined,
                  evidence: [],
                  reason() {
                    return 'unknown';
                  },
                };
          };
        });
  const parameters: Record<string, number> = {};
  for (const [name, p] of environment.parameters) parameters[name] = p.value;
  const criteriaByCost = [...criteria].sort((a, b) => a.cost - b.cost);
  const orderOf = criteriaByCost.map((c) => criteria.indexOf(c));
  return { protocolId, criteria, criteriaByCost, orderOf, strata, deadline, parameters };
}
