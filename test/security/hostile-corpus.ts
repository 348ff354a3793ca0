import { readFileSync } from 'node:fs';

/** One known attack, kept as data: what it is, where it comes from, and how it must end. */
export interface HostileCase {
  id: string;
  category: string;
  origin: string;
  /** The expression, or parts of it: a string, or [unit, times] for long repetitive input. */
  expr: string | Array<string | [string, number]>;
  /** compile-error: refused when the rule loads; error: a typed evaluation error; limit: a limit error; value: a harmless value. */
  expect: 'compile-error' | 'error' | 'limit' | 'value';
  value?: unknown;
  vars?: Record<string, unknown>;
}

export const HOSTILE: HostileCase[] = JSON.parse(readFileSync(new URL('./hostile-expressions.json', import.meta.url), 'utf8')) as HostileCase[];

export function sourceOf(c: HostileCase): string {
  return typeof c.expr === 'string' ? c.expr : c.expr.map((p) => (typeof p === 'string' ? p : p[0].repeat(p[1]))).join('');
}

/** `{"$range": n}` is [0..n), `{"$dict": n}` is {"0": 0, ...}, `{"$repeat": [s, n]}` is s repeated. */
export function expand(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    if (typeof v['$range'] === 'number') return Array.from({ length: v['$range'] }, (_, i) => i);
    if (typeof v['$dict'] === 'number') return Object.fromEntries(Array.from({ length: v['$dict'] }, (_, i) => [String(i), i]));
    if (Array.isArray(v['$repeat'])) return String(v['$repeat'][0]).repeat(Number(v['$repeat'][1]));
  }
  return value;
}

export function varsOf(c: HostileCase): Record<string, unknown> {
  return Object.fromEntries(Object.entries(c.vars ?? {}).map(([k, v]) => [k, expand(v)]));
}

const PROTOTYPES: Array<[string, object]> = [
  ['Object', Object.prototype], ['Array', Array.prototype], ['Function', Function.prototype],
  ['String', String.prototype], ['Map', Map.prototype], ['Set', Set.prototype],
];

/** What the shared prototypes hold now, to check that nothing added or changed anything. */
export function prototypeSnapshot(): string {
  return JSON.stringify(PROTOTYPES.map(([name, proto]) => [name, Object.getOwnPropertyNames(proto).sort()]))
    + String(Object.getPrototypeOf({}) === Object.prototype);
}
