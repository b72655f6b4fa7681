import type { Node } from '../rules/ast.js';

/**
 * Rough relative cost of evaluating a rule, for screening in `status` mode: cheap criteria first, so
 * that most patients are excluded before a SOFA over seven windows is computed. Weights are measured
 * orders of magnitude (bench/evaluate.ts), not exact costs; an unlisted function costs 1.
 */
const FUNCTION_COST: Readonly<Record<string, number>> = {
  sofa: 40,
  organ_failure: 40,
  apache2_at_screening: 40,
  sirs_pair: 30,
  vasopressor_run: 15,
  steroid_days: 15,
  steroid_rate_sustained: 15,
  steroid_day: 15,
  anti_tb_therapy: 5,
  within: 5,
  egfr_baseline: 5,
  pregnancy: 3,
};

/** The cost of a rule's syntax tree, counting named definitions at their own cost. */
export function ruleCost(node: Node, definitionCost: ReadonlyMap<string, number>): number {
  switch (node.kind) {
    case 'number':
    case 'string':
      return 0;
    case 'ident':
      return definitionCost.get(node.name) ?? FUNCTION_COST[node.name] ?? 0;
    case 'call': {
      let sum = FUNCTION_COST[node.name] ?? 1;
      for (const a of node.args) sum += ruleCost(a, definitionCost);
      for (const a of node.named.values()) sum += ruleCost(a, definitionCost);
      return sum;
    }
    case 'compare':
    case 'arith':
      return ruleCost(node.left, definitionCost) + ruleCost(node.right, definitionCost);
    case 'neg':
    case 'not':
      return ruleCost(node.operand, definitionCost);
    case 'and':
    case 'or':
      return node.operands.reduce((s, o) => s + ruleCost(o, definitionCost), 0);
    case 'window':
      return ruleCost(node.from, definitionCost) + ruleCost(node.to, definitionCost);
  }
}
