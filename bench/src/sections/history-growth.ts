import { performance } from 'node:perf_hooks';
import { MemoryHistoryStore } from '@accolade/core';
import { meanMs, percentile } from '../measure/stats.js';
import { runEngine, warmUp } from '../runners/engine-runner.js';
import type { BenchContext } from './context.js';

export interface HistoryGrowthRow {
  history: number;
  /** Loading the history into the store, and the engine's start-up over it, per history message. */
  loadUs: number;
  startupUs: number;
  meanUs: number;
  p99Us: number;
  counts: number;
  countUs: number;
  finds: number;
  findUs: number;
  /** The same count queries on a history without running counters (read through its indexes). */
  scanCountUs: number;
}

/** Per-message cost and per-count cost as the history grows, same rules, same stream. */
export async function historyGrowth(ctx: BenchContext): Promise<HistoryGrowthRow[]> {
  const { flags, sequence, users, compiled, log } = ctx;
  const largest = Math.max(...flags.scaleHistory);
  log(`history growth: generating ${largest + flags.scaleStream} messages`);
  const all = sequence.range(0, largest);
  const stream = sequence.range(largest, largest + flags.scaleStream);
  await warmUp('engine', compiled, stream.slice(0, 1000), users);
  const rows: HistoryGrowthRow[] = [];
  for (const size of flags.scaleHistory) {
    log(`history growth: ${size} messages of history`);
    const history = all.slice(largest - size);
    const loading = performance.now();
    const run = await runEngine('engine', compiled, history, stream, users, { timeStore: true });
    const loadUs = ((performance.now() - loading - run.seconds * 1000 - run.startupMs) * 1000) / size;
    const scan = new MemoryHistoryStore(history, { runningCounts: false });
    const sample = run.countQueries.slice(0, 20_000);
    const t = performance.now();
    for (const q of sample) scan.count(q);
    const scanCountUs = ((performance.now() - t) * 1000) / Math.max(1, sample.length);
    const { counts, countMs, finds, findMs } = run.store;
    rows.push({
      history: size, loadUs, startupUs: (run.startupMs * 1000) / size, meanUs: meanMs(run) * 1000, p99Us: percentile(run, 99) * 1000,
      counts, countUs: (countMs * 1000) / Math.max(1, counts), finds, findUs: (findMs * 1000) / Math.max(1, finds), scanCountUs,
    });
  }
  return rows;
}
