import type { CorpusSummary } from '../corpus/summary.js';
import type { HistoryGrowthRow } from '../sections/history-growth.js';
import type { MemoryResult } from '../sections/memory.js';
import type { RuleGrowthRow } from '../sections/rule-growth.js';
import type { ThroughputResult } from '../sections/throughput.js';
import { type Timing, meanMs, percentile, perSecond } from './stats.js';

export interface Results {
  date: string;
  node: string;
  flags: Record<string, unknown>;
  corpus?: CorpusSummary & { historyMessages: number; streamMessages: number; residualRules: number };
  load?: { rules: number; ms: number; msPerRule: number; warmMsPerRule: number };
  throughput?: ThroughputResult;
  memory?: MemoryResult;
  ruleGrowth?: RuleGrowthRow[];
  historyGrowth?: HistoryGrowthRow[];
}

const n0 = (n: number): string => Math.round(n).toLocaleString('en');
const n1 = (n: number): string => n.toFixed(1);
const n2 = (n: number): string => n.toFixed(2);
const n3 = (n: number): string => n.toFixed(3);
const ratio = (n: number): string => `${n < 10 ? n.toFixed(2) : n.toFixed(1)}×`;
const table = (head: string[], rows: string[][]): string[] => [
  `| ${head.join(' | ')} |`, `| ${head.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`),
];
const counts = (o: Record<string, number>): string => Object.entries(o).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ');

/** The JSON written for comparisons: what the report shows, without per-message arrays and award lists. */
export function toJson(r: Results): unknown {
  const timing = (t: Timing) => ({ messages: t.messages, seconds: t.seconds, perSecond: perSecond(t), meanMs: meanMs(t), p50Ms: percentile(t, 50), p99Ms: percentile(t, 99) });
  const tp = r.throughput;
  return {
    ...r,
    throughput: tp && {
      engine: { ...timing(tp.engine), awards: tp.engine.awards.length, triggered: tp.engine.triggered },
      baseline: { ...timing(tp.baseline), awards: tp.baseline.awards.length, triggered: tp.baseline.triggered },
      jsonRulesEngine: timing(tp.jre),
      awardsIdentical: tp.awardsIdentical, awardsCompared: tp.awardsCompared, triggersAgree: tp.triggersAgree,
    },
  };
}

export function report(r: Results): string {
  const out: string[] = [`# Accolade benchmark — ${r.date}, Node ${r.node}`, ''];
  if (r.corpus) {
    const c = r.corpus;
    out.push(
      `Corpus (seed ${String(r.flags['seed'])}): ${c.rules} rules, ${n0(c.historyMessages)} history messages, ${n0(c.streamMessages)} stream messages.`,
      `- triggers: ${counts(c.triggers)} (${c.residualRules} rules checked on every message)`,
      `- filter keys: ${counts(c.filterKeys)}`,
      `- operations: ${counts(c.operations)}; conditions: ${counts(c.conditions)}`,
      `- recipients: ${counts(c.recipients)}; converters: ${counts(c.converters)}`,
      '',
    );
  }
  if (r.throughput) {
    const t = r.throughput;
    const base = perSecond(t.engine);
    const row = (name: string, x: Timing): string[] => [name, n0(x.messages), n0(perSecond(x)), n3(percentile(x, 50)), n3(percentile(x, 99)), ratio(base / perSecond(x))];
    out.push(
      '## Throughput (in-memory stores, one message at a time)', '',
      ...table(['runner', 'messages', 'messages/s', 'p50 ms', 'p99 ms', 'engine is faster by'], [
        row('engine', t.engine),
        row('naive baseline (every trigger, expressions from the AST, counts through indexes)', t.baseline),
        row('json-rules-engine 7 (triggers only)', t.jre),
      ]),
      '',
      `Awards: the engine and the baseline made ${t.awardsIdentical ? 'identical' : 'DIFFERENT'} awards on the baseline's ${n0(t.baseline.messages)} messages (${n0(t.awardsCompared)} awards; the engine made ${n0(t.engine.awards.length)} on all ${n0(t.engine.messages)}).`,
      `Triggers: json-rules-engine matched the same rules as the engine on ${n0(t.triggersAgree)} of ${n0(t.jre.messages)} messages. Rules triggered per message: ${n2(t.engine.triggered / t.engine.messages)}.`,
      '',
    );
  }
  if (r.load) {
    out.push('## Rule loading (parse with positions, validate, compile)', '',
      `${r.load.rules} rules, the first load in this process (JSON Schema compiled, code not yet optimised): ${n1(r.load.ms)} ms, **${n3(r.load.msPerRule)} ms per rule**; loaded again: **${n3(r.load.warmMsPerRule)} ms per rule**.`, '');
  }
  if (r.memory) {
    const m = r.memory;
    out.push(
      '## Heap', '',
      ...table(['what', 'bytes each'], [
        [`a loaded rule, with the engine's index (${m.rules} rules)`, n0(m.bytesPerRule)],
        [`a history message in the in-memory store (${n0(m.historyMessages)} messages, bodies included)`, n0(m.bytesPerHistoryMessage)],
        ['the same, without the running counters', n0(m.bytesPerHistoryMessageWithoutCounters)],
      ]),
      '',
    );
  }
  if (r.ruleGrowth && r.ruleGrowth.length > 0) {
    const first = r.ruleGrowth[0]!;
    out.push(
      '## Per-message cost as rules grow (the rules a message can match stay the same)', '',
      ...table(['rules', 'checked on every message', 'triggered per message', 'load ms/rule', 'mean µs', 'p50 µs', 'p99 µs', 'mean vs first'],
        r.ruleGrowth.map((g) => [n0(g.rules), n0(g.residual), n2(g.triggeredPerMessage), n3(g.loadMsPerRule), n1(g.meanUs), n1(g.p50Us), n1(g.p99Us), ratio(g.meanUs / first.meanUs)])),
      '',
    );
  }
  if (r.historyGrowth && r.historyGrowth.length > 0) {
    const first = r.historyGrowth[0]!;
    out.push(
      '## Cost as history grows (same rules, same stream)', '',
      ...table(['history', 'mean µs/message', 'p99 µs', 'counts', 'µs per count', 'count vs first', 'finds', 'µs per find', 'µs per count without counters', 'load + start-up µs per history message'],
        r.historyGrowth.map((g) => [n0(g.history), n1(g.meanUs), n1(g.p99Us), n0(g.counts), n2(g.countUs), ratio(g.countUs / first.countUs), n0(g.finds), n1(g.findUs), n1(g.scanCountUs), `${n1(g.loadUs)} + ${n1(g.startupUs)}`])),
      '',
    );
  }
  return out.join('\n');
}
