import { ExpressionError } from '../expressions/errors.js';
import { pyRepr } from '../expressions/python/repr.js';
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
import type { CandidateTrace, Explanation, RuleTrace } from './explanation.js';
import { buildHistoryQuery, queryKey } from './history-query.js';
import { fedmsgEnvelope, historyRowObject, messageObject } from './python-views.js';
import { isAddressLike, recipientNames } from './recipients.js';
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
const FAILED = Symbol('failed');
/** A key was missing (Python's KeyError): fedbadges treats that as no match, or a count of 0. */
const KEY_MISSING = Symbol('key-missing');
type Outcome<T> = T | typeof FAILED;
type Evaluated = unknown | typeof FAILED | typeof KEY_MISSING;

/** Everything about one message that several rules share: its views and the query results. */
class MessageRun {
  private obj: unknown;
  private envelope: unknown;
  readonly memo = new Map<string, Promise<unknown>>();
  constructor(readonly message: Message) {}
  get messageObject(): unknown {
    return (this.obj ??= messageObject(this.message));
  }
  msg(site: ExpressionSite): unknown {
    return site.expression.usedGlobals.has('msg') ? (this.envelope ??= fedmsgEnvelope(this.message)) : null;
  }
}

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
  private readonly skip: ReadonlySet<string>;
  private readonly users: UserDirectory | undefined;
  private readonly converters: UserDirectory;
  private readonly record: boolean;
  private ready: Promise<void> | null = null;

  private readonly dropAddresses: boolean;
  private readonly logger: EngineLogger | undefined;

  constructor(private readonly config: EngineConfig) {
    const options = config.options ?? {};
    this.index = new TriggerIndex(config.rules);
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.skip = new Set(options.skipUsers ?? []);
    this.dropAddresses = options.dropAddresses ?? true;
    this.logger = options.logger;
    this.users = config.users;
    this.converters = config.users ?? new MemoryUserDirectory();
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
  private evaluate(site: ExpressionSite, values: unknown[], rule: CompiledRule, run: MessageRun, recipient?: string): Evaluated {
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
    const trace: RuleTrace | undefined = mode.trace === null ? undefined : { badgeId: rule.badgeId, name: rule.name, file: rule.file, recipients: null, candidates: [], awarded: [] };
    if (trace) mode.trace!.push(trace);
    const raw = this.evaluate(rule.recipient, [run.messageObject, run.msg(rule.recipient)], rule, run);
    if (raw === FAILED || raw === KEY_MISSING) {
      if (trace) trace.error = raw === KEY_MISSING ? 'the recipient expression found a key missing: no candidates' : 'the recipient expression failed (see the log)';
      return [];
    }
    if (trace) trace.recipients = toPlain(raw);
    const { names, rejected } = recipientNames(raw);
    if (rejected.length > 0) {
      this.report('invalid-value', `recipient values that are not names were ignored: ${rejected.map((v) => pyRepr(v)).join(', ')}`, rule.recipient, rule, run);
    }
    const traces = new Map<string, CandidateTrace>();
    const drop = (user: string, reason: string): false => {
      if (trace) {
        const t = traces.get(user) ?? { user };
        t.dropped = reason;
        traces.set(user, t);
      }
      return false;
    };
    let candidates = names;
    for (const kind of rule.converters) {
      const converted: string[] = [];
      for (const name of candidates) {
        const account = await this.converters.resolve(kind, name);
        if (account === null) drop(name, `no account for this ${kind}`);
        else converted.push(account);
      }
      candidates = [...new Set(converted)].sort();
    }
    const kept: string[] = [];
    for (const user of candidates) {
      if (this.skip.has(user)) { drop(user, 'in the skip list'); continue; }
      if (this.dropAddresses && isAddressLike(user)) { drop(user, 'an address, not an account'); continue; }
      if (await this.config.awards.has(rule.badgeId, user)) { drop(user, 'already has the badge'); continue; }
      if (await this.config.awards.isOptedOut(user)) { drop(user, 'opted out of badges'); continue; }
      if (this.users !== undefined && !(await this.users.exists(user))) { drop(user, 'no such account'); continue; }
      kept.push(user);
    }
    const awardees: string[] = [];
    for (const user of kept) {
      const t: CandidateTrace | undefined = trace ? { user } : undefined;
      if (t) traces.set(user, t);
      const value = await this.previousValue(rule, run, user, t);
      if (value === FAILED) continue;
      const passed = this.condition(rule, run, value, user);
      if (t) t.condition = { description: describeCondition(rule), passed: passed === true };
      if (passed === true) {
        awardees.push(user);
        if (t) t.awarded = true;
      }
    }
    if (trace) {
      trace.candidates = [...traces.values()];
      trace.awarded = awardees;
    }
    return awardees;
  }

  /** The number the condition tests: the `previous` count (which includes this message), or 1 without one. */
  private async previousValue(rule: CompiledRule, run: MessageRun, recipient: string, trace?: CandidateTrace): Promise<Outcome<unknown>> {
    const previous = rule.previous;
    if (previous === null) {
      if (trace) trace.value = 1;
      return 1;
    }
    const evaluated: unknown[][] = [];
    for (const filter of previous.filters) {
      const values: unknown[] = [];
      for (const site of filter.items) {
        const v = this.evaluate(site, [run.messageObject, run.msg(site), recipient], rule, run, recipient);
        if (v === KEY_MISSING) return zeroForMissingKey(trace);
        if (v === FAILED) {
          if (trace) trace.error = `${site.path} failed (see the log)`;
          return FAILED;
        }
        values.push(v);
      }
      evaluated.push(values);
    }
    let query;
    try {
      query = buildHistoryQuery(previous.filters, evaluated);
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      this.report('invalid-value', error.message, previous.filters[0]!.items[0]!, rule, run, recipient, error);
      if (trace) trace.error = error.message;
      return FAILED;
    }
    if (trace) trace.query = toPlain(query) as Record<string, unknown>;
    const key = queryKey(query);
    const { history } = this.config;
    if (previous.operation.kind === 'count') {
      const count = await this.memo(run, `count${key}`, () => history.count(query));
      if (trace) trace.value = count;
      return count;
    }
    const rows = (await this.memo(run, `find${key}`, () => history.find(query))) as Parameters<typeof historyRowObject>[0][];
    const site = previous.operation.site;
    const results = rows.map(historyRowObject);
    const value = this.evaluate(site, [run.messageObject, run.msg(site), recipient, results], rule, run, recipient);
    if (value === KEY_MISSING) return zeroForMissingKey(trace);
    if (value === FAILED) {
      if (trace) trace.error = 'the operation failed (see the log)';
      return FAILED;
    }
    if (trace) trace.value = toPlain(value);
    return value;
  }

  private memo(run: MessageRun, key: string, query: () => unknown): Promise<unknown> {
    let hit = run.memo.get(key);
    if (hit === undefined) {
      hit = Promise.resolve(query());
      run.memo.set(key, hit);
    }
    return hit;
  }

  private condition(rule: CompiledRule, run: MessageRun, value: unknown, recipient: string): boolean | typeof FAILED {
    const condition = rule.condition;
    if (condition.kind === 'lambda') {
      const result = this.evaluate(condition.site, [value], rule, run, recipient);
      return result === FAILED || result === KEY_MISSING ? FAILED : truthy(result);
    }
    if (typeof value !== 'number' && typeof value !== 'boolean') {
      this.report('invalid-value', `condition '${condition.phrase}' needs a number, got ${pyRepr(value)}`, rule.recipient, rule, run, recipient);
      return FAILED;
    }
    return condition.test(Number(value));
  }
}

/** fedbadges: a missing key while building the query or in the operation counts as 0. */
function zeroForMissingKey(trace?: CandidateTrace): number {
  if (trace) trace.value = 0;
  return 0;
}

function describeCondition(rule: CompiledRule): string {
  const c = rule.condition;
  return c.kind === 'phrase' ? `${c.phrase} ${c.threshold}` : `lambda: ${c.site.expression.source}`;
}

/** Plain JSON-able data for traces. */
function toPlain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (v instanceof Date ? v.toISOString() : typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null ? pyRepr(v) : v)) ?? null);
}

export function createEngine(config: EngineConfig): Engine {
  return new Engine(config);
}
