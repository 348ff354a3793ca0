import { describe, expect, it } from 'vitest';
import type { HistoryQuery, HistoryStore } from '../stores/history-store.js';
import { MemoryAwardStore } from '../stores/memory/memory-award-store.js';
import { MemoryHistoryStore } from '../stores/memory/memory-history-store.js';
import { MemoryUserDirectory } from '../stores/memory/memory-user-directory.js';
import { compileRuleText, message, ruleYaml } from '../testing/helpers.js';
import type { EngineEvent } from './engine-events.js';
import { type EngineConfig, createEngine } from './engine.js';

type Setup = Partial<Omit<EngineConfig, 'rules' | 'options'>> & { events?: EngineEvent[]; skipUsers?: string[]; limits?: Record<string, number> };

function engineFor(rules: string[], setup: Setup = {}) {
  const events = setup.events ?? [];
  const history = setup.history ?? new MemoryHistoryStore();
  const awards = (setup.awards as MemoryAwardStore | undefined) ?? new MemoryAwardStore();
  const { skipUsers, limits, users } = setup;
  const engine = createEngine({
    rules: rules.map((r, i) => compileRuleText(r, `rule-${i}.yml`)),
    history,
    awards,
    ...(users ? { users } : {}),
    options: { ...(skipUsers ? { skipUsers } : {}), ...(limits ? { limits } : {}), logger: (e) => events.push(e) },
  });
  const run = async (...messages: ReturnType<typeof message>[]): Promise<string[]> => {
    const out: string[] = [];
    for (const m of messages) for (const a of await engine.process(m)) out.push(`${a.badgeId}:${a.user}`);
    return out;
  };
  return { engine, run, events, history, awards };
}

const badge = (name: string, body: string): string => ruleYaml(name, body);

describe('triggers', () => {
  const rules = [
    badge('Topic', 'trigger:\n  topic: bodhi.update.comment'),
    badge('Category', 'trigger:\n  category: git'),
    badge('Any category', 'trigger:\n  category: {any: [koji, wiki]}'),
    badge('Lambda', 'trigger:\n  lambda: message.body["karma"] > 0'),
    badge('All', 'trigger:\n  all:\n    - category: bodhi\n    - lambda: "\'critpath\' in message.body.get(\'tags\', [])"'),
    badge('Not', 'trigger:\n  all:\n    - category: meetbot\n    - not: {topic: meeting.start}'),
  ];

  it.each([
    ['bodhi.update.comment', {}, ['topic:u']],
    ['org.fedoraproject.stg.bodhi.update.comment', {}, ['topic:u']],
    ['git.receive', {}, ['category:u']],
    ['buildsys.build.state.change', {}, []],
    ['koji.build', {}, ['any-category:u']],
    ['wiki.article.edit', {}, ['any-category:u']],
    ['bodhi.update.karma', { karma: 1 }, ['lambda:u']],
    ['bodhi.update.karma', { karma: -1 }, []],
    ['bodhi.update.request', { tags: ['critpath'] }, ['all:u']],
    ['bodhi.update.request', { tags: [] }, []],
    ['meetbot.meeting.complete', {}, ['not:u']],
    ['meetbot.meeting.start', {}, []],
  ])('%s %j', async (topic, body, expected) => {
    const { run } = engineFor(rules);
    expect(await run(message(topic, body, { agent_name: 'u' }))).toEqual(expected);
  });

  it('treats a missing key in a lambda trigger as no match, quietly', async () => {
    const { run, events, engine } = engineFor(rules);
    expect(await run(message('copr.build.end', {}, { agent_name: 'u' }))).toEqual([]);
    expect(events.map((e) => [e.level, e.kind])).toEqual([['debug', 'key-error']]);
    expect(engine.stats.keyErrors).toBe(1);
  });

  it('matches a topic by suffix, as fedbadges does', async () => {
    const { run } = engineFor([badge('Suffix', 'trigger:\n  topic: it.receive')]);
    expect(await run(message('git.receive', {}, { agent_name: 'u' }))).toEqual(['suffix:u']);
  });
});

describe('candidates', () => {
  it('defaults to the agent and accepts strings, lists, dict keys and pagure-style {name: ...}', async () => {
    const rules = [
      badge('Agent', 'trigger:\n  topic: a.b'),
      badge('List', 'trigger:\n  topic: a.b\nrecipient: message.body["people"]'),
      badge('Keys', 'trigger:\n  topic: a.b\nrecipient: message.body["attendees"]'),
      badge('Authors', 'trigger:\n  topic: a.b\nrecipient: message.body["authors"]'),
      badge('Nobody', 'trigger:\n  topic: a.b\nrecipient: None'),
    ];
    const { run } = engineFor(rules);
    const body = { people: ['x', 'y', 'x', null], attendees: { zed: 3, amy: 1 }, authors: [{ name: 'pat' }] };
    expect(await run(message('x.y.z.a.b', body, { agent_name: 'ag' }))).toEqual([
      'agent:ag', 'list:x', 'list:y', 'keys:amy', 'keys:zed', 'authors:pat',
    ]);
  });

  it('drops skipped users, addresses, holders, opted-out and unknown accounts before counting', async () => {
    const awards = new MemoryAwardStore({ awards: [{ badgeId: 'b', user: 'holder' }], optedOut: ['shy'] });
    const users = new MemoryUserDirectory({ users: ['ok', 'holder', 'shy', 'bot'] });
    const history: HistoryStore & { queries: HistoryQuery[] } = Object.assign(new MemoryHistoryStore(), { queries: [] as HistoryQuery[] });
    const count = history.count.bind(history);
    history.count = (q) => { history.queries.push(q); return count(q); };
    const { run } = engineFor([badge('B', 'trigger:\n  topic: a.b\nrecipient: message.body["who"]\nprevious:\n  filter:\n    users: [recipient]')], { awards, users, history, skipUsers: ['bot'] });
    const who = ['ok', 'holder', 'shy', 'bot', 'ghost', '10.0.0.1', '192.168.1.1', '2001:db8::1'];
    expect(await run(message('a.b', { who }, { usernames: who }))).toEqual(['b:ok']);
    expect(history.queries.map((q) => q.users)).toEqual([['ok']]);
  });

  it('converts recipients through the user directory', async () => {
    const users = new MemoryUserDirectory({ aliases: { nick: { ralph_irc: 'ralph' } } });
    const { run } = engineFor([
      badge('Nick', 'trigger:\n  topic: a.b\nrecipient: message.body["nicks"]\nrecipient_nick2fas: true'),
      badge('OpenID', 'trigger:\n  topic: a.b\nrecipient: message.body["openid"]\nrecipient_openid2fas: true'),
    ], { users });
    expect(await run(message('a.b', { nicks: ['ralph_irc', 'unknown'], openid: 'https://lmacken.id.fedoraproject.org' }))).toEqual(['nick:ralph', 'openid:lmacken']);
  });
});

describe('previous and condition', () => {
  const series = (n: number): string => badge(`Commenter ${n}`, `trigger:
  topic: bodhi.update.comment
previous:
  filter:
    topics: [message.topic]
    users: [recipient]
  operation: count
condition:
  greater than or equal to: ${n}`);

  it('counts include the current message, so a threshold of 1 fires on the first', async () => {
    const { run } = engineFor([series(1), series(3)]);
    const c = (): ReturnType<typeof message> => message('bodhi.update.comment', {}, { agent_name: 'ralph', usernames: ['ralph'] });
    expect(await run(c())).toEqual(['commenter-1:ralph']);
    expect(await run(c())).toEqual([]);
    expect(await run(c())).toEqual(['commenter-3:ralph']);
    expect(await run(c())).toEqual([]);
  });

  it('runs a query shared by several rules once per message', async () => {
    let counted = 0;
    const history = new MemoryHistoryStore();
    const count = history.count.bind(history);
    history.count = (q) => { counted++; return count(q); };
    const { run } = engineFor([series(1), series(2), series(5)], { history });
    await run(message('bodhi.update.comment', {}, { agent_name: 'ralph', usernames: ['ralph'] }));
    expect(counted).toBe(1);
  });

  it('runs a lambda operation over the matching rows', async () => {
    const rule = badge('Karma', `trigger:
  topic: bodhi.update.comment
previous:
  filter:
    topics: [message.topic]
    users: [recipient]
  operation:
    lambda: len(set(r.msg["update"]["title"] for r in results if r.users[0].name == recipient))
condition:
  greater than or equal to: 2`);
    const { run } = engineFor([rule]);
    const c = (title: string): ReturnType<typeof message> => message('bodhi.update.comment', { update: { title } }, { agent_name: 'ralph', usernames: ['ralph'] });
    expect(await run(c('a'), c('a'))).toEqual([]);
    expect(await run(c('b'))).toEqual(['karma:ralph']);
  });

  it('counts 0 when a filter expression misses a key', async () => {
    const rule = badge('Zero', 'trigger:\n  topic: a.b\nprevious:\n  filter:\n    users:\n      - message.body["nope"]\ncondition:\n  equal to: 0');
    const { run } = engineFor([rule]);
    expect(await run(message('a.b', {}, { agent_name: 'u' }))).toEqual(['zero:u']);
  });

  it.each([
    ['is greater than or equal to', 2, [false, true, true]],
    ['greater than or equal to', 2, [false, true, true]],
    ['greater than', 2, [false, false, true]],
    ['is less than or equal to', 2, [true, true, false]],
    ['less than or equal to', 2, [true, true, false]],
    ['less than', 2, [true, false, false]],
    ['equal to', 2, [false, true, false]],
    ['is equal to', 2, [false, true, false]],
    ['is not', 2, [true, false, true]],
    ['is not equal to', 2, [true, false, true]],
  ] as const)('condition %s %d', async (phrase, threshold, expected) => {
    const outcomes: boolean[] = [];
    for (const count of [1, 2, 3]) {
      const earlier = Array.from({ length: count - 1 }, () => message('a.b', {}, { agent_name: 'u', usernames: ['u'] }));
      const { run } = engineFor([badge('C', `trigger:\n  topic: a.b\nprevious:\n  filter:\n    users: [recipient]\ncondition:\n  ${phrase}: ${threshold}`)], { history: new MemoryHistoryStore(earlier) });
      outcomes.push((await run(message('a.b', {}, { agent_name: 'u', usernames: ['u'] }))).length > 0);
    }
    expect(outcomes).toEqual(expected);
  });

  it('evaluates a lambda condition over value', async () => {
    const { run } = engineFor([badge('Power', 'trigger:\n  topic: a.b\nprevious:\n  filter:\n    users: [recipient]\ncondition:\n  lambda: value != 0 and ((value & (value - 1)) == 0)')]);
    const results: number[] = [];
    for (let i = 1; i <= 9; i++) if ((await run(message('a.b', {}, { agent_name: `u${i}`, usernames: [`u${i}`] }))).length) results.push(i);
    expect(results).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('awards', () => {
  it('are given at most once per badge and user, also when a message is redelivered', async () => {
    const { run, awards } = engineFor([badge('Once', 'trigger:\n  topic: a.b')]);
    const m = message('a.b', {}, { agent_name: 'u' });
    expect(await run(m, m, message('a.b', {}, { agent_name: 'u' }))).toEqual(['once:u']);
    expect(awards.list().map((a) => `${a.badgeId}:${a.user}:${a.messageId}`)).toEqual([`once:u:${m.id}`]);
  });
});

describe('failure isolation', () => {
  it('a rule whose expression fails gives nothing for that message; the other rules go on', async () => {
    const events: EngineEvent[] = [];
    const { run, engine } = engineFor([
      badge('Broken', 'trigger:\n  topic: a.b\nrecipient: message.body["n"] + "x"'),
      badge('Fine', 'trigger:\n  topic: a.b'),
    ], { events });
    expect(await run(message('a.b', { n: 1 }, { agent_name: 'u' }))).toEqual(['fine:u']);
    expect(engine.stats.expressionErrors).toBe(1);
    expect(events).toEqual([expect.objectContaining({
      level: 'warn', kind: 'expression-error', badgeId: 'broken', file: 'rule-0.yml', line: 8, column: 30, path: 'recipient',
      text: "TypeError: unsupported operand type(s) for +: 'int' and 'str'",
    })]);
  });

  it('a runaway expression hits the step limit instead of hanging', async () => {
    const { run, events } = engineFor([badge('Slow', 'trigger:\n  lambda: sum(x for x in range(10**9)) > 0')], { limits: { maxSteps: 10_000 } });
    expect(await run(message('a.b', {}, { agent_name: 'u' }))).toEqual([]);
    expect(events[0]?.text).toMatch(/^limit reached: evaluation took more than 10000 steps/);
  });
});

describe('explain', () => {
  it('reports candidates, the query, the count and the condition, and awards nothing', async () => {
    const { engine, awards } = engineFor([badge('E', 'trigger:\n  topic: a.b\nrecipient: message.body["who"]\nprevious:\n  filter:\n    users: [recipient]\ncondition:\n  greater than: 1')], { skipUsers: ['bot'] });
    const e = await engine.explain(message('a.b', { who: ['u', 'bot'] }, { usernames: ['u'] }));
    expect(e.rules).toEqual([expect.objectContaining({
      badgeId: 'e', recipients: ['u', 'bot'], awarded: [],
      candidates: [
        { user: 'bot', dropped: 'in the skip list' },
        { user: 'u', query: { users: ['u'] }, value: 1, condition: { description: 'greater than 1', passed: false } },
      ],
    })]);
    expect(awards.list()).toEqual([]);
  });
});

describe('raw messages', () => {
  it('accepts fedora-messaging JSON and derives identity through the registered schemas', async () => {
    const { MessageSchemaRegistry } = await import('../message/message-schema.js');
    const schemas = new MessageSchemaRegistry([{ topic: 'bodhi.update.comment', agent_name: ({ body }) => (body as { user: string }).user }]);
    const engine = createEngine({
      rules: [compileRuleText(badge('Raw', 'trigger:\n  topic: bodhi.update.comment'))],
      history: new MemoryHistoryStore(), awards: new MemoryAwardStore(), schemas,
    });
    const awards = await engine.process({ id: 'r1', topic: 'org.fedoraproject.prod.bodhi.update.comment', body: { user: 'ralph' } });
    expect(awards.map((a) => [a.badgeId, a.user, a.messageId])).toEqual([['raw', 'ralph', 'r1']]);
    // @ts-expect-error: a message without a topic does not compile; JSON read at run time is refused as well
    await expect(engine.process({ body: {} })).rejects.toThrow("'topic' must be a non-empty string");
  });
});
