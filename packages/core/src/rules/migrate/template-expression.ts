import { reprString } from '../../expressions/python/strings.js';

/**
 * fedbadges 1.x values as 2.x expressions. The meaning is the one the
 * loader's translation gives them (rules/legacy/translate-v1.ts), written the
 * way a 2.x author would: `message.body[...]` rather than the fedmsg
 * envelope `msg["msg"][...]`, which holds the same objects.
 */

const TEMPLATE = /%\(([^)]*)\)([a-z])/g;

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

/** Whether a 1.x string holds `%(...)` templates. */
export const hasTemplate = (value: string): boolean => value.includes('%(');

/**
 * A 1.x string value as an expression: a whole `%(key)s` is the value itself,
 * a longer string is concatenated with `str()` of each value (as `%` formatting
 * writes it), a string without templates is a literal. Null for a conversion
 * other than `%s`, which the loader refuses too.
 */
export function stringExpression(value: string): string | null {
  const whole = /^%\(([^)]*)\)s$/.exec(value);
  if (whole) return substitution(whole[1]!);
  if (!hasTemplate(value)) return reprString(value);
  const parts: string[] = [];
  let last = 0;
  for (const m of value.matchAll(TEMPLATE)) {
    if (m[2] !== 's') return null;
    if (m.index > last) parts.push(reprString(value.slice(last, m.index)));
    parts.push(`str(${substitution(m[1]!)})`);
    last = m.index + m[0].length;
  }
  if (last < value.length) parts.push(reprString(value.slice(last)));
  return parts.join(' + ');
}

/** 1.x's default recipients: every username of the message but these service accounts (as the loader's translation). */
export const DEFAULT_V1_RECIPIENT = `[u for u in message.usernames if u not in (${['bodhi', 'oscar', 'apache', 'koji', 'taskotron'].map(reprString).join(', ')})]`;
