import { limitError, typeError, valueError } from '../errors.js';
import { dictOf, dictEntries, setOf } from '../python/equality.js';
import { formatWithSpec } from '../python/format.js';
import { roundHalfEven } from '../python/numbers.js';
import { sortCompare } from '../python/ordering.js';
import { pyRepr, pyStr } from '../python/repr.js';
import { pyLen } from '../python/sequences.js';
import { truthy } from '../python/truth.js';
import {
  type CallContext, type Kwargs, PyBuiltin, PyCallable, PyIterator, PyRange, PySet, PyTimeDelta, PyTuple, type Signature, isDict, isInt, typeName,
} from '../python/values.js';
import { charge, chargeSize, checkStringLength, sizeOf } from '../limits.js';
import { collect, walk } from './iteration.js';

type Impl = (args: readonly unknown[], kwargs: Kwargs, ctx: CallContext) => unknown;
const fn = (name: string, signature: Signature, impl: Impl, isInstance?: (v: unknown) => boolean): PyBuiltin =>
  new PyBuiltin(name, signature, impl, isInstance);

const callWith = (f: unknown, ctx: CallContext, ...args: unknown[]): unknown => {
  if (!(f instanceof PyCallable)) throw typeError(`'${typeName(f)}' object is not callable`);
  return f.call(args, new Map(), ctx);
};

/** sorted()/min()/max() keys: the item itself, or key(item). */
function keyed(items: unknown[], key: unknown, ctx: CallContext): Array<[unknown, unknown]> {
  if (key === undefined || key === null) return items.map((x) => [x, x]);
  return items.map((x) => [callWith(key, ctx, x), x]);
}

function extreme(name: 'min' | 'max', args: readonly unknown[], kwargs: Kwargs, ctx: CallContext): unknown {
  const items = args.length === 1 ? collect(args[0], ctx) : [...args];
  if (items.length === 0) {
    if (kwargs.has('default')) return kwargs.get('default');
    throw valueError(`${name}() arg is an empty sequence`);
  }
  const pairs = keyed(items, kwargs.get('key'), ctx);
  let best = pairs[0]!;
  for (const pair of pairs.slice(1)) {
    const c = sortCompare(pair[0], best[0]);
    if (name === 'min' ? c < 0 : c > 0) best = pair;
  }
  return best[1];
}

function toInt(value: unknown, base: unknown): number {
  if (base !== undefined) {
    if (typeof value !== 'string') throw typeError("int() can't convert non-string with explicit base");
    const b = Number(base);
    const text = value.trim().replace(/_/g, '').replace(/^([+-]?)0[xob]/i, '$1');
    const n = Number.parseInt(text, b);
    if (Number.isNaN(n) || !new RegExp(`^[+-]?[0-9a-z]+$`, 'i').test(text)) throw valueError(`invalid literal for int() with base ${b}: ${pyRepr(value)}`);
    return n;
  }
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw valueError(`cannot convert float ${pyRepr(value)} to integer`);
    return Math.trunc(value);
  }
  if (typeof value === 'string') {
    const text = value.trim();
    if (!/^[+-]?\d+(_\d+)*$/.test(text)) throw valueError(`invalid literal for int() with base 10: ${pyRepr(value)}`);
    const n = Number(text.replace(/_/g, ''));
    // Python's ints are unbounded; these must stay exact, so a longer number is refused.
    if (!Number.isSafeInteger(n)) throw limitError(`int() of ${text.length} digits exceeds ${Number.MAX_SAFE_INTEGER}`);
    return n;
  }
  throw typeError(`int() argument must be a string, a bytes-like object or a real number, not '${typeName(value)}'`);
}

function toFloat(value: unknown): number {
  if (typeof value === 'number' || typeof value === 'boolean') return Number(value);
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (/^[+-]?(inf|infinity)$/.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
    if (/^[+-]?nan$/.test(text)) return Number.NaN;
    if (!/^[+-]?(\d+(_\d+)*\.?(\d+(_\d+)*)?|\.\d+(_\d+)*)(e[+-]?\d+)?$/.test(text)) throw valueError(`could not convert string to float: ${pyRepr(value)}`);
    return Number(text.replace(/_/g, ''));
  }
  throw typeError(`float() argument must be a string or a real number, not '${typeName(value)}'`);
}

function isinstanceCheck(value: unknown, types: unknown): boolean {
  const list = types instanceof PyTuple ? types.items : [types];
  return list.some((t) => {
    if (!(t instanceof PyBuiltin) || !t.isInstance) throw typeError('isinstance() arg 2 must be a type or tuple of types');
    return t.isInstance(value);
  });
}

const isStr = (v: unknown): boolean => typeof v === 'string';

/** Text made from a value (str, repr, format): bounded and paid for by its length. */
function printed(s: string, ctx: CallContext): string {
  checkStringLength(s.length, ctx.limits);
  chargeSize(ctx, s.length);
  return s;
}
const isNumber = (v: unknown): boolean => typeof v === 'number' || typeof v === 'boolean';

/** The builtins available to every expression, by name. Nothing here reaches outside the data it is given. */
export const BUILTIN_FUNCTIONS: ReadonlyMap<string, PyBuiltin> = new Map([
  fn('len', { min: 1, max: 1 }, ([x], _kw, ctx) => {
    if (isDict(x)) charge(ctx, sizeOf(x));
    return pyLen(x);
  }),
  fn('str', { min: 0, max: 1 }, ([x], _kw, ctx) => printed(x === undefined ? '' : pyStr(x), ctx), isStr),
  fn('repr', { min: 1, max: 1 }, ([x], _kw, ctx) => printed(pyRepr(x), ctx)),
  fn('int', { min: 0, max: 2, keywords: ['base'] }, ([x, base], kw, ctx) => {
    if (typeof x === 'string') charge(ctx, x.length >> 4);
    return x === undefined ? 0 : toInt(x, base ?? kw.get('base'));
  }, (v) => isInt(v) || typeof v === 'boolean'),
  fn('float', { min: 0, max: 1 }, ([x], _kw, ctx) => {
    if (typeof x === 'string') charge(ctx, x.length >> 4);
    return x === undefined ? 0 : toFloat(x);
  }, (v) => typeof v === 'number' && !Number.isInteger(v)),
  fn('bool', { min: 0, max: 1 }, ([x]) => (x === undefined ? false : truthy(x)), (v) => typeof v === 'boolean'),
  fn('list', { min: 0, max: 1 }, ([x], _kw, ctx) => (x === undefined ? [] : [...collect(x, ctx)]), Array.isArray),
  fn('tuple', { min: 0, max: 1 }, ([x], _kw, ctx) => new PyTuple(x === undefined ? [] : [...collect(x, ctx)]), (v) => v instanceof PyTuple),
  fn('set', { min: 0, max: 1 }, ([x], _kw, ctx) => setOf(x === undefined ? [] : collect(x, ctx)), (v) => v instanceof PySet && !v.frozen),
  fn('frozenset', { min: 0, max: 1 }, ([x], _kw, ctx) => setOf(x === undefined ? [] : collect(x, ctx), true), (v) => v instanceof PySet && v.frozen),
  fn('dict', { min: 0, max: 1, keywords: ['*'] }, ([x], kw, ctx) => {
    const entries: Array<[unknown, unknown]> = [];
    if (x !== undefined) {
      if (isDict(x)) entries.push(...dictEntries(x));
      else {
        for (const pair of collect(x, ctx)) {
          const items = collect(pair, ctx);
          if (items.length !== 2) throw valueError(`dictionary update sequence element has length ${items.length}; 2 is required`);
          entries.push([items[0], items[1]]);
        }
      }
    }
    for (const [k, v] of kw) entries.push([k, v]);
    return dictOf(entries);
  }, isDict),
  fn('sorted', { min: 1, max: 1, keywords: ['key', 'reverse'] }, ([x], kw, ctx) => {
    const items = [...collect(x, ctx)];
    // Each comparison is paid for as the sort makes it (sortCompare).
    const pairs = keyed(items, kw.get('key'), ctx);
    const reverse = truthy(kw.get('reverse') ?? false);
    pairs.sort((a, b) => (reverse ? sortCompare(b[0], a[0]) : sortCompare(a[0], b[0])));
    return pairs.map(([, v]) => v);
  }),
  fn('reversed', { min: 1, max: 1 }, ([x], _kw, ctx) => {
    if (isDict(x) || x instanceof PySet) throw typeError(`'${typeName(x)}' object is not reversible`);
    return new PyIterator([...collect(x, ctx)].reverse()[Symbol.iterator](), 'reversed');
  }),
  fn('min', { min: 1, max: Infinity, keywords: ['key', 'default'] }, (args, kw, ctx) => extreme('min', args, kw, ctx)),
  fn('max', { min: 1, max: Infinity, keywords: ['key', 'default'] }, (args, kw, ctx) => extreme('max', args, kw, ctx)),
  fn('sum', { min: 1, max: 2, keywords: ['start'] }, ([x, start], kw, ctx) => {
    let total: unknown = start ?? kw.get('start') ?? 0;
    if (typeof total === 'string') throw typeError("sum() can't sum strings [use ''.join(seq) instead]");
    for (const item of walk(x, ctx)) {
      if (!isNumber(item) || !isNumber(total)) throw typeError(`unsupported operand type(s) for +: '${typeName(total)}' and '${typeName(item)}'`);
      total = Number(total) + Number(item);
    }
    return total;
  }),
  fn('any', { min: 1, max: 1 }, ([x], _kw, ctx) => {
    for (const item of walk(x, ctx)) if (truthy(item)) return true;
    return false;
  }),
  fn('all', { min: 1, max: 1 }, ([x], _kw, ctx) => {
    for (const item of walk(x, ctx)) if (!truthy(item)) return false;
    return true;
  }),
  fn('abs', { min: 1, max: 1 }, ([x]) => {
    if (x instanceof PyTimeDelta) return new PyTimeDelta(Math.abs(x.ms));
    if (!isNumber(x)) throw typeError(`bad operand type for abs(): '${typeName(x)}'`);
    return Math.abs(Number(x));
  }),
  fn('round', { min: 1, max: 2, keywords: ['ndigits'] }, ([x, n], kw) => {
    if (!isNumber(x)) throw typeError(`type ${typeName(x)} doesn't define __round__ method`);
    const digits = n ?? kw.get('ndigits');
    if (digits === undefined || digits === null) return roundHalfEven(Number(x));
    if (!isInt(digits)) throw typeError(`'${typeName(digits)}' object cannot be interpreted as an integer`);
    return roundHalfEven(Number(x), digits);
  }),
  fn('isinstance', { min: 2, max: 2 }, ([x, t]) => isinstanceCheck(x, t)),
  fn('range', { min: 1, max: 3 }, (args) => {
    if (!args.every((a) => isInt(a) || typeof a === 'boolean')) throw typeError('range() arguments must be integers');
    const n = args.map(Number);
    const [start, stop, step] = n.length === 1 ? [0, n[0]!, 1] : [n[0]!, n[1]!, n[2] ?? 1];
    if (step === 0) throw valueError('range() arg 3 must not be zero');
    return new PyRange(start, stop, step);
  }),
  fn('enumerate', { min: 1, max: 2, keywords: ['start'] }, ([x, start], kw, ctx) => {
    const from = Number(start ?? kw.get('start') ?? 0);
    const items = walk(x, ctx);
    return new PyIterator((function* () {
      let i = from;
      for (const item of items) yield new PyTuple([i++, item]);
    })(), 'enumerate');
  }),
  fn('zip', { min: 0, max: Infinity }, (args, _kw, ctx) => {
    const lists = args.map((a) => collect(a, ctx));
    const n = lists.length === 0 ? 0 : Math.min(...lists.map((l) => l.length));
    return new PyIterator(Array.from({ length: n }, (_, i) => new PyTuple(lists.map((l) => l[i]))).values(), 'zip');
  }),
  fn('map', { min: 2, max: 2 }, ([f, x], _kw, ctx) => {
    const items = walk(x, ctx);
    return new PyIterator((function* () {
      for (const item of items) yield callWith(f, ctx, item);
    })(), 'map');
  }),
  fn('filter', { min: 2, max: 2 }, ([f, x], _kw, ctx) => {
    const items = walk(x, ctx);
    return new PyIterator((function* () {
      for (const item of items) if (f === null ? truthy(item) : truthy(callWith(f, ctx, item))) yield item;
    })(), 'filter');
  }),
  fn('format', { min: 1, max: 2 }, ([x, spec], _kw, ctx) => printed(formatWithSpec(x, spec === undefined ? '' : String(spec), ctx.limits), ctx)),
].map((b) => [b.name, b] as const));
