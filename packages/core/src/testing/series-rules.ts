import type { Message } from '../message/message.js';
import type { EngineConfig } from '../engine/engine.js';
import type { EngineEvent } from '../engine/engine-events.js';
import { MemoryAwardStore } from '../stores/memory/memory-award-store.js';
import { MemoryHistoryStore } from '../stores/memory/memory-history-store.js';
import { MemoryUserDirectory } from '../stores/memory/memory-user-directory.js';
import { compileRuleText, message, ruleYaml } from './helpers.js';

/** A series (same trigger, recipient and previous; thresholds differ), as Fedora's rules mostly are. */
const series = (title: string, body: string, thresholds: number[], condition = 'greater than or equal to'): string[] =>
  thresholds.map((n, i) => ruleYaml(`${title} ${i + 1}`, `${body}\ncondition: {${condition}: ${n}}`));

export const SERIES_RULES: string[] = [
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
export function seriesStream(n: number): Message[] {
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

/** Fresh in-memory stores for the series rules; expression failures go to `events`. */
export function seriesEngineConfig(events: EngineEvent[] = []): EngineConfig {
  return {
    rules: SERIES_RULES.map((text, i) => compileRuleText(text, `rules/r${String(i).padStart(2, '0')}.yml`)),
    history: new MemoryHistoryStore(),
    awards: new MemoryAwardStore(),
    users: new MemoryUserDirectory({ aliases: { nick: Object.fromEntries(PEOPLE.map((p) => [`${p}_irc`, p])) } }),
    options: { skipUsers: ['bodhi'], logger: (e) => { events.push(e); } },
  };
}
