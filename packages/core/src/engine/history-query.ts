import { ExpressionError } from '../expressions/errors.js';
import { toDateTime } from '../expressions/python/datetime.js';
import { pyRepr } from '../expressions/python/repr.js';
import { PyIterator, PySet, PyTuple, isPlainDict, typeName } from '../expressions/python/values.js';
import type { FilterSpec } from '../rules/compiled-rule.js';
import type { HistoryQuery } from '../stores/history-store.js';

const invalid = (key: string, text: string): ExpressionError => new ExpressionError('value-error', `filter '${key}': ${text}`);

/**
 * Values for a list key (users, topics...). A scalar counts as a one-item
 * list (fedbadges would iterate a string's characters); a nested list, as a
 * recipient expression may give, is flattened; None is skipped.
 */
function listValues(key: string, results: unknown[]): string[] {
  const out: string[] = [];
  const take = (v: unknown, depth: number): void => {
    if (v === null || v === undefined) return;
    if (typeof v === 'string') out.push(v);
    else if (typeof v === 'number' || typeof v === 'boolean') out.push(pyRepr(v));
    else if (isPlainDict(v) && typeof v['name'] === 'string') out.push(v['name']);
    else if (depth === 0 && (Array.isArray(v) || v instanceof PyTuple || v instanceof PySet || v instanceof PyIterator)) {
      const items = Array.isArray(v) ? v : v instanceof PyTuple ? v.items : v instanceof PySet ? [...v.members.values()] : [...{ [Symbol.iterator]: () => v.iterator }];
      for (const item of items) take(item, depth + 1);
    } else throw invalid(key, `expected names, got ${typeName(v)} ${pyRepr(v)}`);
  };
  for (const r of results) take(r, 0);
  return out;
}

function single(key: string, results: unknown[]): unknown {
  if (results.length !== 1) throw invalid(key, 'takes one value, not a list');
  return results[0];
}

/** Build the datanommer-style query from a filter's evaluated expressions. */
export function buildHistoryQuery(filters: readonly FilterSpec[], evaluated: readonly unknown[][]): HistoryQuery {
  const query: HistoryQuery = {};
  const q = query as Record<string, unknown>;
  filters.forEach((filter, i) => {
    const results = evaluated[i]!;
    const key = filter.key;
    switch (key) {
      case 'start': case 'end': {
        const v = single(key, results);
        if (v === null) return;
        const when = toDateTime(v);
        if (when === null) throw invalid(key, `expected a datetime, an ISO 8601 string or epoch seconds, got ${pyRepr(v)}`);
        q[key] = when.toDate();
        return;
      }
      case 'msg_id': {
        const v = single(key, results);
        if (v === null) return;
        if (typeof v !== 'string') throw invalid(key, `expected a string, got ${typeName(v)}`);
        q[key] = v;
        return;
      }
      case 'rows_per_page': case 'page': {
        const v = single(key, results);
        if (v === null) return;
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw invalid(key, `expected a whole number, got ${pyRepr(v)}`);
        q[key] = v;
        return;
      }
      case 'order': {
        const v = single(key, results);
        if (v === null) return;
        if (v !== 'asc' && v !== 'desc') throw invalid(key, `expected 'asc' or 'desc', got ${pyRepr(v)}`);
        q[key] = v;
        return;
      }
      default:
        q[key] = listValues(key, results);
    }
  });
  return query;
}

/** A stable text for a query, so equal queries from several rules or candidates run once. */
export function queryKey(query: HistoryQuery): string {
  const q = query as Record<string, unknown>;
  let key = '';
  // Every value is written with its length first, so no two queries share a text.
  for (const k of Object.keys(q).sort()) {
    const v = q[k];
    if (Array.isArray(v)) {
      key += `${k}[${v.length}]`;
      for (const item of v as string[]) key += `${item.length}:${item}`;
    } else {
      const text = v instanceof Date ? String(v.getTime()) : String(v);
      key += `${k}=${text.length}:${text}`;
    }
  }
  return key;
}
