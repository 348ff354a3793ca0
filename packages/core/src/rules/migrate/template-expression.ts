import { reprString } from '../../expressions/python/strings.js';
import { templateExpression } from '../legacy/v1-templates.js';

/**
 * fedbadges 1.x values as 2.x expressions. The meaning is the one the
 * loader's translation gives them (rules/legacy/translate-v1.ts), written the
 * way a 2.x author would: `message.body[...]` rather than the fedmsg
 * envelope `msg["msg"][...]`, which holds the same objects.
 */

/** 1.x lower-cased every string of the substitution dict; a body value may be any type, so only strings are. */
const lowerIfString = (expression: string): string => `(lambda v: v.lower() if isinstance(v, str) else v)(${expression})`;

const subscripts = (parts: readonly string[]): string => parts.map((part) => `[${reprString(part)}]`).join('');

/**
 * The expression for one `%(key)s` substitution.
 * - `msg.a.b` is the body (`message.body`), lower-cased when a string;
 * - `topic` is always a string, so `.lower()` does it;
 * - `usernames` was added after the lower-casing (fedbadges 2.1), so it is taken as it is;
 * - any other key of the fedmsg envelope (`msg_id`, `timestamp`, ...) stays `msg[...]`.
 */
export function substitution(key: string): string {
  if (key === 'usernames') return 'message.usernames';
  if (key === 'topic') return 'message.topic.lower()';
  const [head, ...rest] = key.split('.');
  if (head === 'msg') return lowerIfString(`message.body${subscripts(rest)}`);
  return lowerIfString(`msg${subscripts(key.split('.'))}`);
}

/** A 1.x string value as a 2.x expression (see templateExpression); null for a conversion other than `%s`. */
export const stringExpression = (value: string): string | null => templateExpression(value, substitution);

export { DEFAULT_V1_RECIPIENT, hasTemplate } from '../legacy/v1-templates.js';
