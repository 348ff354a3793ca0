import type { CompiledPrevious, ExpressionSite, FilterSpec } from '../compiled-rule.js';
import { SITE_GLOBALS } from '../compiled-rule.js';
import type { PreviousSpec } from '../rule-definition.js';
import type { SiteCompiler } from './expression-sites.js';

/**
 * Each filter value is an expression (or a list of them) over `message` and
 * `recipient`, as in fedbadges; the operation counts, or runs a lambda over
 * the matching rows (`results`).
 */
export function compilePrevious(spec: PreviousSpec, sites: SiteCompiler): CompiledPrevious | null {
  let ok = true;
  const filters: FilterSpec[] = [];
  for (const [key, value] of Object.entries(spec.filter)) {
    if (value === undefined) continue;
    const list = Array.isArray(value);
    const items = (list ? value : [value]).map((item, i) =>
      sites.compile(item, list ? ['previous', 'filter', key, i] : ['previous', 'filter', key], SITE_GLOBALS.filter));
    if (items.some((s) => s === null)) { ok = false; continue; }
    filters.push({ key: key as FilterSpec['key'], items: items as ExpressionSite[], list } as FilterSpec);
  }
  const operation = spec.operation ?? 'count';
  if (operation === 'count') return ok ? { filters, operation: { kind: 'count' } } : null;
  const site = sites.compile(operation.lambda, ['previous', 'operation', 'lambda'], SITE_GLOBALS.operation);
  return ok && site !== null ? { filters, operation: { kind: 'lambda', site } } : null;
}
