import type { Limits } from '../expressions/python/values.js';
import type { CompiledRule, ExpressionSite } from '../rules/compiled-rule.js';
import { type RuleGroup, type SiteOwners, groupRules } from './rule-groups.js';
import { TriggerIndex } from './trigger-index.js';

export interface GroupCandidate {
  group: RuleGroup;
  /** The trigger is known to match; no need to evaluate it. */
  exact: boolean;
}

/**
 * How an engine finds the rules a message may trigger, runs an expression,
 * and how much work rules share. The engine's own plan does each the fast
 * way; the reference plan (`reference-plan.ts`) does each the naive way, to
 * measure and check the fast one against.
 */
export interface EvaluationPlan {
  /** Who owns each site the plan evaluates, for failure reports. */
  readonly owners: SiteOwners;
  /** The groups to visit for a message on `topic`, in the order of their first rule. */
  groupsFor(topic: string): readonly GroupCandidate[];
  evaluate(site: ExpressionSite, values: readonly unknown[], limits: Readonly<Limits>): unknown;
  /** Run each distinct store query once per message, however many rules and candidates ask. */
  readonly shareQueries: boolean;
}

/** Topics whose groups are remembered; a bus has a few hundred. */
const TOPICS_CACHED = 50_000;

/** Series run as one group, triggers indexed by topic suffix and category, expressions compiled once, queries shared. */
export function indexedPlan(rules: readonly CompiledRule[]): EvaluationPlan {
  const { groups, owners } = groupRules(rules, true);
  const leads = groups.map((g) => g.lead);
  const groupOf = new Map(groups.map((g) => [g.lead, g]));
  const index = new TriggerIndex(leads);
  const found = new Map<string, GroupCandidate[]>();
  return {
    owners,
    groupsFor: (topic) => {
      let hit = found.get(topic);
      if (hit === undefined) {
        hit = index.candidates(topic).map(({ rule, exact }) => ({ group: groupOf.get(rule)!, exact }));
        if (found.size >= TOPICS_CACHED) found.clear();
        found.set(topic, hit);
      }
      return hit;
    },
    evaluate: (site, values, limits) => site.expression.evaluate(values, limits),
    shareQueries: true,
  };
}
