import { pyRepr } from '../expressions/python/repr.js';
import type { CompiledRule } from '../rules/compiled-rule.js';

/**
 * How much of a value a trace shows. An expression can return a list that
 * shares one list many times over (`[[0] * 100] * 100` is ten thousand items
 * made in two steps): walking it all for an explanation would take minutes.
 */
export const TRACE_ITEMS = 1_000;
const TRACE_DEPTH = 20;
const MORE = '...';

/** Plain JSON-able data for traces: dates as ISO strings, Python objects as their repr, at most TRACE_ITEMS items. */
export function toPlain(value: unknown): unknown {
  let left = TRACE_ITEMS;
  const walk = (v: unknown, depth: number): unknown => {
    left--;
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return null;
    if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
    if (typeof v === 'number') return Number.isFinite(v) ? v : null;
    if (typeof v === 'bigint') return String(v);
    if (v instanceof Date) return v.toISOString();
    if (depth >= TRACE_DEPTH) return MORE;
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      for (const item of v) {
        if (left <= 0) { out.push(MORE); break; }
        out.push(walk(item, depth + 1));
      }
      return out;
    }
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null) return pyRepr(v);
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) {
      if (left <= 0) { out[MORE] = MORE; break; }
      Object.defineProperty(out, key, { value: walk((v as Record<string, unknown>)[key], depth + 1), enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
  return walk(value, 0);
}

export function describeCondition(rule: CompiledRule): string {
  const c = rule.condition;
  return c.kind === 'phrase' ? `${c.phrase} ${c.threshold}` : `lambda: ${c.site.expression.source}`;
}
