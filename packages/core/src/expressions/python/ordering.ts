import { typeError } from '../errors.js';
import { tick } from '../limits.js';
import { pyEquals } from './equality.js';
import { compareStrings } from './strings.js';
import { PyDateTime, PySet, PyTimeDelta, PyTuple, typeName } from './values.js';

export type Ordering = '<' | '<=' | '>' | '>=';

/**
 * Python's rich comparison for the ordering operators. Returns a number
 * (negative, 0, positive) or NaN when the values are unordered (NaN floats),
 * and throws TypeError for types Python cannot order.
 */
function compare(a: unknown, b: unknown, op: Ordering): number {
  const ta = typeof a;
  const tb = typeof b;
  if ((ta === 'number' || ta === 'boolean') && (tb === 'number' || tb === 'boolean')) {
    const x = Number(a);
    const y = Number(b);
    return x === y ? 0 : x < y ? -1 : x > y ? 1 : Number.NaN;
  }
  if (ta === 'string' && tb === 'string') return compareStrings(a as string, b as string);
  if (Array.isArray(a) && Array.isArray(b)) return compareSequences(a, b, op);
  if (a instanceof PyTuple && b instanceof PyTuple) return compareSequences(a.items, b.items, op);
  if (a instanceof PyDateTime && b instanceof PyDateTime) return Math.sign(a.ms - b.ms);
  if (a instanceof PyTimeDelta && b instanceof PyTimeDelta) return Math.sign(a.ms - b.ms);
  throw typeError(`'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

/** Item by item, each paid for (see sequencesEqual). */
function compareSequences(a: readonly unknown[], b: readonly unknown[], op: Ordering): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  try {
    for (; i < n; i++) {
      if (!pyEquals(a[i], b[i])) return compare(a[i], b[i], op);
    }
    return Math.sign(a.length - b.length);
  } finally {
    tick(i);
  }
}

function subset(a: PySet, b: PySet): boolean {
  tick(a.members.size);
  for (const k of a.members.keys()) if (!b.members.has(k)) return false;
  return true;
}

export function pyCompare(op: Ordering, a: unknown, b: unknown): boolean {
  if (a instanceof PySet && b instanceof PySet) {
    switch (op) {
      case '<=': return subset(a, b);
      case '<': return a.members.size < b.members.size && subset(a, b);
      case '>=': return subset(b, a);
      case '>': return b.members.size < a.members.size && subset(b, a);
    }
  }
  const c = compare(a, b, op);
  switch (op) {
    case '<': return c < 0;
    case '<=': return c <= 0;
    case '>': return c > 0;
    case '>=': return c >= 0;
  }
}

/** A total order for sorted(), min() and max(); raises TypeError on mixed types like Python. */
export function sortCompare(a: unknown, b: unknown): number {
  tick(1);
  if (pyCompare('<', a, b)) return -1;
  if (pyCompare('<', b, a)) return 1;
  return 0;
}
