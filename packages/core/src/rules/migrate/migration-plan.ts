import { compileExpression } from '../../expressions/expression.js';
import { SITE_GLOBALS } from '../compiled-rule.js';
import type { TriggerSpec } from '../rule-definition.js';
import type { PathSegment } from '../yaml/yaml-document.js';
import { formatPath } from '../rule-issue.js';
import { MigrationError } from './migration-error.js';
import type { PendingNote } from './migration-note.js';
import { DEFAULT_V1_RECIPIENT, stringExpression } from './template-expression.js';

/** One 1.x value (a node of the file) and the 2.x expression text that replaces it. */
export interface Replacement {
  /** Where the value is in the 1.x rule. */
  at: PathSegment[];
  text: string;
}

/**
 * What migrating a 1.x rule changes, worked out on its parsed value: the
 * document editor applies it node by node, and the migrated file must read
 * back as `definition`.
 */
export interface MigrationPlan {
  /** Filter values to rewrite, by their path under `criteria.datanommer.filter`. */
  filter: Replacement[];
  /** The recipient expression (added to the file when the 1.x rule had no recipient). */
  recipient: { text: string };
  /** The 2.x rule the migrated file holds. */
  definition: Record<string, unknown>;
  notes: PendingNote[];
}

const FILTER: PathSegment[] = ['criteria', 'datanommer', 'filter'];
/** A template whose value gets the lower-casing wrapper (`%(topic)s` is a string, `.lower()` does; `%(usernames)s` is not lower-cased). */
const LOWERED = /%\((?!usernames\)|topic\))/;

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Whether an expression reads `msg`; one that does not compile is the loader's to report, not ours. */
function usesMsg(source: string, globals: readonly string[]): boolean {
  try {
    return compileExpression(source, { globals }).usedGlobals.has('msg');
  } catch {
    return false;
  }
}

const MSG_NOTE = 'reads msg, the fedmsg 1.x envelope (msg["msg"] is the body): Accolade binds it in 2.x rules too, so the rule awards the same, but fedbadges 2.x does not; to run it there, write it over message (message.body, message.topic)';

/** Trigger lambdas stay as they are; each that reads `msg` gets a note. */
function triggerNotes(trigger: unknown, at: PathSegment[], notes: PendingNote[]): void {
  if (!isRecord(trigger)) return;
  const spec = trigger as TriggerSpec & Record<string, unknown>;
  if (typeof spec['lambda'] === 'string' && usesMsg(spec['lambda'], SITE_GLOBALS.trigger)) {
    notes.push({ code: 'uses-msg', at: [...at, 'lambda'], message: `this trigger lambda ${MSG_NOTE}` });
  }
  for (const key of ['all', 'any']) {
    const subs = spec[key];
    if (Array.isArray(subs)) subs.forEach((sub, i) => triggerNotes(sub, [...at, key, i], notes));
  }
  if ('not' in spec) triggerNotes(spec['not'], [...at, 'not'], notes);
}

/**
 * A filter value as a 2.x expression. Numbers and booleans read the same in
 * both forms and are left alone (null); a `{lambda: E}` is `E`.
 */
function filterExpression(value: unknown): string | null | undefined {
  if (typeof value === 'string') return stringExpression(value) ?? undefined;
  if (isRecord(value)) return typeof value['lambda'] === 'string' ? value['lambda'] : undefined;
  return null;
}

/**
 * Plan the migration of a 1.x rule that the loader accepted (so its
 * criteria is one datanommer query with a count operation, and every value
 * translates).
 */
export function planMigration(raw: Record<string, unknown>): MigrationPlan {
  const notes: PendingNote[] = [];
  const datanommer = (raw['criteria'] as Record<string, Record<string, unknown>>)['datanommer']!;
  const filter: Replacement[] = [];
  const migratedFilter: Record<string, unknown> = {};
  let lowered: PathSegment[] | null = null;

  const migrateItem = (value: unknown, at: PathSegment[]): unknown => {
    const text = filterExpression(value);
    if (text === undefined) throw new MigrationError(`the 1.x filter value at ${formatPath(at)} cannot be written as an expression (the loader should have refused it)`);
    if (text === null) return value;
    if (typeof value === 'string' && LOWERED.test(value)) lowered ??= at;
    if (isRecord(value) && usesMsg(text, SITE_GLOBALS.filter)) notes.push({ code: 'uses-msg', at: [...at, 'lambda'], message: `this filter lambda ${MSG_NOTE}` });
    filter.push({ at, text });
    return text;
  };

  for (const [key, value] of Object.entries(datanommer['filter'] as Record<string, unknown>)) {
    const at = [...FILTER, key];
    migratedFilter[key] = Array.isArray(value) ? value.map((item, i) => migrateItem(item, [...at, i])) : migrateItem(value, at);
  }

  const given = raw['recipient'];
  let recipient: MigrationPlan['recipient'];
  // fedbadges tests the recipient for truth: an empty list is no recipient.
  if (given === undefined || (Array.isArray(given) && given.length === 0)) {
    recipient = { text: DEFAULT_V1_RECIPIENT };
    notes.push({
      code: 'default-recipient', at: given === undefined ? ['criteria'] : ['recipient'],
      message: `${given === undefined ? 'no recipient' : 'an empty recipient list, which fedbadges 1.x took for none'}: 1.x awarded every username of the message but its service accounts, so the rule now says so (recipient: ${DEFAULT_V1_RECIPIENT}); 2.x's own default would be message.agent_name`,
    });
  } else {
    const items = Array.isArray(given) ? given : [given];
    const texts = items.map((item) => (typeof item === 'string' ? stringExpression(item) : null));
    if (texts.some((t) => t === null)) throw new MigrationError('the 1.x recipient cannot be written as an expression (the loader should have refused it)');
    items.forEach((item, i) => { if (LOWERED.test(String(item))) lowered ??= Array.isArray(given) ? ['recipient', i] : ['recipient']; });
    recipient = { text: Array.isArray(given) ? `[${texts.join(', ')}]` : texts[0]! };
  }

  if (lowered !== null) {
    notes.push({
      code: 'lower-cased', at: lowered,
      message: 'fedbadges 1.x lower-cased every string a %(...)s template filled in; the expressions keep that with (lambda v: v.lower() if isinstance(v, str) else v)(...), which can go where the case cannot differ',
    });
  }
  triggerNotes(raw['trigger'], ['trigger'], notes);

  const { criteria: _criteria, recipient: _recipient, ...rest } = raw;
  const previous: Record<string, unknown> = { filter: migratedFilter };
  if ('operation' in datanommer) previous['operation'] = datanommer['operation'];
  const definition: Record<string, unknown> = { ...rest, previous, condition: datanommer['condition'], recipient: recipient.text };
  return { filter, recipient, definition, notes };
}
