import { afterAll, describe, expect, it } from 'vitest';
import { PostgresHistoryStore } from '../../packages/postgres/src/history/postgres-history-store.js';
import { countSql } from '../../packages/postgres/src/history/query-sql.js';
import { ensureDatanommerSchema } from '../../packages/postgres/src/schema/ensure-schema.js';
import { describeEngineDifferential } from '../../packages/postgres/src/testing/engine-differential.js';
import { postgresStores } from '../../packages/postgres/src/testing/harnesses.js';
import { Random } from '../../packages/postgres/src/testing/random.js';
import { TOPICS, USERS, randomMessage } from '../../packages/postgres/src/testing/random-history.js';
import { server, serverSchema } from './server.js';

// Running counts on the real server: the engine's awards unchanged, and several processes sharing the views.
describeEngineDifferential('PostgreSQL server stores with running counts', postgresStores(server, { runningCounts: { foldEvery: 50 } }), 2000, 80);

describe('running counts shared by several stores at once', () => {
  const drops: Array<() => Promise<void>> = [];
  afterAll(async () => { for (const drop of drops) await drop(); });

  it('build the same views at the same time, fold each row once, and count exactly from every store', async () => {
    const db = await serverSchema();
    drops.push(() => db.drop());
    await ensureDatanommerSchema(db.client);
    const r = new Random(5);
    const writer = new PostgresHistoryStore(db.client);
    for (let i = 0; i < 300; i++) await writer.add(randomMessage(r, i));
    // Four stores (four consumers) start together: they register and build the views concurrently.
    const stores = Array.from({ length: 4 }, () => new PostgresHistoryStore(db.client, { runningCounts: { foldEvery: 3 } }));
    await Promise.all(stores.map((s) => s.prepare([])));
    const views = await db.client.query<{ n: number }>('SELECT count(*)::int AS n FROM accolade_count_views');
    expect(views[0]!.n).toBe(6);
    for (let i = 300; i < 400; i += 4) {
      await Promise.all(stores.map((s, k) => s.add(randomMessage(r, i + k))));
      // Each counts (and folds, every 3 rows) while the others do.
      await Promise.all(stores.map(async (s) => {
        for (const user of USERS) {
          const query = { users: [user], topics: [TOPICS[0]!, TOPICS[2]!] };
          const { text, values } = countSql(query, s.lastRecordedId);
          const expected = (await db.client.query<{ n: number }>(text, values))[0]!.n;
          expect({ user, count: await s.count(query) }).toEqual({ user, count: expected });
        }
      }));
    }
  });
});
