import { ExpressionError } from '../expressions/errors.js';
import { truthy } from '../expressions/python/truth.js';
import { DEFAULT_LIMITS, type Limits } from '../expressions/python/values.js';
import { createMessage, isMessage } from '../message/create-message.js';
import type { Message } from '../message/message.js';
import type { MessageSchemaRegistry } from '../message/message-schema.js';
import type { CompiledRule, ExpressionSite, TriggerNode } from '../rules/compiled-rule.js';
import type { AwardStore } from '../stores/award-store.js';
import type { HistoryStore } from '../stores/history-store.js';
import { MemoryUserDirectory } from '../stores/memory/memory-user-directory.js';
import type { UserDirectory } from '../stores/user-directory.js';
import type { EngineEvent, EngineLogger, EngineStats } from './engine-events.js';
import { type CandidateFilters, findCandidates } from './candidates.js';
import { conditionHolds } from './condition.js';
import type { CandidateTrace, Explanation, RuleTrace } from './explanation.js';
import { FAILED, KEY_MISSING, MessageRun, type RuleContext } from './message-run.js';
import { previousValue } from './previous-value.js';
import { describeCondition, toPlain } from './trace-values.js';
import { TriggerIndex } from './trigger-index.js';

export interface EngineOptions {
  /** Names that never receive badges (fedbadges' skip_users). */
  skipUsers?: Iterable<string>;
  /** Drop candidates that look like IP addresses (fedbadges does). Default true. */
  dropAddresses?: boolean;
  /** Store each processed message in the history first, so counts include it. Default: when the store can. */
  recordMessages?: boolean;
  /** Limits for every expression evaluation. */
  limits?: Partial<Limits>;
  /** Told about expression failures, with the rule's file and line. */
  logger?: EngineLogger;
}

export interface EngineConfig {
  /** Compiled rules; they are evaluated in this order (the loaders sort them by file path). */
  rules: readonly CompiledRule[];
  history: HistoryStore;
  awards: AwardStore;
  /** Who exists and how nicks, e-mails... map to accounts. Without it everyone exists. */
  users?: UserDirectory;
  /** Message schemas, used when `process` is given raw fedora-messaging JSON. */
  schemas?: MessageSchemaRegistry;
  options?: EngineOptions;
}

export interface AwardResult {
  readonly badgeId: string;
  readonly user: string;
  readonly messageId: string;
  readonly rule: CompiledRule;
}

/** An expression failed: the rule gives nothing for this message. */
interface Mode {
  award: boolean;
  trace: RuleTrace[] | null;
}

/**
 * The badge loop: for each message, the rules whose trigger matches, their
 * candidates, the `previous` count per candidate, the condition, the award.
 * Cheap checks come first; an expression that fails affects only its rule.
 */
export class Engine {
  readonly stats: EngineStats = { messages: 0, triggered: 0, awards: 0, keyErrors: 0, expressionErrors: 0, failuresByRule: new Map() };
  private readonly index: TriggerIndex;
  private readonly limits: Readonly<Limits>;
  private readonly filters: CandidateFilters;
  private readonly record: boolean;
  private ready: Promise<void> | null = null;

  private readonly logger: EngineLogger | undefined;

  constructor(private readonly config: EngineConfig) {
    const options = config.options ?? {};
    this.index = new TriggerIndex(config.rules);
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.filters = {
      awards: config.awards,
      users: config.users,
      converters: config.users ?? new MemoryUserDirectory(),
      skip: new Set(options.skipUsers ?? []),
      dropAddresses: options.dropAddresses ?? true,
    };
    this.logger = options.logger;
    this.record = options.recordMessages ?? typeof config.history.add === 'function';
  }

  get rules(): readonly CompiledRule[] {
    return this.config.rules;
  }

  /**
   * Evaluate one message and record its awards; resolves to the awards made.
   * Accepts a Message or raw fedora-messaging JSON (a MessageError rejects a bad one).
   * Store failures reject, so the caller can retry the message.
   */
  async process(message: Message | unknown): Promise<AwardResult[]> {
    const awards: AwardResult[] = [];
    await this.run(this.toMessage(message), { award: true, trace: null }, awards);
    return awards;
  }

  /** Like process, but awards nothing and reports every triggered rule step by step. */
  async explain(input: Message | unknown): Promise<Explanation> {
    const message = this.toMessage(input);
    const trace: RuleTrace[] = [];
    const checked = await this.run(message, { award: false, trace }, []);
    return { messageId: message.id, topic: message.topic, rules: trace, rulesChecked: checked };
  }

  private toMessage(input: Message | unknown): Message {
    return isMessage(input) ? input : createMessage(input, this.config.schemas ? { schemas: this.config.schemas } : {});
  }

  private async run(message: Message, mode: Mode, awards: AwardResult[]): Promise<number> {
    this.ready ??= Promise.resolve(this.config.awards.ensureBadges?.(this.config.rules.map((r) => r.badge)));
    await this.ready;
    if (this.record) await this.config.history.add!(message);
    this.stats.messages++;
    const run = new MessageRun(message);
    const candidates = this.index.candidates(message.topic);
    for (const { rule, exact } of candidates) {
      if (!exact && !this.matches(rule.trigger, rule, run)) continue;
      this.stats.triggered++;
      const users = await this.evaluateRule(rule, run, mode);
      for (const user of users) {
        if (!mode.award) continue;
        const outcome = await this.config.awards.award({ badgeId: rule.badgeId, user, messageId: message.id, issuedAt: message.timestamp });
        if (outcome === 'awarded') {
          this.stats.awards++;
          awards.push({ badgeId: rule.badgeId, user, messageId: message.id, rule });
        }
      }
    }
    return candidates.length;
  }

  private matches(node: TriggerNode, rule: CompiledRule, run: MessageRun): boolean {
    switch (node.kind) {
      case 'topic': return run.message.topic.endsWith(node.suffix);
      case 'category': return run.message.category === node.value;
      case 'all': return node.children.every((c) => this.matches(c, rule, run));
      case 'any': return node.children.some((c) => this.matches(c, rule, run));
      case 'not': return !this.matches(node.child, rule, run);
      case 'lambda': {
        const result = this.evaluate(node.site, [run.messageObject, run.msg(node.site)], rule, run);
        return result !== FAILED && result !== KEY_MISSING && truthy(result);
      }
    }
  }

  /** Evaluate an expression; a failure is logged against the rule and turned into FAILED. */
  private evaluate(site: ExpressionSite, values: unknown[], rule: CompiledRule, run: MessageRun, recipient?: string): unknown {
    try {
      return site.expression.evaluate(values, this.limits);
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      const missing = error.code === 'key-error';
      this.report(missing ? 'key-error' : 'expression-error', error.describe(), site, rule, run, recipient, error);
      return missing ? KEY_MISSING : FAILED;
    }
  }

  private report(kind: EngineEvent['kind'], text: string, site: ExpressionSite, rule: CompiledRule, run: MessageRun, recipient?: string, error?: ExpressionError): void {
    if (kind === 'key-error') this.stats.keyErrors++;
    else {
      this.stats.expressionErrors++;
      this.stats.failuresByRule.set(rule.badgeId, (this.stats.failuresByRule.get(rule.badgeId) ?? 0) + 1);
    }
    if (this.logger === undefined) return;
    const at = error?.offset === undefined ? site : site.locate(error.offset);
    this.logger({
      level: kind === 'key-error' ? 'debug' : 'warn', kind, badgeId: rule.badgeId, file: site.file, line: at.line, column: at.column,
      path: site.path, messageId: run.message.id, text, ...(recipient === undefined ? {} : { recipient }), ...(error === undefined ? {} : { error }),
    });
  }

  private async evaluateRule(rule: CompiledRule, run: MessageRun, mode: Mode): Promise<string[]> {
    const ctx = this.context(rule, run);
    const trace: RuleTrace | undefined = mode.trace === null ? undefined : { badgeId: rule.badgeId, name: rule.name, file: rule.file, recipients: null, candidates: [], awarded: [] };
    if (trace) mode.trace!.push(trace);
    const candidates = await findCandidates(ctx, this.filters);
    if (trace) {
      trace.recipients = toPlain(candidates.raw);
      if (candidates.failure !== undefined) trace.error = candidates.failure;
      for (const { user, reason } of candidates.dropped) trace.candidates.push({ user, dropped: reason });
    }
    const awardees: string[] = [];
    for (const user of candidates.kept) {
      const t: CandidateTrace | undefined = trace ? { user } : undefined;
      if (t) trace!.candidates.push(t);
      const value = await previousValue(ctx, this.config.history, user, t);
      if (value === FAILED) continue;
      const holds = conditionHolds(ctx, value, user);
      if (t) t.condition = { description: describeCondition(rule), passed: holds === true };
      if (holds !== true) continue;
      awardees.push(user);
      if (t) t.awarded = true;
    }
    if (trace) trace.awarded = awardees;
    return awardees;
  }

  private context(rule: CompiledRule, run: MessageRun): RuleContext {
    return {
      rule,
      run,
      evaluate: (site, values, recipient) => this.evaluate(site, values, rule, run, recipient),
      reportValue: (text, site, recipient) => this.report('invalid-value', text, site, rule, run, recipient),
    };
  }
}

export function createEngine(config: EngineConfig): Engine {
  return new Engine(config);
}
