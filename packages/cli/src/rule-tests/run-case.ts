import { type CompiledRule, type Message, type MessageSchemaRegistry, MemoryUserDirectory, type UserDirectory, createEngine, createMessage } from '@accolade/core';
import { type RunStores, type StoreProvider, memoryStores } from '../io/run-stores.js';
import type { ExpectedAward, RuleTestCase } from './test-file.js';

export interface CaseResult {
  passed: boolean;
  missing: ExpectedAward[];
  unexpected: ExpectedAward[];
  problems: string[];
}

/** `badge -> user`, for reports. */
export const describeAward = (a: ExpectedAward): string => `${a.badgeId} -> ${a.user}`;

/** Run one case on fresh stores (in memory unless a provider says otherwise) and compare the awards with the expected ones. */
/** What a preset (`--preset fedora`) adds to every case: schemas, accounts, skip list. */
export interface CaseSetup {
  schemas?: MessageSchemaRegistry;
  users?: UserDirectory;
  skipUsers?: readonly string[];
}

export async function runCase(rules: readonly CompiledRule[], shared: readonly Message[], testCase: RuleTestCase, provider: StoreProvider = memoryStores, setup: CaseSetup = {}): Promise<CaseResult> {
  const problems: string[] = [];
  const toMessages = (items: unknown[], what: string): Message[] => items.flatMap((item, i) => {
    try {
      return [createMessage(item, setup.schemas ? { schemas: setup.schemas } : {})];
    } catch (error) {
      problems.push(`${what}[${i}]: ${(error as Error).message}`);
      return [];
    }
  });
  const stores = await provider.open({ badges: rules.map((r) => r.badge) });
  try {
    for (const m of [...shared, ...toMessages(testCase.history, 'history')]) await stores.history.add(m);
    await stores.seed({ awards: testCase.existingAwards, optedOut: testCase.optedOut });
    return await runMessages(rules, testCase, stores, problems, toMessages, setup);
  } finally {
    await stores.close();
  }
}

async function runMessages(
  rules: readonly CompiledRule[], testCase: RuleTestCase, { history, awards }: RunStores, problems: string[],
  toMessages: (items: unknown[], what: string) => Message[], setup: CaseSetup,
): Promise<CaseResult> {
  const engine = createEngine({
    rules, history, awards,
    ...(testCase.users === undefined ? (setup.users ? { users: setup.users } : {}) : { users: withCaseUsers(new MemoryUserDirectory({ users: testCase.users }), setup.users) }),
    options: {
      skipUsers: [...testCase.skipUsers, ...(setup.skipUsers ?? [])], recordMessages: true,
      logger: (e) => { if (e.level === 'warn') problems.push(`${e.file}:${e.line}:${e.column}: ${e.path}: ${e.text}`); },
    },
  });
  const got: ExpectedAward[] = [];
  for (const message of toMessages(testCase.messages, 'messages')) {
    for (const a of await engine.process(message)) got.push({ badgeId: a.badgeId, user: a.user, messageId: a.messageId });
  }
  const remaining = [...got];
  const missing: ExpectedAward[] = [];
  for (const want of testCase.awards) {
    const i = remaining.findIndex((g) => g.badgeId === want.badgeId && g.user === want.user && (want.messageId === undefined || g.messageId === want.messageId));
    if (i < 0) missing.push(want);
    else remaining.splice(i, 1);
  }
  return { passed: missing.length === 0 && remaining.length === 0 && problems.length === 0, missing, unexpected: remaining, problems };
}

/** A case's `users` list decides who exists; the preset's directory still converts nicks, e-mails... */
function withCaseUsers(known: UserDirectory, preset: UserDirectory | undefined): UserDirectory {
  return preset === undefined ? known : { exists: (user) => known.exists(user), resolve: (kind, value) => preset.resolve(kind, value) };
}
