import { type Message, type MessageInput, asMessage, historyCategoryOf, pythonJsonDumps } from '@accolade/core';
import type { SqlClient } from '../client/sql-client.js';

/**
 * Loads a large history into empty datanommer tables with multi-row INSERTs
 * (one statement per table per batch of thousands of rows, arrays of
 * columns unnested server-side): the same rows recordMessage() writes, at
 * bulk speed (for benchmarks and for seeding a fresh database from an
 * export). Ids are given explicitly from 1, then the sequences moved past them.
 * `make` gives the i-th message: a Message or fedora-messaging JSON.
 */
export async function bulkLoadHistory(client: SqlClient, count: number, make: (i: number) => Message | MessageInput, onProgress: (done: number) => void, batch = 5000): Promise<void> {
  const names = { users: new Map<string, number>(), packages: new Map<string, number>() };
  for (let start = 0; start < count; start += batch) {
    const end = Math.min(count, start + batch);
    const cols = { id: [] as number[], msgId: [] as string[], topic: [] as string[], ts: [] as string[], category: [] as string[], agent: [] as (string | null)[], msg: [] as string[], headers: [] as string[] };
    const links = { users: { name: [] as number[], msg: [] as number[], ts: [] as string[] }, packages: { name: [] as number[], msg: [] as number[], ts: [] as string[] } };
    const fresh = { users: [] as [number, string][], packages: [] as [number, string][] };
    for (let i = start; i < end; i++) {
      const m = asMessage(make(i));
      const id = i + 1;
      const ts = m.timestamp.toISOString();
      cols.id.push(id); cols.msgId.push(m.id); cols.topic.push(m.topic); cols.ts.push(ts); cols.category.push(historyCategoryOf(m.topic));
      cols.agent.push(m.agent_name); cols.msg.push(pythonJsonDumps(m.body)); cols.headers.push(JSON.stringify(m.headers));
      for (const kind of ['users', 'packages'] as const) {
        for (const name of kind === 'users' ? m.usernames : m.packages) {
          let nameId = names[kind].get(name);
          if (nameId === undefined) {
            nameId = names[kind].size + 1;
            names[kind].set(name, nameId);
            fresh[kind].push([nameId, name]);
          }
          links[kind].name.push(nameId); links[kind].msg.push(id); links[kind].ts.push(ts);
        }
      }
    }
    await client.transaction(async (tx) => {
      for (const kind of ['users', 'packages'] as const) {
        if (fresh[kind].length > 0) {
          await tx.query(`INSERT INTO ${kind} (id, name) SELECT * FROM unnest($1::int[], $2::text[])`, [fresh[kind].map((f) => f[0]), fresh[kind].map((f) => f[1])]);
        }
      }
      await tx.query(
        `INSERT INTO messages (id, msg_id, i, topic, timestamp, category, agent_name, msg, headers, source_name)
         SELECT id, msg_id, 0, topic, ts::timestamptz AT TIME ZONE 'UTC', category, agent, msg, headers::jsonb, 'accolade'
           FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
             AS t(id, msg_id, topic, ts, category, agent, msg, headers)`,
        [cols.id, cols.msgId, cols.topic, cols.ts, cols.category, cols.agent, cols.msg, cols.headers],
      );
      for (const [kind, link, key] of [['users', 'users_messages', 'user_id'], ['packages', 'packages_messages', 'package_id']] as const) {
        const l = links[kind];
        if (l.name.length === 0) continue;
        await tx.query(
          `INSERT INTO ${link} (${key}, msg_id, msg_timestamp) SELECT n, m, ts::timestamptz AT TIME ZONE 'UTC' FROM unnest($1::int[], $2::int[], $3::text[]) AS t(n, m, ts)`,
          [l.name, l.msg, l.ts],
        );
      }
    });
    onProgress(end);
  }
  for (const table of ['messages', 'users', 'packages']) {
    await client.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), GREATEST(1, (SELECT COALESCE(max(id), 0) FROM ${table})))`);
  }
  // As a long-lived datanommer table would be: vacuumed and analysed (and no autovacuum of the fresh rows during the timed run).
  await client.query('VACUUM ANALYZE messages, users, packages, users_messages, packages_messages');
}
