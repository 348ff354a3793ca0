import { ExpressionError } from '../expressions/errors.js';
import { truthy } from '../expressions/python/truth.js';
import { DEFAULT_LIMITS, type Limits } from '../expressions/python/values.js';
import { asMessage } from '../message/create-message.js';
import type { Message } from '../message/message.js';
import type { MessageInput } from '../message/message-input.js';
import type { MessageSchemaRegistry } from '../message/message-schema.js';
import type { CompiledRule, ExpressionSite, TriggerNode } from '../rules/compiled-rule.js';
import type { AwardStore } from '../stores/award-store.js';
import type { HistoryStore } from '../stores/history-store.js';
import { type MaybePromise, isPromise } from '../stores/maybe-promise.js';
import { MemoryUserDirectory } from '../stores/memory/memory-user-directory.js';
import type { UserDirectory } from '../stores/user-directory.js';
import type { EngineEvent, EngineLogger, EngineStats } from './engine-events.js';
import { type CandidateFilters, dropReason, findRecipients } from './candidates.js';
import { conditionHolds } from './condition.js';
import { countShapes } from './count-shapes.js';
import type { CandidateTrace, Explanation, RuleTrace } from './explanation.js';
import { FAILED, KEY_MISSING, MessageRun, type RuleContext } from './message-run.js';
import { HistoryWithMessage } from './history-with-message.js';
import { previousValue } from './previous-value.js';
import { describeCondition, toPlain } from './trace-values.js';
import { type EvaluationPlan, indexedPlan } from './evaluation-plan.js';
import { referencePlan } from './reference-plan.js';
import type { RuleGroup, SiteOwner } from './rule-groups.js';

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

/** What one run of the pipeline does: award, or explain without awarding. */
interface Mode {
  award: boolean;
  trace: RuleTrace[] | null;
  /** Where counts come from: the engine's history, or for explain one that also holds the message. */
  history: HistoryStore;
}

/**
 * The badge loop: for each message, the rules whose trigger matches, their
 * candidates, the `previous` count per candidate, the condition, the award.
 * Cheap checks come first; an expression that fails affects only its rule.
 */
export class Engine {
  readonly stats: EngineStats = { messages: 0, triggered: 0, awards: 0, keyErrors: 0, expressionErrors: 0, failuresByRule: new Map() };
  private readonly plan: EvaluationPlan;
  private readonly limits: Readonly<Limits>;
  private readonly filters: CandidateFilters;
  private readonly record: boolean;
  private starting: Promise<void> | null = null;
  /** The last call in the queue; each call starts when the one before it settles. */
  private tail: Promise<unknown> = Promise.resolve();

  private readonly logger: EngineLogger | undefined;

  /** @internal The plan is the engine's own unless the reference engine is asked for. */
  constructor(private readonly config: EngineConfig, plan?: EvaluationPlan) {
    const options = config.options ?? {};
    this.plan = plan ?? indexedPlan(config.rules);
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
   * Accepts a Message or fedora-messaging JSON (a MessageInput, read by
   * createMessage with the engine's schemas; a MessageError rejects a bad one).
   * Store failures reject, so the caller can retry the message.
   *
   * Calls may overlap (an event handler, a consumer with prefetch): they are
   * run one after another in call order, so each message's counts see
   * exactly the messages processed before it, as if each call were awaited.
   */
  process(message: Message | MessageInput): Promise<AwardResult[]> {
    return this.inTurn(message, (m) => this.processNow(m));
  }

  /** Like process, but awards nothing and reports every triggered rule step by step. */
  explain(input: Message | MessageInput): Promise<Explanation> {
    return this.inTurn(input, (m) => this.explainNow(m));
  }

  /** Queue `work` behind every earlier call; a malformed message rejects at once, out of turn. */
  private inTurn<T>(input: Message | MessageInput, work: (message: Message) => Promise<T>): Promise<T> {
    let message: Message;
    try {
      message = this.toMessage(input);
    } catch (error) {
      return Promise.reject(error);
    }
    const result = this.tail.then(() => work(message));
    this.tail = result.then(() => undefined, () => undefined);
    return result;
  }

  private async processNow(m: Message): Promise<AwardResult[]> {
    const awards: AwardResult[] = [];
    await this.ready();
    if (this.record) await this.config.history.add!(m);
    await this.run(m, { award: true, trace: null, history: this.config.history }, awards);
    return awards;
  }

  private async explainNow(message: Message): Promise<Explanation> {
    const trace: RuleTrace[] = [];
    await this.ready();
    // The message counts, as in process, but a shared history is left as it was.
    const history = this.record ? new HistoryWithMessage(this.config.history, message) : this.config.history;
    const checked = await this.run(message, { award: false, trace, history }, []);
    return { messageId: message.id, topic: message.topic, rules: trace, rulesChecked: checked };
  }

  private toMessage(input: Message | MessageInput): Message {
    return asMessage(input, this.config.schemas ? { schemas: this.config.schemas } : {});
  }

  private async run(message: Message, mode: Mode, awards: AwardResult[]): Promise<number> {
    this.stats.messages++;
    const run = new MessageRun(message, this.plan.shareQueries);
    const visited = this.plan.groupsFor(message.topic);
    const earned: Earned[] = [];
    const traces: Array<[number, RuleTrace]> = [];
    let checked = 0;
    for (const { group, exact } of visited) {
      checked += group.rules.length;
      if (!exact && !this.matches(group.lead.trigger, run)) continue;
      this.stats.triggered += group.rules.length;
      await this.evaluateGroup(group, run, mode.history, earned, mode.trace === null ? null : traces);
    }
    if (mode.trace !== null) mode.trace.push(...traces.sort((a, b) => a[0] - b[0]).map(([, t]) => t));
    if (!mode.award) return checked;
    // Every rule was evaluated before any award: awards of different badges cannot change each other's candidates.
    earned.sort((a, b) => a.position - b.position);
    // All asked before any is awaited, so a store across a network can record them in one transaction
    // (PostgresAwardStore does, in this order); the outcomes are taken in order.
    const outcomes = earned.map(({ rule, user }) => {
      const outcome = this.config.awards.award({ badgeId: rule.badgeId, user, messageId: message.id, issuedAt: message.timestamp });
      if (isPromise(outcome)) outcome.catch(() => {});
      return outcome;
    });
    for (let i = 0; i < earned.length; i++) {
      const { rule, user } = earned[i]!;
      const asked = outcomes[i]!;
      const outcome = isPromise(asked) ? await asked : asked;
      if (outcome === 'awarded') {
        this.stats.awards++;
        awards.push({ badgeId: rule.badgeId, user, messageId: message.id, rule });
      }
    }
    return checked;
  }

  /**
   * Make the badges exist and tell the history store the counts to come
   * (it may build running counts over the history it holds). `process`
   * does this before the first message; call it to do it at start-up instead.
   */
  ready(): Promise<void> {
    this.starting ??= this.start();
    return this.starting;
  }

  private async start(): Promise<void> {
    await this.config.awards.ensureBadges?.(this.config.rules.map((r) => r.badge));
    if (this.plan.shareQueries) await this.config.history.prepare?.(countShapes(this.config.rules));
  }

  private matches(node: TriggerNode, run: MessageRun): boolean {
    switch (node.kind) {
      case 'topic': return run.message.topic.endsWith(node.suffix);
      case 'category': return run.message.category === node.value;
      case 'all': return node.children.every((c) => this.matches(c, run));
      case 'any': return node.children.some((c) => this.matches(c, run));
      case 'not': return !this.matches(node.child, run);
      case 'lambda': {
        const result = this.evaluate(node.site, [run.messageObject, run.msg(node.site)], run);
        return result !== FAILED && result !== KEY_MISSING && truthy(result);
      }
    }
  }

  /** Evaluate an expression; a failure is logged against every rule the site stands for and turned into FAILED. */
  private evaluate(site: ExpressionSite, values: unknown[], run: MessageRun, recipient?: string): unknown {
    try {
      return this.plan.evaluate(site, values, this.limits);
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      const missing = error.code === 'key-error';
      this.report(missing ? 'key-error' : 'expression-error', error.describe(), this.ownersOf(site), run, recipient, error);
      return missing ? KEY_MISSING : FAILED;
    }
  }

  private ownersOf(site: ExpressionSite): readonly SiteOwner[] {
    return this.plan.owners.get(site) ?? [];
  }

  private report(kind: EngineEvent['kind'], text: string, owners: readonly SiteOwner[], run: MessageRun, recipient?: string, error?: ExpressionError): void {
    for (const { rule, site } of owners) {
      if (kind === 'key-error') this.stats.keyErrors++;
      else {
        this.stats.expressionErrors++;
        this.stats.failuresByRule.set(rule.badgeId, (this.stats.failuresByRule.get(rule.badgeId) ?? 0) + 1);
      }
      if (this.logger === undefined) continue;
      const at = error?.offset === undefined ? site : site.locate(error.offset);
      this.logger({
        level: kind === 'key-error' ? 'debug' : 'warn', kind, badgeId: rule.badgeId, file: site.file, line: at.line, column: at.column,
        path: site.path, messageId: run.message.id, text, ...(recipient === undefined ? {} : { recipient }), ...(error === undefined ? {} : { error }),
      });
    }
  }

  /**
   * One group whose trigger matched: its recipients and each candidate's
   * `previous` value once, then each rule's holders and condition.
   */
  private async evaluateGroup(group: RuleGroup, run: MessageRun, history: HistoryStore, earned: Earned[], traces: Array<[number, RuleTrace]> | null): Promise<void> {
    const ctx = this.context(group.lead, run);
    const recipients = await findRecipients(ctx, this.filters.converters);
    const values = new Map<string, { value: unknown; trace: CandidateTrace | undefined }>();
    // Every rule's checks of every candidate are asked before any answer is awaited, so a store
    // across a network can answer them together (PostgresAwardStore reads them in one query).
    // The order cannot change an answer: nothing is written until every group is evaluated.
    const checks = group.rules.map((rule) => recipients.names.map((user): [string, MaybePromise<string | null>] => {
      const reason = dropReason(user, rule.badgeId, this.filters, run);
      // Awaited in turn below; if an earlier step throws first, a later failure is not left unhandled.
      if (isPromise(reason)) reason.catch(() => {});
      return [user, reason];
    }));
    for (let k = 0; k < group.rules.length; k++) {
      const rule = group.rules[k]!;
      const trace: RuleTrace | undefined = traces === null ? undefined : {
        badgeId: rule.badgeId, name: rule.name, file: rule.file, recipients: toPlain(recipients.raw), candidates: [], awarded: [],
        ...(recipients.failure === undefined ? {} : { error: recipients.failure }),
      };
      if (trace) {
        traces!.push([group.positions[k]!, trace]);
        for (const { user, reason } of recipients.dropped) trace.candidates.push({ user, dropped: reason });
      }
      const kept: string[] = [];
      for (const [user, dropped] of checks[k]!) {
        const reason = isPromise(dropped) ? await dropped : dropped;
        if (reason === null) kept.push(user);
        else if (trace) trace.candidates.push({ user, dropped: reason });
      }
      for (const user of kept) {
        let computed = values.get(user);
        if (computed === undefined) {
          const scratch: CandidateTrace | undefined = trace ? { user } : undefined;
          computed = { value: await previousValue(ctx, history, user, scratch), trace: scratch };
          values.set(user, computed);
        }
        const t: CandidateTrace | undefined = trace ? { ...computed.trace!, user } : undefined;
        if (t) trace!.candidates.push(t);
        if (computed.value === FAILED) continue;
        const holds = conditionHolds(rule, ctx, computed.value, user);
        if (t) t.condition = { description: describeCondition(rule), passed: holds === true };
        if (holds !== true) continue;
        earned.push({ position: group.positions[k]!, rule, user });
        if (t) t.awarded = true;
        if (trace) trace.awarded.push(user);
      }
    }
  }

  private context(rule: CompiledRule, run: MessageRun): RuleContext {
    return {
      rule,
      run,
      evaluate: (site, values, recipient) => this.evaluate(site, values, run, recipient),
      reportValue: (text, site, recipient, only) => this.report('invalid-value', text, only === undefined ? this.ownersOf(site) : [{ rule: only, site }], run, recipient),
    };
  }
}

/** A rule's award for a user, before it is recorded. */
interface Earned {
  position: number;
  rule: CompiledRule;
  user: string;
}

export function createEngine(config: EngineConfig): Engine {
  return new Engine(config);
}

/**
 * The same pipeline run the naive way (see `referencePlan`): every trigger
 * on every message, expressions interpreted from their syntax trees, no
 * shared queries. Slow on purpose; it is what the engine is measured and
 * checked against, and an oracle for tests of custom stores.
 */
export function createReferenceEngine(config: EngineConfig): Engine {
  return new Engine(config, referencePlan(config.rules));
}
