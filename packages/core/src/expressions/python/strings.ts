import { tick } from '../limits.js';

/**
 * Python strings are sequences of code points; JavaScript strings are UTF-16.
 * They only differ for characters outside the Basic Multilingual Plane
 * (emoji...), so every helper has a fast path for strings without surrogates.
 * The slow paths scan code units rather than build arrays, and are paid for
 * by the length scanned: indexing a long string of emoji in a loop would
 * otherwise cost far more than the steps it is charged.
 */
const SURROGATE = /[\uD800-\uDFFF]/;

/** Scans the whole string (64 characters a step): even `len()` of a long string is paid for. */
export function hasSurrogates(s: string): boolean {
  tick(s.length >> 6);
  return SURROGATE.test(s);
}

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** Code units taken by the code point starting at code unit `i`. */
function width(s: string, i: number): number {
  return isHigh(s.charCodeAt(i)) && isLow(s.charCodeAt(i + 1)) ? 2 : 1;
}

export function codePoints(s: string): string[] {
  tick(s.length >> 2);
  return Array.from(s);
}

export function strLength(s: string): number {
  if (!hasSurrogates(s)) return s.length;
  tick(s.length >> 3);
  let n = 0;
  for (let i = 0; i < s.length; i += width(s, i)) n++;
  return n;
}

/** The code-unit offset of code point `index` (0 <= index <= length in code points). */
function offsetOf(s: string, index: number): number {
  tick(index >> 3);
  let i = 0;
  for (let k = 0; k < index && i < s.length; k++) i += width(s, i);
  return i;
}

/** The code point at Python index `i` (already normalised to 0 <= i < length), as a string. */
export function strAt(s: string, i: number): string {
  if (!hasSurrogates(s)) return s[i]!;
  const at = offsetOf(s, i);
  return s.slice(at, at + width(s, at));
}

/** `s[start:stop:step]` with indices already resolved by `sliceIndices`. */
export function strSlice(s: string, start: number, stop: number, step: number): string {
  const surrogates = hasSurrogates(s);
  if (step === 1) {
    if (stop <= start) return '';
    if (!surrogates) return s.slice(start, stop);
    const from = offsetOf(s, start);
    return s.slice(from, from + offsetOf(s.slice(from), stop - start));
  }
  const chars = surrogates ? codePoints(s) : null;
  const count = Math.max(0, Math.ceil((stop - start) / step));
  tick(count >> 2);
  const out: string[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(chars ? chars[i]! : s[i]!);
  return out.join('');
}

/** The first `n` code points of `s`, without walking past them. */
export function strPrefix(s: string, n: number): string {
  if (n >= s.length) return s;
  return s.slice(0, offsetOf(s, n));
}

/** A UTF-16 code unit, adjusted so that comparing adjusted units orders strings by code point. */
function inCodePointOrder(c: number): number {
  return c < 0xd800 ? c : c >= 0xe000 ? c - 0x800 : c + 0x2000;
}

/** Code-point order, as Python compares strings. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  tick(i >> 6);
  if (i === n) return a.length < b.length ? -1 : 1;
  return inCodePointOrder(a.charCodeAt(i)) < inCodePointOrder(b.charCodeAt(i)) ? -1 : 1;
}

/** Python's repr() of a str: single quotes unless the text has ' and no ". */
export function reprString(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code >= 0xd800 && code <= 0xdfff) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + quote;
}
