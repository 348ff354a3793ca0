import { dirname, resolve } from 'node:path';
import { type YamlDocument, parseYaml } from '@accolade/core';
import { schemaProblems } from './test-file-schema.js';
import type { TestProblem } from './test-problem.js';

/** 1-based line and column in a test file. */
export interface Position {
  line: number;
  column: number;
}

/** One case of a rule test file: messages in, the awards expected out. */
export interface RuleTestCase {
  name: string;
  /** Where the case starts in its file. */
  line: number;
  column: number;
  /** The case's field path in its file, `cases[2]`. */
  path: string;
  history: unknown[];
  messages: unknown[];
  /** Exactly the awards expected, each where the file states it. */
  awards: LocatedAward[];
  existingAwards: Array<{ badgeId: string; user: string }>;
  users?: string[];
  skipUsers: string[];
  optedOut: string[];
  /** Where a node of the case sits, e.g. `locate(['messages', 0])`; with `key`, the key naming it. */
  locate(path: ReadonlyArray<string | number>, options?: { key?: boolean }): Position;
}

export interface ExpectedAward {
  badgeId: string;
  user: string;
  messageId?: string;
}

/** An expected award and where the test file states it. */
export type LocatedAward = ExpectedAward & Position;

export interface RuleTestFile {
  /** The file as it is shown in reports. */
  file: string;
  /** Rule files or folders, resolved against the test file. */
  rules: string[];
  /** History .jsonl files, resolved against the test file. */
  historyFiles: string[];
  cases: RuleTestCase[];
  /** Where a node of the file sits, e.g. `locate(['rules', 1])`. */
  locate(path: ReadonlyArray<string | number>): Position;
}

export type TestFileResult = { ok: true; testFile: RuleTestFile } | { ok: false; problems: TestProblem[] };

const asList = (value: unknown): string[] => (value === undefined ? [] : typeof value === 'string' ? [value] : (value as string[]));

/**
 * Read a rule test file (format: test-file.schema.json, docs/cli.md):
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
 *
 * `path` is where the file is (relative paths in it are resolved from there),
 * `shown` how problems name it.
 */
export function readTestFile(source: string, path: string, shown = path): TestFileResult {
  const problem = (code: TestProblem['code'], message: string, at: Position = { line: 1, column: 1 }): TestFileResult =>
    ({ ok: false, problems: [{ code, file: shown, ...at, path: '', message }] });
  const parsed = parseYaml(source, shown);
  if (!parsed.ok) return problem('yaml-syntax', `YAML syntax error: ${parsed.message}`, { line: parsed.line, column: parsed.column });
  const [doc, second] = parsed.documents;
  if (second !== undefined) return problem('not-a-test-file', 'a test file holds one YAML document; this is the second', second.locate([]));
  if (doc === undefined || doc.value === null || doc.value === undefined) return problem('not-a-test-file', 'the test file is empty; it needs rules and cases');
  const problems = schemaProblems(doc, shown);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, testFile: build(doc, path, shown) };
}

interface Shape {
  rules: string | string[];
  history?: string | string[];
  cases: Array<{
    name?: string; history?: unknown[]; messages?: unknown[];
    awards?: Array<{ badge_id: string; user: string; message_id?: string }>;
    existing_awards?: Array<{ badge_id: string; user: string }>;
    users?: string | string[]; skip_users?: string | string[]; opted_out?: string | string[];
  }>;
}

/** The test file once the schema has accepted it. */
function build(doc: YamlDocument, path: string, shown: string): RuleTestFile {
  const top = doc.value as Shape;
  const base = dirname(path);
  const cases = top.cases.map((c, i) => {
    const locate = (sub: ReadonlyArray<string | number>, options: { key?: boolean } = {}): Position => doc.locate(['cases', i, ...sub], options);
    return {
      name: c.name ?? `case ${i + 1}`,
      ...locate([]),
      path: `cases[${i}]`,
      history: c.history ?? [],
      messages: c.messages ?? [],
      awards: (c.awards ?? []).map((a, j) => ({
        badgeId: a.badge_id, user: a.user, ...(a.message_id === undefined ? {} : { messageId: a.message_id }), ...locate(['awards', j]),
      })),
      existingAwards: (c.existing_awards ?? []).map((a) => ({ badgeId: a.badge_id, user: a.user })),
      ...(c.users === undefined ? {} : { users: asList(c.users) }),
      skipUsers: asList(c.skip_users),
      optedOut: asList(c.opted_out),
      locate,
    };
  });
  return {
    file: shown, rules: asList(top.rules).map((p) => resolve(base, p)), historyFiles: asList(top.history).map((p) => resolve(base, p)), cases,
    locate: (sub) => doc.locate(sub),
  };
}
