import { createEngine, MemoryAwardStore, MemoryHistoryStore } from '@accolade/core';
import { loadGenerated } from '../corpus/load.js';
import { settledHeap } from '../measure/stats.js';
import type { BenchContext } from './context.js';

export interface MemoryResult {
  bytesPerRule: number;
  rules: number;
  bytesPerHistoryMessage: number;
  /** The same history without the running counters. */
  bytesPerHistoryMessageWithoutCounters: number;
  historyMessages: number;
}

/** Heap held by a loaded rule set with its engine, and by the in-memory history, per item. */
export function memory(ctx: BenchContext): MemoryResult {
  const { rules, flags, sequence } = ctx;
  const before = settledHeap();
  const { compiled } = loadGenerated(rules);
  const engine = createEngine({ rules: compiled, history: new MemoryHistoryStore(), awards: new MemoryAwardStore() });
  const bytesPerRule = (settledHeap() - before) / rules.length;
  void engine;

  const perMessage = (runningCounts: boolean): number => {
    const start = settledHeap();
    const store = new MemoryHistoryStore([], { runningCounts });
    for (let i = 0; i < flags.history; i++) store.add(sequence.message(i));
    const used = settledHeap() - start;
    void store.size;
    return used / flags.history;
  };
  const bytesPerHistoryMessage = perMessage(true);
  const bytesPerHistoryMessageWithoutCounters = perMessage(false);
  return { bytesPerRule, rules: rules.length, bytesPerHistoryMessage, bytesPerHistoryMessageWithoutCounters, historyMessages: flags.history };
}
