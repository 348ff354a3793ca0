/** Latencies of one run, in milliseconds. */
export interface Timing {
  messages: number;
  seconds: number;
  /** Sorted, one per message. */
  latencies: number[];
}

export const perSecond = (t: Timing): number => t.messages / t.seconds;

export function percentile(t: Timing, p: number): number {
  const s = t.latencies;
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

export const meanMs = (t: Timing): number => (t.seconds * 1000) / t.messages;

/** Heap in use after a full collection (needs node --expose-gc; without it the figure is noisier). */
export function settledHeap(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) { gc(); gc(); }
  return process.memoryUsage().heapUsed;
}

export const canCollect = (): boolean => typeof (globalThis as { gc?: unknown }).gc === 'function';
