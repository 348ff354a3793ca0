import { indexError, keyError, typeError, valueError } from '../errors.js';
import { tick } from '../limits.js';
import { dictKeys, dictLookup, dictSize, hashKey } from './equality.js';
import { pyEquals } from './equality.js';
import { pyRepr } from './repr.js';
import { codePoints, hasSurrogates, strAt, strLength, strSlice } from './strings.js';
import { PyDict, PyIterator, PyRange, PySet, PyTuple, isDict, isPlainDict, typeName } from './values.js';

/** Iterate a value as Python's `for` does (a dict yields its keys). */
export function iterate(value: unknown): Iterable<unknown> {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return hasSurrogates(value) ? codePoints(value) : value;
  if (value instanceof PyTuple) return value.items;
  if (isPlainDict(value)) return Object.keys(value);
  if (value instanceof PyDict) return dictKeys(value);
  if (value instanceof PySet) return value.members.values();
  if (value instanceof PyRange) return rangeValues(value);
  if (value instanceof PyIterator) return { [Symbol.iterator]: () => value.iterator };
  throw typeError(`'${typeName(value)}' object is not iterable`);
}

/** `x in range(...)` is arithmetic, as in Python: no walk through a range of 10**15 numbers. */
function rangeContains(r: PyRange, item: unknown): boolean {
  if (typeof item !== 'number' && typeof item !== 'boolean') return false;
  const x = Number(item);
  if (!Number.isInteger(x)) return false;
  if (r.step > 0 ? x < r.start || x >= r.stop : x > r.start || x <= r.stop) return false;
  return (x - r.start) % r.step === 0;
}

function* rangeValues(r: PyRange): Generator<number> {
  for (let i = r.start; r.step > 0 ? i < r.stop : i > r.stop; i += r.step) yield i;
}

export function pyLen(value: unknown): number {
  if (typeof value === 'string') return strLength(value);
  if (Array.isArray(value)) return value.length;
  if (value instanceof PyTuple) return value.items.length;
  if (isDict(value)) return dictSize(value);
  if (value instanceof PySet) return value.members.size;
  if (value instanceof PyRange) return value.length;
  throw typeError(`object of type '${typeName(value)}' has no len()`);
}

/** An integer index, accepting bools as Python does. */
function asIndex(value: unknown, what: string): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  throw typeError(`${what} indices must be integers or slices, not ${typeName(value)}`);
}

function resolveIndex(i: number, length: number, what: string): number {
  const j = i < 0 ? i + length : i;
  if (j < 0 || j >= length) throw indexError(`${what} index out of range`);
  return j;
}

/** `container[key]` */
export function getItem(container: unknown, key: unknown): unknown {
  if (Array.isArray(container)) return container[resolveIndex(asIndex(key, 'list'), container.length, 'list')];
  if (isPlainDict(container) || container instanceof PyDict) {
    const found = dictLookup(container, key);
    if (!found.found) throw keyError(pyRepr(key));
    return found.value;
  }
  if (typeof container === 'string') {
    return strAt(container, resolveIndex(asIndex(key, 'string'), strLength(container), 'string'));
  }
  if (container instanceof PyTuple) return container.items[resolveIndex(asIndex(key, 'tuple'), container.items.length, 'tuple')];
  if (container instanceof PyRange) {
    return container.start + resolveIndex(asIndex(key, 'range'), container.length, 'range') * container.step;
  }
  throw typeError(`'${typeName(container)}' object is not subscriptable`);
}

/** Python's slice.indices(): clamp start/stop for a sequence of `length`. */
export function sliceIndices(length: number, lower: unknown, upper: unknown, stepValue: unknown): [number, number, number] {
  const opt = (v: unknown): number | null => (v === null || v === undefined ? null : asSliceInt(v));
  const step = opt(stepValue) ?? 1;
  if (step === 0) throw valueError('slice step cannot be zero');
  const clamp = (v: number | null, dflt: number, lo: number, hi: number): number => {
    if (v === null) return dflt;
    const x = v < 0 ? v + length : v;
    return Math.min(Math.max(x, lo), hi);
  };
  return step > 0
    ? [clamp(opt(lower), 0, 0, length), clamp(opt(upper), length, 0, length), step]
    : [clamp(opt(lower), length - 1, -1, length - 1), clamp(opt(upper), -1, -1, length - 1), step];
}

function asSliceInt(v: unknown): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  throw typeError('slice indices must be integers or None');
}

export function getSlice(container: unknown, lower: unknown, upper: unknown, step: unknown): unknown {
  if (typeof container === 'string') {
    const [a, b, s] = sliceIndices(strLength(container), lower, upper, step);
    return strSlice(container, a, b, s);
  }
  const items = Array.isArray(container) ? container : container instanceof PyTuple ? container.items : null;
  if (items === null) throw typeError(`'${typeName(container)}' object is not subscriptable`);
  const [a, b, s] = sliceIndices(items.length, lower, upper, step);
  let out: unknown[];
  if (s === 1) {
    out = items.slice(a, Math.max(a, b));
    tick(out.length >> 4);
  } else {
    out = [];
    for (let i = a; s > 0 ? i < b : i > b; i += s) out.push(items[i]);
    tick(out.length >> 2);
  }
  return Array.isArray(container) ? out : new PyTuple(out);
}

/** Python `item in container`. */
export function contains(container: unknown, item: unknown): boolean {
  if (typeof container === 'string') {
    if (typeof item !== 'string') throw typeError(`'in <string>' requires string as left operand, not ${typeName(item)}`);
    return container.includes(item);
  }
  if (Array.isArray(container)) return container.some((x) => pyEquals(x, item));
  if (isPlainDict(container) || container instanceof PyDict) return dictLookup(container, item).found;
  if (container instanceof PySet) return container.members.has(hashKey(item));
  if (container instanceof PyTuple) return container.items.some((x) => pyEquals(x, item));
  if (container instanceof PyRange) return rangeContains(container, item);
  if (container instanceof PyIterator) {
    for (const x of iterate(container)) if (pyEquals(x, item)) return true;
    return false;
  }
  throw typeError(`argument of type '${typeName(container)}' is not iterable`);
}
