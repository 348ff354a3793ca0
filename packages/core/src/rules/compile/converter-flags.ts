import { pyRepr } from '../../expressions/python/repr.js';
import { truthy } from '../../expressions/python/truth.js';
import { RECIPIENT_CONVERTERS, type RecipientConverter } from '../../stores/user-directory.js';
import type { RuleIssue } from '../rule-issue.js';
import type { PathSegment } from '../yaml/yaml-document.js';

/** The rule field that turns a converter on: `recipient_nick2fas`, ... */
export const converterField = (kind: RecipientConverter): `recipient_${RecipientConverter}2fas` => `recipient_${kind}2fas`;

const LOOKS_FALSE = /^(no|n|false|off|0|none|null)$/i;

export interface ConverterFlags {
  /** The converters the rule turns on, in fedbadges' order of application. */
  converters: RecipientConverter[];
  /** One warning per flag that is not `true` or `false`. */
  warnings: Array<Omit<RuleIssue, 'file' | 'line' | 'column'> & { at: PathSegment[] }>;
}

/** Which converters a rule turns on, read as fedbadges reads them, with a warning for each flag that is not a boolean. */
export function converterFlags(raw: Readonly<Record<string, unknown>>): ConverterFlags {
  const converters: RecipientConverter[] = [];
  const warnings: ConverterFlags['warnings'] = [];
  for (const kind of RECIPIENT_CONVERTERS) {
    const field = converterField(kind);
    if (!Object.prototype.hasOwnProperty.call(raw, field)) continue;
    const value = raw[field];
    // fedbadges reads a flag with `if rule.get("recipient_krb2fas"):`, Python's truth of the YAML value.
    const on = truthy(value);
    if (on) converters.push(kind);
    if (typeof value === 'boolean') continue;
    const shown = value === null || value === undefined ? 'an empty value' : pyRepr(value);
    const surprise = typeof value === 'string' && on && LOOKS_FALSE.test(value.trim())
      ? ` (Python reads every non-empty string as true, also ${JSON.stringify(value)})`
      : '';
    warnings.push({
      code: 'non-boolean-flag', severity: 'warning', path: field, at: [field],
      message: `${shown} is not true or false; it turns the conversion ${on ? 'on' : 'off'}, as fedbadges tests the value for truth${surprise}. Write ${on ? 'true' : 'false'}`,
    });
  }
  return { converters, warnings };
}
