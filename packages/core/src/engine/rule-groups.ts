import type { CompiledRule, ExpressionSite, TriggerNode } from '../rules/compiled-rule.js';

/**
 * Rules that differ only in their badge and condition — a series such as
 * "Bodhi Commenter (I) ... (X)", the commonest shape in Fedora's rules —
 * run as one: the trigger, the recipients and the `previous` value of each
 * candidate are evaluated once for the whole group, and then each rule
 * checks its own holders and its own condition.
 */
export interface RuleGroup {
  /** In rule order. */
  readonly rules: readonly CompiledRule[];
  /** Each rule's position in the engine's rule list, to keep awards and traces in rule order. */
  readonly positions: readonly number[];
  /** The first rule: the group runs its trigger, recipient and previous. */
  readonly lead: CompiledRule;
}

/** A site and the rule it belongs to. */
export interface SiteOwner {
  readonly rule: CompiledRule;
  readonly site: ExpressionSite;
}

/**
 * For each site the engine evaluates, the rules it stands for: a lead's
 * shared site stands for the same expression in every rule of its group,
 * each in its own file, so a failure is reported against all of them.
 */
export type SiteOwners = ReadonlyMap<ExpressionSite, readonly SiteOwner[]>;

function triggerSites(node: TriggerNode, into: ExpressionSite[]): void {
  switch (node.kind) {
    case 'lambda': into.push(node.site); return;
    case 'not': triggerSites(node.child, into); return;
    case 'all': case 'any': node.children.forEach((c) => triggerSites(c, into)); return;
    default:
  }
}

/** The sites a group shares, in an order that lines up across the rules of one group. */
function sharedSites(rule: CompiledRule): ExpressionSite[] {
  const sites: ExpressionSite[] = [];
  triggerSites(rule.trigger, sites);
  sites.push(rule.recipient);
  for (const filter of rule.previous?.filters ?? []) sites.push(...filter.items);
  if (rule.previous?.operation.kind === 'lambda') sites.push(rule.previous.operation.site);
  return sites;
}

const expressionKey = (site: ExpressionSite): string => `${site.expression.globals.join(',')}:${site.expression.source}`;

function triggerKey(node: TriggerNode): unknown {
  switch (node.kind) {
    case 'topic': return ['t', node.suffix];
    case 'category': return ['c', node.value];
    case 'lambda': return ['l', expressionKey(node.site)];
    case 'not': return ['n', triggerKey(node.child)];
    case 'all': case 'any': return [node.kind, node.children.map(triggerKey)];
  }
}

/** Equal for two rules exactly when everything but the badge and the condition is the same. */
function signature(rule: CompiledRule): string {
  const previous = rule.previous && {
    filters: rule.previous.filters.map((f) => [f.key, f.list, f.items.map(expressionKey)]),
    operation: rule.previous.operation.kind === 'lambda' ? expressionKey(rule.previous.operation.site) : 'count',
  };
  return JSON.stringify([triggerKey(rule.trigger), expressionKey(rule.recipient), rule.converters, previous ?? null]);
}

/** Group rules (`share: false` keeps every rule on its own, as the reference engine runs them). */
export function groupRules(rules: readonly CompiledRule[], share: boolean): { groups: RuleGroup[]; owners: SiteOwners } {
  const bySignature = new Map<string, { rules: CompiledRule[]; positions: number[] }>();
  const groups: Array<{ rules: CompiledRule[]; positions: number[] }> = [];
  rules.forEach((rule, position) => {
    const key = share ? signature(rule) : String(position);
    let group = bySignature.get(key);
    if (group === undefined) {
      group = { rules: [], positions: [] };
      bySignature.set(key, group);
      groups.push(group);
    }
    group.rules.push(rule);
    group.positions.push(position);
  });
  const owners = new Map<ExpressionSite, SiteOwner[]>();
  for (const group of groups) {
    const perRule = group.rules.map(sharedSites);
    perRule[0]!.forEach((site, i) => owners.set(site, group.rules.map((rule, k) => ({ rule, site: perRule[k]![i]! }))));
    for (const rule of group.rules) {
      if (rule.condition.kind === 'lambda') owners.set(rule.condition.site, [{ rule, site: rule.condition.site }]);
    }
  }
  return { groups: groups.map((g) => ({ rules: g.rules, positions: g.positions, lead: g.rules[0]! })), owners };
}
