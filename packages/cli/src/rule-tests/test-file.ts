import { dirname, resolve } from 'node:path';
import { parseYaml } from '@accolade/core';

/** One case of a rule test file: messages in, the awards expected out. */
export interface RuleTestCase {
  name: string;
  /** Where the case starts in its file. */
  line: number;
  history: unknown[];
  messages: unknown[];
  awards: ExpectedAward[];
  existingAwards: Array<{ badgeId: string; user: string }>;
  users?: string[];
  skipUsers: string[];
  optedOut: string[];
}

export interface ExpectedAward {
  badgeId: string;
  user: string;
  messageId?: string;
}

export interface RuleTestFile {
  file: string;
  /** Rule files or folders, resolved against the test file. */
  rules: string[];
  /** History .jsonl files, resolved against the test file. */
  historyFiles: string[];
  cases: RuleTestCase[];
}

export class TestFileError extends Error {}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function strings(value: unknown, what: string): string[] {
  if (value === undefined) return [];
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || !list.every((v) => typeof v === 'string')) throw new TestFileError(`${what} must be a string or a list of strings`);
  return list;
}

function list(value: unknown, what: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new TestFileError(`${what} must be a list`);
  return value;
}

function awardList(value: unknown, what: string): ExpectedAward[] {
  return list(value, what).map((a, i) => {
    if (!isRecord(a) || typeof a['badge_id'] !== 'string' || typeof a['user'] !== 'string') {
      throw new TestFileError(`${what}[${i}] must be {badge_id: ..., user: ...}`);
    }
    return { badgeId: a['badge_id'], user: a['user'], ...(typeof a['message_id'] === 'string' ? { messageId: a['message_id'] } : {}) };
  });
}

const CASE_KEYS = new Set(['name', 'history', 'messages', 'awards', 'existing_awards', 'users', 'skip_users', 'opted_out']);

/**
 * Read a rule test file:
 *
 * ```yaml
 * rules: ../rules            # files or folders, relative to this file
 * history: history.jsonl     # optional, shared by every case
 * cases:
 *   - name: the third comment earns it
 *     history: [...]         # optional messages stored first
 *     messages: [...]        # processed in order
 *     awards:                # exactly the awards expected
 *       - {badge_id: commenter-iii, user: ralph}
 * ```
 */
export function readTestFile(source: string, file: string): RuleTestFile {
  const parsed = parseYaml(source, file);
  if (!parsed.ok) throw new TestFileError(`${parsed.line}:${parsed.column}: YAML syntax error: ${parsed.message}`);
  const doc = parsed.documents[0];
  if (doc === undefined || parsed.documents.length > 1 || !isRecord(doc.value)) throw new TestFileError('a test file holds one mapping with rules and cases');
  const top = doc.value;
  const unknown = Object.keys(top).filter((k) => !['rules', 'history', 'cases'].includes(k));
  if (unknown.length > 0) throw new TestFileError(`unknown field '${unknown[0]}'; expected rules, history, cases`);
  const base = dirname(file);
  const rules = strings(top['rules'], 'rules').map((p) => resolve(base, p));
  if (rules.length === 0) throw new TestFileError("'rules' is required: the rule files or folders under test");
  const cases = list(top['cases'], 'cases').map((c, i): RuleTestCase => {
    const where = `cases[${i}]`;
    if (!isRecord(c)) throw new TestFileError(`${where} must be a mapping`);
    const extra = Object.keys(c).find((k) => !CASE_KEYS.has(k));
    if (extra !== undefined) throw new TestFileError(`${where}: unknown field '${extra}'; expected ${[...CASE_KEYS].join(', ')}`);
    return {
      name: typeof c['name'] === 'string' ? c['name'] : `case ${i + 1}`,
      line: doc.locate(['cases', i]).line,
      history: list(c['history'], `${where}.history`),
      messages: list(c['messages'], `${where}.messages`),
      awards: awardList(c['awards'], `${where}.awards`),
      existingAwards: awardList(c['existing_awards'], `${where}.existing_awards`),
      ...(c['users'] === undefined ? {} : { users: strings(c['users'], `${where}.users`) }),
      skipUsers: strings(c['skip_users'], `${where}.skip_users`),
      optedOut: strings(c['opted_out'], `${where}.opted_out`),
    };
  });
  if (cases.length === 0) throw new TestFileError('no cases');
  return { file, rules, historyFiles: strings(top['history'], 'history').map((p) => resolve(base, p)), cases };
}
