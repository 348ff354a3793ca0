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

/** Python's repr(). Depth-limited so that a pathological value cannot blow the stack. */
export function pyRepr(value: unknown, depth = 0): string {
  if (depth > 100) return '...';
  switch (typeof value) {
    case 'string': return reprString(value);
    case 'number': return formatNumber(value);
    case 'boolean': return value ? 'True' : 'False';
    case 'undefined': return 'None';
    default: break;
  }
  if (value === null) return 'None';
  const inner = (v: unknown): string => pyRepr(v, depth + 1);
  if (Array.isArray(value)) return `[${value.map(inner).join(', ')}]`;
  if (value instanceof PyTuple) {
    return value.items.length === 1 ? `(${inner(value.items[0])},)` : `(${value.items.map(inner).join(', ')})`;
  }
  if (isDict(value)) return `{${dictEntries(value).map(([k, v]) => `${inner(k)}: ${inner(v)}`).join(', ')}}`;
  if (value instanceof PySet) {
    const members = [...value.members.values()].map(inner).join(', ');
    if (value.frozen) return members ? `frozenset({${members}})` : 'frozenset()';
    return members ? `{${members}}` : 'set()';
  }
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
