import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ServerSchema } from '../../../packages/postgres/src/testing/server-harness.js';
import { PostgresAwardStore } from '../../../packages/postgres/src/awards/postgres-award-store.js';
import { openStoresOn } from '../../../packages/postgres/src/open-stores.js';
import { recordMessage } from '../../../packages/postgres/src/history/record-message.js';
import { createMessage } from '@accolade/core';
import { TestBroker } from './broker.js';
import { freshDatabase, processedIds, startServe, storeUrl, waitConnected } from './run-serve.js';
import type { ServeProcess } from './serve-process.js';
import { type Workspace, referenceAwards, sleep, storedAwards, until, wireStream, withoutMessage, workspace } from './stream.js';

/**
 * `accolade serve` against the machine's RabbitMQ and PostgreSQL: what it
 * awards is what one in-memory replay of the same messages awards, every
 * award is announced, and nothing is lost or given twice when it is killed,
 * when several share a queue, or when deliveries are not messages at all.
 */
let ws: Workspace;
let broker: TestBroker;
let db: ServerSchema;
const running: ServeProcess[] = [];

beforeAll(() => { ws = workspace(); });
afterAll(() => ws.close());
afterEach(async () => {
  for (const p of running.splice(0)) await p.kill().catch(() => {});
  await broker?.close();
  await db?.drop();
});

async function setUp(): Promise<string> {
  broker = await TestBroker.open();
  db = await freshDatabase();
  return storeUrl(db);
}

function serve(store: string, extra: readonly string[] = []): ServeProcess {
  const p = startServe(ws, broker, store, extra);
  running.push(p);
  return p;
}

/** Every award in the store announced, each under one announcement id (a repeat carries the same id). */
function expectAnnounced(stored: readonly string[]): void {
  const announced = new Map<string, Set<string>>();
  for (const a of broker.announcements) {
    const key = `${a.body.badge.badge_id} ${a.body.user.username} ${a.body.message_id}`;
    announced.set(key, (announced.get(key) ?? new Set()).add(a.announcementId));
  }
  expect([...announced.keys()].sort()).toEqual([...stored].sort());
  for (const ids of announced.values()) expect(ids.size).toBe(1);
}

describe('accolade serve on RabbitMQ and PostgreSQL', () => {
  it('awards what a replay of the same messages awards, announces each award, and stops on SIGTERM with exit 0', async () => {
    const store = await setUp();
    const messages = wireStream(11, 500);
    const expected = await referenceAwards(ws, messages);
    expect(expected.length).toBeGreaterThan(20);
    const p = serve(store, ['--metrics', '127.0.0.1:0']);
    await waitConnected(p);
    await broker.publish(messages);
    await p.waitFor(() => processedIds([p], messages).size === messages.length, 'every message processed');
    await p.waitFor(() => broker.announcements.length >= expected.length, 'the announcements', 20_000);

    expect(await storedAwards(db.client)).toEqual(expected);
    expectAnnounced(expected);
    const sample = broker.announcements[0]!;
    expect(sample.routingKey).toBe('org.example.test.fedbadges.badge.award');
    expect(sample.headers[`fedora_messaging_user_${sample.body.user.username}`]).toBe(true);
    expect(p.events('award').length).toBe(expected.length);
    expect(p.events('award')[0]).toMatchObject({ level: 'info', badge_id: expect.any(String), user: expect.any(String), rule: expect.stringMatching(/\.yml$/) });

    const listen = String(p.events('metrics')[0]!['listen']);
    const health = await fetch(`http://${listen}/healthz`);
    expect(health.status).toBe(200);
    const metrics = await (await fetch(`http://${listen}/metrics`)).text();
    expect(metrics).toContain(`accolade_messages_processed_total ${messages.length}`);
    expect(metrics).toContain(`accolade_awards_total ${expected.length}`);
    for (const name of ['accolade_messages_dead_lettered_total 0', 'accolade_message_duration_seconds_count', 'accolade_queue_lag_seconds', 'accolade_rule_awards_total{rule=']) expect(metrics).toContain(name);

    expect(await p.stop()).toBe(0);
    expect(p.events('stopped')).toHaveLength(1);
  });

  it('sends deliveries that are not messages to <queue>.dead with the reason, and goes on', async () => {
    const store = await setUp();
    const messages = wireStream(12, 200);
    const expected = await referenceAwards(ws, messages);
    const p = serve(store);
    await waitConnected(p);
    await broker.publish(messages.slice(0, 100));
    const poison: Array<[string, Buffer, Record<string, unknown>, RegExp]> = [
      ['not JSON', Buffer.from('{"oops": '), { messageId: 'bad-json' }, /not JSON/],
      ['a JSON list', Buffer.from('[1, 2, 3]'), { messageId: 'bad-list' }, /not an object/],
      ['no message id', Buffer.from('{"a": 1}'), {}, /no message_id/],
      ['not UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { messageId: 'bad-bytes' }, /not UTF-8/],
      ['a sent-at that is no time', Buffer.from('{"a": 1}'), { messageId: 'bad-time', headers: { 'sent-at': 'yesterday-ish' } }, /sent-at/],
    ];
    for (const [, content, properties] of poison) await broker.publishRaw('org.fedoraproject.prod.bodhi.update.comment', content, properties);
    await broker.publish(messages.slice(100));
    await p.waitFor(() => processedIds([p], messages).size === messages.length && p.events('dead-lettered').length === poison.length, 'the good messages and the dead letters');

    expect(await storedAwards(db.client)).toEqual(expected);
    const dead = await broker.deadLetters();
    expect(dead).toHaveLength(poison.length);
    poison.forEach(([what, content, properties, reason], i) => {
      expect(dead[i]!.reason, what).toMatch(reason);
      expect(dead[i]!.messageId, what).toBe(properties['messageId']);
      expect(dead[i]!.content, what).toBe(content.toString('latin1'));
    });
    expect(await broker.depth()).toBe(0);
  });

  it('killed with SIGKILL mid-stream and started again: the awards of an uninterrupted run, none twice, every one announced', async () => {
    const store = await setUp();
    const messages = wireStream(13, 1200);
    const expected = await referenceAwards(ws, messages);
    expect(expected.length).toBeGreaterThan(50);
    const first = serve(store);
    await waitConnected(first);
    await broker.publish(messages);
    await first.waitFor(() => processedIds([first], messages).size >= 300, 'a third of the stream');
    await first.kill();
    const stored = await storedAwards(db.client);
    expect(stored.length).toBeLessThan(expected.length);

    const second = serve(store);
    await second.waitFor(() => processedIds([first, second], messages).size === messages.length, 'the rest of the stream');
    await second.waitFor(() => broker.announcements.length >= expected.length, 'the announcements', 30_000);
    expect(await storedAwards(db.client)).toEqual(expected);
    expectAnnounced(expected);
    expect(await second.stop()).toBe(0);
  });

  it('announces an award committed by a process that died before announcing it', async () => {
    const store = await setUp();
    // What a process leaves when it dies between the award's commit and the publish: the award and its outbox row.
    const stores = await openStoresOn(db.client, { awards: { outbox: true } });
    await (stores.awards as PostgresAwardStore).ensureBadges([{ id: 'left-behind', name: 'Left behind', description: 'd', imageUrl: 'https://example.org/i.png', criteria: 'c', tags: ['t'] }]);
    await stores.awards.award({ badgeId: 'left-behind', user: 'ann', messageId: 'm-before-crash', issuedAt: new Date() });
    const p = serve(store);
    await p.waitFor(() => broker.announcements.length === 1, 'the announcement');
    expect(broker.announcements[0]!.body).toMatchObject({ badge: { badge_id: 'left-behind', name: 'Left behind', tags: ['t'] }, user: { username: 'ann' }, message_id: 'm-before-crash' });
    // The broker can hand the announcement on before the service has its confirm and marks the row done.
    await until(async () => (await stores.outbox!.pendingCount()) === 0, 'the outbox row marked announced', 10_000);
    await sleep(300);
    expect(broker.announcements).toHaveLength(1);
  });

  it('--running-counts: counts from counters kept in the database give the awards of a replay', async () => {
    const store = await setUp();
    // More messages than one fold (every 1,000 rows), so counts are read from folded counters and from the rows since.
    const messages = wireStream(17, 1500);
    const expected = await referenceAwards(ws, messages);
    expect(expected.length).toBeGreaterThan(50);
    const p = serve(store, ['--running-counts']);
    await waitConnected(p);
    await broker.publish(messages);
    await p.waitFor(() => processedIds([p], messages).size === messages.length, 'every message processed', 120_000);
    expect(await storedAwards(db.client)).toEqual(expected);
    const counters = await db.client.query<{ n: string }>('SELECT count(*) AS n FROM accolade_counts');
    expect(Number(counters[0]!.n)).toBeGreaterThan(0);
    expect(await p.stop()).toBe(0);
  });

  it('three processes on one queue award what one would, each award once', async () => {
    const store = await setUp();
    const messages = wireStream(14, 1500);
    const expected = await referenceAwards(ws, messages);
    expect(expected.length).toBeGreaterThan(50);
    const processes = [serve(store), serve(store), serve(store)];
    for (const p of processes) await waitConnected(p);
    await broker.publish(messages);
    await processes[0]!.waitFor(() => processedIds(processes, messages).size === messages.length, 'every message processed', 120_000);
    await processes[0]!.waitFor(() => broker.announcements.length >= expected.length, 'the announcements', 30_000);
    for (const p of processes) expect(p.events('processed').length).toBeGreaterThan(100);
    const stored = await storedAwards(db.client);
    // Which of two qualifying messages earns an award can differ; who gets which badge cannot.
    expect(withoutMessage(stored)).toEqual(withoutMessage(expected));
    expectAnnounced(stored);
    const awardsLogged = processes.flatMap((p) => p.events('award').map((l) => `${l['badge_id']} ${l['user']}`));
    expect(awardsLogged.sort()).toEqual(withoutMessage(expected));
    for (const p of processes) expect(await p.stop()).toBe(0);
  });

  it('--history external: waits for datanommer to store each message, counts it once, and dead-letters one that never comes', async () => {
    const store = await setUp();
    const messages = wireStream(15, 200);
    const expected = await referenceAwards(ws, messages);
    await openStoresOn(db.client);
    const p = serve(store, ['--history', 'external', '--history-wait', '2']);
    await waitConnected(p);
    await broker.publish(messages);
    // datanommer, a little behind the bus, stores the same messages.
    for (const m of messages) {
      await recordMessage(db.client, createMessage(m));
      if (m === messages[50]) await sleep(500);
    }
    await p.waitFor(() => processedIds([p], messages).size === messages.length, 'every message');
    expect(await storedAwards(db.client)).toEqual(expected);
    expect((await db.client.query<{ n: number }>('SELECT count(*)::int AS n FROM messages'))[0]!.n).toBe(messages.length);

    await broker.publish([{ id: 'never-stored', topic: 'org.fedoraproject.prod.git.receive', headers: {}, body: {} }]);
    await p.waitFor(() => p.events('dead-lettered').length === 1, 'the dead letter', 20_000);
    expect((await broker.deadLetters())[0]).toMatchObject({ messageId: 'never-stored', reason: expect.stringMatching(/did not appear in the history store within 2000 ms/) });
  });
});
