import { typeError } from '../errors.js';

/**
 * How Python values are represented. Plain JSON data is used as is, so a
 * message body is never copied:
 *
 * | Python        | here                                              |
 * | ------------- | ------------------------------------------------- |
 * | None          | `null`                                            |
 * | bool          | `boolean`                                         |
 * | int, float    | `number` (an integral number is an int)           |
 * | str           | `string`                                          |
 * | list          | `Array`                                           |
 * | dict          | a plain object (JSON data) or a `PyDict` (built)  |
 * | tuple         | `PyTuple`                                         |
 * | set/frozenset | `PySet`                                           |
 * | objects       | `PyObject` (the message, history rows, users)     |
 */

export class PyTuple {
  constructor(readonly items: readonly unknown[]) {}
}

/** A dict built by an expression: keys keep their Python types and order. */
export class PyDict {
  /** hash key -> [original key, value] */
  readonly entries = new Map<unknown, [unknown, unknown]>();
}

export class PySet {
  /** hash key -> member */
  readonly members = new Map<unknown, unknown>();
  constructor(readonly frozen = false) {}
}

/**
 * An object with read-only attributes, such as the message or a history row.
 * Attributes are own properties of a null-prototype record, so a lookup can
 * never reach a prototype.
 */
export class PyObject {
  readonly attrs: Readonly<Record<string, unknown>>;
  constructor(readonly typeName: string, attrs: Record<string, unknown>) {
    this.attrs = Object.freeze(Object.assign(Object.create(null) as Record<string, unknown>, attrs));
  }
}

/** A UTC datetime with millisecond precision. */
export class PyDateTime {
  constructor(readonly ms: number) {}
  toDate(): Date {
    return new Date(this.ms);
  }
}

export class PyTimeDelta {
  constructor(readonly ms: number) {}
}

/** A generator expression or iterator: iterable once, lazily. */
export class PyIterator {
  constructor(readonly iterator: Iterator<unknown>, readonly typeName = 'generator') {}
}

export class PyRange {
  constructor(readonly start: number, readonly stop: number, readonly step: number) {}
  get length(): number {
    const span = this.step > 0 ? this.stop - this.start : this.start - this.stop;
    return Math.max(0, Math.ceil(span / Math.abs(this.step)));
  }
}

/** A named bag of functions and constants: `json`, `re`. */
export class PyModule {
  readonly members: Readonly<Record<string, unknown>>;
  constructor(readonly name: string, members: Record<string, unknown>) {
    this.members = Object.freeze(Object.assign(Object.create(null) as Record<string, unknown>, members));
  }
}

export type Kwargs = ReadonlyMap<string, unknown>;

/** Anything callable from an expression. */
export abstract class PyCallable {
  abstract readonly name: string;
  abstract call(args: readonly unknown[], kwargs: Kwargs, ctx: CallContext): unknown;
}

/** What a callable may use while running: the step budget and the limits. */
export interface CallContext {
  budget: Budget;
  limits: Limits;
}

export interface Budget {
  /** Steps left before the evaluation is stopped. */
  remaining: number;
}

export interface Limits {
  /** Steps (loop iterations, calls, items built) one evaluation may take. */
  maxSteps: number;
  /** Longest string an expression may build, in characters. */
  maxStringLength: number;
  /** Longest list, tuple, set or dict an expression may build. */
  maxCollectionSize: number;
  /** Largest absolute integer an expression may produce. */
  maxInteger: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxSteps: 1_000_000,
  maxStringLength: 1_000_000,
  maxCollectionSize: 100_000,
  maxInteger: Number.MAX_SAFE_INTEGER,
});

/** Positional arity and accepted keywords, checked when a rule loads and again on each call. */
export interface Signature {
  min: number;
  max: number;
  keywords?: readonly string[];
}

/** A builtin function, type or method implementation. */
export class PyBuiltin extends PyCallable {
  constructor(
    readonly name: string,
    readonly signature: Signature,
    readonly impl: (args: readonly unknown[], kwargs: Kwargs, ctx: CallContext) => unknown,
    /** For builtins that are also types (`str`, `list`...): the isinstance test. */
    readonly isInstance?: (value: unknown) => boolean,
  ) {
    super();
  }
  call(args: readonly unknown[], kwargs: Kwargs, ctx: CallContext): unknown {
    const problem = checkSignature(this.name, this.signature, args.length, kwargs.keys());
    if (problem !== null) throw typeError(problem);
    return this.impl(args, kwargs, ctx);
  }
}

/** A Python-style complaint about a call that does not fit the signature, or null. */
export function checkSignature(name: string, sig: Signature, positional: number, keywords: Iterable<string>): string | null {
  for (const k of keywords) {
    const accepted = sig.keywords ?? [];
    if (!accepted.includes(k) && !accepted.includes('*')) return `${name}() got an unexpected keyword argument '${k}'`;
  }
  if (positional < sig.min || positional > sig.max) {
    const expected = sig.min === sig.max ? `exactly ${sig.min}` : positional < sig.min ? `at least ${sig.min}` : `at most ${sig.max}`;
    return `${name}() takes ${expected} positional argument${(positional < sig.min ? sig.min : sig.max) === 1 ? '' : 's'} (${positional} given)`;
  }
  return null;
}

/** `x.method` looked up but not yet called. */
export class PyBoundMethod extends PyCallable {
  constructor(readonly receiver: unknown, readonly method: PyBuiltin) {
    super();
  }
  get name(): string {
    return this.method.name;
  }
  call(args: readonly unknown[], kwargs: Kwargs, ctx: CallContext): unknown {
    const sig = this.method.signature;
    const problem = checkSignature(this.name, { ...sig, min: sig.min - 1, max: sig.max - 1 }, args.length, kwargs.keys());
    if (problem !== null) throw typeError(problem);
    return this.method.impl([this.receiver, ...args], kwargs, ctx);
  }
}

export function isPlainDict(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

export function isDict(value: unknown): value is Record<string, unknown> | PyDict {
  return value instanceof PyDict || isPlainDict(value);
}

export function isInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

/** Python's name for the type of a value, as error messages show it. */
export function typeName(value: unknown): string {
  switch (typeof value) {
    case 'string': return 'str';
    case 'boolean': return 'bool';
    case 'number': return Number.isInteger(value) ? 'int' : 'float';
    case 'undefined': return 'NoneType';
    case 'object': break;
    default: return typeof value;
  }
  if (value === null) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  if (value instanceof PyTuple) return 'tuple';
  if (isDict(value)) return 'dict';
  if (value instanceof PySet) return value.frozen ? 'frozenset' : 'set';
  if (value instanceof PyObject) return value.typeName;
  if (value instanceof PyDateTime) return 'datetime';
  if (value instanceof PyTimeDelta) return 'timedelta';
  if (value instanceof PyIterator) return value.typeName;
  if (value instanceof PyRange) return 'range';
  if (value instanceof PyModule) return 'module';
  if (value instanceof PyMatch) return 're.Match';
  if (value instanceof PyBoundMethod) return 'builtin_function_or_method';
  if (value instanceof PyBuiltin) return value.isInstance ? 'type' : 'builtin_function_or_method';
  if (value instanceof PyCallable) return 'function';
  return 'object';
}

/** The result of a successful `re.search`/`re.match`: groups by number and name. */
export class PyMatch {
  constructor(
    /** Group texts; index 0 is the whole match, null for a group that did not take part. */
    readonly groups: ReadonlyArray<string | null>,
    /** Code-unit spans [start, end] per group, [-1, -1] when it did not take part. */
    readonly spans: ReadonlyArray<readonly [number, number]>,
    readonly names: Readonly<Record<string, number>>,
    readonly string: string,
  ) {}
}
