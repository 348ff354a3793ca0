import { limitError } from '../errors.js';
import { runningLimits, tick } from '../limits.js';
import { formatDateTime, formatTimeDelta } from './datetime.js';
import { dictEntries } from './equality.js';
import { formatNumber } from './numbers.js';
import { reprString } from './strings.js';
import {
  PyBoundMethod, PyBuiltin, PyCallable, PyDateTime, PyIterator, PyModule, PyObject, PyRange, PySet,
  PyTimeDelta, PyTuple, isDict, typeName,
} from './values.js';

/** Python's str(). */
export function pyStr(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof PyDateTime) return formatDateTime(value, ' ');
  if (value instanceof PyTimeDelta) return formatTimeDelta(value);
  return pyRepr(value);
}

/**
 * The longest repr made outside an evaluation, where the engine and the CLI
 * describe a value in a report; a longer one is cut short with `...`.
 */
export const REPORT_REPR_LENGTH = 1_000;

const DEPTH = 100;

/** Thrown inside pyRepr when a report's repr is long enough. */
const CUT = Symbol('cut');

/**
 * Python's repr(). A value can share one list many times over (`[[0] * 100] * 100`
 * is ten thousand items made in two steps), so the text is bounded by length,
 * not only by depth: inside an evaluation it may be as long as the string limit
 * (longer is a limit error), and every item printed is paid for; outside one
 * (reports) it is cut at REPORT_REPR_LENGTH characters.
 */
export function pyRepr(value: unknown): string {
  const limits = runningLimits();
  const max = limits?.maxStringLength ?? REPORT_REPR_LENGTH;
  const parts: string[] = [];
  let length = 0;
  const emit = (s: string): void => {
    length += s.length;
    if (length > max) {
      if (limits !== null) throw limitError(`a repr of more than ${max} characters`);
      parts.push(s.slice(0, Math.max(0, s.length - (length - max))));
      throw CUT;
    }
    parts.push(s);
  };
  try {
    write(value, 0, emit);
  } catch (error) {
    if (error !== CUT) throw error;
    parts.push('...');
  }
  return parts.join('');
}

function write(value: unknown, depth: number, emit: (s: string) => void): void {
  tick(1);
  if (depth > DEPTH) return emit('...');
  switch (typeof value) {
    case 'string':
      tick(value.length >> 1);
      return emit(reprString(value));
    case 'number': return emit(formatNumber(value));
    case 'boolean': return emit(value ? 'True' : 'False');
    case 'undefined': return emit('None');
    default: break;
  }
  if (value === null) return emit('None');
  const items = (open: string, xs: Iterable<unknown>, close: string): void => {
    emit(open);
    let first = true;
    for (const x of xs) {
      if (!first) emit(', ');
      first = false;
      write(x, depth + 1, emit);
    }
    emit(close);
  };
  if (Array.isArray(value)) return items('[', value, ']');
  if (value instanceof PyTuple) {
    if (value.items.length !== 1) return items('(', value.items, ')');
    emit('(');
    write(value.items[0], depth + 1, emit);
    return emit(',)');
  }
  if (isDict(value)) {
    emit('{');
    let first = true;
    for (const [k, v] of dictEntries(value)) {
      if (!first) emit(', ');
      first = false;
      write(k, depth + 1, emit);
      emit(': ');
      write(v, depth + 1, emit);
    }
    return emit('}');
  }
  if (value instanceof PySet) {
    if (value.members.size === 0) return emit(value.frozen ? 'frozenset()' : 'set()');
    if (!value.frozen) return items('{', value.members.values(), '}');
    return items('frozenset({', value.members.values(), '})');
  }
  return emit(reprOther(value));
}

function reprOther(value: unknown): string {
  if (value instanceof PyDateTime) {
    const d = value.toDate();
    const parts = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
    if (d.getUTCSeconds() !== 0 || d.getUTCMilliseconds() !== 0) parts.push(d.getUTCSeconds());
    if (d.getUTCMilliseconds() !== 0) parts.push(d.getUTCMilliseconds() * 1000);
    return `datetime.datetime(${parts.join(', ')}, tzinfo=datetime.timezone.utc)`;
  }
  if (value instanceof PyTimeDelta) return `datetime.timedelta(seconds=${formatNumber(value.ms / 1000)})`;
  if (value instanceof PyRange) {
    return value.step === 1 ? `range(${value.start}, ${value.stop})` : `range(${value.start}, ${value.stop}, ${value.step})`;
  }
  if (value instanceof PyObject) {
    const label = ['topic', 'name', 'msg_id', 'id'].map((k) => value.attrs[k]).find((v) => typeof v === 'string');
    return label === undefined ? `<${value.typeName}>` : `<${value.typeName} ${label}>`;
  }
  if (value instanceof PyModule) return `<module '${value.name}'>`;
  if (value instanceof PyBoundMethod) return `<built-in method ${value.name} of ${typeName(value.receiver)} object>`;
  if (value instanceof PyBuiltin) return value.isInstance ? `<class '${value.name}'>` : `<built-in function ${value.name}>`;
  if (value instanceof PyCallable) return `<function ${value.name}>`;
  if (value instanceof PyIterator) return `<${value.typeName} object>`;
  return `<${typeName(value)}>`;
}
