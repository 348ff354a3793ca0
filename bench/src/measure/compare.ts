import { readFileSync } from 'node:fs';

type Json = Record<string, unknown>;

const at = (o: unknown, path: string): number | undefined => {
  let v: unknown = o;
  for (const key of path.split('.')) v = v !== null && typeof v === 'object' ? (v as Json)[key] : undefined;
  return typeof v === 'number' ? v : undefined;
};

/** The figures worth following from run to run, and whether more is better. */
function metrics(results: unknown): Array<[string, number | undefined, 'higher' | 'lower']> {
  const r = results as Json;
  const rows: Array<[string, number | undefined, 'higher' | 'lower']> = [
    ['engine messages/s', at(r, 'throughput.engine.perSecond'), 'higher'],
    ['engine p99 ms', at(r, 'throughput.engine.p99Ms'), 'lower'],
    ['baseline messages/s', at(r, 'throughput.baseline.perSecond'), 'higher'],
    ['json-rules-engine messages/s', at(r, 'throughput.jsonRulesEngine.perSecond'), 'higher'],
    ['load ms per rule', at(r, 'load.msPerRule'), 'lower'],
    ['load ms per rule, again', at(r, 'load.warmMsPerRule'), 'lower'],
    ['heap bytes per rule', at(r, 'memory.bytesPerRule'), 'lower'],
    ['heap bytes per history message', at(r, 'memory.bytesPerHistoryMessage'), 'lower'],
  ];
  for (const g of (r['ruleGrowth'] as Json[] | undefined) ?? []) rows.push([`mean µs/message, ${String(g['rules'])} rules`, at(g, 'meanUs'), 'lower']);
  for (const g of (r['historyGrowth'] as Json[] | undefined) ?? []) rows.push([`µs per count, history ${String(g['history'])}`, at(g, 'countUs'), 'lower']);
  return rows;
}

/** A table of this run's figures against an earlier run's JSON. */
export function compareWith(file: string, now: unknown): string {
  const before = JSON.parse(readFileSync(file, 'utf8')) as Json;
  const old = new Map(metrics(before).map(([name, value]) => [name, value]));
  const lines = [`## Compared with ${file} (${String(before['date'])})`, '', '| figure | before | now | now / before |', '| --- | ---: | ---: | ---: |'];
  for (const [name, value, better] of metrics(now)) {
    const was = old.get(name);
    if (value === undefined || was === undefined) continue;
    const change = value / was;
    const worse = better === 'higher' ? change < 0.9 : change > 1.1;
    lines.push(`| ${name} | ${was.toPrecision(4)} | ${value.toPrecision(4)} | ${change.toFixed(2)}${worse ? ' (worse)' : ''} |`);
  }
  return lines.join('\n');
}
