import { reprString } from '../../expressions/python/strings.js';

/** 1.x's default recipients: every username of the message but these service accounts. */
export const DEFAULT_V1_RECIPIENT = `[u for u in message.usernames if u not in (${['bodhi', 'oscar', 'apache', 'koji', 'taskotron'].map(reprString).join(', ')})]`;

const TEMPLATE = /%\(([^)]*)\)([a-z])/g;

/** Whether a 1.x string holds `%(...)` templates. */
export const hasTemplate = (value: string): boolean => value.includes('%(');

/**
 * A 1.x string value as an expression, each `%(key)s` written by `accessor`:
 * a whole `%(key)s` is the value itself, a longer string is concatenated with
 * `str()` of each value (as `%` formatting writes it), a string without
 * templates is a literal. Null for a conversion other than `%s`, which the
 * loader refuses. The loader's translation and `accolade migrate` differ only
 * in how they write a key (`msg[...]` or `message.body[...]`).
 */
export function templateExpression(value: string, accessor: (key: string) => string): string | null {
  const whole = /^%\(([^)]*)\)s$/.exec(value);
  if (whole) return accessor(whole[1]!);
  if (!hasTemplate(value)) return reprString(value);
  const parts: string[] = [];
  let last = 0;
  for (const m of value.matchAll(TEMPLATE)) {
    if (m[2] !== 's') return null;
    if (m.index > last) parts.push(reprString(value.slice(last, m.index)));
    parts.push(`str(${accessor(m[1]!)})`);
    last = m.index + m[0].length;
  }
  if (last < value.length) parts.push(reprString(value.slice(last)));
  return parts.join(' + ');
}
