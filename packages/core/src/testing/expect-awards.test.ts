import { AssertionError } from 'node:assert';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRuleSource } from '../rules/load/load-rule-source.js';
import { RuleError } from '../rules/rule-issue.js';
import { expectAwards } from './expect-awards.js';
import { type RuleRunOptions, runRules } from './run-rules.js';

const rule = (name: string, body: string): string => `name: ${name}
description: test badge
creator: tester
discussion: https://example.org/d
image_url: https://example.org/i.png
${body.trim()}
`;
const THIRD_COMMENT = rule('Third Comment', `
trigger: {topic: bodhi.update.comment}
recipient: message.agent_name
previous: {filter: {topics: [message.topic], users: [recipient]}, operation: count}
condition: {greater than or equal to: 3}`);
const FIRST_COMMENT = rule('First Comment', `
trigger: {topic: bodhi.update.comment}
recipient: message.agent_name`);

const TOPIC = 'org.fedoraproject.prod.bodhi.update.comment';
const comment = (id: string, user: string) => ({ id, topic: TOPIC, body: {}, agent_name: user, usernames: [user] });

/** The AssertionError expectAwards rejects with. */
async function rejection(run: Promise<unknown>): Promise<AssertionError> {
  const error = await run.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AssertionError);
  return error as AssertionError;
}

describe('expectAwards', () => {
  it('passes when the messages make exactly the awards expected, counting the history', async () => {
    const run = await expectAwards({
      rules: THIRD_COMMENT,
      history: [comment('h1', 'ralph'), comment('h2', 'ralph')],
      messages: [comment('m1', 'ralph'), comment('m2', 'bob')],
      awards: [{ badge_id: 'third-comment', user: 'ralph', message_id: 'm1' }],
    });
    expect(run.awards).toEqual([{ badge_id: 'third-comment', user: 'ralph', message_id: 'm1' }]);
  });

  it('fails with what is missing and what is unexpected, and both lists for a diff', async () => {
    const error = await rejection(expectAwards({
      rules: [FIRST_COMMENT, THIRD_COMMENT],
      messages: [comment('m1', 'ralph'), comment('m2', 'bob')],
      awards: [{ badge_id: 'first-comment', user: 'ralph' }, { badge_id: 'third-comment', user: 'ralph' }],
    }));
    expect(error.message.startsWith([
      'the rules made 2 awards, not the 2 expected:',
      '  missing     third-comment -> ralph',
      '  unexpected  first-comment -> bob (message m2)',
      '+ actual - expected',
    ].join('\n'))).toBe(true);
    expect(error.message).toContain("+     message_id: 'm2',");
    expect(error.actual).toEqual([{ badge_id: 'first-comment', user: 'bob', message_id: 'm2' }, { badge_id: 'first-comment', user: 'ralph' }]);
    expect(error.expected).toEqual([{ badge_id: 'first-comment', user: 'ralph' }, { badge_id: 'third-comment', user: 'ralph' }]);
  });

  it('checks the message of an award where the test names one', async () => {
    const error = await rejection(expectAwards({
      rules: FIRST_COMMENT, messages: [comment('m1', 'ralph')], awards: [{ badge_id: 'first-comment', user: 'ralph', message_id: 'm9' }],
    }));
    expect(error.message).toContain('missing     first-comment -> ralph (message m9)');
    expect(error.message).toContain('unexpected  first-comment -> ralph (message m1)');
  });

  it('fails on an expression failure, naming the rule file and line, even when the awards match', async () => {
    const broken = rule('Broken', `
trigger: {topic: bodhi.update.comment}
recipient: message.agent_name
condition: {lambda: 'value + "x"'}`);
    const error = await rejection(expectAwards({ rules: [FIRST_COMMENT, broken], messages: [comment('m1', 'ralph')], awards: [{ badge_id: 'first-comment', user: 'ralph' }] }));
    expect(error.message).toBe("1 expression failure:\n  rule-2.yml:8:28: condition.lambda: TypeError: unsupported operand type(s) for +: 'int' and 'str' (message m1)");
  });

  it('leaves out who already has the badge, who opted out and who is skipped', async () => {
    await expectAwards({
      rules: FIRST_COMMENT,
      messages: ['ann', 'bob', 'cy', 'dee'].map((u, i) => comment(`m${i}`, u)),
      existingAwards: [{ badge_id: 'first-comment', user: 'ann' }], optedOut: ['bob'], skipUsers: ['cy'],
      awards: [{ badge_id: 'first-comment', user: 'dee' }],
    });
    await expectAwards({ rules: FIRST_COMMENT, messages: [comment('m1', 'ann'), comment('m2', 'eve')], users: ['eve'], awards: [{ badge_id: 'first-comment', user: 'eve' }] });
  });
});

describe('runRules', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'accolade-run-rules-'));
    await writeFile(join(dir, 'first-comment.yml'), FIRST_COMMENT);
  });
  afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

  it('loads rules from a folder and gives the awards in the order they were made', async () => {
    const run = await runRules({ rules: dir, messages: [comment('m1', 'ralph'), comment('m2', 'bob'), comment('m3', 'ralph')] });
    expect(run).toEqual({
      awards: [{ badge_id: 'first-comment', user: 'ralph', message_id: 'm1' }, { badge_id: 'first-comment', user: 'bob', message_id: 'm2' }],
      failures: [],
    });
  });

  it('takes a folder, YAML text and compiled rules together, evaluated in the order given', async () => {
    const compiled = loadRuleSource(rule('Any Comment', 'trigger: {topic: bodhi.update.comment}\nrecipient: message.agent_name'), 'any.yml').rule!;
    const messages = [comment('m1', 'ralph'), comment('m2', 'ralph'), comment('m3', 'ralph')];
    const badges = async (rules: RuleRunOptions['rules']) => (await runRules({ rules, messages })).awards.map((a) => `${a.badge_id} ${a.message_id}`);
    expect(await badges([THIRD_COMMENT, dir, compiled])).toEqual(['first-comment m1', 'any-comment m1', 'third-comment m3']);
    expect(await badges([compiled, dir])).toEqual(['any-comment m1', 'first-comment m1']);
  });

  it('refuses two rules for one badge', async () => {
    const error = await runRules({ rules: [dir, FIRST_COMMENT], messages: [] }).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(RuleError);
    expect((error as RuleError).message).toContain("rule-1.yml:1:1: name: badge id 'first-comment' is already used by");
  });

  it('throws a RuleError listing the problems of an invalid rule', async () => {
    const error = await runRules({ rules: 'name: Nothing Else\ntrigger: {topic: a.b}\n', messages: [] }).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(RuleError);
    expect((error as RuleError).message).toMatch(/^\d+ problems? in badge rules:\nrule-1\.yml:/);
  });
});
