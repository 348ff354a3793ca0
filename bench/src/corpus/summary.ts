import type { CompiledRule, RuleDefinition, TriggerSpec } from '@accolade/core';

/** How often each rule-language feature occurs in a rule set: the corpus's proportions, and proof it uses them all. */
export interface CorpusSummary {
  rules: number;
  triggers: Record<string, number>;
  filterKeys: Record<string, number>;
  operations: Record<string, number>;
  conditions: Record<string, number>;
  recipients: Record<string, number>;
  converters: Record<string, number>;
}

function triggerKinds(t: TriggerSpec, into: Set<string>): void {
  if ('topic' in t) into.add('topic');
  else if ('category' in t) into.add(typeof t.category === 'string' ? 'category' : 'category any');
  else if ('lambda' in t) into.add('lambda');
  else if ('all' in t) { into.add('all'); t.all.forEach((c) => triggerKinds(c, into)); }
  else if ('any' in t) { into.add('any'); t.any.forEach((c) => triggerKinds(c, into)); }
  else { into.add('not'); triggerKinds(t.not, into); }
}

function recipientForm(d: RuleDefinition): string {
  const r = d.recipient;
  if (r === undefined) return 'default (agent)';
  if (Array.isArray(r)) return 'template list';
  if (r.startsWith('[')) return 'comprehension';
  if (r.includes('(')) return 'call';
  if (!r.includes('[')) return 'message field';
  return 'body path';
}

const bump = (into: Record<string, number>, key: string): void => { into[key] = (into[key] ?? 0) + 1; };

export function summarize(rules: readonly CompiledRule[]): CorpusSummary {
  const s: CorpusSummary = { rules: rules.length, triggers: {}, filterKeys: {}, operations: {}, conditions: {}, recipients: {}, converters: {} };
  for (const { definition: d } of rules) {
    const kinds = new Set<string>();
    triggerKinds(d.trigger, kinds);
    kinds.forEach((k) => bump(s.triggers, k));
    for (const key of Object.keys(d.previous?.filter ?? {})) bump(s.filterKeys, key);
    bump(s.operations, d.previous === undefined ? 'none' : typeof d.previous.operation === 'object' ? 'lambda' : 'count');
    bump(s.conditions, d.condition === undefined ? 'default' : Object.keys(d.condition)[0]!);
    bump(s.recipients, recipientForm(d));
    for (const key of Object.keys(d)) if (/^recipient_.+2fas$/.test(key)) bump(s.converters, key);
  }
  return s;
}
