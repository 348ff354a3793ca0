/**
 * Python strings are sequences of code points; JavaScript strings are UTF-16.
 * They only differ for characters outside the Basic Multilingual Plane
 * (emoji...), so every helper has a fast path for strings without surrogates.
 */
const SURROGATE = /[\uD800-\uDFFF]/;

export function hasSurrogates(s: string): boolean {
  return SURROGATE.test(s);
}

export function codePoints(s: string): string[] {
  return Array.from(s);
}

export function strLength(s: string): number {
  if (!hasSurrogates(s)) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** The code point at Python index `i` (already normalised to 0 <= i < length), as a string. */
export function strAt(s: string, i: number): string {
  return hasSurrogates(s) ? codePoints(s)[i]! : s[i]!;
}

/** `s[start:stop:step]` with indices already resolved by `sliceIndices`. */
export function strSlice(s: string, start: number, stop: number, step: number): string {
  const chars = hasSurrogates(s) ? codePoints(s) : null;
  if (step === 1) return chars ? chars.slice(start, Math.max(start, stop)).join('') : s.slice(start, Math.max(start, stop));
  let out = '';
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) out += chars ? chars[i] : s[i];
  return out;
}

/** Code-point order, as Python compares strings. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  if (!hasSurrogates(a) && !hasSurrogates(b)) return a < b ? -1 : 1;
  const x = codePoints(a);
  const y = codePoints(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return x.length - y.length < 0 ? -1 : x.length === y.length ? 0 : 1;
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
