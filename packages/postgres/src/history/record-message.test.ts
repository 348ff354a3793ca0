import { describe, expect, it } from 'vitest';
import { ensureDatanommerSchema } from '../schema/ensure-schema.js';
import { at, message } from '../testing/messages.js';
import { countingClient } from '../testing/counting-client.js';
import { pgliteClient } from '../testing/pglite-harness.js';
import { PostgresHistoryStore } from './postgres-history-store.js';

async function fresh() {
  const client = await pgliteClient();
  await ensureDatanommerSchema(client);
  return client;
}

describe('recording messages as datanommer stores them', () => {
  it('writes the row, the body as json.dumps text, UTC wall time, and users and packages through the link tables', async () => {
    const client = await fresh();
    const store = new PostgresHistoryStore(client);
    await store.add(message('bodhi.update.comment', { text: 'café', n: [1, 2] }, {
      id: 'x1', agent_name: 'ralph', usernames: ['ralph', 'lmacken'], packages: ['kernel'],
      headers: { 'sent-at': '2024-03-01T10:00:00+00:00' }, timestamp: at('2024-03-01T10:00:00.250Z'),
    }));
    const [row] = await client.query<Record<string, unknown>>(
      `SELECT msg_id, i, topic, category, agent_name, msg, headers, source_name, to_char(timestamp, 'YYYY-MM-DD HH24:MI:SS.MS') AS ts FROM messages`,
    );
    expect(row).toEqual({
      msg_id: 'x1', i: 0, topic: 'org.fedoraproject.prod.bodhi.update.comment', category: 'bodhi', agent_name: 'ralph',
      msg: '{"text": "caf\\u00e9", "n": [1, 2]}', headers: { 'sent-at': '2024-03-01T10:00:00+00:00' }, source_name: 'accolade',
      ts: '2024-03-01 10:00:00.250',
    });
    const links = await client.query<{ name: string; same: boolean }>(
      `SELECT u.name, um.msg_timestamp = m.timestamp AND um.msg_id = m.id AS same
         FROM users_messages um JOIN users u ON u.id = um.user_id JOIN messages m ON m.id = um.msg_id ORDER BY u.name`,
    );
    expect(links).toEqual([{ name: 'lmacken', same: true }, { name: 'ralph', same: true }]);
    expect(await client.query('SELECT p.name FROM packages_messages pm JOIN packages p ON p.id = pm.package_id')).toEqual([{ name: 'kernel' }]);
  });

  it('keeps one users row per name across messages, and none for an empty list', async () => {
    const client = await fresh();
    const store = new PostgresHistoryStore(client);
    await store.add(message('git.receive', {}, { usernames: ['ann', 'bob'] }));
    await store.add(message('git.receive', {}, { usernames: ['bob', 'ann', 'cy'] }));
    await store.add(message('git.receive', {}, { usernames: [] }));
    expect(await client.query('SELECT name FROM users ORDER BY name')).toEqual([{ name: 'ann' }, { name: 'bob' }, { name: 'cy' }]);
    expect(await client.query('SELECT count(*)::int AS n FROM users_messages')).toEqual([{ n: 5 }]);
    const rows = await store.find({ users: ['cy'] });
    expect(rows[0]?.users).toEqual(['bob', 'ann', 'cy']);
  });
});

describe('recording in one round trip (a script, its values written as literals)', () => {
  it("stores quotes, backslashes and any text exactly, whatever standard_conforming_strings says, in one statement per message", async () => {
    const client = await fresh();
    const { client: counted, statements } = countingClient(client);
    const store = new PostgresHistoryStore(counted);
    const awkward = ["o'brien", 'back\\slash', "\\'; DROP TABLE messages; --", 'tab\tnew\nline', 'café ☃ 𝄞', '$1 %_'];
    for (const conforming of ['on', 'off']) {
      await client.query(`SET standard_conforming_strings = ${conforming}`);
      const m = message(`git.receive.${conforming}`, { text: awkward, [awkward[1]!]: awkward[2] }, {
        id: `q'${conforming}\\`, agent_name: awkward[0], usernames: awkward, packages: [awkward[2]!], headers: { 'x-quote': awkward[2], [awkward[0]!]: awkward[3] },
      });
      statements.length = 0;
      await store.add(m);
      expect(statements).toHaveLength(1);
      const [row] = await store.find({ msg_id: m.id });
      expect(row).toMatchObject({ msg_id: m.id, agent_name: awkward[0], users: awkward, packages: [awkward[2]], headers: m.headers, msg: m.body });
      // Recorded again: found, not stored twice.
      await store.add(m);
      expect(await client.query('SELECT count(*)::int AS n FROM messages WHERE msg_id = $1', [m.id])).toEqual([{ n: 1 }]);
    }
    await client.query('SET standard_conforming_strings = on');
    await expect(store.add(message('git.receive', {}, { id: 'nul\u0000' }))).rejects.toThrow(/NUL/);
  });
});

describe('the horizon: what a store sees once it has recorded messages', () => {
  it('counts as of the last message this store recorded, even when another recorder is further along', async () => {
    const client = await fresh();
    const stream = [1, 2, 3, 4].map((i) => message('git.receive', {}, { id: `s${i}`, agent_name: 'ann' }));
    const ahead = new PostgresHistoryStore(client);
    for (const m of stream) await ahead.add(m);
    const behind = new PostgresHistoryStore(client);
    const latest = new PostgresHistoryStore(client, { horizon: 'latest' });
    expect(await behind.count({ agents: ['ann'] })).toBe(4);
    await behind.add(stream[0]!);
    await behind.add(stream[1]!);
    expect(await behind.count({ agents: ['ann'] })).toBe(2);
    expect((await behind.find({ agents: ['ann'] })).map((r) => r.msg_id)).toEqual(['s1', 's2']);
    await latest.add(stream[0]!);
    expect(await latest.count({ agents: ['ann'] })).toBe(4);
    expect(await ahead.count({ agents: ['ann'] })).toBe(4);
    // A redelivered old message does not move the horizon back.
    await behind.add(stream[2]!);
    await behind.add(stream[0]!);
    expect(await behind.count({ agents: ['ann'] })).toBe(3);
  });

  it("'message': a redelivered message is counted as of itself again, as the first time", async () => {
    const client = await fresh();
    const stream = Array.from({ length: 4 }, (_, i) => message('git.receive', {}, { id: `r${i}`, agent_name: 'ann' }));
    const consumer = new PostgresHistoryStore(client, { horizon: 'message' });
    for (const m of stream) await consumer.add(m);
    expect(await consumer.count({ agents: ['ann'] })).toBe(4);
    await consumer.add(stream[1]!);
    expect(await consumer.count({ agents: ['ann'] })).toBe(2);
    await consumer.add(stream[3]!);
    expect(await consumer.count({ agents: ['ann'] })).toBe(4);
    expect(await client.query('SELECT count(*)::int AS n FROM messages')).toEqual([{ n: 4 }]);
  });
});

describe("recording: 'external' (datanommer writes the history)", () => {
  it('waits for the message to appear, then counts as of it; gives up after the bound with a HistoryWaitError', async () => {
    const client = await fresh();
    const writer = new PostgresHistoryStore(client);
    // The wait ends when the message appears; the bound only has to outlast a busy machine.
    const reader = new PostgresHistoryStore(client, { recording: 'external', externalWaitMs: 60_000, externalPollMs: 10 });
    const first = message('git.receive', {}, { id: 'e1', agent_name: 'ann' });
    const later = message('git.receive', {}, { id: 'e2', agent_name: 'ann' });
    await writer.add(first);
    const waiting = reader.add(later);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await writer.add(later);
    await waiting;
    expect(await reader.count({ agents: ['ann'] })).toBe(2);
    expect(await client.query('SELECT count(*)::int AS n FROM messages')).toEqual([{ n: 2 }]);

    const impatient = new PostgresHistoryStore(client, { recording: 'external', externalWaitMs: 50, externalPollMs: 10 });
    const missing = message('git.receive', {}, { id: 'never' });
    await expect(impatient.add(missing)).rejects.toMatchObject({ name: 'HistoryWaitError', code: 'not-in-history', messageId: 'never' });
    expect(await client.query("SELECT count(*)::int AS n FROM messages WHERE msg_id = 'never'")).toEqual([{ n: 0 }]);
  });
});
