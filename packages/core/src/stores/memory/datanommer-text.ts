import { pythonJsonDumps } from '../../expressions/python/json.js';
import { formatNumber } from '../../expressions/python/numbers.js';
import { isPlainDict } from '../../expressions/python/values.js';

const ESCAPES: Record<number, string> = { 0x22: '\\"', 0x5c: '\\\\', 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t', 0x08: '\\b', 0x0c: '\\f' };

function quote(s: string): string {
  let out = '"';
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c && c < 0x7f) continue;
    out += s.slice(run, i) + (ESCAPES[c] ?? `\\u${c.toString(16).padStart(4, '0')}`);
    run = i + 1;
  }
  return `${out}${s.slice(run)}"`;
}

/** Not plain JSON data: the general writer takes it from here. */
const NOT_PLAIN = Symbol('not plain');

function write(v: unknown, depth: number): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string': return quote(v);
    case 'boolean': return v ? 'true' : 'false';
    case 'number': if (Number.isFinite(v)) return formatNumber(v); throw NOT_PLAIN;
    default: break;
  }
  if (depth > 100) throw NOT_PLAIN;
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) out += (i === 0 ? '' : ', ') + write(v[i], depth + 1);
    return `${out}]`;
  }
  if (!isPlainDict(v)) throw NOT_PLAIN;
  let out = '{';
  let first = true;
  for (const key of Object.keys(v)) {
    out += `${first ? '' : ', '}${quote(key)}: ${write(v[key], depth + 1)}`;
    first = false;
  }
  return `${out}}`;
}

/**
 * A message body as datanommer stores it — Python's `json.dumps` with its
 * defaults — which `contains` matches against. Bodies are plain JSON data,
 * so a lean writer does; anything else goes to the general one.
 */
export function datanommerText(body: unknown): string {
  try {
    return write(body, 0);
  } catch (error) {
    if (error !== NOT_PLAIN) throw error;
    return pythonJsonDumps(body);
  }
}
