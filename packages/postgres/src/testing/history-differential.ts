import { MemoryHistoryStore } from '@accolade/core';
import type { HistoryStoreFactory, RecordingHistoryStore, StoreUnderTest } from '@accolade/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Random } from './random.js';
import { randomMessage, randomQuery } from './random-history.js';

/**
 * A random history of a few hundred messages (repeats, equal timestamps,
 * escaped characters, messages without agents) and hundreds of random
 * queries: the store under test must answer every count and every page of
 * rows exactly as the in-memory store does.
 */
export function describeHistoryDifferential(label: string, open: HistoryStoreFactory, options: { messages?: number; queries?: number } = {}): void {
  describe(`${label}: answers exactly as the in-memory store`, () => {
    const r = new Random(20240501);
    const reference = new MemoryHistoryStore();
    let opened: StoreUnderTest<RecordingHistoryStore>;

    beforeAll(async () => {
      opened = await open();
      const n = options.messages ?? 300;
      for (let i = 0; i < n; i++) {
        const m = randomMessage(r, r.chance(0.03) && i > 0 ? r.int(i) : i);
        reference.add(m);
        await opened.store.add(m);
      }
    });
    afterAll(async () => { await opened.close?.(); });

    it('counts', async () => {
      const q = options.queries ?? 300;
      for (let i = 0; i < q; i++) {
        const query = randomQuery(r, false);
        expect({ query, count: await opened.store.count(query) }).toEqual({ query, count: reference.count(query) });
      }
    });

    it('rows, ordered and paged', async () => {
      const q = options.queries ?? 300;
      for (let i = 0; i < q; i++) {
        const query = randomQuery(r, true);
        expect({ query, rows: await opened.store.find(query) }).toEqual({ query, rows: reference.find(query) });
      }
    });
  });
}
