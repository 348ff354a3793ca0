import { categoryOf } from '../message/message.js';
import type { CompiledRule, TriggerNode } from '../rules/compiled-rule.js';

interface IndexKeys {
  topics: string[];
  categories: string[];
}

/**
 * What a message must have for the trigger to possibly match: some topic
 * suffix or category, or null when any message might match (lambda, not).
 */
function keysOf(node: TriggerNode): IndexKeys | null {
  switch (node.kind) {
    case 'topic': return { topics: [node.suffix], categories: [] };
    case 'category': return { topics: [], categories: [node.value] };
    case 'lambda': case 'not': return null;
    case 'any': {
      const keys = node.children.map(keysOf);
      if (keys.some((k) => k === null)) return null;
      return { topics: keys.flatMap((k) => k!.topics), categories: keys.flatMap((k) => k!.categories) };
    }
    case 'all': {
      const keys = node.children.map(keysOf).filter((k): k is IndexKeys => k !== null);
      if (keys.length === 0) return null;
      return keys.reduce((best, k) => (k.topics.length + k.categories.length < best.topics.length + best.categories.length ? k : best));
    }
  }
}

/** True when reaching the rule through the index already proves the trigger matched. */
function indexIsExact(node: TriggerNode): boolean {
  return node.kind === 'topic' || node.kind === 'category' || (node.kind === 'any' && node.children.every(indexIsExact));
}

export interface TriggerCandidate {
  rule: CompiledRule;
  /** The trigger is known to match; no need to evaluate it. */
  exact: boolean;
}

/**
 * Rules indexed by topic suffix and by category, so that a message visits
 * only the rules that can match it; rules that need evaluating on every
 * message (lambda, not) form the residue. Callers cache lookups per topic.
 */
export class TriggerIndex {
  private readonly bySuffix = new Map<string, number[]>();
  private readonly suffixLengths: number[];
  private readonly byCategory = new Map<string, number[]>();
  private readonly residue: number[] = [];
  private readonly exact: boolean[];

  constructor(private readonly rules: readonly CompiledRule[]) {
    this.exact = rules.map((r) => indexIsExact(r.trigger));
    rules.forEach((rule, i) => {
      const keys = keysOf(rule.trigger);
      if (keys === null) { this.residue.push(i); return; }
      for (const t of keys.topics) add(this.bySuffix, t, i);
      for (const c of keys.categories) add(this.byCategory, c, i);
    });
    this.suffixLengths = [...new Set([...this.bySuffix.keys()].map((k) => k.length))];
  }

  /** The rules a message on `topic` may trigger, in rule order. */
  candidates(topic: string): TriggerCandidate[] {
    const found = new Set<number>(this.residue);
    for (const length of this.suffixLengths) {
      if (length > topic.length) continue;
      const rules = this.bySuffix.get(topic.slice(topic.length - length));
      if (rules) for (const i of rules) found.add(i);
    }
    const category = categoryOf(topic);
    if (category !== null) for (const i of this.byCategory.get(category) ?? []) found.add(i);
    return [...found].sort((a, b) => a - b).map((i) => ({ rule: this.rules[i]!, exact: this.exact[i]! }));
  }
}

function add(map: Map<string, number[]>, key: string, i: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [i]);
  else if (!list.includes(i)) list.push(i);
}
