import { describe, expect, it } from 'vitest';
import { ruleYaml } from '../../testing/helpers.js';
import { loadRuleSource } from '../load/load-rule-source.js';
import { formatIssue } from '../rule-issue.js';

const withFlag = (value: string): string => ruleYaml('x', `trigger:\n  topic: a\nrecipient: message.agent_name\nrecipient_krb2fas: ${value}`);
// ruleYaml puts five metadata lines first: the flag is on line 9, its value at column 20.
const AT = 'r.yml:9:20';

describe('converter flags, read with Python truthiness as fedbadges does', () => {
  it.each([
    ['true', true], ['yes', true], ['false', false], ['no', false], ['off', false],
  ])('a YAML 1.1 boolean (%s) is the clear form: no warning', (value, on) => {
    const { rule, issues } = loadRuleSource(withFlag(value), 'r.yml');
    expect(rule?.converters).toEqual(on ? ['krb'] : []);
    expect(issues).toEqual([]);
  });

  it.each([
    ['"Yes"', true, "'Yes'"],
    ['"true"', true, "'true'"],
    ['x', true, "'x'"],
    ['1', true, '1'],
    ['0.5', true, '0.5'],
    ['[0]', true, '[0]'],
    ['{a: 1}', true, "{'a': 1}"],
    ['""', false, "''"],
    ['0', false, '0'],
    ['[]', false, '[]'],
    ['{}', false, '{}'],
    ['~', false, 'an empty value'],
  ])('%s gives on = %s, with a warning at the value', (value, on, shown) => {
    const { rule, issues } = loadRuleSource(withFlag(value), 'r.yml');
    expect(rule?.converters).toEqual(on ? ['krb'] : []);
    expect(issues.map(formatIssue)).toEqual([
      `${AT}: warning: recipient_krb2fas: ${shown} is not true or false; it turns the conversion ${on ? 'on' : 'off'}, as fedbadges tests the value for truth. Write ${on}`,
    ]);
  });

  it('reads a key without a value as None (off), and points at the key, there being no value', () => {
    const { rule, issues } = loadRuleSource(withFlag(''), 'r.yml');
    expect(rule?.converters).toEqual([]);
    expect(issues.map(formatIssue)).toEqual([expect.stringMatching(/^r\.yml:9:18: warning: recipient_krb2fas: an empty value is not true or false; it turns the conversion off/)]);
  });

  it('points out a string that reads as false to a person but is true to Python', () => {
    const { rule, issues } = loadRuleSource(withFlag('"no"'), 'r.yml');
    expect(rule?.converters).toEqual(['krb']);
    expect(issues.map(formatIssue)).toEqual([
      `${AT}: warning: recipient_krb2fas: 'no' is not true or false; it turns the conversion on, as fedbadges tests the value for truth (Python reads every non-empty string as true, also "no"). Write true`,
    ]);
  });

  it('warns in file order, for a 1.x rule and for a rule that does not load too', () => {
    const v1 = ruleYaml('x', `trigger:
  topic: a
criteria:
  datanommer:
    filter: {topics: ["%(topic)s"]}
    operation: count
    condition: {greater than or equal to: 1}
recipient: "%(msg.owner)s"
recipient_openid2fas: "on"
recipient_krb2fas: "Yes"`);
    const loaded = loadRuleSource(v1, 'v1.yml');
    expect(loaded.rule?.converters).toEqual(['openid', 'krb']);
    expect(loaded.issues.map((i) => `${i.line}:${i.column} ${i.severity} ${i.path}`)).toEqual(['8:1 warning criteria', '14:23 warning recipient_openid2fas', '15:20 warning recipient_krb2fas']);

    const broken = loadRuleSource(withFlag('"Yes"').replace('topic: a', 'topic: a\n  category: b'), 'r.yml');
    expect(broken.rule).toBeNull();
    expect(broken.issues.map(formatIssue)).toContainEqual(expect.stringMatching(/^r\.yml:10:20: warning: recipient_krb2fas: 'Yes'/));
  });
});
