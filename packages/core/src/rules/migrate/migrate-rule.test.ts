import { describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/engine.js';
import type { Message } from '../../message/message.js';
import { MemoryAwardStore } from '../../stores/memory/memory-award-store.js';
import { MemoryHistoryStore } from '../../stores/memory/memory-history-store.js';
import { compileRuleText, message, ruleYaml } from '../../testing/helpers.js';
import { formatIssue } from '../rule-issue.js';
import { parseYaml } from '../yaml/yaml-document.js';
import { type MigrationResult, migrateRuleSource } from './migrate-rule.js';

/** A 1.x rule: metadata, this trigger and a datanommer query; `rest` follows the criteria. */
function v1(filter: string, { trigger = 'trigger:\n  topic: a.b', condition = 'greater than or equal to: 1', rest = '' } = {}): string {
  return ruleYaml('One', `${trigger}
criteria:
  datanommer:
    filter:
${filter.replace(/^/gm, '      ')}
    operation: count
    condition:
      ${condition}
${rest}`);
}

function migrated(source: string, file = 'r.yml'): Extract<MigrationResult, { status: 'migrated' }> {
  const result = migrateRuleSource(source, file);
  if (result.status !== 'migrated') throw new Error(`not migrated: ${JSON.stringify(result)}`);
  return result;
}

/** The migrated rule's value, as the loader reads it. */
function valueOf(text: string): Record<string, unknown> {
  const parsed = parseYaml(text, 'r.yml');
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.documents[0]!.value as Record<string, unknown>;
}

/** `user badge message` for every award the rule gives over the messages, each stored before it is evaluated. */
async function awards(source: string, messages: readonly Message[]): Promise<string[]> {
  const engine = createEngine({ rules: [compileRuleText(source)], history: new MemoryHistoryStore(), awards: new MemoryAwardStore() });
  const out: string[] = [];
  for (const m of messages) for (const a of await engine.process(m)) out.push(`${a.user} ${a.badgeId} ${a.messageId}`);
  return out;
}

/** The original and the migrated rule award the same, and something. */
async function expectSameAwards(source: string, messages: readonly Message[]): Promise<string[]> {
  const before = await awards(source, messages);
  const after = await awards(migrated(source).text, messages);
  expect(after).toEqual(before);
  expect(before).not.toEqual([]);
  return after;
}

describe('criteria: {datanommer: ...}', () => {
  it('becomes previous (filter and operation) and condition, where criteria stood', () => {
    const { text } = migrated(v1('topics: ["%(topic)s"]', { rest: 'recipient: "%(msg.owner)s"' }));
    expect(text).toContain(`trigger:
  topic: a.b
previous:
  filter:
    topics: [message.topic.lower()]
  operation: count
condition:
  greater than or equal to: 1
recipient: "(lambda v: v.lower() if isinstance(v, str) else v)(message.body['owner'])"
`);
    expect(valueOf(text)).not.toHaveProperty('criteria');
  });

  it('counts the same messages', async () => {
    const rule = v1('topics: ["%(topic)s"]\nusers: ["%(msg.owner)s"]', { condition: 'greater than or equal to: 2', rest: 'recipient: "%(msg.owner)s"' });
    const messages = [message('a.b', { owner: 'ralph' }, { usernames: ['ralph'] }), message('a.b', { owner: 'toshio' }, { usernames: ['toshio'] }), message('a.b', { owner: 'Ralph' }, { usernames: ['ralph'] })];
    expect(await expectSameAwards(rule, messages)).toEqual([`ralph one ${messages[2]!.id}`]);
  });

  it('carries a condition lambda and every phrase over as it is', async () => {
    expect(valueOf(migrated(v1('topics: ["%(topic)s"]', { condition: 'lambda: value != 0 and ((value & (value - 1)) == 0)' })).text)['condition'])
      .toEqual({ lambda: 'value != 0 and ((value & (value - 1)) == 0)' });
    expect(valueOf(migrated(v1('topics: ["%(topic)s"]', { condition: '"is not equal to": 3' })).text)['condition']).toEqual({ 'is not equal to': 3 });
    await expectSameAwards(v1('topics: ["%(topic)s"]', { condition: 'lambda: value == 2' }), [message('a.b', {}, { usernames: ['a'] }), message('a.b', {}, { usernames: ['b'] })]);
  });

  it('keeps a flow-style criteria in flow style', () => {
    const source = ruleYaml('Flow', 'trigger: {topic: a.b}\ncriteria: {datanommer: {filter: {topics: ["%(topic)s"]}, operation: count, condition: {greater than: 0}}}');
    expect(migrated(source).text).toContain('trigger: {topic: a.b}\nprevious: {filter: {topics: [message.topic.lower()]}, operation: count}\ncondition: {greater than: 0}\n');
  });
});

describe('filter values', () => {
  const filterOf = (filter: string): unknown => (valueOf(migrated(v1(filter)).text)['previous'] as { filter: unknown }).filter;

  it('writes a %(msg.x.y)s template over message.body, lower-casing strings as 1.x did', async () => {
    expect(filterOf('users: ["%(msg.commit.username)s"]')).toEqual({ users: ["(lambda v: v.lower() if isinstance(v, str) else v)(message.body['commit']['username'])"] });
    const rule = v1('users: ["%(msg.commit.username)s"]', { condition: 'greater than or equal to: 2', rest: 'recipient: "%(msg.commit.username)s"' });
    await expectSameAwards(rule, [message('a.b', { commit: { username: 'Ralph' } }, { usernames: ['ralph'] }), message('a.b', { commit: { username: 'RALPH' } }, { usernames: ['ralph'] })]);
  });

  it('writes %(topic)s as message.topic.lower(), and other envelope keys over msg', () => {
    expect(filterOf('topics: ["%(topic)s"]\nagents: ["%(msg_id)s"]')).toEqual({
      topics: ['message.topic.lower()'], agents: ["(lambda v: v.lower() if isinstance(v, str) else v)(msg['msg_id'])"],
    });
  });

  it('writes %(usernames)s as message.usernames, not lower-cased, and str() of it inside a longer string', async () => {
    expect(filterOf('users: ["%(usernames)s"]\ncontains: ["by %(usernames)s!"]')).toEqual({
      users: ['message.usernames'], contains: ["'by ' + str(message.usernames) + '!'"],
    });
    await expectSameAwards(v1('users: ["%(usernames)s"]', { rest: 'recipient: "%(usernames)s"' }), [message('a.b', {}, { usernames: ['Ralph', 'toshio'] })]);
  });

  it('quotes a literal as a Python string, since a 2.x filter value is an expression', async () => {
    expect(filterOf('topics: [org.fedoraproject.prod.a.b]')).toEqual({ topics: ["'org.fedoraproject.prod.a.b'"] });
    await expectSameAwards(v1('topics: [org.fedoraproject.prod.a.b]'), [message('a.b', {}, { usernames: ['ralph'] })]);
  });

  it('writes a {lambda: E} value as E, with a note when E reads msg', async () => {
    const source = v1('users:\n  - {lambda: "msg[\'msg\'][\'owner\']"}');
    const { text, notes } = migrated(source);
    expect((valueOf(text)['previous'] as { filter: unknown }).filter).toEqual({ users: ["msg['msg']['owner']"] });
    expect(notes.filter((n) => n.code === 'uses-msg').map((n) => `${n.line}:${n.column} ${n.path}`)).toEqual(['12:20 criteria.datanommer.filter.users[0].lambda']);
    await expectSameAwards(source, [message('a.b', { owner: 'ralph' }, { usernames: ['ralph'] }), message('a.b', { owner: 'toshio' }, { usernames: ['ralph'] })]);
  });

  it('leaves a single value a single value, and numbers as they are', () => {
    expect(filterOf('users: "%(usernames)s"\nrows_per_page: 10')).toEqual({ users: 'message.usernames', rows_per_page: 10 });
  });

  it('notes the lower-casing once, at the first template that does it', () => {
    const notes = migrated(v1('users: ["%(msg.a)s", "%(msg.b)s"]')).notes.filter((n) => n.code === 'lower-cased');
    expect(notes.map((n) => `${n.line}:${n.column} ${n.path}`)).toEqual(['11:15 criteria.datanommer.filter.users[0]']);
    expect(migrated(v1('topics: ["%(topic)s"]\nusers: ["%(usernames)s"]')).notes.filter((n) => n.code === 'lower-cased')).toEqual([]);
  });
});

describe('recipient', () => {
  const recipientOf = (rest: string): unknown => valueOf(migrated(v1('topics: ["%(topic)s"]', { rest })).text)['recipient'];

  it('turns a list of templates into one list expression, each a candidate', async () => {
    const rest = 'recipient: ["%(msg.agent)s", "%(msg.user)s"]';
    expect(recipientOf(rest)).toBe("[(lambda v: v.lower() if isinstance(v, str) else v)(message.body['agent']), (lambda v: v.lower() if isinstance(v, str) else v)(message.body['user'])]");
    expect(await expectSameAwards(v1('topics: ["%(topic)s"]', { rest }), [message('a.b', { agent: 'Toshio', user: 'ralph' })])).toHaveLength(2);
  });

  it("writes out 1.x's default when there is none (every username but the service accounts), with a comment and a note", async () => {
    const source = v1('topics: ["%(topic)s"]');
    const { text, notes } = migrated(source);
    expect(text).toMatch(/\n# fedbadges 1\.x awarded every username of the message but its service accounts\nrecipient: "\[u for u in message\.usernames if u not in \('bodhi', 'oscar', 'apache', 'koji', 'taskotron'\)\]"\n$/);
    expect(notes.find((n) => n.code === 'default-recipient')).toMatchObject({ line: 8, column: 1, path: 'criteria' });
    expect(await expectSameAwards(source, [message('a.b', {}, { agent_name: 'bodhi', usernames: ['bodhi', 'lmacken', 'koji'] })])).toEqual([expect.stringMatching(/^lmacken one /)]);
  });

  it('takes an empty list for none, as fedbadges tests it for truth', async () => {
    const source = v1('topics: ["%(topic)s"]', { rest: 'recipient: []' });
    expect(recipientOf('recipient: []')).toMatch(/^\[u for u in message\.usernames/);
    await expectSameAwards(source, [message('a.b', {}, { usernames: ['ralph', 'bodhi'] })]);
  });

  it('keeps the converter flags as they are', async () => {
    const source = v1('topics: ["%(topic)s"]', { rest: 'recipient: "%(msg.owner)s"\nrecipient_krb2fas: "Yes"' });
    expect(valueOf(migrated(source).text)['recipient_krb2fas']).toBe('Yes');
    expect(migrated(source).warnings.map((w) => `${w.line}:${w.column} ${w.code}`)).toEqual(['16:20 non-boolean-flag']);
    expect(await expectSameAwards(source, [message('a.b', { owner: 'ralph/admin@FEDORAPROJECT.ORG' })])).toEqual([expect.stringMatching(/^ralph one /)]);
  });
});

describe('triggers', () => {
  it('are kept; a lambda reading msg gets a note where it is', () => {
    const source = v1('topics: ["%(topic)s"]', { trigger: "trigger:\n  all:\n    - topic: a.b\n    - lambda: msg['msg']['x'] == 1\n    - lambda: message.body['y'] == 2" });
    const { text, notes } = migrated(source);
    expect(valueOf(text)['trigger']).toEqual({ all: [{ topic: 'a.b' }, { lambda: "msg['msg']['x'] == 1" }, { lambda: "message.body['y'] == 2" }] });
    expect(notes.filter((n) => n.code === 'uses-msg').map(formatNote)).toEqual(["r.yml:9:15 trigger.all[1].lambda"]);
  });
});

const formatNote = (n: { file: string; line: number; column: number; path: string }): string => `${n.file}:${n.line}:${n.column} ${n.path}`;

describe('comments and layout', () => {
  const commented = `%YAML 1.2
---
# The badge
name:           Commented
description:    d
creator:        c
discussion:     https://e.org/d
image_url:      https://e.org/i.png

trigger:
  topic: a.b   # any a.b
# what counts
criteria:   # the 1.x way
  # from datanommer
  datanommer:
    # this user's messages
    filter:
      topics:
        - "%(topic)s"   # same topic
      users: ["%(msg.owner)s"]
    operation: count   # count them
    condition:
      # at least two
      greater than or equal to: 2
    # end of the query
# who gets it
recipient: "%(msg.owner)s"   # the owner
recipient_krb2fas: yes
# the end
`;

  it('keeps every comment, each once', () => {
    const { text } = migrated(commented);
    const comments = (s: string): string[] => [...s.matchAll(/# ?(.*)$/gm)].map((m) => m[1]!.trim()).sort();
    expect(comments(text)).toEqual(comments(commented));
  });

  it('keeps every line outside criteria and recipient as it was, the directive included', () => {
    const { text } = migrated(commented);
    const untouched = commented.split('\n').filter((l, i, all) => i < all.indexOf('criteria:   # the 1.x way') || l.startsWith('recipient_') || l === '# the end' || l === '# who gets it');
    for (const line of untouched) expect(text.split('\n')).toContain(line);
    expect(text.startsWith('%YAML 1.2\n---\n# The badge\nname:           Commented\n')).toBe(true);
  });

  it('puts the comments of criteria and datanommer on previous, the rest with their nodes, and those after it one level out, as the query moved', () => {
    expect(migrated(commented).text).toContain(`# what counts
previous:
  # the 1.x way
  # from datanommer
  # this user's messages
  filter:
    topics:
      - message.topic.lower() # same topic
`);
    expect(migrated(commented).text).toContain(`  greater than or equal to: 2
  # end of the query
# who gets it
recipient: "(lambda v: v.lower() if isinstance(v, str) else v)(message.body['owner'])" # the owner
`);
  });

  it('follows the file: its indentation, CRLF line ends and byte order mark', () => {
    const four = v1('topics: ["%(topic)s"]').replace(/^( +)/gm, (s) => s + s);
    expect(migrated(four).text).toContain('previous:\n    filter:\n        topics: [message.topic.lower()]\n    operation: count\ncondition:\n    greater than or equal to: 1\n');
    const crlf = `\uFEFF${v1('topics: ["%(topic)s"]').replace(/\n/g, '\r\n')}`;
    const { text } = migrated(crlf);
    expect(text.startsWith('\uFEFFname: One\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  });
});

describe('where the pairs stand', () => {
  it('rewrites a recipient written before the criteria, in its place, and adds no line break the file did not end with', () => {
    const source = ruleYaml('Order', 'trigger:\n  topic: a.b\nrecipient: "%(msg.x)s"\ncriteria:\n  datanommer:\n    filter:\n      topics: ["%(topic)s"]\n    operation: count\n    condition:\n      equal to: 1').trimEnd();
    expect(migrated(source).text.split('\n').slice(7)).toEqual([
      'recipient: "(lambda v: v.lower() if isinstance(v, str) else v)(message.body[\'x\'])"',
      'previous:', '  filter:', '    topics: [message.topic.lower()]', '  operation: count', 'condition:', '  equal to: 1',
    ]);
  });

  it('keeps a block scalar condition lambda a block scalar', () => {
    const { text } = migrated(v1('topics: ["%(topic)s"]', { condition: 'lambda: |\n        value > 0\n        and value < 5' }));
    expect(text).toContain('condition:\n  lambda: |\n    value > 0\n    and value < 5\n');
  });

  it('rewrites a value reached through an alias in that place only', async () => {
    const source = v1('topics: &t ["%(topic)s"]\nnot_topics: *t\nusers: [&u "%(msg.x)s"]', { rest: 'recipient: *u' });
    const value = valueOf(migrated(source).text);
    expect(value['previous']).toEqual({ filter: { topics: ['message.topic.lower()'], not_topics: ['message.topic.lower()'], users: ["(lambda v: v.lower() if isinstance(v, str) else v)(message.body['x'])"] }, operation: 'count' });
    expect(value['recipient']).toBe("(lambda v: v.lower() if isinstance(v, str) else v)(message.body['x'])");
    const cleared = source.replace('not_topics: *t\n      ', '');
    await expectSameAwards(cleared, [message('a.b', { x: 'Ralph' }, { usernames: ['ralph'] })]);
  });

  it('writes a rule that is one flow mapping out whole, as one flow mapping', () => {
    const source = '{name: Flow, description: d, creator: c, discussion: https://e.org/d, image_url: https://e.org/i.png, trigger: {topic: a.b}, criteria: {datanommer: {filter: {topics: ["%(topic)s"]}, operation: count, condition: {equal to: 1}}}, recipient: "%(usernames)s"}\n';
    expect(migrated(source).text).toMatch(/^\{name: Flow, .*, trigger: \{topic: a\.b\}, previous: \{filter: \{topics: \[message\.topic\.lower\(\)\]\}, operation: count\}, condition: \{equal to: 1\}, recipient: message\.usernames\}\n$/);
  });
});

describe('what is not migrated', () => {
  it('leaves a 2.x rule alone', () => {
    expect(migrateRuleSource(ruleYaml('Two', 'trigger:\n  topic: a.b\nprevious:\n  filter:\n    topics: [message.topic]'), 'r.yml')).toEqual({ status: 'current' });
  });

  it('is idempotent: a migrated rule is a 2.x rule', () => {
    expect(migrateRuleSource(migrated(v1('topics: ["%(topic)s"]')).text, 'r.yml')).toEqual({ status: 'current' });
  });

  it('reports a rule that does not load, as validate does, without the advice to migrate it', () => {
    const source = v1('topics: ["%(topic)s"]').replace('operation: count', 'operation:\n      query_count: 2');
    const result = migrateRuleSource(source, 'r.yml');
    expect(result.status).toBe('invalid');
    expect(result.status === 'invalid' ? result.issues.map(formatIssue) : []).toEqual([
      'r.yml:13:7: criteria.datanommer.operation: 1.x operations other than count ran on a SQLAlchemy query and cannot be translated; use the 2.x form: operation: {lambda: ... over results}',
    ]);
  });

  it('refuses, rather than write a different rule, when an alias outside the criteria names a value it rewrites', () => {
    const source = v1('users: [&u "%(msg.x)s"]', { rest: 'tags: [*u]' });
    expect(() => migrateRuleSource(source, 'r.yml')).toThrow(expect.objectContaining({
      name: 'MigrationError', code: 'unfaithful-migration', file: 'r.yml', message: expect.stringMatching(/does not load as a 2\.x rule: .*unidentified alias "u"/),
    }));
  });

  it('reports YAML that does not parse', () => {
    const result = migrateRuleSource('name: [unclosed\n', 'r.yml');
    expect(result.status === 'invalid' ? result.issues.map(formatIssue) : result).toEqual([expect.stringMatching(/^r\.yml:\d+:\d+: YAML syntax error/)]);
  });
});
