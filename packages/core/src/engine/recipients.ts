import { isIP } from 'node:net';
import { isPlainDict, PyDict, PyIterator, PySet, PyTuple } from '../expressions/python/values.js';
import { dictKeys } from '../expressions/python/equality.js';

/**
 * Names from whatever the recipient expression returned, as fedbadges takes
 * them: a string is one name, a list (or set, tuple) gives its items, a dict
 * its keys (meetbot's attendees), and items like pagure's `{"name": ...}`
 * give their name. None is no one. Anything else is not a name and is
 * reported back.
 */
export function recipientNames(value: unknown): { names: string[]; rejected: unknown[] } {
  const names: string[] = [];
  const rejected: unknown[] = [];
  const take = (item: unknown): void => {
    if (item === null || item === undefined) return;
    if (typeof item === 'string') { if (item !== '') names.push(item); return; }
    if (isPlainDict(item) && typeof item['name'] === 'string') { names.push(item['name']); return; }
    rejected.push(item);
  };
  if (value === null || value === undefined) return { names, rejected };
  if (typeof value === 'string') take(value);
  else if (Array.isArray(value)) value.forEach(take);
  else if (value instanceof PyTuple) value.items.forEach(take);
  else if (value instanceof PySet) [...value.members.values()].forEach(take);
  else if (value instanceof PyIterator) for (const item of { [Symbol.iterator]: () => value.iterator }) take(item);
  else if (isPlainDict(value) || value instanceof PyDict) dictKeys(value).forEach(take);
  else rejected.push(value);
  return { names: [...new Set(names)].sort(), rejected };
}

/**
 * Addresses are not accounts. fedbadges drops names starting with 192.168.
 * or 10.; Accolade also drops anything else that is an IPv4 or IPv6 address.
 */
export function isAddressLike(name: string): boolean {
  return name.startsWith('192.168.') || name.startsWith('10.') || isIP(name) !== 0;
}
