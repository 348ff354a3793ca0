import { describe, expect, it } from 'vitest';
import { MemoryHistoryStore } from '../stores/memory/memory-history-store.js';
import { seriesEngineConfig, seriesStream } from '../testing/series-rules.js';
import { createEngine } from './engine.js';

describe('explain', () => {
  it('counts the message as process would, without writing it into the history', async () => {
    // A: explains each message before processing it. B: records the message first, then explains.
    const a = seriesEngineConfig();
    const b = seriesEngineConfig();
    const [explaining, recorded] = [createEngine(a), createEngine(b)];
    let values = 0;
    for (const m of seriesStream(250)) {
      const before = (a.history as MemoryHistoryStore).size;
      const why = await explaining.explain(m);
      expect((a.history as MemoryHistoryStore).size).toBe(before);
      (b.history as MemoryHistoryStore).add(m);
      expect(why).toEqual(await recorded.explain(m));
      values += why.rules.flatMap((r) => r.candidates).filter((c) => c.value !== undefined).length;
      await explaining.process(m);
      await recorded.process(m);
    }
    expect(values).toBeGreaterThan(30);
  });
});
