import { typeError } from '../errors.js';
import { checkCollectionSize, runningLimits, tick } from '../limits.js';
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
  if (a instanceof PySet) {
    if (!(b instanceof PySet) || a.members.size !== b.members.size) return false;
    tick(a.members.size);
    for (const k of a.members.keys()) if (!b.members.has(k)) return false;
    return true;
  }
  if (a instanceof PyDateTime) return b instanceof PyDateTime && a.ms === b.ms;
  if (a instanceof PyTimeDelta) return b instanceof PyTimeDelta && a.ms === b.ms;
  return false;
}

/**
 * Containers compare item by item, and every item compared is paid for: a
 * list that holds the same list many times is small to build but large to
 * walk (`[[[0] * 100] * 100] * 100` is a million items).
 */
function sequencesEqual(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  try {
    for (; i < a.length; i++) if (!pyEquals(a[i], b[i])) return false;
    return true;
  } finally {
    tick(i);
  }
}

function dictsEqual(a: Record<string, unknown> | PyDict, b: Record<string, unknown> | PyDict): boolean {
  const size = dictSize(a);
  if (size !== dictSize(b)) return false;
  tick(size);
  return dictEntries(a).every(([k, v]) => {
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
  if (value instanceof PyTuple) {
    tick(value.items.length);
    return `\u0000tuple(${value.items.map(encodeForKey).join(',')})`;
  }
  if (value instanceof PySet && value.frozen) {
    tick(value.members.size);
    return `\u0000frozenset(${[...value.members.keys()].map(encodeForKey).sort().join(',')})`;
  }
  if (value instanceof PyDateTime) return `\u0000datetime(${value.ms})`;
  if (value instanceof PyTimeDelta) return `\u0000timedelta(${value.ms})`;
  throw typeError(`unhashable type: '${typeName(value)}'`);
}

/** A member's part of a tuple's or frozenset's key: as long as the member's own, and paid for by its length. */
function encodeForKey(value: unknown): string {
  const key = hashKey(value);
  if (typeof key === 'string') {
    tick(key.length >> 6);
    return key.startsWith('\u0000') ? key : JSON.stringify(key);
  }
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

/** Inside an evaluation, a set or dict built is paid for by the items put in and bounded like any collection. */
function paid(items: number, size: number): void {
  tick(items);
  const limits = runningLimits();
  if (limits !== null) checkCollectionSize(size, limits);
}

export function setOf(values: Iterable<unknown>, frozen = false): PySet {
  const set = new PySet(frozen);
  let n = 0;
  for (const v of values) {
    set.members.set(hashKey(v), v);
    if ((++n & 1023) === 0) paid(1024, set.members.size);
  }
  paid(n & 1023, set.members.size);
  return set;
}

export function dictOf(entries: Iterable<readonly [unknown, unknown]>): PyDict {
  const d = new PyDict();
  let n = 0;
  for (const [k, v] of entries) {
    const h = hashKey(k);
    const existing = d.entries.get(h);
    d.entries.set(h, [existing ? existing[0] : k, v]);
    if ((++n & 1023) === 0) paid(1024, d.entries.size);
  }
  paid(n & 1023, d.entries.size);
  return d;
}

export { isPlainDict };
