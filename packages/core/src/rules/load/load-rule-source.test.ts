import { describe, expect, it } from 'vitest';
import { issuesOf, ruleYaml, compileRuleText } from '../../testing/helpers.js';
import { formatIssue } from '../rule-issue.js';
import { loadRuleSource } from './load-rule-source.js';

const where = (source: string): string[] => issuesOf(source, 'r.yml').map(formatIssue);

describe('loading a rule', () => {
  it('compiles a valid 2.x rule with defaults', () => {
    const rule = compileRuleText(ruleYaml('Is this thing on? (I)', 'trigger:\n  topic: bodhi.update.comment'));
    expect(rule.badgeId).toBe('is-this-thing-on-i');
    expect(rule.recipient.expression.source).toBe('message.agent_name');
    expect(rule.condition).toMatchObject({ kind: 'phrase', phrase: 'greater than or equal to', threshold: 1 });
    expect(rule.previous).toBeNull();
  });

  it('reports a missing field at the top of the file', () => {
    expect(where('name: x\ntrigger:\n  topic: a\n')).toContain("r.yml:1:1: missing required field 'description'");
  });

  it('points at an unknown key with the allowed ones', () => {
    const lines = where(ruleYaml('x', 'trigger:\n  topic: a\nprevious:\n  filter:\n    user: [recipient]\n'));
    expect(lines).toEqual([expect.stringMatching(/^r\.yml:10:5: previous\.filter\.user: unknown field 'user'; expected one of: start, end, msg_id, users/)]);
  });

  it('rejects a trigger with two keys and says how to combine them', () => {
    const lines = where(ruleYaml('x', 'trigger:\n  topic: a\n  category: b\n'));
    expect(lines[0]).toMatch(/^r\.yml:7:3: trigger: has 2 keys \(topic, category\).*all: \[\.\.\.\]/);
  });

  it('points inside a lambda at the unknown name, with a suggestion', () => {
    const lines = where(ruleYaml('x', 'trigger:\n  all:\n    - topic: a\n    - lambda: "mesage.body[\'x\']"\n'));
    expect(lines).toEqual(["r.yml:9:16: trigger.all[1].lambda: NameError: name 'mesage' is not defined (did you mean 'message'?)"]);
  });

  it('points at the column of a syntax error in a plain scalar', () => {
    expect(where(ruleYaml('x', 'trigger:\n  lambda: message.body && True\n'))).toEqual([
      "r.yml:7:24: trigger.lambda: SyntaxError: '&&' is JavaScript; use 'and'",
    ]);
  });

  it('follows a folded block scalar to the offending line', () => {
    const source = ruleYaml('x', 'trigger:\n  lambda: >\n    message.topic.endswith("x")\n    and nope\n');
    expect(where(source)).toEqual(["r.yml:9:9: trigger.lambda: NameError: name 'nope' is not defined"]);
  });

  it.each([
    ['a literal block, where deeper indentation is part of the expression',
      'trigger:\n  lambda: |\n    message.body.get("x")\n      and nope\n', '9:11'],
    ['a folded block with a blank line', 'trigger:\n  lambda: >\n    message.topic\n\n    and nope\n', '10:9'],
    ['a plain scalar over CRLF lines with trailing spaces', 'trigger:\r\n  lambda: message.topic ==  \r\n    nope\r\n', '8:5'],
    ['a double-quoted scalar with an escaped line break', 'trigger:\n  lambda: "message.topic == \\\n    nope"\n', '8:5'],
    ['a double-quoted scalar with escapes before the error', 'trigger:\n  lambda: "\'\\u00e9\\U0001F600\\t\' + \\"x\\" + nope"\n', '7:43'],
    ["a single-quoted scalar with a doubled quote", "trigger:\n  lambda: 'message.topic == ''x'' or nope'\n", '7:38'],
  ])('points at the right character in %s', (_what, body, at) => {
    expect(where(ruleYaml('x', body))).toEqual([`r.yml:${at}: trigger.lambda: NameError: name 'nope' is not defined`]);
  });

  it('reports every problem, not only the first', () => {
    const source = ruleYaml('x', `trigger:
  lambda: foo
previous:
  filter:
    users: [bar]
  operation:
    lambda: len(baz)
condition:
  lambda: value >
recipient: qux`);
    const lines = where(source);
    expect(lines.map((l) => l.split(': ')[0]!.replace(/^r\.yml:/, ''))).toEqual(['7:11', '15:12', '10:13', '12:17', '14:18']);
  });

  it('checks the expressions of a rule whose shape is wrong elsewhere, in the same run', () => {
    const source = ruleYaml('x', `trigger:
  topic: a
  lambda: nope
previous:
  filter:
    users: [recipient, 3, bogus]
    user: [whatever]
  operation: {lambda: len(result)}
condition:
  lambda: 1 +
recipient: [not, a, string]`);
    expect(where(source).sort()).toEqual([
      "r.yml:11:27: previous.filter.users[2]: NameError: name 'bogus' is not defined",
      "r.yml:12:5: previous.filter.user: unknown field 'user'; expected one of: start, end, msg_id, users, not_users, packages, not_packages, categories, not_categories, topics, not_topics, agents, not_agents, contains, rows_per_page, page, order",
      "r.yml:13:27: previous.operation.lambda: NameError: name 'result' is not defined (did you mean 'results'?)",
      'r.yml:15:14: condition.lambda: SyntaxError: Expected a value but the expression ended',
      'r.yml:16:12: recipient: must be a string, one expression (e.g. [message.body["agent"], message.body["user"]]); a list of %(...)s templates is the fedbadges 1.x form, for rules with criteria:',
      'r.yml:7:3: trigger: has 2 keys (topic, lambda); it takes exactly one of: topic, category, lambda, all, any, not (combine several with all: [...])',
      "r.yml:8:11: trigger.lambda: NameError: name 'nope' is not defined",
    ]);
  });

  it('says one thing, at the right node, about a filter value of the wrong kind', () => {
    expect(where(ruleYaml('x', 'trigger:\n  topic: a\nprevious:\n  filter:\n    users:\n    packages: [recipient, {a: 1}]\n'))).toEqual([
      'r.yml:10:10: previous.filter.users: must be an expression or a list of expressions',
      'r.yml:11:27: previous.filter.packages[1]: must be a string or a number or true or false',
    ]);
  });

  it('refuses filter literals that are not quoted: they are names', () => {
    expect(where(ruleYaml('x', 'trigger:\n  topic: a\nprevious:\n  filter:\n    categories: [bodhi]\n'))).toEqual([
      "r.yml:10:18: previous.filter.categories[0]: NameError: name 'bodhi' is not defined",
    ]);
  });

  it('refuses calls outside the whitelist and dunder attributes at load', () => {
    const lines = where(ruleYaml('x', 'trigger:\n  any:\n    - lambda: open("/etc/passwd")\n    - lambda: message.__class__\n    - lambda: message.body.pop("x")\n'));
    expect(lines).toEqual([
      "r.yml:8:15: trigger.any[0].lambda: 'open' is not available in rule expressions",
      "r.yml:9:23: trigger.any[1].lambda: attribute '__class__' is not accessible in rule expressions",
      "r.yml:10:28: trigger.any[2].lambda: 'pop()' would change data in place; rules only read data (build a new value instead)",
    ]);
  });

  it('checks builtin arity and constant regular expressions at load', () => {
    const lines = where(ruleYaml('x', 'trigger:\n  any:\n    - lambda: len(1, 2)\n    - lambda: re.search("(a)\\\\1", message.topic)\n'));
    expect(lines[0]).toBe('r.yml:8:15: trigger.any[0].lambda: TypeError: len() takes exactly 1 positional argument (2 given)');
    expect(lines[1]).toMatch(/^r\.yml:9:25: trigger\.any\[1\]\.lambda: re\.error: backreferences are not supported/);
  });

  it('reports YAML syntax errors with their position', () => {
    expect(where('name: [x\ntrigger: y\n')[0]).toMatch(/^r\.yml:\d+:\d+: YAML syntax error: /);
  });

  it('reports empty files and several documents', () => {
    expect(where('')).toEqual(['r.yml:1:1: the file holds no rule']);
    expect(where('# only a comment\n')).toEqual(['r.yml:1:1: the file holds no rule']);
    expect(where('name: a\n---\nname: b\n')).toEqual(['r.yml:3:1: a rule file holds one YAML document; this one has 2']);
  });

  it('reports a file that is not a mapping', () => {
    expect(where('- a\n- b\n')).toEqual(['r.yml:1:1: a rule must be a mapping of fields (name, trigger, ...)']);
  });

  it('accepts the README forms: category any-of, not, numbers in filters', () => {
    const rule = compileRuleText(ruleYaml('x', `trigger:
  all:
    - category: {any: [bodhi, git]}
    - not: {topic: bodhi.update.request.testing}
previous:
  filter:
    users: [recipient]
    rows_per_page: 10
  operation: count
condition:
  is not: 3`));
    expect(rule.trigger).toMatchObject({ kind: 'all', children: [{ kind: 'any', children: [{ kind: 'category', value: 'bodhi' }, { kind: 'category', value: 'git' }] }, { kind: 'not' }] });
    expect(rule.condition).toMatchObject({ kind: 'phrase', phrase: 'is not', threshold: 3 });
  });

  it('reads YAML 1.1 scalars as PyYAML does', () => {
    const rule = compileRuleText(ruleYaml('x', 'trigger:\n  topic: a\nrecipient: message.agent_name\nrecipient_nick2fas: yes\n'));
    expect(rule.converters).toEqual(['nick']);
  });

  it('keeps __proto__ keys as data and rejects them as fields', () => {
    const { issues } = loadRuleSource(ruleYaml('x', 'trigger:\n  topic: a\n__proto__:\n  polluted: true\n'), 'r.yml');
    expect(issues.map(formatIssue)).toEqual([expect.stringMatching(/^r\.yml:8:1: __proto__: unknown field '__proto__'/)]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('fedbadges 1.x rules', () => {
  const v1 = ruleYaml('Speak Up', `trigger:
  topic: meetbot.meeting.complete
criteria:
  datanommer:
    filter:
      topics:
        - "%(topic)s"
      users:
        - "%(msg.commit.username)s"
    operation: count
    condition:
      greater than or equal to: 2
recipient: "%(msg.attendees)s"`);

  it('loads with a warning and translates templates into expressions over msg', () => {
    const { rule, issues } = loadRuleSource(v1, 'v1.yml');
    expect(issues.map(formatIssue)).toEqual([expect.stringMatching(/^v1\.yml:8:1: warning: criteria: fedbadges 1\.x rule/)]);
    expect(rule?.legacy).toBe(true);
    expect(rule?.condition).toMatchObject({ phrase: 'greater than or equal to', threshold: 2 });
    const users = rule!.previous!.filters.find((f) => f.key === 'users')!;
    expect(users.items[0]!.expression.source).toBe(`(lambda v: v.lower() if isinstance(v, str) else v)(msg['msg']['commit']['username'])`);
    expect(rule!.recipient.expression.source).toContain(`msg['msg']['attendees']`);
  });

  it('refuses 1.x query operations it cannot translate', () => {
    const source = v1.replace('operation: count', 'operation:\n      lambda: query.count()');
    expect(where(source)).toContainEqual(expect.stringMatching(/^r\.yml:16:7: criteria\.datanommer\.operation: 1\.x operations other than count/));
  });
});
