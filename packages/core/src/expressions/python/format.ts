import { keyError, typeError, valueError } from '../errors.js';
import { dictLookup } from './equality.js';
import { formatNumber } from './numbers.js';
import { pyRepr, pyStr } from './repr.js';
import { strPrefix } from './strings.js';
import { limitError } from '../errors.js';
import { tick } from '../limits.js';
import { DEFAULT_LIMITS, PyTuple, isDict, typeName, type Limits } from './values.js';

/** A field width or precision is a size to allocate: bound it before padding. */
function checkWidth(width: number, limits: Limits): void {
  if (width > limits.maxStringLength) throw limitError(`a field width of ${width} exceeds the limit of ${limits.maxStringLength}`);
}

const MAX_PRECISION = 100;

/** Formatting one field (parsing its spec, converting, padding) takes a few microseconds: a few steps. */
const FIELD_STEPS = 4;

const SPEC = /^(?:(.)?([<>=^]))?([+\- ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/s;

/** Python's format(value, spec), for the common specs: fill, align, sign, width, grouping, precision, type. */
export function formatWithSpec(value: unknown, spec: string, limits: Limits = DEFAULT_LIMITS): string {
  if (spec === '') return pyStr(value);
  const m = SPEC.exec(spec);
  if (m === null) throw valueError(`Invalid format specifier '${spec}'`);
  const [, fillChar, alignChar, sign, alt, zero, widthText, grouping, precisionText, type] = m;
  const precision = precisionText === undefined ? undefined : Number(precisionText);
  if (precision !== undefined && precision > MAX_PRECISION && typeof value !== 'string') throw valueError(`precision ${precision} is too large (at most ${MAX_PRECISION})`);
  let body: string;
  let numeric = false;
  if (typeof value === 'string') {
    if (type !== undefined && type !== 's') throw valueError(`Unknown format code '${type}' for object of type 'str'`);
    body = precision === undefined ? value : strPrefix(value, precision);
  } else if (typeof value === 'number' || typeof value === 'boolean') {
    numeric = true;
    body = formatNumberSpec(Number(value), type, precision, alt !== undefined, grouping);
    if (sign === '+' && Number(value) >= 0) body = `+${body}`;
    else if (sign === ' ' && Number(value) >= 0) body = ` ${body}`;
  } else {
    if (type !== undefined && type !== 's') throw typeError(`unsupported format string passed to ${typeName(value)}.__format__`);
    body = pyStr(value);
  }
  const width = widthText === undefined ? 0 : Number(widthText);
  checkWidth(width, limits);
  if (body.length >= width) return body;
  const fill = fillChar ?? (zero !== undefined && numeric ? '0' : ' ');
  const align = alignChar ?? (zero !== undefined && numeric ? '=' : numeric ? '>' : '<');
  const pad = fill.repeat(width - body.length);
  switch (align) {
    case '<': return body + pad;
    case '>': return pad + body;
    case '^': {
      const left = pad.slice(0, Math.floor(pad.length / 2));
      return left + body + pad.slice(left.length);
    }
    default: {
      const signPart = /^[+\- ]/.test(body) ? body[0]! : '';
      return signPart + pad + body.slice(signPart.length);
    }
  }
}

function formatNumberSpec(x: number, type: string | undefined, precision: number | undefined, alt: boolean, grouping: string | undefined): string {
  let out: string;
  switch (type) {
    case undefined: out = precision === undefined ? formatNumber(x) : Number(x.toPrecision(precision)).toString(); break;
    case 'd': case 'n':
      if (!Number.isInteger(x)) throw valueError("Unknown format code 'd' for object of type 'float'");
      out = formatNumber(x); break;
    case 'f': case 'F': out = x.toFixed(precision ?? 6); break;
    case 'e': case 'E': out = pythonExponent(x.toExponential(precision ?? 6)); break;
    case 'g': case 'G': out = formatNumber(Number(x.toPrecision(precision ?? 6))); break;
    case '%': out = `${(x * 100).toFixed(precision ?? 6)}%`; break;
    case 'x': case 'X': case 'o': case 'b': {
      if (!Number.isInteger(x)) throw valueError(`Unknown format code '${type}' for object of type 'float'`);
      const radix = type === 'o' ? 8 : type === 'b' ? 2 : 16;
      const digits = Math.abs(x).toString(radix);
      out = `${x < 0 ? '-' : ''}${alt ? `0${type.toLowerCase()}` : ''}${digits}`;
      break;
    }
    case 'c': out = String.fromCodePoint(x); break;
    default: throw valueError(`Unknown format code '${type}'`);
  }
  if (type === 'E' || type === 'G' || type === 'X' || type === 'F') out = out.toUpperCase();
  if (grouping !== undefined) {
    const [whole, frac] = out.split('.') as [string, string | undefined];
    out = whole.replace(/\B(?=(\d{3})+(?!\d))/g, grouping) + (frac === undefined ? '' : `.${frac}`);
  }
  return out;
}

/** JavaScript writes 1e+5; Python writes 1e+05. */
function pythonExponent(s: string): string {
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

const PERCENT = /%(?:\(([^)]*)\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?([diouxXeEfFgGcrsa%])/g;

/** `'%s and %d' % (a, b)` and `'%(name)s' % mapping`. */
export function percentFormat(template: string, args: unknown, limits: Limits = DEFAULT_LIMITS): string {
  const positional = args instanceof PyTuple ? args.items : [args];
  let next = 0;
  let usedMapping = false;
  let length = template.length;
  const out = template.replace(PERCENT, (whole, name: string | undefined, flags: string, width: string | undefined, precision: string | undefined, type: string) => {
    if (type === '%') return '%';
    tick(FIELD_STEPS);
    let value: unknown;
    if (name !== undefined) {
      if (!isDict(args)) throw typeError('format requires a mapping');
      const found = dictLookup(args, name);
      if (!found.found) throw keyError(pyRepr(name));
      value = found.value;
      usedMapping = true;
    } else {
      if (next >= positional.length) throw typeError('not enough arguments for format string');
      value = positional[next++];
    }
    let body: string;
    switch (type) {
      case 's': body = pyStr(value); break;
      case 'r': case 'a': body = pyRepr(value); break;
      case 'd': case 'i': case 'u':
        if (typeof value !== 'number' && typeof value !== 'boolean') throw typeError(`%${type} format: a real number is required, not ${typeName(value)}`);
        body = formatNumber(Math.trunc(Number(value)));
        break;
      default: body = formatWithSpec(value, `${precision === undefined ? '' : `.${precision}`}${type}`, limits);
    }
    // `%.3s` keeps the first three characters, as in Python.
    if ((type === 's' || type === 'r' || type === 'a') && precision !== undefined && precision !== '*') body = strPrefix(body, Number(precision));
    if (flags.includes('+') && /^[\d]/.test(body) && type !== 's' && type !== 'r') body = `+${body}`;
    const w = width === undefined || width === '*' ? 0 : Number(width);
    checkWidth(w, limits);
    if (body.length < w) {
      body = flags.includes('-') ? body.padEnd(w) : flags.includes('0') && type !== 's' ? body.padStart(w, '0') : body.padStart(w);
    }
    grow(length += body.length, limits);
    return body;
  });
  if (!usedMapping && !(isDict(args)) && next < positional.length) throw typeError('not all arguments converted during string formatting');
  return out;
}

/** `'{} {name!r:>5}'.format(a, name=b)` */
export function strFormat(template: string, args: readonly unknown[], kwargs: ReadonlyMap<string, unknown>, limits: Limits = DEFAULT_LIMITS): string {
  let auto = 0;
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const ch = template[i]!;
    if (ch === '{' && template[i + 1] === '{') { out += '{'; i++; continue; }
    if (ch === '}' && template[i + 1] === '}') { out += '}'; i++; continue; }
    if (ch === '}') throw valueError("Single '}' encountered in format string");
    if (ch !== '{') { out += ch; continue; }
    const close = template.indexOf('}', i);
    if (close < 0) throw valueError("Single '{' encountered in format string");
    const field = template.slice(i + 1, close);
    i = close;
    tick(FIELD_STEPS);
    const m = /^([^!:]*)(?:!([rsa]))?(?::(.*))?$/s.exec(field)!;
    const [, name = '', conversion, spec = ''] = m;
    let value: unknown;
    if (name === '') {
      if (auto >= args.length) throw valueError('Replacement index out of range for positional args tuple');
      value = args[auto++];
    } else if (/^\d+$/.test(name)) {
      if (Number(name) >= args.length) throw valueError('Replacement index out of range for positional args tuple');
      value = args[Number(name)];
    } else {
      if (!kwargs.has(name)) throw keyError(pyRepr(name));
      value = kwargs.get(name);
    }
    if (conversion === 'r' || conversion === 'a') value = pyRepr(value);
    else if (conversion === 's') value = pyStr(value);
    out += formatWithSpec(value, spec, limits);
    grow(out.length, limits);
  }
  return out;
}

/**
 * Each field is bounded, and so is the text they add up to: a template with
 * thousands of wide fields must stop at the string limit, not when the
 * JavaScript engine runs out of room. The text built is paid for as it grows.
 */
function grow(length: number, limits: Limits): void {
  if (length > limits.maxStringLength) throw limitError(`a formatted string of more than ${limits.maxStringLength} characters`);
}
