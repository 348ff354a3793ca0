import { reprString } from '../../expressions/python/strings.js';
import type { FilterValue, RuleDefinition } from '../rule-definition.js';
import type { RuleIssue } from '../rule-issue.js';
import type { PathSegment } from '../yaml/yaml-document.js';
import { DEFAULT_V1_RECIPIENT, templateExpression } from './v1-templates.js';

/**
 * fedbadges 1.x rules keep filter, operation and condition under
 * `criteria: {datanommer: ...}` and write message values as `%(msg.x.y)s`
 * templates over the fedmsg dict, whose string values fedbadges lower-cases.
 * This turns such a rule into the 2.x form, with templates rewritten as
 * expressions over `msg` that behave the same way.
 */
export interface Translation {
  definition: RuleDefinition;
  /** Python source for the recipient (1.x awarded every username but the bots by default). */
  recipientSource: string;
  /** Filter expressions that were templates, by their 2.x path. */
  translatedPaths: Set<string>;
  issues: Array<Omit<RuleIssue, 'file' | 'line' | 'column'> & { at: PathSegment[] }>;
}


/**
 * Substitutions that are the message's derived fields, not a path into the
 * fedmsg dict: fedbadges 2.1 adds the message's `usernames` to the
 * substitution dict after flattening the body (so, unlike body strings,
 * they are not lower-cased).
 */
const DERIVED: Readonly<Record<string, string>> = { usernames: 'message.usernames' };

/** `%(msg.commit.username)s` -> msg["msg"]["commit"]["username"], lower-cased when it is a string. */
function accessor(key: string): string {
  const derived = DERIVED[key];
  if (derived !== undefined && Object.hasOwn(DERIVED, key)) return derived;
  const path = key.split('.').map((part) => `[${reprString(part)}]`).join('');
  return `(lambda v: v.lower() if isinstance(v, str) else v)(msg${path})`;
}

/** A 1.x value: a literal, a template, or {lambda: ...} (evaluated with `msg`). Null when it cannot be translated. */
export function translateValue(value: unknown): string | null {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value === true ? 'True' : value === false ? 'False' : value);
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const lambda = (value as Record<string, unknown>)['lambda'];
    return typeof lambda === 'string' ? lambda : null;
  }
  if (typeof value !== 'string') return null;
  return templateExpression(value, accessor);
}

export function translateV1(raw: Record<string, unknown>): Translation {
  const issues: Translation['issues'] = [];
  const translatedPaths = new Set<string>();
  const criteria = raw['criteria'] as Record<string, unknown>;
  const { criteria: _criteria, ...rest } = raw;
  const definition = { ...rest } as unknown as RuleDefinition;
  issues.push({
    code: 'legacy-rule', severity: 'warning', path: 'criteria', at: ['criteria'],
    message: 'fedbadges 1.x rule: criteria.datanommer is read as previous + condition and %(...)s templates as expressions over msg; consider rewriting it in the 2.x form',
  });
  const datanommer = criteria['datanommer'] as Record<string, unknown> | undefined;
  if (datanommer === undefined) {
    issues.push({ code: 'legacy-unsupported', severity: 'error', path: 'criteria', at: ['criteria'], message: 'combining several 1.x criteria with any/all/not cannot be translated; write one previous query in the 2.x form' });
    return { definition, recipientSource: '', translatedPaths, issues };
  }
  const filter: Record<string, FilterValue> = {};
  for (const [key, value] of Object.entries(datanommer['filter'] as Record<string, unknown>)) {
    const items = Array.isArray(value) ? value : [value];
    const translated = items.map((item) => translateValue(item));
    const bad = translated.findIndex((t) => t === null);
    if (bad >= 0) {
      const at: PathSegment[] = Array.isArray(value) ? ['criteria', 'datanommer', 'filter', key, bad] : ['criteria', 'datanommer', 'filter', key];
      issues.push({ code: 'legacy-unsupported', severity: 'error', path: `previous.filter.${key}`, at, message: 'this 1.x filter value cannot be translated (only strings, %(key)s templates and {lambda: ...} can)' });
      continue;
    }
    filter[key] = Array.isArray(value) ? translated as string[] : translated[0]!;
    if (Array.isArray(value)) translated.forEach((_, i) => translatedPaths.add(`previous.filter.${key}[${i}]`));
    else translatedPaths.add(`previous.filter.${key}`);
  }
  if (datanommer['operation'] !== 'count') {
    issues.push({
      code: 'legacy-unsupported', severity: 'error', path: 'criteria.datanommer.operation', at: ['criteria', 'datanommer', 'operation'],
      message: '1.x operations other than count ran on a SQLAlchemy query and cannot be translated; use the 2.x form: operation: {lambda: ... over results}',
    });
  }
  definition.previous = { filter, operation: 'count' };
  definition.condition = datanommer['condition'] as RuleDefinition['condition'] & object;
  const recipient = raw['recipient'];
  let recipientSource = DEFAULT_V1_RECIPIENT;
  // fedbadges tests the recipient for truth: an empty list (like none) means the default recipients.
  if (Array.isArray(recipient) && recipient.length > 0) {
    // A list of templates: fedbadges fills in each one, and every name they give is a candidate.
    const items = recipient.map((item) => translateValue(item));
    items.forEach((item, i) => {
      if (item === null) issues.push({ code: 'legacy-unsupported', severity: 'error', path: `recipient[${i}]`, at: ['recipient', i], message: 'this 1.x recipient cannot be translated (only strings and %(key)s templates can)' });
    });
    recipientSource = `[${items.map((item) => item ?? 'None').join(', ')}]`;
  } else if (recipient !== undefined && !Array.isArray(recipient)) {
    recipientSource = translateValue(recipient) ?? 'None';
  }
  delete definition.recipient;
  return { definition, recipientSource, translatedPaths, issues };
}

/** Where a 2.x path of a translated rule is in the 1.x file. */
export function v1SourcePath(path: readonly PathSegment[]): readonly PathSegment[] {
  if (path[0] === 'previous') return ['criteria', 'datanommer', ...path.slice(1)];
  if (path[0] === 'condition') return ['criteria', 'datanommer', ...path];
  return path;
}
