import type { Message } from '../message/message.js';
import { type MaybePromise, isPromise } from '../stores/maybe-promise.js';
import type { CompiledRule, ExpressionSite } from '../rules/compiled-rule.js';
import { fedmsgEnvelope, messageObject } from './python-views.js';

/** An expression failed: the rule gives nothing for this message. */
export const FAILED = Symbol('failed');
/** A key was missing (Python's KeyError): fedbadges treats that as no match, or a count of 0. */
export const KEY_MISSING = Symbol('key-missing');

/** Everything about one message that several rules share: its Python views and the query results. */
export class MessageRun {
  private obj: unknown;
  private envelope: unknown;
  readonly memo = new Map<string, Promise<unknown>>();
  private readonly facts = new Map<string, Map<string, MaybePromise<boolean>>>();

  constructor(readonly message: Message, private readonly shareQueries = true) {}

  get messageObject(): unknown {
    return (this.obj ??= messageObject(this.message));
  }

  /** The 1.x envelope, built only for expressions that read `msg`. */
  msg(site: ExpressionSite): unknown {
    return site.expression.usedGlobals.has('msg') ? (this.envelope ??= fedmsgEnvelope(this.message)) : null;
  }

  /** A yes/no about a user (opted out, exists) for this message, asked once however many rules ask. */
  userFact(kind: string, user: string, ask: () => MaybePromise<boolean>): MaybePromise<boolean> {
    let facts = this.facts.get(kind);
    if (facts === undefined) this.facts.set(kind, (facts = new Map()));
    const known = facts.get(user);
    if (known !== undefined && this.shareQueries) return known;
    const answer = ask();
    facts.set(user, answer);
    if (isPromise(answer)) void answer.then((value) => { if (facts.get(user) === answer) facts.set(user, value); }, () => {});
    return answer;
  }

  /** Run a store query once per message, however many rules and candidates ask. */
  once(key: string, query: () => unknown): Promise<unknown> {
    if (!this.shareQueries) return Promise.resolve(query());
    let hit = this.memo.get(key);
    if (hit === undefined) {
      hit = Promise.resolve(query());
      this.memo.set(key, hit);
    }
    return hit;
  }
}

/** What the steps of a rule group's evaluation need from the engine. */
export interface RuleContext {
  readonly run: MessageRun;
  /** The group's lead rule: its trigger, recipient and previous are the whole group's. */
  readonly rule: CompiledRule;
  /** Evaluate an expression; failures are reported against every rule the site stands for and come back as FAILED or KEY_MISSING. */
  evaluate(site: ExpressionSite, values: unknown[], recipient?: string): unknown;
  /** Report a problem with a value (not an expression error): against `rule` alone, or every rule the site stands for. */
  reportValue(text: string, site: ExpressionSite, recipient?: string, rule?: CompiledRule): void;
}
