import { typeError, valueError } from '../errors.js';
import { charge, chargeSize, checkCollectionSize, checkStringLength } from '../limits.js';
import { strFormat } from '../python/format.js';
import { pyRepr } from '../python/repr.js';
import { codePoints, strLength } from '../python/strings.js';
import { type CallContext, type Kwargs, PyBuiltin, PyTuple, type Signature, typeName } from '../python/values.js';
import { collect } from './iteration.js';

type Impl = (s: string, args: readonly unknown[], kwargs: Kwargs, ctx: CallContext) => unknown;

/**
 * What a method costs, by the length of the string it works on (arguments
 * that are strings count too): `scan` for one native pass (64 characters a
 * step), `pieces` for a native pass that allocates pieces or searches for
 * each of many matches (4 characters a step), `chars` for work done code
 * point by code point in JavaScript (a step per character). Measured so that
 * a step stays well under a microsecond on a long string.
 */
type Cost = 'scan' | 'pieces' | 'chars';
const SHIFT: Record<Cost, number> = { scan: 6, pieces: 2, chars: 0 };

function lengthOf(s: string, args: readonly unknown[]): number {
  let n = s.length;
  for (const a of args) if (typeof a === 'string') n += a.length;
  return n;
}

const method = (name: string, sig: Signature, impl: Impl, cost: Cost = 'scan'): PyBuiltin =>
  new PyBuiltin(name, { ...sig, min: sig.min + 1, max: sig.max + 1 }, ([self, ...args], kw, ctx) => {
    charge(ctx, lengthOf(self as string, args) >> SHIFT[cost]);
    return impl(self as string, args, kw, ctx);
  });

function strArg(value: unknown, method: string): string {
  if (typeof value !== 'string') throw typeError(`${method}() argument must be str, not ${typeName(value)}`);
  return value;
}

/** Python's default whitespace set for strip() and split(). */
const WS = ' \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

const WS_SET: ReadonlySet<string> = new Set(WS);
const WS_RUN = new RegExp(`[${WS}]+`);

function strip(s: string, chars: unknown, left: boolean, right: boolean): string {
  const set = chars === undefined || chars === null ? WS_SET : new Set(strArg(chars, 'strip'));
  let a = 0;
  let b = s.length;
  if (left) while (a < b && set.has(s[a]!)) a++;
  if (right) while (b > a && set.has(s[b - 1]!)) b--;
  return s.slice(a, b);
}

function split(s: string, sep: unknown, maxsplit: unknown, fromRight: boolean): string[] {
  const limit = maxsplit === undefined || maxsplit === null ? -1 : Number(maxsplit);
  if (sep === undefined || sep === null) {
    const words = s.split(WS_RUN).filter((w) => w !== '');
    if (limit < 0 || words.length <= limit + 1) return words;
    // At most `limit` splits: the first (or last) `limit` words, then the rest of the text as it is.
    const trimmed = strip(s, null, !fromRight, fromRight);
    if (fromRight) {
      let end = trimmed.length;
      const out: string[] = [];
      for (let i = 0; i < limit; i++) {
        let start = end;
        while (start > 0 && !WS_SET.has(trimmed[start - 1]!)) start--;
        out.push(trimmed.slice(start, end));
        end = start;
        while (end > 0 && WS_SET.has(trimmed[end - 1]!)) end--;
      }
      return [trimmed.slice(0, end), ...out.reverse()];
    }
    let start = 0;
    const out: string[] = [];
    for (let i = 0; i < limit; i++) {
      let end = start;
      while (end < trimmed.length && !WS_SET.has(trimmed[end]!)) end++;
      out.push(trimmed.slice(start, end));
      start = end;
      while (start < trimmed.length && WS_SET.has(trimmed[start]!)) start++;
    }
    return [...out, trimmed.slice(start)];
  }
  const separator = strArg(sep, 'split');
  if (separator === '') throw valueError('empty separator');
  const parts = s.split(separator);
  if (limit < 0 || parts.length <= limit + 1) return parts;
  return fromRight
    ? [parts.slice(0, parts.length - limit).join(separator), ...parts.slice(parts.length - limit)]
    : [...parts.slice(0, limit), parts.slice(limit).join(separator)];
}

/** A list built from a string: bounded in size and paid for. */
function bounded(parts: string[], source: string, ctx: CallContext): string[] {
  checkCollectionSize(parts.length, ctx.limits);
  chargeSize(ctx, source.length + parts.length);
  return parts;
}

function prefixTest(s: string, what: unknown, test: (p: string) => boolean, name: string): boolean {
  if (what instanceof PyTuple) return what.items.some((p) => test(strArg(p, name)));
  if (typeof what !== 'string') throw typeError(`${name} first arg must be str or a tuple of str, not ${typeName(what)}`);
  return test(what);
}

function findIndex(s: string, sub: unknown, fromRight: boolean): number {
  const needle = strArg(sub, 'find');
  const i = fromRight ? s.lastIndexOf(needle) : s.indexOf(needle);
  return i < 0 ? -1 : strLength(s.slice(0, i));
}

function pad(s: string, width: unknown, fill: unknown, where: 'left' | 'right' | 'center', ctx: CallContext): string {
  const w = Number(width);
  checkStringLength(w, ctx.limits);
  chargeSize(ctx, w);
  const f = fill === undefined ? ' ' : strArg(fill, 'pad');
  if (strLength(f) !== 1) throw typeError('The fill character must be exactly one character long');
  const n = w - strLength(s);
  if (n <= 0) return s;
  if (where === 'left') return f.repeat(n) + s;
  if (where === 'right') return s + f.repeat(n);
  const left = Math.floor(n / 2) + (n % 2 & w % 2);
  return f.repeat(left) + s + f.repeat(n - left);
}

const isUpper = (c: string): boolean => c !== c.toLowerCase() && c === c.toUpperCase();
const isLower = (c: string): boolean => c !== c.toUpperCase() && c === c.toLowerCase();
const cased = (s: string): boolean => [...s].some((c) => isUpper(c) || isLower(c));

export const STR_METHODS: ReadonlyMap<string, PyBuiltin> = new Map([
  method('lower', { min: 0, max: 0 }, (s) => s.toLowerCase()),
  method('upper', { min: 0, max: 0 }, (s) => s.toUpperCase()),
  method('casefold', { min: 0, max: 0 }, (s) => s.toLowerCase()),
  method('capitalize', { min: 0, max: 0 }, (s) => (s === '' ? s : codePoints(s)[0]!.toUpperCase() + codePoints(s).slice(1).join('').toLowerCase()), 'chars'),
  method('title', { min: 0, max: 0 }, (s) => s.toLowerCase().replace(/(^|[^\p{L}\p{N}'])(\p{L})|([^\p{L}])'(\p{L})/gu, (m, a, b, c, d) => (b !== undefined ? a + b.toUpperCase() : `${c}'${d.toUpperCase()}`)), 'chars'),
  method('swapcase', { min: 0, max: 0 }, (s) => [...s].map((c) => (isUpper(c) ? c.toLowerCase() : c.toUpperCase())).join(''), 'chars'),
  method('strip', { min: 0, max: 1 }, (s, [c]) => strip(s, c, true, true), 'pieces'),
  method('lstrip', { min: 0, max: 1 }, (s, [c]) => strip(s, c, true, false), 'pieces'),
  method('rstrip', { min: 0, max: 1 }, (s, [c]) => strip(s, c, false, true), 'pieces'),
  method('split', { min: 0, max: 2, keywords: ['sep', 'maxsplit'] }, (s, [sep, max], kw, ctx) => bounded(split(s, sep ?? kw.get('sep'), max ?? kw.get('maxsplit'), false), s, ctx), 'chars'),
  method('rsplit', { min: 0, max: 2, keywords: ['sep', 'maxsplit'] }, (s, [sep, max], kw, ctx) => bounded(split(s, sep ?? kw.get('sep'), max ?? kw.get('maxsplit'), true), s, ctx), 'chars'),
  method('splitlines', { min: 0, max: 1, keywords: ['keepends'] }, (s, [keep], kw, ctx) => {
    const keepEnds = Boolean(keep ?? kw.get('keepends') ?? false);
    const out: string[] = [];
    const re = /\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]/g;
    let last = 0;
    for (let m = re.exec(s); m !== null; m = re.exec(s)) {
      out.push(s.slice(last, keepEnds ? m.index + m[0].length : m.index));
      last = m.index + m[0].length;
    }
    if (last < s.length) out.push(s.slice(last));
    return bounded(out, s, ctx);
  }, 'chars'),
  method('join', { min: 1, max: 1 }, (s, [items], _kw, ctx) => {
    const parts = collect(items, ctx);
    parts.forEach((p, i) => {
      if (typeof p !== 'string') throw typeError(`sequence item ${i}: expected str instance, ${typeName(p)} found`);
    });
    const out = (parts as string[]).join(s);
    checkStringLength(out.length, ctx.limits);
    chargeSize(ctx, out.length);
    return out;
  }),
  method('replace', { min: 2, max: 3 }, (s, [old, repl, count], _kw, ctx) => {
    const o = strArg(old, 'replace');
    const r = strArg(repl, 'replace');
    const n = count === undefined ? -1 : Number(count);
    // The result's length is known before it is built, so an oversized one is refused without building it.
    if (o === '') {
      const chars = codePoints(s);
      const limit = n < 0 ? chars.length + 1 : Math.min(n, chars.length + 1);
      checkStringLength(s.length + r.length * limit, ctx.limits);
      chargeSize(ctx, s.length + r.length * limit);
      return chars.slice(0, limit).map((c) => r + c).join('') + chars.slice(limit).join('') + (limit > chars.length ? r : '');
    }
    const parts = s.split(o);
    const replaced = n < 0 ? parts.length - 1 : Math.min(n, parts.length - 1);
    checkStringLength(s.length + replaced * (r.length - o.length), ctx.limits);
    chargeSize(ctx, s.length + replaced * (r.length - o.length));
    if (n < 0) return parts.join(r);
    return parts.slice(0, n + 1).join(r) + (parts.length > n + 1 ? o + parts.slice(n + 1).join(o) : '');
  }, 'pieces'),
  method('count', { min: 1, max: 1 }, (s, [sub]) => {
    const needle = strArg(sub, 'count');
    if (needle === '') return strLength(s) + 1;
    return s.split(needle).length - 1;
  }, 'pieces'),
  method('find', { min: 1, max: 1 }, (s, [sub]) => findIndex(s, sub, false)),
  method('rfind', { min: 1, max: 1 }, (s, [sub]) => findIndex(s, sub, true)),
  method('index', { min: 1, max: 1 }, (s, [sub]) => {
    const i = findIndex(s, sub, false);
    if (i < 0) throw valueError('substring not found');
    return i;
  }),
  method('rindex', { min: 1, max: 1 }, (s, [sub]) => {
    const i = findIndex(s, sub, true);
    if (i < 0) throw valueError('substring not found');
    return i;
  }),
  method('startswith', { min: 1, max: 1 }, (s, [p]) => prefixTest(s, p, (x) => s.startsWith(x), 'startswith')),
  method('endswith', { min: 1, max: 1 }, (s, [p]) => prefixTest(s, p, (x) => s.endsWith(x), 'endswith')),
  method('removeprefix', { min: 1, max: 1 }, (s, [p]) => (s.startsWith(strArg(p, 'removeprefix')) ? s.slice((p as string).length) : s)),
  method('removesuffix', { min: 1, max: 1 }, (s, [p]) => {
    const x = strArg(p, 'removesuffix');
    return x !== '' && s.endsWith(x) ? s.slice(0, s.length - x.length) : s;
  }),
  method('partition', { min: 1, max: 1 }, (s, [sep]) => {
    const x = strArg(sep, 'partition');
    const i = s.indexOf(x);
    return i < 0 ? new PyTuple([s, '', '']) : new PyTuple([s.slice(0, i), x, s.slice(i + x.length)]);
  }),
  method('rpartition', { min: 1, max: 1 }, (s, [sep]) => {
    const x = strArg(sep, 'rpartition');
    const i = s.lastIndexOf(x);
    return i < 0 ? new PyTuple(['', '', s]) : new PyTuple([s.slice(0, i), x, s.slice(i + x.length)]);
  }),
  method('zfill', { min: 1, max: 1 }, (s, [w], _kw, ctx) => {
    const sign = /^[+-]/.test(s) ? s[0]! : '';
    return sign + pad(s.slice(sign.length), Number(w) - sign.length, '0', 'left', ctx);
  }),
  method('center', { min: 1, max: 2 }, (s, [w, f], _kw, ctx) => pad(s, w, f, 'center', ctx)),
  method('ljust', { min: 1, max: 2 }, (s, [w, f], _kw, ctx) => pad(s, w, f, 'right', ctx)),
  method('rjust', { min: 1, max: 2 }, (s, [w, f], _kw, ctx) => pad(s, w, f, 'left', ctx)),
  method('format', { min: 0, max: Infinity, keywords: ['*'] }, (s, args, kw, ctx) => {
    const out = strFormat(s, args, kw, ctx.limits);
    checkStringLength(out.length, ctx.limits);
    chargeSize(ctx, out.length);
    return out;
  }, 'pieces'),
  method('isdigit', { min: 0, max: 0 }, (s) => /^\p{Nd}+$/u.test(s)),
  method('isdecimal', { min: 0, max: 0 }, (s) => /^\p{Nd}+$/u.test(s)),
  method('isnumeric', { min: 0, max: 0 }, (s) => /^\p{N}+$/u.test(s)),
  method('isalpha', { min: 0, max: 0 }, (s) => /^\p{L}+$/u.test(s)),
  method('isalnum', { min: 0, max: 0 }, (s) => /^[\p{L}\p{N}]+$/u.test(s)),
  method('isspace', { min: 0, max: 0 }, (s) => s !== '' && [...s].every((c) => WS.includes(c)), 'pieces'),
  method('islower', { min: 0, max: 0 }, (s) => cased(s) && ![...s].some(isUpper), 'chars'),
  method('isupper', { min: 0, max: 0 }, (s) => cased(s) && ![...s].some(isLower), 'chars'),
  method('isidentifier', { min: 0, max: 0 }, (s) => /^[\p{L}_][\p{L}\p{N}_]*$/u.test(s)),
  method('encode', { min: 0, max: 2 }, (s) => { throw typeError(`bytes are not supported (${pyRepr(s)}.encode())`); }),
].map((m) => [m.name, m] as const));
