import { relative } from 'node:path';
import { type CompiledRule, type Message, type MessageSchemaRegistry, MemoryUserDirectory, type UserDirectory, createEngine, createMessage } from '@accolade/core';
import { type RunStores, type StoreProvider, memoryStores } from '../io/run-stores.js';
import type { ExpectedAward, RuleTestCase } from './test-file.js';
import type { TestProblem } from './test-problem.js';

export interface CaseResult {
  passed: boolean;
  /** Why it failed, each at the line it is about: an award missing or unexpected, a message that is not one, a rule expression that failed. */
  failures: TestProblem[];
}

/** `badge -> user`, for reports. */
export const describeAward = (a: ExpectedAward): string => `${a.badgeId} -> ${a.user}`;

/** What a preset (`--preset fedora`) adds to every case: schemas, accounts, skip list. */
export interface CaseSetup {
  schemas?: MessageSchemaRegistry;
  users?: UserDirectory;
  skipUsers?: readonly string[];
}

/** The case and the file it is in, as reports name it. */
export interface CaseInFile {
  file: string;
  testCase: RuleTestCase;
}

/** Run one case on fresh stores (in memory unless a provider says otherwise) and compare the awards with the expected ones. */
export async function runCase(
  rules: readonly CompiledRule[], shared: readonly Message[], { file, testCase }: CaseInFile, provider: StoreProvider = memoryStores, setup: CaseSetup = {},
): Promise<CaseResult> {
  const failures: TestProblem[] = [];
  const toMessages = (items: unknown[], field: 'history' | 'messages'): Message[] => items.flatMap((item, i) => {
    try {
      return [createMessage(item, setup.schemas ? { schemas: setup.schemas } : {})];
    } catch (error) {
      failures.push({ code: 'bad-message', file, ...testCase.locate([field, i]), path: `${testCase.path}.${field}[${i}]`, message: (error as Error).message });
      return [];
    }
  });
  const stores = await provider.open({ badges: rules.map((r) => r.badge) });
  try {
    for (const m of [...shared, ...toMessages(testCase.history, 'history')]) await stores.history.add(m);
    await stores.seed({ awards: testCase.existingAwards, optedOut: testCase.optedOut });
    const got = await runMessages(rules, testCase, stores, failures, toMessages(testCase.messages, 'messages'), setup);
    failures.push(...compare(rules, file, testCase, got));
    return { passed: failures.length === 0, failures };
  } finally {
    await stores.close();
  }
}

async function runMessages(
  rules: readonly CompiledRule[], testCase: RuleTestCase, { history, awards }: RunStores, failures: TestProblem[], messages: Message[], setup: CaseSetup,
): Promise<ExpectedAward[]> {
  const engine = createEngine({
    rules, history, awards,
    ...(testCase.users === undefined ? (setup.users ? { users: setup.users } : {}) : { users: withCaseUsers(new MemoryUserDirectory({ users: testCase.users }), setup.users) }),
    options: {
      skipUsers: [...testCase.skipUsers, ...(setup.skipUsers ?? [])], recordMessages: true,
      logger: (e) => {
        if (e.level === 'warn') failures.push({ code: 'rule-warning', file: shownPath(e.file), line: e.line, column: e.column, path: e.path, message: e.text });
      },
    },
  });
  const got: ExpectedAward[] = [];
  for (const message of messages) {
    for (const a of await engine.process(message)) got.push({ badgeId: a.badgeId, user: a.user, messageId: a.messageId });
  }
  return got;
}

/** Every expected award not given (at its line), then every award given and not expected (at the case's `awards`). */
function compare(rules: readonly CompiledRule[], file: string, testCase: RuleTestCase, got: readonly ExpectedAward[]): TestProblem[] {
  const defined = new Set(rules.map((r) => r.badgeId));
  const remaining = [...got];
  const out: TestProblem[] = [];
  testCase.awards.forEach((want, j) => {
    const i = remaining.findIndex((g) => g.badgeId === want.badgeId && g.user === want.user && (want.messageId === undefined || g.messageId === want.messageId));
    if (i >= 0) { remaining.splice(i, 1); return; }
    const at = { file, line: want.line, column: want.column, path: `${testCase.path}.awards[${j}]` };
    out.push(defined.has(want.badgeId)
      ? { code: 'missing-award', ...at, message: `expected, not awarded: ${describeAward(want)}${want.messageId === undefined ? '' : ` (message ${want.messageId})`}` }
      : { code: 'unknown-badge', ...at, message: `expected ${describeAward(want)}, but no loaded rule defines the badge id '${want.badgeId}' (${definedIds(defined)})` });
  });
  const where = { file, ...testCase.locate(['awards'], { key: true }), path: `${testCase.path}.awards` };
  for (const a of remaining) out.push({ code: 'unexpected-award', ...where, message: `awarded, not expected: ${describeAward(a)}${a.messageId ? ` (message ${a.messageId})` : ''}` });
  return out;
}

/** A few defined ids help spot a typo; hundreds would bury the line. */
function definedIds(defined: ReadonlySet<string>): string {
  if (defined.size === 0) return 'no rule loaded';
  if (defined.size > 5) return `${defined.size} badge ids defined`;
  return `defined: ${[...defined].sort().join(', ')}`;
}

/** Files as reports show them: relative to the working folder, as the user typed them. */
export const shownPath = (file: string): string => relative(process.cwd(), file) || file;

/** A case's `users` list decides who exists; the preset's directory still converts nicks, e-mails... */
function withCaseUsers(known: UserDirectory, preset: UserDirectory | undefined): UserDirectory {
  return preset === undefined ? known : { exists: (user) => known.exists(user), resolve: (kind, value) => preset.resolve(kind, value) };
}
