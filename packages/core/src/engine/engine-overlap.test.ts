import { describe, expect, it } from 'vitest';
import type { Message } from '../message/message.js';
import type { HistoryQuery, HistoryRow, HistoryStore } from '../stores/history-store.js';
import type { Award, AwardOutcome, AwardStore } from '../stores/award-store.js';
import { MemoryAwardStore } from '../stores/memory/memory-award-store.js';
import { MemoryHistoryStore } from '../stores/memory/memory-history-store.js';
import { compileRuleText, message, ruleYaml } from '../testing/helpers.js';
import { type AwardResult, createEngine } from './engine.js';

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A history store that answers late, like one across a network: overlapping calls interleave at every await. */
class SlowHistory implements HistoryStore {
  constructor(private readonly inner = new MemoryHistoryStore(), private readonly delay = () => pause(Math.random() < 0.5 ? 0 : 1)) {}
  async count(query: HistoryQuery): Promise<number> { await this.delay(); return this.inner.count(query); }
  async find(query: HistoryQuery): Promise<readonly HistoryRow[]> { await this.delay(); return this.inner.find(query); }
  async add(m: Message): Promise<void> { await this.delay(); this.inner.add(m); }
}

class SlowAwards implements AwardStore {
  readonly inner = new MemoryAwardStore();
  async has(badgeId: string, user: string): Promise<boolean> { await pause(0); return this.inner.has(badgeId, user); }
  async isOptedOut(user: string): Promise<boolean> { await pause(0); return this.inner.isOptedOut(user); }
  async award(award: Award): Promise<AwardOutcome> { await pause(Math.random() < 0.5 ? 0 : 1); return this.inner.award(award); }
}

const rules = [
  ruleYaml('Third exactly', 'trigger:\n  topic: bodhi.update.comment\nprevious:\n  filter:\n    users: [recipient]\n    topics: [message.topic]\ncondition:\n  equal to: 3'),
  ruleYaml('Third or more', 'trigger:\n  topic: bodhi.update.comment\nprevious:\n  filter:\n    users: [recipient]\n    topics: [message.topic]\ncondition:\n  greater than or equal to: 3'),
  ruleYaml('Tenth', 'trigger:\n  topic: bodhi.update.comment\nprevious:\n  filter:\n    users: [recipient]\ncondition:\n  equal to: 10'),
].map((text, i) => compileRuleText(text, `rule-${i}.yml`));

function engine() {
  return createEngine({ rules, history: new SlowHistory(), awards: new SlowAwards() });
}

const who = (user: string) => ({ agent_name: user, usernames: [user] });

const described = (awards: readonly AwardResult[]): string[] => awards.map((a) => `${a.badgeId}:${a.user}@${a.messageId}`);

function stream(count: number): Message[] {
  const users = ['ada', 'bob', 'cy', 'dee', 'eve'];
  // A fixed shuffle, so the interleaving of users differs from message to message.
  return Array.from({ length: count }, (_, i) => message('bodhi.update.comment', { n: i }, who(users[(i * 7 + (i >> 2)) % users.length]!)));
}

describe('overlapping calls to process', () => {
  it('five overlapping calls for one user award what five awaited calls would', async () => {
    const messages = Array.from({ length: 5 }, () => message('bodhi.update.comment', {}, who('ada')));
    const e = engine();
    const overlapped = (await Promise.all(messages.map((m) => e.process(m)))).flat();
    expect(described(overlapped)).toEqual([
      `third-exactly:ada@${messages[2]!.id}`,
      `third-or-more:ada@${messages[2]!.id}`,
    ]);
  });
  it('hundreds of overlapping calls give the sequential run, message by message', async () => {
    const messages = stream(400);
    const sequential = engine();
    const expected: string[][] = [];
    for (const m of messages) expected.push(described(await sequential.process(m)));

    const overlapping = engine();
    const got = (await Promise.all(messages.map((m) => overlapping.process(m)))).map(described);
    expect(got).toEqual(expected);
    expect(expected.flat()).toHaveLength(15);
  });

  it('a rejected call does not hold up or change the calls behind it', async () => {
    const e = engine();
    const first = message('bodhi.update.comment', {}, who('ada'));
    // @ts-expect-error: a message without a topic does not compile; JSON read at run time is refused as well
    const calls = [e.process(first), e.process({ body: {} }), e.process(message('bodhi.update.comment', {}, who('ada')))];
    const settled = await Promise.allSettled(calls);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const third = await e.process(message('bodhi.update.comment', {}, who('ada')));
    expect(third.map((a) => a.badgeId)).toEqual(['third-exactly', 'third-or-more']);
  });

  it('explain overlapping process sees the history as of its turn', async () => {
    const e = engine();
    const m = () => message('bodhi.update.comment', {}, who('bob'));
    const [, , explanation] = await Promise.all([e.process(m()), e.process(m()), e.explain(m())]);
    const third = explanation.rules.find((r) => r.badgeId === 'third-exactly')!;
    expect(third.awarded).toEqual(['bob']);
  });
});
