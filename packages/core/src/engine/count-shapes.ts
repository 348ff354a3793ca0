import { ExpressionError } from '../expressions/errors.js';
import type { CompiledRule, ExpressionSite, FilterSpec } from '../rules/compiled-rule.js';
import { COUNT_DIMENSIONS, COUNT_FIXED_KEYS, type CountDimension, type CountFixedKey, type CountShape, type SelfExclusion } from '../stores/history-store.js';
import { buildHistoryQuery } from './history-query.js';

const isDimension = (key: string): key is CountDimension => (COUNT_DIMENSIONS as readonly string[]).includes(key);
const isFixed = (key: string): key is CountFixedKey => (COUNT_FIXED_KEYS as readonly string[]).includes(key);
const PAGING = new Set(['rows_per_page', 'page', 'order']);
const isConstant = (site: ExpressionSite): boolean => site.expression.usedGlobals.size === 0;
const WHO = new Set<string>(['users', 'packages', 'agents']);
const SELF = new Set<string>(['not_users', 'not_packages', 'not_agents']);
/** A filter whose one value is the candidate: `[recipient]`. */
const isCandidate = (f: FilterSpec): boolean => f.items.length === 1 && f.items[0]!.expression.source.trim() === 'recipient';

/**
 * The count shape of one rule, when it has one: every fixed key (contains,
 * the not_ keys) written with constants, no time window. Such counts can
 * be kept running by the store instead of recounted.
 */
function shapeOf(rule: CompiledRule): CountShape | null {
  const previous = rule.previous;
  if (previous === null || previous.operation.kind !== 'count') return null;
  const dimensions: CountDimension[] = [];
  const fixedFilters: FilterSpec[] = [];
  const constantDimensions: FilterSpec[] = [];
  const notSelf: SelfExclusion[] = [];
  const candidateWho = previous.filters.filter((f) => WHO.has(f.key) && isCandidate(f));
  for (const filter of previous.filters) {
    if (isDimension(filter.key)) {
      dimensions.push(filter.key);
      if (filter.items.every(isConstant)) constantDimensions.push(filter);
    } else if (isFixed(filter.key) && filter.items.every(isConstant)) fixedFilters.push(filter);
    else if (SELF.has(filter.key) && isCandidate(filter) && candidateWho.length === 1) notSelf.push(filter.key as SelfExclusion);
    else if (!PAGING.has(filter.key)) return null;
  }
  if (notSelf.length > 0 && dimensions.filter((d) => WHO.has(d)).length !== 1) return null;
  // Without fixed keys, the running counters answer one who (user, package or agent) and one where (topic or category).
  const who = dimensions.filter((d) => d === 'users' || d === 'packages' || d === 'agents').length;
  if (fixedFilters.length === 0 && notSelf.length === 0 && who <= 1 && dimensions.length - who <= 1) return null;
  try {
    const fixed = buildHistoryQuery(fixedFilters, fixedFilters.map((f) => f.items.map((site) => site.expression.evaluate([]))));
    const only = buildHistoryQuery(constantDimensions, constantDimensions.map((f) => f.items.map((site) => site.expression.evaluate([]))));
    return { dimensions, fixed, only, notSelf };
  } catch (error) {
    if (error instanceof ExpressionError) return null;
    throw error;
  }
}

/** The count shapes of a rule set, for `HistoryStore.prepare`. */
export function countShapes(rules: readonly CompiledRule[]): CountShape[] {
  return rules.map(shapeOf).filter((s): s is CountShape => s !== null);
}
