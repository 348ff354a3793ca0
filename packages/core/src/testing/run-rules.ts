import { createEngine } from '../engine/engine.js';
import type { EngineEvent } from '../engine/engine-events.js';
import type { Message } from '../message/message.js';
import type { MessageInput } from '../message/message-input.js';
import type { MessageSchemaRegistry } from '../message/message-schema.js';
import type { CompiledRule } from '../rules/compiled-rule.js';
import { loadRules } from '../rules/load/load-rule-files.js';
import { loadRuleSource } from '../rules/load/load-rule-source.js';
import { RuleError, type RuleIssue } from '../rules/rule-issue.js';
import { MemoryAwardStore } from '../stores/memory/memory-award-store.js';
import { MemoryHistoryStore } from '../stores/memory/memory-history-store.js';
import { MemoryUserDirectory } from '../stores/memory/memory-user-directory.js';
import type { UserDirectory } from '../stores/user-directory.js';

/** An award as a rule test writes it (the names of `accolade test` files). */
export interface RuleAward {
  readonly badge_id: string;
  readonly user: string;
  readonly message_id: string;
}

/** What to run: rules, what the stores hold first, and the messages, as a case of an `accolade test` file. */
export interface RuleRunOptions {
  /**
   * The rules: each string is rule YAML text when it holds a line break
   * (named rule-1.yml, rule-2.yml... in problems and failures), else the
   * path of a rule file or folder (relative to the working folder);
   * compiled rules are taken as they are. Evaluated in the order given. An
   * invalid rule, or two for one badge, throws a RuleError listing every problem.
   */
  readonly rules: string | CompiledRule | readonly (string | CompiledRule)[];
  /** Messages stored in the history before the run, never evaluated. */
  readonly history?: readonly (Message | MessageInput)[];
  /** Messages evaluated in order; each is stored in the history first, as `accolade replay` does. */
  readonly messages: readonly (Message | MessageInput)[];
  /** Awards made before the run (never made again). */
  readonly existingAwards?: readonly { readonly badge_id: string; readonly user: string }[];
  /** Users who opted out of badges. */
  readonly optedOut?: readonly string[];
  /** Names that never receive badges (fedbadges' skip_users). */
  readonly skipUsers?: readonly string[];
  /** Who exists: a list of accounts, or a directory; without it everyone exists. */
  readonly users?: readonly string[] | UserDirectory;
  /** Message schemas, to read identity from the JSON messages given. */
  readonly schemas?: MessageSchemaRegistry;
}

export interface RuleRunResult {
  /** The awards made, in the order they were made. */
  readonly awards: RuleAward[];
  /** Expression failures that are not a missing key (a missing key just means "no"), with the rule's file and line. */
  readonly failures: EngineEvent[];
}

/**
 * Compile what `rules` names, in its order: YAML texts here (named
 * rule-1.yml, rule-2.yml... in issues and failures), paths through
 * loadRules. Two rules for one badge are an error, as in a rule folder.
 */
async function compileRules(rules: RuleRunOptions['rules']): Promise<CompiledRule[]> {
  const items: readonly (string | CompiledRule)[] = typeof rules === 'string' || !Array.isArray(rules) ? [rules as string | CompiledRule] : rules;
  const compiled: CompiledRule[] = [];
  const issues: RuleIssue[] = [];
  let texts = 0;
  for (const item of items) {
    if (typeof item !== 'string') compiled.push(item);
    else if (!item.includes('\n')) compiled.push(...await loadRules([item]));
    else {
      const { rule, issues: found } = loadRuleSource(item, `rule-${++texts}.yml`);
      issues.push(...found.filter((i) => i.severity === 'error'));
      if (rule !== null) compiled.push(rule);
    }
  }
  const files = new Map<string, string>();
  for (const rule of compiled) {
    const first = files.get(rule.badgeId);
    if (first === undefined) files.set(rule.badgeId, rule.file);
    else issues.push({ code: 'duplicate-badge', severity: 'error', file: rule.file, line: 1, column: 1, path: 'name', message: `badge id '${rule.badgeId}' is already used by ${first}` });
  }
  if (issues.length > 0) throw new RuleError(issues);
  return compiled;
}

/**
 * Run rules over messages on fresh in-memory stores and give back the
 * awards made, for tests of badge rules written in TypeScript. The
 * assertion is yours; expectAwards makes it.
 */
export async function runRules(options: RuleRunOptions): Promise<RuleRunResult> {
  const rules = await compileRules(options.rules);
  const reading = options.schemas === undefined ? {} : { schemas: options.schemas };
  const history = new MemoryHistoryStore(options.history ?? [], reading);
  const awards = new MemoryAwardStore({
    awards: (options.existingAwards ?? []).map((a) => ({ badgeId: a.badge_id, user: a.user })),
    optedOut: options.optedOut ?? [],
  });
  const users = options.users === undefined ? undefined : isDirectory(options.users) ? options.users : new MemoryUserDirectory({ users: options.users });
  const failures: EngineEvent[] = [];
  const engine = createEngine({
    rules, history, awards,
    ...(users === undefined ? {} : { users }),
    ...reading,
    options: { skipUsers: options.skipUsers ?? [], recordMessages: true, logger: (e) => { if (e.level === 'warn') failures.push(e); } },
  });
  const made: RuleAward[] = [];
  for (const message of options.messages) {
    for (const a of await engine.process(message)) made.push({ badge_id: a.badgeId, user: a.user, message_id: a.messageId });
  }
  return { awards: made, failures };
}

const isDirectory = (users: readonly string[] | UserDirectory): users is UserDirectory => !Array.isArray(users);
