import { loadGenerated } from '../corpus/load.js';
import { growingRules } from '../corpus/rule-sets.js';
import { meanMs, percentile } from '../measure/stats.js';
import { runEngine, warmUp } from '../runners/engine-runner.js';
import type { BenchContext } from './context.js';

export interface RuleGrowthRow {
  rules: number;
  residual: number;
  loadMsPerRule: number;
  triggeredPerMessage: number;
  meanUs: number;
  p50Us: number;
  p99Us: number;
}

/** Per-message cost as the rule set grows while the rules a message can match stay the same. */
export async function ruleGrowth(ctx: BenchContext): Promise<RuleGrowthRow[]> {
  const { flags, sequence, users, log } = ctx;
  const historySize = Math.min(flags.history, 10_000);
  const history = sequence.range(0, historySize);
  const stream = sequence.range(historySize, historySize + flags.scaleStream);
  const rows: RuleGrowthRow[] = [];
  for (const n of flags.scaleRules) {
    const generated = growingRules(n, flags.matching);
    const { compiled, ms } = loadGenerated(generated);
    await warmUp('engine', compiled, stream.slice(0, 1000), users);
    log(`rule growth: ${n} rules`);
    const run = await runEngine('engine', compiled, history, stream, users);
    rows.push({
      rules: n, residual: generated.filter((r) => r.residual).length, loadMsPerRule: ms / n,
      triggeredPerMessage: run.triggered / run.messages,
      meanUs: meanMs(run) * 1000, p50Us: percentile(run, 50) * 1000, p99Us: percentile(run, 99) * 1000,
    });
  }
  return rows;
}
