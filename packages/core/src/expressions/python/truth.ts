import { PyDict, PyRange, PySet, PyTuple, isPlainDict } from './values.js';

/** Python truthiness: empty containers, 0, '' and None are false. */
export function truthy(value: unknown): boolean {
  switch (typeof value) {
    case 'boolean': return value;
    case 'string': return value.length > 0;
    case 'number': return value !== 0;
    case 'undefined': return false;
    case 'object': break;
    default: return true;
  }
  if (value === null) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof PyTuple) return value.items.length > 0;
  if (value instanceof PyDict) return value.entries.size > 0;
  if (value instanceof PySet) return value.members.size > 0;
  if (value instanceof PyRange) return value.length > 0;
  if (isPlainDict(value)) {
    for (const key in value) if (Object.hasOwn(value, key)) return true;
    return false;
  }
  return true;
}
