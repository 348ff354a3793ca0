import { CONDITION_PHRASES, HISTORY_QUERY_KEYS, MemoryAwardStore, MemoryHistoryStore, RECIPIENT_CONVERTERS, createEngine, createMessage } from '@accolade/core';
import { fedoraSchemas } from '@accolade/fedora';
import { describe, expect, it } from 'vitest';
import { runEngine } from '../runners/engine-runner.js';
import { runJre } from '../runners/jre-runner.js';
import { benchUsers } from '../runners/users.js';
import { loadGenerated } from './load.js';
import { DEFAULT_STREAM, MessageSequence } from './messages.js';
import { growingRules, realisticRules } from './rule-sets.js';
import { summarize } from './summary.js';

const users = benchUsers(DEFAULT_STREAM.people);
const schemas = fedoraSchemas();

/** A corpus message as it arrives on Fedora's bus: no explicit identity fields. */
function stripped(raw: Record<string, unknown>): Record<string, unknown> {
  const { agent_name: _a, usernames: _u, packages: _p, ...bare } = raw;
  return bare;
}

describe('the benchmark corpus', () => {
  it('is the same for the same seed, and another for another seed', () => {
    expect(realisticRules(400).map((r) => r.yaml)).toEqual(realisticRules(400).map((r) => r.yaml));
    const a = new MessageSequence(DEFAULT_STREAM);
    const b = new MessageSequence({ ...DEFAULT_STREAM, seed: 2 });
    expect(JSON.stringify(a.range(0, 50).map((m) => m.body))).toBe(JSON.stringify(new MessageSequence(DEFAULT_STREAM).range(0, 50).map((m) => m.body)));
    expect(JSON.stringify(a.range(0, 50).map((m) => m.body))).not.toBe(JSON.stringify(b.range(0, 50).map((m) => m.body)));
    // Message i does not depend on the ones before it: history and stream are ranges of one sequence.
    expect(JSON.stringify(a.message(7_000).body)).toBe(JSON.stringify(a.range(6_990, 7_010)[10]!.body));
  });

  it("is shaped as Fedora's messages: what each message declares is what the Fedora schemas derive from its body and headers", () => {
    const sequence = new MessageSequence(DEFAULT_STREAM);
    const topics = new Set<string>();
    const wrong: string[] = [];
    for (let i = 0; i < 6_000; i++) {
      const raw = sequence.raw(i);
      const declared = createMessage(raw);
      const derived = createMessage(stripped(raw), { schemas });
      topics.add(declared.topic);
      for (const field of ['agent_name', 'usernames', 'packages'] as const) {
        const a = JSON.stringify(field === 'agent_name' ? declared[field] : [...declared[field]].sort());
        const b = JSON.stringify(field === 'agent_name' ? derived[field] : [...derived[field]].sort());
        if (a !== b && wrong.length < 5) wrong.push(`${declared.topic} ${field}: declared ${a}, derived ${b}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(topics.size).toBeGreaterThan(40);
  });

  it('gives the same awards stripped of identity fields with the Fedora schemas as with them', async () => {
    const { compiled } = loadGenerated(realisticRules(400));
    const sequence = new MessageSequence(DEFAULT_STREAM);
    const kept = await runEngine('engine', compiled, sequence.range(0, 3_000), sequence.range(3_000, 3_600), users);
    const bare = (from: number, to: number, options = {}) => Array.from({ length: to - from }, (_, k) => createMessage(stripped(sequence.raw(from + k)), options));
    const withSchemas = await runEngine('engine', compiled, bare(0, 3_000, { schemas }), bare(3_000, 3_600, { schemas }), users);
    const withoutSchemas = await runEngine('engine', compiled, bare(0, 3_000), bare(3_000, 3_600), users);
    expect(kept.awards.length).toBeGreaterThan(100);
    expect(withSchemas.awards).toEqual(kept.awards);
    // Without the schemas the headers name users but never the agent: most awards are lost.
    expect(withoutSchemas.awards.length).toBeLessThan(kept.awards.length / 2);
  });

  it('uses every trigger kind, filter key, operation, condition, recipient form and converter', () => {
    const s = summarize(loadGenerated(realisticRules(400)).compiled);
    expect(s.rules).toBe(400);
    expect(Object.keys(s.triggers).sort()).toEqual(['all', 'any', 'category', 'category any', 'lambda', 'not', 'topic']);
    expect(Object.keys(s.filterKeys).sort()).toEqual([...HISTORY_QUERY_KEYS].sort());
    expect(Object.keys(s.operations).sort()).toEqual(['count', 'lambda', 'none']);
    expect(Object.keys(s.conditions).sort()).toEqual([...Object.keys(CONDITION_PHRASES), 'lambda'].sort());
    expect(Object.keys(s.recipients).sort()).toEqual(['body path', 'call', 'comprehension', 'default (agent)', 'message field']);
    expect(Object.keys(s.converters).sort()).toEqual(RECIPIENT_CONVERTERS.map((c) => `recipient_${c}2fas`).sort());
    // Realistic proportions: topic triggers and plain counts dominate.
    expect(s.triggers['topic']! / s.rules).toBeGreaterThan(0.8);
    expect(s.operations['count']! / s.rules).toBeGreaterThan(0.85);
  });

  it('gives the same awards through the engine and the naive baseline', async () => {
    const { compiled } = loadGenerated(realisticRules(400));
    const sequence = new MessageSequence(DEFAULT_STREAM);
    const history = sequence.range(0, 3_000);
    const stream = sequence.range(3_000, 3_600);
    const engine = await runEngine('engine', compiled, history, stream, users);
    const baseline = await runEngine('baseline', compiled, history, stream, users);
    expect(engine.awards.length).toBeGreaterThan(100);
    expect(engine.awards).toEqual(baseline.awards);
    expect(engine.triggered).toBe(baseline.triggered);
  });

  it('has json-rules-engine triggers that match exactly the rules whose trigger matches', async () => {
    const rules = realisticRules(400);
    const { compiled } = loadGenerated(rules);
    const stream = new MessageSequence(DEFAULT_STREAM).range(0, 300);
    const jre = await runJre(rules, stream);
    const engine = createEngine({ rules: compiled, history: new MemoryHistoryStore(), awards: new MemoryAwardStore(), users });
    let triggered = 0;
    for (const [i, m] of stream.entries()) {
      const matched = (await engine.explain(m)).rules.map((r) => r.badgeId).sort();
      expect(jre.matched[i]).toEqual(matched);
      triggered += matched.length;
    }
    expect(triggered).toBeGreaterThan(stream.length);
  });

  it('grows rule sets without growing what a message can match', async () => {
    const stream = new MessageSequence(DEFAULT_STREAM).range(0, 300);
    const triggered = [];
    for (const n of [100, 800]) {
      const rules = growingRules(n, 100);
      expect(rules).toHaveLength(n);
      expect(new Set(rules.map((r) => r.badgeId)).size).toBe(n);
      triggered.push((await runEngine('engine', loadGenerated(rules).compiled, [], stream, users)).triggered);
    }
    expect(triggered[1]).toBe(triggered[0]);
  });
});
