import { HISTORY_QUERY_KEYS } from '../../stores/history-store.js';
import { SITE_GLOBALS } from '../compiled-rule.js';
import { type RuleIssue, formatPath } from '../rule-issue.js';
import type { PathSegment } from '../yaml/yaml-document.js';
import { listRecipient } from './compile-rule.js';
import type { SiteCompiler } from './expression-sites.js';

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isScalar = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
const FILTER_KEYS: ReadonlySet<string> = new Set(HISTORY_QUERY_KEYS);

/**
 * A rule whose shape is wrong somewhere cannot be compiled, but its
 * expressions can still be checked: every one that sits where an expression
 * belongs is compiled, so that the author sees its problems in the same run
 * as the shape problems. Places the shape check already flagged are skipped.
 */
export function checkExpressionsOfMisshapenRule(raw: Record<string, unknown>, sites: SiteCompiler, shapeIssues: readonly RuleIssue[]): void {
  const flagged = new Set(shapeIssues.map((i) => i.path));
  const check = (value: unknown, path: readonly PathSegment[], globals: readonly string[], scalars = false): void => {
    if (!(scalars ? isScalar(value) : typeof value === 'string' && value !== '')) return;
    if (flagged.has(formatPath(path))) return;
    sites.compile(value, path, globals);
  };
  const trigger = (spec: unknown, path: readonly PathSegment[]): void => {
    if (!isRecord(spec)) return;
    check(spec['lambda'], [...path, 'lambda'], SITE_GLOBALS.trigger);
    for (const kind of ['all', 'any'] as const) {
      const children = spec[kind];
      if (Array.isArray(children)) children.forEach((child, i) => trigger(child, [...path, kind, i]));
    }
    trigger(spec['not'], [...path, 'not']);
  };

  trigger(raw['trigger'], ['trigger']);
  if (Array.isArray(raw['recipient']) && !flagged.has('recipient')) listRecipient(sites);
  else check(raw['recipient'], ['recipient'], SITE_GLOBALS.recipient);
  const previous = raw['previous'];
  if (isRecord(previous)) {
    const filter = previous['filter'];
    if (isRecord(filter)) {
      for (const [key, value] of Object.entries(filter)) {
        if (!FILTER_KEYS.has(key)) continue;
        if (Array.isArray(value)) value.forEach((item, i) => check(item, ['previous', 'filter', key, i], SITE_GLOBALS.filter, true));
        else check(value, ['previous', 'filter', key], SITE_GLOBALS.filter, true);
      }
    }
    const operation = previous['operation'];
    if (isRecord(operation)) check(operation['lambda'], ['previous', 'operation', 'lambda'], SITE_GLOBALS.operation);
  }
  const condition = raw['condition'];
  if (isRecord(condition)) check(condition['lambda'], ['condition', 'lambda'], SITE_GLOBALS.condition);
}
