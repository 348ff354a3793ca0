import { performance } from 'node:perf_hooks';
import { type AwardStore, type CompiledRule, type HistoryStore, type Message, createEngine } from '@accolade/core';

export interface RunResult {
  messages: number;
  /** Seconds engine.ready() took, before the first message. */
  startup: number;
  seconds: number;
  /** Per-message latency in milliseconds, sorted. */
  latencies: number[];
  awards: string[];
  /** SQL statements per stream message, when a counter was given. */
  statements: number | null;
}

/** One engine over the stream, one message at a time, as a consumer runs it; every message timed. */
export async function runEngine(rules: readonly CompiledRule[], history: HistoryStore, awards: AwardStore, stream: readonly Message[], onProgress?: (done: number, seconds: number) => void, statements?: () => number): Promise<RunResult> {
  const engine = createEngine({ rules, history, awards });
  const latencies: number[] = [];
  const made: string[] = [];
  // Start-up (the badges made to exist; a store that builds running counts over its history does it here) is timed apart.
  const readyAt = performance.now();
  await engine.ready();
  const startup = (performance.now() - readyAt) / 1000;
  const sent = statements?.() ?? 0;
  const started = performance.now();
  for (const m of stream) {
    const t = performance.now();
    for (const a of await engine.process(m)) made.push(`${a.badgeId} ${a.user} ${a.messageId}`);
    latencies.push(performance.now() - t);
    if (onProgress !== undefined && latencies.length % 250 === 0) onProgress(latencies.length, (performance.now() - started) / 1000);
  }
  const seconds = (performance.now() - started) / 1000;
  const perMessage = statements === undefined ? null : (statements() - sent) / stream.length;
  return { messages: stream.length, startup, seconds, latencies: latencies.sort((a, b) => a - b), awards: made, statements: perMessage };
}

export const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
