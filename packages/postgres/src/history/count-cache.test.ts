import { MemoryHistoryStore } from '@accolade/core';
import { describe, expect, it } from 'vitest';
import { ensureDatanommerSchema } from '../schema/ensure-schema.js';
import { pgliteClient } from '../testing/pglite-harness.js';
import { Random } from '../testing/random.js';
import { randomMessage, randomQuery } from '../testing/random-history.js';
import { countKey } from './count-cache.js';
import { PostgresHistoryStore } from './postgres-history-store.js';
import { countSql } from './query-sql.js';

describe('the count cache', () => {
  it('gives, at every step of a growing history, what an uncached count and the in-memory store give', async () => {
    const client = await pgliteClient();
    await ensureDatanommerSchema(client);
    const cached = new PostgresHistoryStore(client, { countCache: 40 });
    const reference = new MemoryHistoryStore();
    const r = new Random(31);
    // A small pool of queries, asked again and again as messages arrive, so entries are hit, refreshed and evicted.
    const pool = Array.from({ length: 60 }, () => randomQuery(r, false));
    let asked = 0;
    for (let i = 0; i < 400; i++) {
      const m = randomMessage(r, r.chance(0.03) && i > 0 ? r.int(i) : i);
      await cached.add(m);
      reference.add(m);
      for (let k = 0; k < 3; k++) {
        const query = r.pick(pool);
        const { text, values } = countSql(query, cached.lastRecordedId);
        const uncached = (await client.query<{ n: number }>(text, values))[0]!.n;
        const got = await cached.count(query);
        expect({ i, query, got }).toEqual({ i, query, got: uncached });
        expect(got).toBe(reference.count(query));
        asked++;
      }
    }
    expect(asked).toBe(1200);
  });

  it('keys a query by its filters, not by the order of values or by paging', () => {
    expect(countKey({ users: ['b', 'a', 'a'], topics: ['t'] })).toBe(countKey({ topics: ['t'], users: ['a', 'b'], rows_per_page: 5, page: 2, order: 'desc' }));
    expect(countKey({ users: ['a'] })).not.toBe(countKey({ not_users: ['a'] }));
    expect(countKey({ start: new Date(0) })).not.toBe(countKey({ end: new Date(0) }));
  });
});
