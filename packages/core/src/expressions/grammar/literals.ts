import { type Cursor, isDigit, isIdentifierPart } from './cursor.js';
import type { Const, FormattedValue, JoinedStr } from './nodes.js';
import { parseTest } from './operators.js';

const HEX = /^[0-9a-fA-F]+$/;

/** Python number literals: 12, 1_000, 0x1f, 0o17, 0b101, 1.5, .5, 1., 1e-3. */
export function parseNumber(p: Cursor): Const {
  const { expr } = p;
  const start = p.index;
  const radix = expr[start] === '0' ? { x: 16, X: 16, o: 8, O: 8, b: 2, B: 2 }[expr[start + 1] ?? ''] : undefined;
  if (radix !== undefined) {
    let i = start + 2;
    while (i < expr.length && isIdentifierPart(expr.charCodeAt(i))) i++;
    const digits = expr.slice(start + 2, i).replace(/_/g, '');
    const valid = digits !== '' && [...digits].every((d) => Number.parseInt(d, radix) < radix && !Number.isNaN(Number.parseInt(d, radix)));
    if (!valid) { p.index = start; p.throwError(`Invalid number literal '${expr.slice(start, i)}'`); }
    p.index = i;
    return { type: 'Const', kind: 'int', value: Number.parseInt(digits, radix), start, end: i };
  }
  let i = start;
  const digitsFrom = (): void => { while (i < expr.length && (isDigit(expr.charCodeAt(i)) || expr[i] === '_')) i++; };
  digitsFrom();
  let isFloat = false;
  if (expr[i] === '.') { isFloat = true; i++; digitsFrom(); }
  if (expr[i] === 'e' || expr[i] === 'E') {
    isFloat = true;
    i++;
    if (expr[i] === '+' || expr[i] === '-') i++;
    const before = i;
    digitsFrom();
    if (i === before) { p.index = i; p.throwError('Invalid number literal: the exponent has no digits'); }
  }
  if (expr[i] === 'j' || expr[i] === 'J') { p.index = i; p.throwError('Complex numbers are not supported'); }
  if (i < expr.length && isIdentifierPart(expr.charCodeAt(i))) { p.index = i; p.throwError(`Invalid number literal '${expr.slice(start, i + 1)}'`); }
  const text = expr.slice(start, i);
  if (/__|_$|^_|_\.|\._|_e|e_/i.test(text)) { p.index = start; p.throwError(`Invalid number literal '${text}'`); }
  p.index = i;
  return { type: 'Const', kind: isFloat ? 'float' : 'int', value: Number(text.replace(/_/g, '')), start, end: i };
}

/** True when the cursor is at a string literal, prefixed or not. */
export function atString(p: Cursor): boolean {
  return prefixLength(p) >= 0;
}

/** Length of the string prefix at the cursor (0 for a bare quote), or -1 if no string starts here. */
function prefixLength(p: Cursor): number {
  const { expr, index } = p;
  for (let n = 0; n <= 2; n++) {
    const q = expr[index + n];
    if (q === '"' || q === "'") {
      const prefix = expr.slice(index, index + n).toLowerCase();
      return ['', 'r', 'u', 'f', 'b', 'rb', 'br', 'fr', 'rf'].includes(prefix) ? n : -1;
    }
    if (n < 2 && !/[rRuUfFbB]/.test(expr[index + n] ?? '')) return -1;
  }
  return -1;
}

/** One or more adjacent string literals, concatenated as Python does ('a' "b" f'{c}'). */
export function parseStrings(p: Cursor): Const | JoinedStr {
  const start = p.index;
  const parts: Array<Const | FormattedValue> = [];
  let formatted = false;
  do {
    const piece = parseOneString(p);
    if (piece.type === 'JoinedStr') { formatted = true; parts.push(...piece.values); } else parts.push(piece);
    p.gobbleSpaces();
  } while (p.index < p.expr.length && atString(p));
  const end = p.index;
  if (!formatted) {
    return { type: 'Const', kind: 'str', value: parts.map((c) => (c as Const).value).join(''), start, end };
  }
  return { type: 'JoinedStr', values: mergeConstants(parts), start, end };
}

function mergeConstants(parts: Array<Const | FormattedValue>): Array<Const | FormattedValue> {
  const out: Array<Const | FormattedValue> = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if (part.type === 'Const' && last?.type === 'Const') {
      out[out.length - 1] = { ...last, value: String(last.value) + String(part.value), end: part.end };
    } else if (!(part.type === 'Const' && part.value === '')) out.push(part);
  }
  return out;
}

function parseOneString(p: Cursor): Const | JoinedStr {
  const start = p.index;
  const n = prefixLength(p);
  const prefix = p.expr.slice(start, start + n).toLowerCase();
  if (prefix.includes('b')) p.throwError('Bytes literals are not supported');
  const raw = prefix.includes('r');
  const quote = p.expr[start + n]!;
  const triple = p.expr.slice(start + n, start + n + 3) === quote.repeat(3);
  p.index = start + n + (triple ? 3 : 1);
  const closing = triple ? quote.repeat(3) : quote;
  if (prefix.includes('f')) return parseFormattedBody(p, start, closing, raw);
  const text = readLiteralText(p, closing, raw, false);
  if (!p.expr.startsWith(closing, p.index)) p.throwError('Unterminated string literal');
  p.index += closing.length;
  return { type: 'Const', kind: 'str', value: text, start, end: p.index };
}

/**
 * Reads literal characters up to the closing quote (or, in an f-string, up to
 * a replacement field), decoding escapes unless the string is raw.
 */
function readLiteralText(p: Cursor, closing: string, raw: boolean, inFString: boolean): string {
  const { expr } = p;
  let out = '';
  while (p.index < expr.length) {
    if (expr.startsWith(closing, p.index)) return out;
    const ch = expr[p.index]!;
    if (inFString && (ch === '{' || ch === '}')) {
      if (expr[p.index + 1] === ch) { out += ch; p.index += 2; continue; }
      if (ch === '}') p.throwError("Single '}' is not allowed in an f-string");
      return out;
    }
    if ((ch === '\n' || ch === '\r') && closing.length === 1) p.throwError('Unterminated string literal (a line break inside quotes)');
    if (ch !== '\\') { out += ch; p.index++; continue; }
    const next = expr[p.index + 1];
    if (next === undefined) { p.index++; break; }
    if (raw) { out += ch + next; p.index += 2; continue; }
    p.index += 2;
    out += decodeEscape(p, next);
  }
  p.throwError('Unterminated string literal');
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\n': '', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};

function decodeEscape(p: Cursor, letter: string): string {
  const simple = SIMPLE_ESCAPES[letter];
  if (simple !== undefined) return simple;
  const { expr } = p;
  if (letter >= '0' && letter <= '7') {
    let digits = letter;
    while (digits.length < 3 && /[0-7]/.test(expr[p.index] ?? '')) digits += expr[p.index++];
    return String.fromCodePoint(Number.parseInt(digits, 8));
  }
  const width = letter === 'x' ? 2 : letter === 'u' ? 4 : letter === 'U' ? 8 : 0;
  if (width > 0) {
    const digits = expr.slice(p.index, p.index + width);
    if (digits.length !== width || !HEX.test(digits)) p.throwError(`Truncated \\${letter} escape`);
    const code = Number.parseInt(digits, 16);
    if (code > 0x10ffff) p.throwError(`Invalid \\${letter} escape`);
    p.index += width;
    return String.fromCodePoint(code);
  }
  if (letter === 'N') p.throwError('Named unicode escapes (\\N{...}) are not supported');
  return `\\${letter}`;
}

function parseFormattedBody(p: Cursor, start: number, closing: string, raw: boolean): JoinedStr {
  const values: Array<Const | FormattedValue> = [];
  for (;;) {
    const textStart = p.index;
    const text = readLiteralText(p, closing, raw, true);
    if (text !== '') values.push({ type: 'Const', kind: 'str', value: text, start: textStart, end: p.index });
    if (p.expr.startsWith(closing, p.index)) { p.index += closing.length; break; }
    values.push(parseReplacementField(p, closing, raw));
  }
  return { type: 'JoinedStr', values, start, end: p.index };
}

function parseReplacementField(p: Cursor, closing: string, raw: boolean): FormattedValue {
  const start = p.index;
  p.index++; // '{'
  p.gobbleSpaces();
  if (p.char === '}') p.throwError('Empty expression in an f-string');
  const value = parseTest(p);
  p.gobbleSpaces();
  let conversion: FormattedValue['conversion'] = null;
  if (p.char === '!') {
    const letter = p.expr[p.index + 1];
    if (letter !== 's' && letter !== 'r' && letter !== 'a') p.throwError("f-string conversion must be '!s', '!r' or '!a'");
    conversion = letter;
    p.index += 2;
  }
  let formatSpec: JoinedStr | null = null;
  if (p.char === ':') {
    p.index++;
    const specStart = p.index;
    const parts: Array<Const | FormattedValue> = [];
    const at = (): string => p.char;
    while (p.index < p.expr.length && at() !== '}') {
      if (at() === '{') { parts.push(parseReplacementField(p, closing, raw)); continue; }
      const textStart = p.index;
      let text = '';
      while (p.index < p.expr.length && at() !== '{' && at() !== '}' && !p.expr.startsWith(closing, p.index)) text += p.expr[p.index++];
      if (p.expr.startsWith(closing, p.index)) break;
      parts.push({ type: 'Const', kind: 'str', value: text, start: textStart, end: p.index });
    }
    formatSpec = { type: 'JoinedStr', values: parts, start: specStart, end: p.index };
  }
  if ((p.char as string) !== '}') p.throwError("Expected '}' to close the f-string field");
  p.index++;
  return { type: 'FormattedValue', value, conversion, formatSpec, start, end: p.index };
}
