import { createMessage } from '../message/create-message.js';
import type { Message } from '../message/message.js';
import type { CompiledRule } from '../rules/compiled-rule.js';
import { loadRuleSource } from '../rules/load/load-rule-source.js';
import type { RuleIssue } from '../rules/rule-issue.js';

export const PREFIX = 'org.fedoraproject.prod.';

/** Rule YAML with the required metadata filled in; pass the interesting part. */
export function ruleYaml(name: string, body: string): string {
  return `name: ${name}
description: test badge
creator: tester
discussion: https://example.org/d
image_url: https://example.org/i.png
${body.trim()}
`;
}

export function compileRuleText(source: string, file = 'rule.yml'): CompiledRule {
  const { rule, issues } = loadRuleSource(source, file);
  if (rule === null) throw new Error(`rule did not compile:\n${issues.map((i) => `${i.line}:${i.column} ${i.path}: ${i.message}`).join('\n')}`);
  return rule;
}

export function issuesOf(source: string, file = 'rule.yml'): RuleIssue[] {
  return loadRuleSource(source, file).issues;
}

let counter = 0;
/** A message on `org.fedoraproject.prod.<topic>`; identity fields as given. */
export function message(topic: string, body: unknown = {}, extra: Record<string, unknown> = {}): Message {
  counter++;
  return createMessage({
    id: `msg-${counter}`,
    topic: topic.startsWith('org.') ? topic : PREFIX + topic,
    body,
    timestamp: 1_700_000_000 + counter,
    ...extra,
  });
}
