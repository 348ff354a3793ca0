import { describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/engine.js';
import type { EngineEvent } from '../../engine/engine-events.js';
import { MemoryAwardStore } from '../../stores/memory/memory-award-store.js';
import { MemoryHistoryStore } from '../../stores/memory/memory-history-store.js';
import { compileRuleText, message, ruleYaml } from '../../testing/helpers.js';
import { loadRuleSource } from '../load/load-rule-source.js';
import { formatIssue } from '../rule-issue.js';

/** A 1.x rule on topic a.b whose count is at least 1 (the current message), with this recipient. */
const v1 = (recipient: string, filter = 'topics: ["%(topic)s"]'): string => ruleYaml('One', `trigger:
  topic: a.b
criteria:
  datanommer:
    filter: {${filter}}
    operation: count
    condition: {greater than or equal to: 1}
${recipient}`);

async function awarded(rule: string, body: unknown, usernames: string[] = []): Promise<{ users: string[]; events: EngineEvent[] }> {
  const events: EngineEvent[] = [];
  const engine = createEngine({ rules: [compileRuleText(rule)], history: new MemoryHistoryStore(), awards: new MemoryAwardStore(), options: { logger: (e) => events.push(e) } });
  const made = await engine.process(message('a.b', body, { usernames }));
  return { users: made.map((a) => a.user).sort(), events };
}

describe('1.x recipients as a list of templates', () => {
  it('fills in each template and makes every user a candidate (fedbadges: {toshio, ralph})', async () => {
    const rule = v1('recipient: ["%(msg.agent.username)s", "%(msg.user.username)s"]');
    expect((await awarded(rule, { agent: { username: 'Toshio' }, user: { username: 'ralph' } })).users).toEqual(['ralph', 'toshio']);
  });

  it('gives no one when a template names a key the message lacks, as the KeyError does in fedbadges', async () => {
    const rule = v1('recipient: ["%(msg.agent.username)s", "%(msg.nobody)s"]');
    expect((await awarded(rule, { agent: { username: 'toshio' } })).users).toEqual([]);
  });

  it('skips a None and a repeated name, and converts every item', async () => {
    const rule = v1('recipient: ["%(msg.a)s", "%(msg.b)s", "%(msg.c)s"]\nrecipient_krb2fas: "Yes"');
    expect((await awarded(rule, { a: null, b: 'ralph/admin@FEDORAPROJECT.ORG', c: 'ralph' })).users).toEqual(['ralph']);
  });

  it('skips, with a warning, an item whose value is a list (fedbadges cannot hash it and gives no one)', async () => {
    const { users, events } = await awarded(v1('recipient: ["%(usernames)s", "%(msg.owner)s"]'), { owner: 'ralph' }, ['toshio']);
    expect(users).toEqual(['ralph']);
    expect(events.map((e) => `${e.level} ${e.kind} ${e.line}:${e.column} ${e.text}`)).toEqual(["warn invalid-value 13:12 recipient values that are not names were ignored: ['toshio']"]);
  });

  it('takes an empty list as no recipient, as fedbadges tests it for truth: every username but the bots', async () => {
    expect((await awarded(v1('recipient: []'), {}, ['ralph', 'bodhi'])).users).toEqual(['ralph']);
  });

  it('points at an item that cannot be translated', () => {
    const { rule, issues } = loadRuleSource(v1('recipient:\n  - "%(msg.a)s"\n  - "%(msg.count)d"'), 'v1.yml');
    expect(rule).toBeNull();
    expect(issues.map(formatIssue)).toContainEqual('v1.yml:15:5: recipient[1]: this 1.x recipient cannot be translated (only strings and %(key)s templates can)');
  });

  it('is the 1.x form only: a 2.x rule is told to write one expression', () => {
    const { rule, issues } = loadRuleSource(ruleYaml('x', 'trigger:\n  topic: a.b\nrecipient: [message.agent_name]'), 'r.yml');
    expect(rule).toBeNull();
    expect(issues.map(formatIssue)).toEqual([expect.stringMatching(/^r\.yml:8:12: recipient: must be a string, one expression .*fedbadges 1\.x form/)]);
  });
});

describe("%(usernames)s and the rest of fedbadges 2.1's substitutions", () => {
  it('is the message usernames, each a candidate, not lower-cased (fedbadges adds them after lower-casing the body)', async () => {
    expect((await awarded(v1('recipient: "%(usernames)s"'), {}, ['Ralph', 'toshio'])).users).toEqual(['Ralph', 'toshio']);
    expect((await awarded(v1('recipient: ["%(usernames)s"]'), {}, [])).users).toEqual([]);
  });

  it("is Python's str() of the list inside a longer template, as % formatting renders it", async () => {
    expect((await awarded(v1('recipient: "by %(usernames)s"'), {}, ['a', 'b'])).users).toEqual(["by ['a', 'b']"]);
  });

  it('is flattened in a users filter, as fedbadges flattens a list there', async () => {
    const rule = v1('recipient: "%(msg.owner)s"', 'users: ["%(usernames)s"], topics: ["%(topic)s"]');
    const compiled = compileRuleText(rule);
    expect(compiled.previous!.filters.find((f) => f.key === 'users')!.items[0]!.expression.source).toBe('message.usernames');
    const history = new MemoryHistoryStore();
    const engine = createEngine({ rules: [compileRuleText(rule.replace('{greater than or equal to: 1}', '{greater than or equal to: 2}'))], history, awards: new MemoryAwardStore() });
    expect(await engine.process(message('a.b', { owner: 'x' }, { usernames: ['ralph'] }))).toEqual([]);
    expect((await engine.process(message('a.b', { owner: 'x' }, { usernames: ['toshio', 'ralph'] }))).map((a) => a.user)).toEqual(['x']);
  });

  it('keeps %(topic)s and %(msg)s, the other keys the substitution dict holds', async () => {
    expect((await awarded(v1('recipient: "%(msg)s"'), { ralph: 1, toshio: 2 })).users).toEqual(['ralph', 'toshio']);
    expect((await awarded(v1('recipient: "%(topic)s"'), {})).users).toEqual(['org.fedoraproject.prod.a.b']);
  });
});

describe("fedbadges' own example: recipient_krb2fas: \"Yes\"", () => {
  it('converts and awards, with the warning', async () => {
    const rule = v1('recipient: "%(msg.owner)s"\nrecipient_krb2fas: "Yes"');
    expect(loadRuleSource(rule, 'r.yml').issues.map((i) => `${i.severity} ${i.code}`)).toEqual(['warning legacy-rule', 'warning non-boolean-flag']);
    expect((await awarded(rule, { owner: 'ralph/admin' })).users).toEqual(['ralph']);
  });
});
