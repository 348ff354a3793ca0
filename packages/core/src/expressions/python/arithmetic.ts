import { limitError, overflowError, typeError, zeroDivision } from '../errors.js';
import type { BinaryOperator } from '../grammar/nodes.js';
import { dictEntries, dictOf, hashKey, setOf } from './equality.js';
import { percentFormat } from './format.js';
import { charge, chargeSize } from '../limits.js';
import { PyDateTime, PySet, PyTimeDelta, PyTuple, isDict, typeName, type CallContext, type Limits } from './values.js';

const isNum = (v: unknown): v is number | boolean => typeof v === 'number' || typeof v === 'boolean';
const isIntLike = (v: unknown): boolean => typeof v === 'boolean' || (typeof v === 'number' && Number.isInteger(v));

function unsupported(op: string, a: unknown, b: unknown): never {
  throw typeError(`unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
}

/** Integer results must stay exact: beyond the limit they are refused rather than rounded. */
function checkInt(result: number, a: unknown, b: unknown, limits: Limits): number {
  if (isIntLike(a) && isIntLike(b) && Number.isFinite(result) && Math.abs(result) > limits.maxInteger) {
    throw limitError(`integer result exceeds ${limits.maxInteger}`);
  }
  return result;
}

function checkSize(size: number, ctx: CallContext, what: 'string' | 'collection'): void {
  const max = what === 'string' ? ctx.limits.maxStringLength : ctx.limits.maxCollectionSize;
  if (size > max) throw limitError(`a ${what} of ${size} ${what === 'string' ? 'characters' : 'items'} exceeds the limit of ${max}`);
  chargeSize(ctx, size);
}

function repeat(seq: unknown, times: unknown, ctx: CallContext): unknown {
  const n = Math.max(0, Number(times));
  if (typeof seq === 'string') {
    checkSize(seq.length * n, ctx, 'string');
    return seq === '' ? '' : seq.repeat(n);
  }
  const items = Array.isArray(seq) ? seq : (seq as PyTuple).items;
  checkSize(items.length * n, ctx, 'collection');
  // The work is the size of the result, not the count: `[] * 10**15` is empty at once.
  const out: unknown[] = items.length === 0 ? [] : new Array<unknown>(items.length * n);
  if (items.length > 0) {
    charge(ctx, (items.length * n) >> 4);
    for (let i = 0, k = 0; i < n; i++) for (const item of items) out[k++] = item;
  }
  return Array.isArray(seq) ? out : new PyTuple(out);
}

const isSeq = (v: unknown): boolean => typeof v === 'string' || Array.isArray(v) || v instanceof PyTuple;

export function binaryOp(op: BinaryOperator, a: unknown, b: unknown, ctx: CallContext): unknown {
  const { limits } = ctx;
  switch (op) {
    case '+': return add(a, b, ctx);
    case '-': return subtract(a, b, limits);
    case '*':
      if (isNum(a) && isNum(b)) return checkInt(Number(a) * Number(b), a, b, limits);
      if (isSeq(a) && isIntLike(b)) return repeat(a, b, ctx);
      if (isIntLike(a) && isSeq(b)) return repeat(b, a, ctx);
      if (typeof a === 'string' || typeof b === 'string') throw typeError(`can't multiply sequence by non-int of type '${typeName(typeof a === 'string' ? b : a)}'`);
      return unsupported('*', a, b);
    case '/':
      if (!isNum(a) || !isNum(b)) return unsupported('/', a, b);
      if (Number(b) === 0) throw zeroDivision('division by zero');
      return Number(a) / Number(b);
    case '//': {
      if (!isNum(a) || !isNum(b)) return unsupported('//', a, b);
      if (Number(b) === 0) throw zeroDivision('integer division or modulo by zero');
      return Math.floor(Number(a) / Number(b));
    }
    case '%': return modulo(a, b, ctx);
    case '**': return power(a, b, limits);
    case '<<': case '>>': case '&': case '|': case '^': return bitwise(op, a, b, limits);
  }
}

function add(a: unknown, b: unknown, ctx: CallContext): unknown {
  if (isNum(a) && isNum(b)) return checkInt(Number(a) + Number(b), a, b, ctx.limits);
  if (typeof a === 'string') {
    if (typeof b !== 'string') throw typeError(`can only concatenate str (not "${typeName(b)}") to str`);
    checkSize(a.length + b.length, ctx, 'string');
    return a + b;
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b)) throw typeError(`can only concatenate list (not "${typeName(b)}") to list`);
    checkSize(a.length + b.length, ctx, 'collection');
    return [...a, ...b];
  }
  if (a instanceof PyTuple && b instanceof PyTuple) {
    checkSize(a.items.length + b.items.length, ctx, 'collection');
    return new PyTuple([...a.items, ...b.items]);
  }
  if (a instanceof PyDateTime && b instanceof PyTimeDelta) return new PyDateTime(a.ms + b.ms);
  if (a instanceof PyTimeDelta && b instanceof PyDateTime) return new PyDateTime(a.ms + b.ms);
  if (a instanceof PyTimeDelta && b instanceof PyTimeDelta) return new PyTimeDelta(a.ms + b.ms);
  return unsupported('+', a, b);
}

function subtract(a: unknown, b: unknown, limits: Limits): unknown {
  if (isNum(a) && isNum(b)) return checkInt(Number(a) - Number(b), a, b, limits);
  if (a instanceof PySet && b instanceof PySet) return setOf([...a.members.entries()].filter(([k]) => !b.members.has(k)).map(([, v]) => v), a.frozen);
  if (a instanceof PyDateTime && b instanceof PyDateTime) return new PyTimeDelta(a.ms - b.ms);
  if (a instanceof PyDateTime && b instanceof PyTimeDelta) return new PyDateTime(a.ms - b.ms);
  if (a instanceof PyTimeDelta && b instanceof PyTimeDelta) return new PyTimeDelta(a.ms - b.ms);
  return unsupported('-', a, b);
}

function modulo(a: unknown, b: unknown, ctx: CallContext): unknown {
  if (typeof a === 'string') {
    const out = percentFormat(a, b, ctx.limits);
    checkSize(out.length, ctx, 'string');
    return out;
  }
  if (!isNum(a) || !isNum(b)) return unsupported('%', a, b);
  const x = Number(a);
  const y = Number(b);
  if (y === 0) throw zeroDivision('integer division or modulo by zero');
  const r = x % y;
  return r !== 0 && (r < 0) !== (y < 0) ? r + y : r;
}

function power(a: unknown, b: unknown, limits: Limits): unknown {
  if (!isNum(a) || !isNum(b)) return unsupported('** or pow()', a, b);
  const x = Number(a);
  const y = Number(b);
  if (x === 0 && y < 0) throw zeroDivision('0.0 cannot be raised to a negative power');
  const result = x ** y;
  if (!Number.isFinite(result) && Number.isFinite(x) && Number.isFinite(y)) {
    if (isIntLike(a) && isIntLike(b)) throw limitError(`integer result exceeds ${limits.maxInteger}`);
    throw overflowError('Numerical result out of range');
  }
  return y < 0 ? result : checkInt(result, a, b, limits);
}

function bitwise(op: '<<' | '>>' | '&' | '|' | '^', a: unknown, b: unknown, limits: Limits): unknown {
  if (a instanceof PySet && b instanceof PySet && op !== '<<' && op !== '>>') return setAlgebra(op, a, b);
  if (isDict(a) && isDict(b) && op === '|') return dictOf([...dictEntries(a), ...dictEntries(b)]);
  if (!isIntLike(a) || !isIntLike(b)) return unsupported(op, a, b);
  const x = BigInt(Number(a));
  const y = BigInt(Number(b));
  let r: bigint;
  switch (op) {
    case '&': r = x & y; break;
    case '|': r = x | y; break;
    case '^': r = x ^ y; break;
    case '<<':
      if (y < 0n) throw typeError('negative shift count');
      if (y > 64n) throw limitError(`integer result exceeds ${limits.maxInteger}`);
      r = x << y;
      break;
    case '>>':
      if (y < 0n) throw typeError('negative shift count');
      r = x >> (y > 64n ? 64n : y);
      break;
  }
  if (r > BigInt(limits.maxInteger) || r < -BigInt(limits.maxInteger)) throw limitError(`integer result exceeds ${limits.maxInteger}`);
  return Number(r);
}

function setAlgebra(op: '&' | '|' | '^', a: PySet, b: PySet): PySet {
  const frozen = a.frozen;
  switch (op) {
    case '|': return setOf([...a.members.values(), ...b.members.values()], frozen);
    case '&': return setOf([...a.members.entries()].filter(([k]) => b.members.has(k)).map(([, v]) => v), frozen);
    case '^': return setOf([
      ...[...a.members.entries()].filter(([k]) => !b.members.has(k)).map(([, v]) => v),
      ...[...b.members.entries()].filter(([k]) => !a.members.has(k)).map(([, v]) => v),
    ], frozen);
  }
}

export function unaryOp(op: '-' | '+' | '~', v: unknown): unknown {
  if (op === '~') {
    if (!isIntLike(v)) throw typeError(`bad operand type for unary ~: '${typeName(v)}'`);
    return -Number(v) - 1;
  }
  if (v instanceof PyTimeDelta) return op === '-' ? new PyTimeDelta(-v.ms) : v;
  if (!isNum(v)) throw typeError(`bad operand type for unary ${op}: '${typeName(v)}'`);
  return op === '-' ? -Number(v) : Number(v);
}

export { hashKey };
