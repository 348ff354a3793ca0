import { performance } from 'node:perf_hooks';
import {
  type CompiledRule, type CountShape, type Engine, type HistoryQuery, type HistoryRow, type HistoryStore, MemoryAwardStore, MemoryHistoryStore,
  type Message, type UserDirectory, createEngine, createReferenceEngine,
} from '@accolade/core';
import type { Timing } from '../measure/stats.js';
import { SKIP_USERS } from './users.js';

export type EngineKind = 'engine' | 'baseline';

export interface EngineRun extends Timing {
  /** `badge user message` per award, in the order made. */
  awards: string[];
  /** Time spent in the history store's count and find, and how often each was called. */
  store: { counts: number; countMs: number; finds: number; findMs: number };
  /** Rules whose trigger matched, over all messages. */
  triggered: number;
  /** engine.ready(): the badges, and the running counts the history store builds over what it holds. */
  startupMs: number;
  /** The count queries asked, when the store was timed. */
  countQueries: HistoryQuery[];
}

/** Times every count and find the engine asks of the store. */
class TimedHistory implements HistoryStore {
  readonly calls = { counts: 0, countMs: 0, finds: 0, findMs: 0 };
  readonly countQueries: HistoryQuery[] = [];
  constructor(private readonly inner: MemoryHistoryStore) {}

  count(query: HistoryQuery): number {
    const t = performance.now();
    const n = this.inner.count(query);
    this.calls.countMs += performance.now() - t;
    this.calls.counts++;
    this.countQueries.push(query);
    return n;
  }

  find(query: HistoryQuery): HistoryRow[] {
    const t = performance.now();
    const rows = this.inner.find(query);
    this.calls.findMs += performance.now() - t;
    this.calls.finds++;
    return rows;
  }

  add(message: Message): void {
    this.inner.add(message);
  }

  prepare(shapes: readonly CountShape[]): void {
    this.inner.prepare(shapes);
  }
}

/**
 * The engine, or the naive baseline (the reference engine over a history
 * without running counters, which counts by reading its indexes as a
 * database would), over `stream` after `history`, one message at a time,
 * each message timed.
 */
export async function runEngine(kind: EngineKind, rules: readonly CompiledRule[], history: readonly Message[], stream: readonly Message[], users: UserDirectory, options: { timeStore?: boolean } = {}): Promise<EngineRun> {
  const store = new MemoryHistoryStore(history, { runningCounts: kind === 'engine' });
  const timed = options.timeStore ? new TimedHistory(store) : null;
  const engine = build(kind, rules, timed ?? store, users);
  const awards: string[] = [];
  const latencies = new Array<number>(stream.length);
  const starting = performance.now();
  await engine.ready();
  const startupMs = performance.now() - starting;
  const started = performance.now();
  for (let i = 0; i < stream.length; i++) {
    const t = performance.now();
    const made = await engine.process(stream[i]!);
    latencies[i] = performance.now() - t;
    for (const a of made) awards.push(`${a.badgeId} ${a.user} ${a.messageId}`);
  }
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    messages: stream.length, seconds, latencies, awards, triggered: engine.stats.triggered, startupMs,
    store: timed?.calls ?? { counts: 0, countMs: 0, finds: 0, findMs: 0 }, countQueries: timed?.countQueries ?? [],
  };
}

function build(kind: EngineKind, rules: readonly CompiledRule[], history: HistoryStore, users: UserDirectory): Engine {
  const config = { rules, history, awards: new MemoryAwardStore(), users, options: { skipUsers: SKIP_USERS } };
  return kind === 'engine' ? createEngine(config) : createReferenceEngine(config);
}

/** Run the code paths once on throwaway stores, so the measured runs are not the JIT's first. */
export async function warmUp(kind: EngineKind, rules: readonly CompiledRule[], stream: readonly Message[], users: UserDirectory): Promise<void> {
  await runEngine(kind, rules, [], stream, users);
}
