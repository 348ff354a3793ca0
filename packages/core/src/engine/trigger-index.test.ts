import { describe, expect, it } from 'vitest';
import type { CompiledRule, TriggerNode } from '../rules/compiled-rule.js';
import { compileRuleText, ruleYaml } from '../testing/helpers.js';
import { TriggerIndex } from './trigger-index.js';

/** Trigger evaluation without the index and without lambdas (they are treated as matching). */
function matches(node: TriggerNode, topic: string): boolean {
  switch (node.kind) {
    case 'topic': return topic.endsWith(node.suffix);
    case 'category': return topic.split('.')[3] === node.value;
    case 'lambda': return true;
    case 'all': return node.children.every((c) => matches(c, topic));
    case 'any': return node.children.some((c) => matches(c, topic));
    case 'not': return !matches(node.child, topic);
  }
}

/** A small deterministic generator, so failures reproduce. */
function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

const WORDS = ['bodhi', 'git', 'koji', 'wiki', 'update', 'comment', 'receive', 'build', 'edit', 'x'];

function randomTrigger(r: () => number, depth: number): string {
  const pick = (): string => WORDS[Math.floor(r() * WORDS.length)]!;
  const roll = r();
  if (depth > 2 || roll < 0.3) return `{topic: ${pick()}.${pick()}}`;
  if (roll < 0.5) return `{category: ${pick()}}`;
  if (roll < 0.6) return '{lambda: "True"}';
  if (roll < 0.7) return `{not: ${randomTrigger(r, depth + 1)}}`;
  if (roll < 0.8) return `{category: {any: [${pick()}, ${pick()}]}}`;
  const kind = roll < 0.9 ? 'all' : 'any';
  return `{${kind}: [${randomTrigger(r, depth + 1)}, ${randomTrigger(r, depth + 1)}]}`;
}

describe('the trigger index', () => {
  it('never leaves out a rule that matches, and marks exact only rules that surely match', () => {
    const r = random(42);
    const rules: CompiledRule[] = Array.from({ length: 300 }, (_, i) => compileRuleText(ruleYaml(`R${i}`, `trigger: ${randomTrigger(r, 0)}`)));
    const index = new TriggerIndex(rules);
    const pick = (): string => WORDS[Math.floor(r() * WORDS.length)]!;
    let visited = 0;
    for (let t = 0; t < 500; t++) {
      const topic = `org.fedoraproject.prod.${pick()}.${pick()}.${pick()}`;
      const candidates = new Map(index.candidates(topic).map((c) => [c.rule, c.exact]));
      visited += candidates.size;
      for (const rule of rules) {
        if (matches(rule.trigger, topic)) expect(candidates.has(rule), `${rule.name} on ${topic}`).toBe(true);
        if (candidates.get(rule) === true) expect(matches(rule.trigger, topic)).toBe(true);
      }
    }
    // The index is worth having: on average a message visits well under all the rules.
    expect(visited / 500).toBeLessThan(rules.length * 0.7);
  });
});
