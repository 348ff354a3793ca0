import { typeError } from '../errors.js';
import { PyDateTime, PyDict, PySet, PyTimeDelta, PyTuple, isDict, isPlainDict, typeName } from './values.js';

/** Python `==`: numbers and bools compare by value, containers deeply. */
export function pyEquals(a: unknown, b: unknown): boolean {
  if (a === b) return a === a || typeof a !== 'number'; // NaN != NaN
  const ta = typeof a;
  const tb = typeof b;
  if ((ta === 'number' || ta === 'boolean') && (tb === 'number' || tb === 'boolean')) return Number(a) === Number(b);
  if (ta !== 'object' || tb !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && sequencesEqual(a, b);
  if (a instanceof PyTuple) return b instanceof PyTuple && sequencesEqual(a.items, b.items);
  if (isDict(a)) return isDict(b) && dictsEqual(a, b);
  if (a instanceof PySet) return b instanceof PySet && a.members.size === b.members.size && [...a.members.keys()].every((k) => b.members.has(k));
  if (a instanceof PyDateTime) return b instanceof PyDateTime && a.ms === b.ms;
  if (a instanceof PyTimeDelta) return b instanceof PyTimeDelta && a.ms === b.ms;
  return false;
}

function sequencesEqual(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!pyEquals(a[i], b[i])) return false;
  return true;
}

function dictsEqual(a: Record<string, unknown> | PyDict, b: Record<string, unknown> | PyDict): boolean {
  const ea = dictEntries(a);
  if (ea.length !== dictSize(b)) return false;
  return ea.every(([k, v]) => {
    const found = dictLookup(b, k);
    return found.found && pyEquals(v, found.value);
  });
}

const NONE_KEY = Symbol('None');

/**
 * The key under which a hashable value is stored in a dict or set. Values
 * that Python considers equal (1, 1.0 and True) get the same key; lists,
 * dicts and sets are unhashable, as in Python.
 */
export function hashKey(value: unknown): unknown {
  switch (typeof value) {
    case 'string': return value;
    case 'number': return value === 0 ? 0 : value;
    case 'boolean': return value ? 1 : 0;
    default: break;
  }
  if (value === null || value === undefined) return NONE_KEY;
  if (value instanceof PyTuple) return `\u0000tuple(${value.items.map(encodeForKey).join(',')})`;
  if (value instanceof PySet && value.frozen) return `\u0000frozenset(${[...value.members.keys()].map(encodeForKey).sort().join(',')})`;
  if (value instanceof PyDateTime) return `\u0000datetime(${value.ms})`;
  if (value instanceof PyTimeDelta) return `\u0000timedelta(${value.ms})`;
  throw typeError(`unhashable type: '${typeName(value)}'`);
}

function encodeForKey(value: unknown): string {
  const key = hashKey(value);
  if (typeof key === 'string') return key.startsWith('\u0000') ? key : JSON.stringify(key);
  if (typeof key === 'number') return `n${key}`;
  return 'None';
}

/** Entries of either dict representation, in insertion order. */
export function dictEntries(d: Record<string, unknown> | PyDict): Array<[unknown, unknown]> {
  if (d instanceof PyDict) return [...d.entries.values()];
  return Object.keys(d).map((k) => [k, d[k]]);
}

export function dictKeys(d: Record<string, unknown> | PyDict): unknown[] {
  if (d instanceof PyDict) return [...d.entries.values()].map(([k]) => k);
  return Object.keys(d);
}

export function dictSize(d: Record<string, unknown> | PyDict): number {
  return d instanceof PyDict ? d.entries.size : Object.keys(d).length;
}

export type Lookup = { found: true; value: unknown } | { found: false; value?: undefined };
const MISSING: Lookup = { found: false };

/** Own-property lookup only: a data key can never reach a prototype. */
export function dictLookup(d: Record<string, unknown> | PyDict, key: unknown): Lookup {
  if (d instanceof PyDict) {
    const entry = d.entries.get(hashKey(key));
    return entry ? { found: true, value: entry[1] } : MISSING;
  }
  if (typeof key !== 'string') {
    hashKey(key); // unhashable keys raise TypeError even on a miss
    return MISSING;
  }
  return Object.hasOwn(d, key) ? { found: true, value: d[key] } : MISSING;
}

export function setOf(values: Iterable<unknown>, frozen = false): PySet {
  const set = new PySet(frozen);
  for (const v of values) set.members.set(hashKey(v), v);
  return set;
}

export function dictOf(entries: Iterable<readonly [unknown, unknown]>): PyDict {
  const d = new PyDict();
  for (const [k, v] of entries) {
    const h = hashKey(k);
    const existing = d.entries.get(h);
    d.entries.set(h, [existing ? existing[0] : k, v]);
  }
  return d;
}

export { isPlainDict };
