import { performance } from 'node:perf_hooks';
import type { Message } from '@accolade/core';
import { Engine, type TopLevelCondition } from 'json-rules-engine';
import type { JreCondition } from '../corpus/families.js';
import type { GeneratedRule } from '../corpus/rule-sets.js';
import type { Timing } from '../measure/stats.js';

export interface JreRun extends Timing {
  /** Per message, the badges whose trigger matched, sorted. */
  matched: string[][];
}

const topLevel = (c: JreCondition): TopLevelCondition =>
  ('all' in c || 'any' in c || 'not' in c ? c : { all: [c] }) as TopLevelCondition;

/**
 * The triggers of the same rules in json-rules-engine, the rules engine a
 * JavaScript developer would otherwise pick: one engine holding every
 * rule, run once per message. It has no counts, conditions on counts or
 * awards, so it does strictly less work than the engine.
 */
export function jreEngine(rules: readonly GeneratedRule[]): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addOperator('endsWith', (fact: unknown, suffix: unknown) => typeof fact === 'string' && fact.endsWith(String(suffix)));
  for (const r of rules) engine.addRule({ name: r.badgeId, conditions: topLevel(r.jreTrigger), event: { type: r.badgeId } });
  return engine;
}

export async function runJre(rules: readonly GeneratedRule[], stream: readonly Message[]): Promise<JreRun> {
  const engine = jreEngine(rules);
  const latencies = new Array<number>(stream.length);
  const matched: string[][] = [];
  const started = performance.now();
  for (let i = 0; i < stream.length; i++) {
    const m = stream[i]!;
    const t = performance.now();
    const { events } = await engine.run({ topic: m.topic, category: m.category, body: m.body });
    latencies[i] = performance.now() - t;
    matched.push(events.map((e) => e.type).sort());
  }
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { messages: stream.length, seconds, latencies, matched };
}
