import { isIP } from 'node:net';
import { isPlainDict, PyDict, PyIterator, PySet, PyTuple } from '../expressions/python/values.js';
import { dictKeys } from '../expressions/python/equality.js';
import type { RecipientConverter } from '../stores/user-directory.js';

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

/**
 * The part of fedbadges 2.1's conversion that is fixed in its code, done
 * here so that the directory is asked only what fedbadges asks FASJSON:
 *
 * - `email`: an address at `@fedoraproject.org` is that account (fedbadges
 *   hard-codes the domain and then only checks the account exists, which the
 *   engine's existence check does too); any other address is looked up.
 * - `github`: the login is taken out of a GitHub API user URL
 *   (`https://api.github.com/users/<login>`, lower-case logins only, as
 *   fedbadges' pattern has it) and looked up; a value of another form gives
 *   no one, as in fedbadges.
 * - `nick`: the directory is asked with the value as written.
 * - `openid`, `distgit`, `krb`: the directory is given the value. These are
 *   string rules in fedbadges too, but theirs depend on its configuration
 *   (`id_provider_hostname`, `distgit_hostname`), which the directory holds.
 */
export type LocalConversion = { readonly account: string } | { readonly ask: string } | { readonly none: string };

// fedbadges' pattern, whose unescaped dots match any character; kept so the same URLs convert.
const GITHUB = /^https?:\/\/api.github.com\/users\/([a-z][a-z0-9-]+)$/;
const FEDORA_MAIL = '@fedoraproject.org';

export function convertLocally(kind: RecipientConverter, value: string): LocalConversion {
  switch (kind) {
    case 'email': return value.endsWith(FEDORA_MAIL) ? { account: value.slice(0, value.length - FEDORA_MAIL.length) } : { ask: value };
    case 'github': {
      const login = GITHUB.exec(value)?.[1];
      return login === undefined ? { none: 'not a GitHub API user URL' } : { ask: login };
    }
    case 'nick': case 'openid': case 'distgit': case 'krb': return { ask: value };
  }
}
