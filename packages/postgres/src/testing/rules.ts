import { type CompiledRule, loadRuleSource } from '@accolade/core';

/** Rule YAML with the metadata filled in. */
export function ruleYaml(name: string, body: string): string {
  return `name: ${name}
description: test badge
creator: tester
discussion: https://example.org/d
image_url: https://example.org/i.png
${body.trim()}
`;
}

export function compileRule(source: string, file = 'rule.yml'): CompiledRule {
  const { rule, issues } = loadRuleSource(source, file);
  if (rule === null) throw new Error(`rule did not compile: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  return rule;
}

/**
 * Rules that exercise every kind of history question: counts by user and
 * topic, by agent and category, contains, not_ keys, a non-monotone
 * condition, and lambda operations over rows (paged and ordered).
 */
export const STREAM_RULES: readonly string[] = [
  ruleYaml('Commenter', `
trigger: {category: bodhi}
previous:
  filter: {users: [recipient], topics: [message.topic]}
  operation: count
condition: {greater than or equal to: 3}`),
  ruleYaml('Agent of git', `
trigger: {category: git}
previous:
  filter: {agents: [recipient], categories: ["'git'"]}
  operation: count
condition: {greater than or equal to: 2}`),
  ruleYaml('Positive karma', `
trigger: {lambda: "message.body.get('karma') == 1"}
previous:
  filter: {users: [recipient], contains: ['"\\"karma\\": 1"']}
  operation: count
condition: {greater than or equal to: 2}`),
  ruleYaml('Variety', `
trigger: {lambda: "True"}
previous:
  filter: {users: [recipient]}
  operation:
    lambda: "len(set(r.msg['n'] for r in results))"
condition: {greater than or equal to: 4}`),
  ruleYaml('Not the bots', `
trigger: {category: wiki}
recipient: message.usernames
previous:
  filter: {users: [recipient], not_agents: ["'ann'", "'bob'"], not_packages: ["'vim'"]}
  operation: count
condition: {greater than or equal to: 2}`),
  ruleYaml('Exactly two kernels', `
trigger: {lambda: "'kernel' in message.packages"}
previous:
  filter: {packages: ["'kernel'"], agents: [recipient]}
  operation: count
condition: {equal to: 2}`),
  ruleYaml('Latest two', `
trigger: {category: bodhi}
previous:
  filter: {users: [recipient], order: "'desc'", rows_per_page: 2}
  operation:
    lambda: "1 if len(results) == 2 and results[0].msg_id == message.id and [u.name for u in results[1].users][:1] == [results[1].users[0].name] else 0"
condition: {equal to: 1}`),
  ruleYaml('Second page', `
trigger: {category: git}
previous:
  filter: {users: [recipient], rows_per_page: 3, page: 2, not_categories: ["'wiki'"]}
  operation:
    lambda: "len([r for r in results if r.agent_name != recipient and r.headers.get('priority', 0) >= 0])"
condition: {greater than or equal to: 2}`),
];
