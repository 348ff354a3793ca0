import { valueError } from '../errors.js';
import { dictEntries, dictKeys, dictLookup, dictOf, pyEquals, setOf } from '../python/equality.js';
import { pyRepr } from '../python/repr.js';
import { type CallContext, type Kwargs, PyBuiltin, PyDict, PySet, PyTuple, type Signature } from '../python/values.js';
import { charge, sizeOf } from '../limits.js';
import { collect } from './iteration.js';

type Impl<T> = (self: T, args: readonly unknown[], kwargs: Kwargs, ctx: CallContext) => unknown;
const method = <T>(name: string, sig: Signature, impl: Impl<T>): PyBuiltin =>
  new PyBuiltin(name, { ...sig, min: sig.min + 1, max: sig.max + 1 }, ([self, ...args], kw, ctx) => impl(self as T, args, kw, ctx));

const table = (methods: PyBuiltin[]): ReadonlyMap<string, PyBuiltin> => new Map(methods.map((m) => [m.name, m]));

function sequenceMethods(kind: 'list' | 'tuple'): ReadonlyMap<string, PyBuiltin> {
  const items = (self: unknown[] | PyTuple): readonly unknown[] => (Array.isArray(self) ? self : self.items);
  return table([
    method<unknown[] | PyTuple>('count', { min: 1, max: 1 }, (self, [x], _kw, ctx) => {
      charge(ctx, sizeOf(self));
      return items(self).filter((y) => pyEquals(y, x)).length;
    }),
    method<unknown[] | PyTuple>('index', { min: 1, max: 1 }, (self, [x], _kw, ctx) => {
      charge(ctx, sizeOf(self));
      const i = items(self).findIndex((y) => pyEquals(y, x));
      if (i < 0) throw valueError(`${pyRepr(x)} is not in ${kind}`);
      return i;
    }),
    ...(kind === 'list' ? [method<unknown[]>('copy', { min: 0, max: 0 }, (self, _a, _kw, ctx) => { charge(ctx, self.length); return [...self]; })] : []),
  ]);
}

export const LIST_METHODS = sequenceMethods('list');
export const TUPLE_METHODS = sequenceMethods('tuple');

type AnyDict = Record<string, unknown> | PyDict;

export const DICT_METHODS: ReadonlyMap<string, PyBuiltin> = table([
  method<AnyDict>('get', { min: 1, max: 2 }, (self, [key, dflt]) => {
    const found = dictLookup(self, key);
    return found.found ? found.value : (dflt ?? null);
  }),
  method<AnyDict>('keys', { min: 0, max: 0 }, (self, _a, _kw, ctx) => { charge(ctx, sizeOf(self)); return dictKeys(self); }),
  method<AnyDict>('values', { min: 0, max: 0 }, (self, _a, _kw, ctx) => { charge(ctx, sizeOf(self)); return dictEntries(self).map(([, v]) => v); }),
  method<AnyDict>('items', { min: 0, max: 0 }, (self, _a, _kw, ctx) => { charge(ctx, sizeOf(self)); return dictEntries(self).map(([k, v]) => new PyTuple([k, v])); }),
  method<AnyDict>('copy', { min: 0, max: 0 }, (self, _a, _kw, ctx) => { charge(ctx, sizeOf(self)); return dictOf(dictEntries(self)); }),
]);

function asSet(value: unknown, ctx: CallContext): PySet {
  return value instanceof PySet ? value : setOf(collect(value, ctx));
}

export const SET_METHODS: ReadonlyMap<string, PyBuiltin> = table([
  method<PySet>('union', { min: 0, max: Infinity }, (self, others, _kw, ctx) =>
    setOf([...self.members.values(), ...others.flatMap((o) => [...asSet(o, ctx).members.values()])], self.frozen)),
  method<PySet>('intersection', { min: 0, max: Infinity }, (self, others, _kw, ctx) => {
    const sets = others.map((o) => asSet(o, ctx));
    return setOf([...self.members.entries()].filter(([k]) => sets.every((s) => s.members.has(k))).map(([, v]) => v), self.frozen);
  }),
  method<PySet>('difference', { min: 0, max: Infinity }, (self, others, _kw, ctx) => {
    const sets = others.map((o) => asSet(o, ctx));
    return setOf([...self.members.entries()].filter(([k]) => !sets.some((s) => s.members.has(k))).map(([, v]) => v), self.frozen);
  }),
  method<PySet>('symmetric_difference', { min: 1, max: 1 }, (self, [other], _kw, ctx) => {
    const o = asSet(other, ctx);
    return setOf([
      ...[...self.members.entries()].filter(([k]) => !o.members.has(k)).map(([, v]) => v),
      ...[...o.members.entries()].filter(([k]) => !self.members.has(k)).map(([, v]) => v),
    ], self.frozen);
  }),
  method<PySet>('issubset', { min: 1, max: 1 }, (self, [other], _kw, ctx) => {
    const o = asSet(other, ctx);
    return [...self.members.keys()].every((k) => o.members.has(k));
  }),
  method<PySet>('issuperset', { min: 1, max: 1 }, (self, [other], _kw, ctx) => [...asSet(other, ctx).members.keys()].every((k) => self.members.has(k))),
  method<PySet>('isdisjoint', { min: 1, max: 1 }, (self, [other], _kw, ctx) => [...asSet(other, ctx).members.keys()].every((k) => !self.members.has(k))),
  method<PySet>('copy', { min: 0, max: 0 }, (self) => setOf(self.members.values(), self.frozen)),
]);

/** Methods that would change data in place: named in the error when a rule tries one. */
export const MUTATING_METHODS = new Set([
  'append', 'extend', 'insert', 'pop', 'remove', 'clear', 'update', 'setdefault', 'popitem', 'sort',
  'reverse', 'add', 'discard', 'intersection_update', 'difference_update', 'symmetric_difference_update',
]);
