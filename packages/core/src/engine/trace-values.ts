import { pyRepr } from '../expressions/python/repr.js';
import type { CompiledRule } from '../rules/compiled-rule.js';

/** Plain JSON-able data for traces: dates as ISO strings, Python objects as their repr. */
export function toPlain(value: unknown): unknown {
  const replacer = (_k: string, v: unknown): unknown => {
    if (v instanceof Date) return v.toISOString();
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      const proto = Object.getPrototypeOf(v) as unknown;
      if (proto !== Object.prototype && proto !== null) return pyRepr(v);
    }
    return v;
  };
  return JSON.parse(JSON.stringify(value, replacer) ?? 'null') as unknown;
}

export function describeCondition(rule: CompiledRule): string {
  const c = rule.condition;
  return c.kind === 'phrase' ? `${c.phrase} ${c.threshold}` : `lambda: ${c.site.expression.source}`;
}
