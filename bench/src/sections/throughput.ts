import { MemoryAwardStore, MemoryHistoryStore, createEngine } from '@accolade/core';
import { type EngineRun, runEngine, warmUp } from '../runners/engine-runner.js';
import { type JreRun, runJre } from '../runners/jre-runner.js';
import { SKIP_USERS } from '../runners/users.js';
import type { BenchContext } from './context.js';

export interface ThroughputResult {
  engine: EngineRun;
  baseline: EngineRun;
  jre: JreRun;
  /** The engine's awards on the baseline's messages equal the baseline's, in order. */
  awardsIdentical: boolean;
  awardsCompared: number;
  /** Messages on which json-rules-engine matched exactly the rules whose trigger the engine matched. */
  triggersAgree: number;
}

/** The engine, the naive baseline and json-rules-engine on the same rules and stream, in one process. */
export async function throughput(ctx: BenchContext): Promise<ThroughputResult> {
  const { compiled, history, stream, users, rules, flags, log } = ctx;
  const warm = stream.slice(0, 1000);
  log('throughput: warming up');
  await warmUp('engine', compiled, warm, users);
  await warmUp('baseline', compiled, warm.slice(0, 300), users);
  await runJre(rules, warm.slice(0, 300));

  log(`throughput: engine on ${stream.length} messages`);
  const engine = await runEngine('engine', compiled, history, stream, users);
  const baselineStream = stream.slice(0, flags.baselineStream);
  log(`throughput: naive baseline on ${baselineStream.length} messages`);
  const baseline = await runEngine('baseline', compiled, history, baselineStream, users);
  const jreStream = stream.slice(0, flags.jreStream);
  log(`throughput: json-rules-engine on ${jreStream.length} messages`);
  const jre = await runJre(rules, jreStream);

  const compared = new Set(baselineStream.map((m) => m.id));
  const engineAwards = engine.awards.filter((a) => compared.has(a.slice(a.lastIndexOf(' ') + 1)));
  const awardsIdentical = engineAwards.join('\n') === baseline.awards.join('\n');

  // The rules whose trigger matched, from the engine's own explanation of each message.
  const explainer = createEngine({ rules: compiled, history: new MemoryHistoryStore(), awards: new MemoryAwardStore(), users, options: { skipUsers: SKIP_USERS } });
  let triggersAgree = 0;
  for (let i = 0; i < jreStream.length; i++) {
    const why = await explainer.explain(jreStream[i]!);
    const matched = why.rules.map((r) => r.badgeId).sort();
    if (matched.join(' ') === jre.matched[i]!.join(' ')) triggersAgree++;
  }
  return { engine, baseline, jre, awardsIdentical, awardsCompared: baseline.awards.length, triggersAgree };
}
