import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { loadGenerated } from './corpus/load.js';
import { DEFAULT_STREAM, MessageSequence } from './corpus/messages.js';
import { realisticRules } from './corpus/rule-sets.js';
import { summarize } from './corpus/summary.js';
import { compareWith } from './measure/compare.js';
import { type Results, report, toJson } from './measure/report.js';
import { canCollect } from './measure/stats.js';
import { benchUsers } from './runners/users.js';
import type { BenchContext, BenchFlags } from './sections/context.js';
import { historyGrowth } from './sections/history-growth.js';
import { memory } from './sections/memory.js';
import { ruleGrowth } from './sections/rule-growth.js';
import { throughput } from './sections/throughput.js';

const USAGE = `pnpm bench [options]
  --rules N            rules in the main corpus (100 to 6400; default 400)
  --history N          history messages before the stream (default 100000)
  --stream N           stream messages for the engine (default 20000)
  --baseline-stream N  of those, how many the naive baseline runs (default 5000)
  --jre-stream N       of those, how many json-rules-engine runs (default 2000)
  --scale-rules a,b    rule-set sizes for the growth runs (default 100,200,400,800,1600,3200,6400)
  --scale-history a,b  history sizes for the growth runs (default 10000,100000,1000000)
  --scale-stream N     stream messages in each growth run (default 10000)
  --matching N         rules a message can match in the rule growth runs (default 100)
  --seed N             corpus seed (default 1)
  --only a,b           sections: throughput, load, memory, rules, history (default all)
  --out FILE           results as JSON (default .bench/bench-results.json)
  --compare FILE       an earlier JSON result to compare with`;

const list = (s: string): number[] => s.split(',').map((x) => Number(x.trim()));

function flagsFrom(argv: string[]): BenchFlags {
  const { values } = parseArgs({
    args: argv,
    options: {
      rules: { type: 'string', default: '400' },
      history: { type: 'string', default: '100000' },
      stream: { type: 'string', default: '20000' },
      'baseline-stream': { type: 'string', default: '5000' },
      'jre-stream': { type: 'string', default: '2000' },
      'scale-rules': { type: 'string', default: '100,200,400,800,1600,3200,6400' },
      'scale-history': { type: 'string', default: '10000,100000,1000000' },
      'scale-stream': { type: 'string', default: '10000' },
      matching: { type: 'string', default: '100' },
      seed: { type: 'string', default: '1' },
      only: { type: 'string', default: 'throughput,load,memory,rules,history' },
      out: { type: 'string', default: '.bench/bench-results.json' },
      compare: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) { process.stdout.write(`${USAGE}\n`); process.exit(0); }
  const flags: BenchFlags = {
    seed: Number(values.seed), rules: Number(values.rules), history: Number(values.history), stream: Number(values.stream),
    baselineStream: Number(values['baseline-stream']), jreStream: Number(values['jre-stream']),
    scaleRules: list(values['scale-rules']), scaleHistory: list(values['scale-history']), scaleStream: Number(values['scale-stream']),
    matching: Number(values.matching), sections: new Set(values.only.split(',').map((s) => s.trim())),
    out: values.out, compare: values.compare ?? null,
  };
  const numbers = [flags.seed, flags.rules, flags.history, flags.stream, flags.baselineStream, flags.jreStream, flags.scaleStream, flags.matching, ...flags.scaleRules, ...flags.scaleHistory];
  if (numbers.some((n) => !Number.isInteger(n) || n < 0) || flags.rules < 1 || flags.stream < 1) throw new Error(`every size must be a whole number\n${USAGE}`);
  const unknown = [...flags.sections].filter((s) => !['throughput', 'load', 'memory', 'rules', 'history'].includes(s));
  if (unknown.length > 0) throw new Error(`unknown section ${unknown.join(', ')}\n${USAGE}`);
  flags.baselineStream = Math.min(flags.baselineStream, flags.stream);
  flags.jreStream = Math.min(flags.jreStream, flags.stream);
  return flags;
}

async function main(): Promise<void> {
  const flags = flagsFrom(process.argv.slice(2));
  const log = (text: string): void => { process.stderr.write(`${text}\n`); };
  if (!canCollect()) log('note: run with node --expose-gc (as pnpm bench does) for steady heap figures');
  const sequence = new MessageSequence({ ...DEFAULT_STREAM, seed: flags.seed });
  const rules = realisticRules(flags.rules);
  const { compiled, ms } = loadGenerated(rules);
  log(`corpus: ${rules.length} rules; generating ${flags.history + flags.stream} messages`);
  const history = sequence.range(0, flags.history);
  const stream = sequence.range(flags.history, flags.history + flags.stream);
  const ctx: BenchContext = { flags, sequence, users: benchUsers(DEFAULT_STREAM.people), rules, compiled, history, stream, log };

  const results: Results = {
    date: new Date().toISOString(), node: process.version,
    flags: { ...flags, sections: [...flags.sections] },
    corpus: { ...summarize(compiled), historyMessages: history.length, streamMessages: stream.length, residualRules: rules.filter((r) => r.residual).length },
  };
  if (flags.sections.has('load')) {
    // The first load pays for compiling the JSON Schema and for the JIT; a long-running host loads again on every change.
    const again = loadGenerated(rules).ms;
    results.load = { rules: rules.length, ms, msPerRule: ms / rules.length, warmMsPerRule: again / rules.length };
  }
  if (flags.sections.has('throughput')) results.throughput = await throughput(ctx);
  if (flags.sections.has('memory')) results.memory = memory(ctx);
  if (flags.sections.has('rules')) results.ruleGrowth = await ruleGrowth(ctx);
  if (flags.sections.has('history')) results.historyGrowth = await historyGrowth(ctx);

  const json = toJson(results);
  let text = report(results);
  if (flags.compare) text += `\n${compareWith(flags.compare, json)}`;
  process.stdout.write(`${text}\n`);
  mkdirSync(dirname(flags.out), { recursive: true });
  writeFileSync(flags.out, `${JSON.stringify(json, null, 2)}\n`);
  log(`results written to ${flags.out}`);
  if (results.throughput && !results.throughput.awardsIdentical) {
    log('the engine and the baseline disagree: the figures above are not valid');
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
