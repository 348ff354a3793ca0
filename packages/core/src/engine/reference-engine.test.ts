import { describe, expect, it } from 'vitest';
import type { Message } from '../message/message.js';
import { MemoryAwardStore } from '../stores/memory/memory-award-store.js';
import { MemoryHistoryStore } from '../stores/memory/memory-history-store.js';
import { MemoryUserDirectory } from '../stores/memory/memory-user-directory.js';
import { compileRuleText, message, ruleYaml } from '../testing/helpers.js';
import { type Engine, type EngineConfig, createEngine, createReferenceEngine } from './engine.js';
import type { EngineEvent } from './engine-events.js';

/** A series (same trigger, recipient and previous; thresholds differ), as Fedora's rules mostly are. */
const series = (title: string, body: string, thresholds: number[], condition = 'greater than or equal to'): string[] =>
  thresholds.map((n, i) => ruleYaml(`${title} ${i + 1}`, `${body}\ncondition: {${condition}: ${n}}`));

const RULES: string[] = [
  ...series('Commenter', `
trigger: {topic: bodhi.update.comment}
previous: {filter: {topics: [message.topic], users: [recipient]}, operation: count}`, [1, 2, 3, 5]),
  // The recipient fails (KeyError) on messages without "owner": every rule of the series must report it.
  ...series('Owner', `
trigger: {category: bodhi}
recipient: message.body["owner"]
previous: {filter: {categories: [message.category], users: [recipient]}, operation: count}`, [1, 3]),
  // A failing operation (TypeError on some rows) and a paged find.
  ...series('Variety', `
trigger: {any: [{topic: bodhi.update.comment}, {topic: wiki.article.edit}]}
recipient: message.usernames
previous:
  filter: {users: [recipient], rows_per_page: 5, order: "'desc'"}
  operation: {lambda: 'len(set(r.msg["n"] + 0 for r in results))'}`, [2, 3]),
  // A lambda trigger evaluated on every message, and a condition lambda per rule.
  ...series('Lucky', `
trigger: {lambda: 'message.body.get("n", 0) % 3 == 0'}
previous: {filter: {agents: [recipient], not_topics: ["'org.fedoraproject.prod.wiki.article.edit'"]}, operation: count}`, [1, 2]),
  ruleYaml('Even count', `
trigger: {lambda: 'message.body.get("n", 0) % 3 == 0'}
previous: {filter: {agents: [recipient], not_topics: ["'org.fedoraproject.prod.wiki.article.edit'"]}, operation: count}
condition: {lambda: value % 2 == 0}`),
  // Same trigger and previous, another recipient: not the same group.
  ...series('Commented on', `
trigger: {topic: bodhi.update.comment}
recipient: message.body.get("owner")
previous: {filter: {topics: [message.topic], users: [recipient]}, operation: count}`, [1, 4]),
  ...series('Nick', `
trigger: {topic: irc.karma}
recipient: message.body["to"]
recipient_nick2fas: true`, [1], 'equal to'),
];

const TOPICS = ['bodhi.update.comment', 'bodhi.update.request.stable', 'wiki.article.edit', 'irc.karma'];
const PEOPLE = ['ann', 'bob', 'cy', 'dee', 'eve', 'bodhi'];

/** A seeded stream where bodies sometimes lack the keys rules read. */
function stream(n: number): Message[] {
  let state = 42;
  const next = (k: number): number => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % k;
  };
  return Array.from({ length: n }, () => {
    const topic = TOPICS[next(TOPICS.length)]!;
    const agent = PEOPLE[next(PEOPLE.length)]!;
    const other = PEOPLE[next(PEOPLE.length)]!;
    const body: Record<string, unknown> = { n: next(4) === 0 ? 'x' : next(10) };
    if (next(3) > 0) body['owner'] = other;
    if (topic === 'irc.karma') body['to'] = `${other}_irc`;
    return message(topic, body, { agent_name: agent, usernames: [agent, other] });
  });
}

function engines(): Array<{ engine: Engine; events: EngineEvent[] }> {
  const rules = RULES.map((text, i) => compileRuleText(text, `rules/r${String(i).padStart(2, '0')}.yml`));
  return [createEngine, createReferenceEngine].map((create) => {
    const events: EngineEvent[] = [];
    const config: EngineConfig = {
      rules,
      history: new MemoryHistoryStore(),
      awards: new MemoryAwardStore(),
      users: new MemoryUserDirectory({ aliases: { nick: Object.fromEntries(PEOPLE.map((p) => [`${p}_irc`, p])) } }),
      options: { skipUsers: ['bodhi'], logger: (e) => { events.push(e); } },
    };
    return { engine: create(config), events };
  });
}

const eventText = (e: EngineEvent): string => `${e.messageId} ${e.badgeId} ${e.kind} ${e.file}:${e.line}:${e.column} ${e.path} ${e.recipient ?? '-'} ${e.text}`;

describe('the engine against the reference engine (every trigger, expressions from the tree, nothing shared)', () => {
  it('gives the same awards, in the same order, with the same failures reported against every rule', async () => {
    const [fast, reference] = engines();
    const messages = stream(400);
    const awards: string[][] = [[], []];
    for (const m of messages) {
      for (const [i, { engine }] of [fast!, reference!].entries()) {
        for (const a of await engine.process(m)) awards[i]!.push(`${a.badgeId} ${a.user} ${a.messageId}`);
      }
    }
    expect(awards[0]!.length).toBeGreaterThan(20);
    expect(awards[0]).toEqual(awards[1]);
    const { failuresByRule: fastFailures, ...fastStats } = fast!.engine.stats;
    const { failuresByRule: refFailures, ...refStats } = reference!.engine.stats;
    expect(fastStats).toEqual(refStats);
    expect(fastStats.keyErrors).toBeGreaterThan(0);
    expect(fastStats.expressionErrors).toBeGreaterThan(0);
    expect(new Map([...fastFailures].sort())).toEqual(new Map([...refFailures].sort()));
    // Both series members report a recipient KeyError, each at its own file.
    const ownerErrors = fast!.events.filter((e) => e.kind === 'key-error' && e.path === 'recipient' && e.badgeId.startsWith('owner'));
    expect(new Set(ownerErrors.map((e) => e.file))).toEqual(new Set(['rules/r04.yml', 'rules/r05.yml']));
    expect(fast!.events.map(eventText).sort()).toEqual(reference!.events.map(eventText).sort());
  });

  it('explains a message the same way', async () => {
    const [fast, reference] = engines();
    for (const m of stream(120)) {
      const [a, b] = [await fast!.engine.explain(m), await reference!.engine.explain(m)];
      expect({ ...a, rulesChecked: 0 }).toEqual({ ...b, rulesChecked: 0 });
      expect(a.rulesChecked).toBeLessThanOrEqual(b.rulesChecked);
    }
  });
});
