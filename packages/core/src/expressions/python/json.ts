import { limitError, typeError, valueError } from '../errors.js';
import { tick } from '../limits.js';
import { dictEntries } from './equality.js';
import { formatNumber } from './numbers.js';
import { compareStrings } from './strings.js';
import { PyTuple, isDict, typeName } from './values.js';

export interface DumpsOptions {
  sortKeys?: boolean;
  /** Python's indent: null for one line. */
  indent?: number | string | null;
  /** [item separator, key separator]; Python's defaults depend on indent. */
  separators?: readonly [string, string] | null;
  ensureAscii?: boolean;
  /** Refuse output longer than this many characters. */
  maxLength?: number;
  /** Called for values JSON cannot represent; throw to refuse them (Python's `default`). */
  fallback?: (value: unknown) => unknown;
}

/** Writing one value (separators, indentation, the value itself) takes about a microsecond: a few steps. */
const NODE_STEPS = 4;

/**
 * Python's `json.dumps`, byte for byte: `", "` and `": "` separators, non-ASCII
 * escaped as lowercase `\uXXXX` unless ensure_ascii is off, NaN and Infinity
 * written bare. datanommer's `contains` filter matches against this text.
 */
export function pythonJsonDumps(value: unknown, options: DumpsOptions = {}): string {
  const maxLength = options.maxLength ?? Number.POSITIVE_INFINITY;
  const indentWidth = typeof options.indent === 'number' ? options.indent : typeof options.indent === 'string' ? options.indent.length : 0;
  if (indentWidth > maxLength) throw limitError(`json.dumps indent of ${indentWidth} exceeds ${maxLength} characters`);
  const indent = options.indent === undefined || options.indent === null
    ? null
    : typeof options.indent === 'number' ? ' '.repeat(Math.max(0, options.indent)) : options.indent;
  const [itemSep, keySep] = options.separators ?? (indent === null ? [', ', ': '] : [',', ': ']);
  const ensureAscii = options.ensureAscii ?? true;
  const parts: string[] = [];
  let length = 0;
  const emit = (s: string): void => {
    length += s.length;
    if (length > maxLength) throw limitError(`json.dumps output exceeds ${maxLength} characters`);
    parts.push(s);
  };

  const write = (v: unknown, level: number): void => {
    tick(NODE_STEPS);
    if (level > 200) throw valueError('Circular reference detected or nesting too deep');
    if (v === null || v === undefined) return emit('null');
    switch (typeof v) {
      case 'string': return emit(quote(v, ensureAscii));
      case 'boolean': return emit(v ? 'true' : 'false');
      case 'number': return emit(jsonNumber(v));
      default: break;
    }
    const items = Array.isArray(v) ? v : v instanceof PyTuple ? v.items : null;
    if (items !== null) {
      if (items.length === 0) return emit('[]');
      emit('[');
      items.forEach((item, i) => {
        if (i > 0) emit(itemSep);
        newline(level + 1);
        write(item, level + 1);
      });
      newline(level);
      return emit(']');
    }
    if (isDict(v)) {
      let entries = dictEntries(v).map(([k, val]) => [jsonKey(k), val] as const);
      if (entries.length === 0) return emit('{}');
      if (options.sortKeys) entries = [...entries].sort(([a], [b]) => compareStrings(a, b));
      emit('{');
      entries.forEach(([k, val], i) => {
        if (i > 0) emit(itemSep);
        newline(level + 1);
        emit(quote(k, ensureAscii));
        emit(keySep);
        write(val, level + 1);
      });
      newline(level);
      return emit('}');
    }
    if (options.fallback) return write(options.fallback(v), level + 1);
    throw typeError(`Object of type ${typeName(v)} is not JSON serializable`);
  };
  const newline = (level: number): void => {
    if (indent !== null) emit(`\n${indent.repeat(level)}`);
  };

  write(value, 0);
  return parts.join('');
}

function jsonNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  return formatNumber(n);
}

function jsonKey(key: unknown): string {
  switch (typeof key) {
    case 'string': return key;
    case 'number': return jsonNumber(key);
    case 'boolean': return key ? 'true' : 'false';
    default: break;
  }
  if (key === null) return 'null';
  throw typeError(`keys must be str, int, float, bool or None, not ${typeName(key)}`);
}

const ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

function quote(s: string, ensureAscii: boolean): string {
  tick(s.length >> 4);
  let out = '"';
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const plain = c >= 0x20 && c !== 0x22 && c !== 0x5c && (!ensureAscii || c < 0x7f);
    if (plain) continue;
    out += s.slice(run, i);
    const ch = s[i]!;
    out += ESCAPES[ch] ?? `\\u${c.toString(16).padStart(4, '0')}`;
    run = i + 1;
  }
  return `${out}${s.slice(run)}"`;
}

/**
 * How deep `json.loads` nests. Python's decoder recurses and stops near its
 * recursion limit of 1000; deeper data would only make every later walk
 * (comparing, printing) recurse as deep.
 */
export const MAX_JSON_DEPTH = 1000;

/** Python's `json.loads`. Paid for by the length of the text. */
export function pythonJsonLoads(text: unknown): unknown {
  if (typeof text !== 'string') throw typeError(`the JSON object must be str, bytes or bytearray, not ${typeName(text)}`);
  tick(text.length >> 2);
  if (jsonDepth(text) > MAX_JSON_DEPTH) throw limitError(`JSON nested more than ${MAX_JSON_DEPTH} levels deep`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw valueError(`Expecting value: ${(error as Error).message}`);
  }
}

/** The deepest bracket nesting in a JSON text, brackets inside strings aside. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}
