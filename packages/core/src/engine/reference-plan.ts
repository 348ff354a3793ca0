import { evaluateTree } from '../expressions/expression.js';
import type { CompiledExpression } from '../expressions/expression.js';
import type { Node } from '../expressions/grammar/nodes.js';
import { parseExpression } from '../expressions/grammar/parse.js';
import type { CompiledRule } from '../rules/compiled-rule.js';
import type { EvaluationPlan } from './evaluation-plan.js';
import { groupRules } from './rule-groups.js';

/**
 * The naive way, as a straightforward awarder would run the same rules:
 * every rule on its own, its trigger checked on every message, every
 * expression interpreted from its syntax tree at each use, and no query
 * shared between rules or candidates. Its answers must equal the indexed
 * plan's; the benchmark measures the engine against it and checks they agree.
 */
export function referencePlan(rules: readonly CompiledRule[]): EvaluationPlan {
  const { groups, owners } = groupRules(rules, false);
  const everyRule = groups.map((group) => ({ group, exact: false }));
  const trees = new Map<CompiledExpression, Node>();
  return {
    owners,
    groupsFor: () => everyRule,
    evaluate: (site, values, limits) => {
      const { expression } = site;
      let tree = trees.get(expression);
      if (tree === undefined) {
        tree = parseExpression(expression.source);
        trees.set(expression, tree);
      }
      return evaluateTree(tree, expression.source, expression.globals, values, limits);
    },
    shareQueries: false,
  };
}
