import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PgClient } from '../../../packages/postgres/src/client/pg-client.js';
import type { ServerSchema } from '../../../packages/postgres/src/testing/server-harness.js';
import { TestBroker } from './broker.js';
import { freshDatabase, processedIds, startServe, storeUrl, waitConnected } from './run-serve.js';
import type { ServeProcess } from './serve-process.js';
import { type Workspace, referenceAwards, sleep, storedAwards, wireStream, workspace } from './stream.js';
import { ThrowawayPostgres, closeConnectionsOf } from './throwaway-postgres.js';

/** When the broker or the store goes away for a while, `serve` loses nothing, awards nothing twice, and carries on by itself. */
let ws: Workspace;
let broker: TestBroker;
const running: ServeProcess[] = [];

beforeAll(() => { ws = workspace(); });
afterAll(() => ws.close());
afterEach(async () => {
  for (const p of running.splice(0)) await p.kill().catch(() => {});
  await broker?.close();
});

function serve(store: string, extra: readonly string[] = []): ServeProcess {
  const p = startServe(ws, broker, store, extra);
  running.push(p);
  return p;
}

const health = async (p: ServeProcess): Promise<number> => (await fetch(`http://${String(p.events('metrics')[0]!['listen'])}/healthz`)).status;

describe('accolade serve through faults', () => {
  let db: ServerSchema | undefined;
  afterEach(async () => { await db?.drop(); db = undefined; });

  it('the broker closes the connection: the service reconnects, and the awards are those of an undisturbed run', async () => {
    broker = await TestBroker.open();
    db = await freshDatabase();
    const messages = wireStream(21, 800);
    const expected = await referenceAwards(ws, messages);
    expect(expected.length).toBeGreaterThan(30);
    const p = serve(storeUrl(db));
    await waitConnected(p);
    await broker.publish(messages);
    await p.waitFor(() => processedIds([p], messages).size >= 200, 'a quarter of the stream');
    expect(closeConnectionsOf(p.pid)).toBe(1);
    await p.waitFor(() => p.events('broker-connected').length >= 2, 'the reconnection');
    expect(p.events('broker-lost').length).toBeGreaterThanOrEqual(1);
    await p.waitFor(() => processedIds([p], messages).size === messages.length, 'the rest of the stream');
    await p.waitFor(() => broker.announcements.length >= expected.length, 'the announcements', 30_000);
    expect(await storedAwards(db.client)).toEqual(expected);
    const announced = new Set(broker.announcements.map((a) => `${a.body.badge.badge_id} ${a.body.user.username} ${a.body.message_id}`));
    expect([...announced].sort()).toEqual(expected);
    expect(await p.stop()).toBe(0);
  });

  it('PostgreSQL stops for a while: nothing is acked meanwhile, /healthz says 503, and it resumes by itself', async () => {
    broker = await TestBroker.open();
    const cluster = ThrowawayPostgres.create();
    try {
      const messages = wireStream(22, 600);
      const expected = await referenceAwards(ws, messages);
      expect(expected.length).toBeGreaterThan(20);
      const p = serve(cluster.url, ['--metrics', '127.0.0.1:0']);
      await waitConnected(p);
      await broker.publish(messages.slice(0, 300));
      await p.waitFor(() => processedIds([p], messages).size === 300, 'the first half');
      expect(await health(p)).toBe(200);

      cluster.stop();
      await broker.publish(messages.slice(300));
      await p.waitFor(() => p.events('store-fault').length > 0, 'the store fault to be seen');
      await p.waitFor(() => p.events('health').some((l) => l['healthy'] === false && l['store'] === false), 'unhealthy');
      expect(await health(p)).toBe(503);
      const during = processedIds([p], messages).size;
      await sleep(2_000);
      expect(processedIds([p], messages).size).toBe(during);
      expect(during).toBeLessThanOrEqual(301);

      cluster.start();
      await p.waitFor(() => processedIds([p], messages).size === messages.length, 'the second half after the store came back', 90_000);
      await p.waitFor(() => broker.announcements.length >= expected.length, 'the announcements', 30_000);
      expect(await health(p)).toBe(200);
      const client = new PgClient({ connectionString: cluster.url });
      try {
        expect(await storedAwards(client)).toEqual(expected);
        const rows = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM messages');
        expect(rows[0]!.n).toBe(messages.length);
      } finally {
        await client.close();
      }
      expect(await p.stop()).toBe(0);
    } finally {
      cluster.destroy();
    }
  });
});
