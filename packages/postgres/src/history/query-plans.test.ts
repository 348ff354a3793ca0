import type { HistoryQuery } from '@accolade/core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SqlClient } from '../client/sql-client.js';
import { ensureDatanommerSchema } from '../schema/ensure-schema.js';
import { pgliteClient } from '../testing/pglite-harness.js';
import { countSql } from './query-sql.js';

const ROWS = 60_000;

/** Every whole-table read in the plan: a sequential scan, or an index scan with no condition (all of the index). */
function fullScans(plan: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    const type = String(n['Node Type']);
    const unbounded = type === 'Seq Scan' || (/Index/.test(type) && n['Index Cond'] === undefined && type !== 'BitmapAnd' && type !== 'BitmapOr');
    if (unbounded) out.push(`${type} on ${String(n['Relation Name'] ?? n['Index Name'])}`);
    for (const child of (n['Plans'] as unknown[] | undefined) ?? []) walk(child);
  };
  walk(plan);
  return out;
}

/** Rows the plan actually read from a table (its scans' rows times loops), from EXPLAIN ANALYZE. */
function rowsReadFrom(plan: unknown, table: string): number {
  let total = 0;
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    if (n['Relation Name'] === table) total += Number(n['Actual Rows']) * Number(n['Actual Loops']);
    for (const child of (n['Plans'] as unknown[] | undefined) ?? []) walk(child);
  };
  walk(plan);
  return total;
}

async function plan(client: SqlClient, query: HistoryQuery, horizon: number | null, after: number | null = null, analyze = false): Promise<unknown> {
  const { text, values } = countSql(query, horizon, after);
  const rows = await client.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (${analyze ? 'ANALYZE, ' : ''}FORMAT JSON) ${text}`, values);
  const json = rows[0]!['QUERY PLAN'];
  return ((typeof json === 'string' ? JSON.parse(json) as unknown[] : json as unknown[])[0] as { Plan: unknown }).Plan;
}

describe('the common counts use indexes, not a scan of messages', () => {
  let client: SqlClient;

  beforeAll(async () => {
    client = await pgliteClient();
    await ensureDatanommerSchema(client);
    // A history of 60,000 messages among 2,000 users, made in SQL.
    await client.query(`INSERT INTO users (name) SELECT 'user' || g FROM generate_series(0, 1999) g`);
    await client.query(
      `INSERT INTO messages (msg_id, i, topic, timestamp, category, agent_name, msg, headers)
       SELECT 'm' || g, 0, 'org.fedoraproject.prod.' || (ARRAY['bodhi.update.comment', 'git.receive', 'wiki.article.edit', 'bodhi.update.request'])[1 + g % 4],
              timestamp '2024-01-01' + g * interval '1 minute', (ARRAY['bodhi', 'git', 'wiki', 'bodhi'])[1 + g % 4],
              'user' || (g / 4 % 2000), '{"karma": ' || (g % 3) || ', "n": ' || g || '}', '{}'::jsonb
         FROM generate_series(1, ${ROWS}) g`,
    );
    await client.query(
      `INSERT INTO users_messages (user_id, msg_id, msg_timestamp)
       SELECT u.id, m.id, m.timestamp FROM messages m JOIN users u ON u.name = m.agent_name`,
    );
    await client.query('ANALYZE');
  }, 120_000);

  it('(the check itself sees a scan where one is needed: no filter at all)', async () => {
    expect(fullScans(await plan(client, {}, null))).toHaveLength(1);
  });

  it.each<[string, HistoryQuery]>([
    ['users + topics', { users: ['user42'], topics: ['org.fedoraproject.prod.bodhi.update.comment'] }],
    ['users alone', { users: ['user42'] }],
    ['agents + topics', { agents: ['user42'], topics: ['org.fedoraproject.prod.git.receive'] }],
    ['agents + categories', { agents: ['user42', 'user43'], categories: ['git'] }],
    ['users + contains', { users: ['user42'], contains: ['"karma": 1'] }],
    ['users + categories + not_topics', { users: ['user42'], categories: ['bodhi'], not_topics: ['org.fedoraproject.prod.bodhi.update.comment'] }],
  ])('%s', async (_name, query) => {
    for (const horizon of [null, ROWS - 10]) {
      expect(fullScans(await plan(client, query, horizon))).toEqual([]);
    }
    const { text, values } = countSql(query, null);
    expect((await client.query<{ n: number }>(text, values))[0]!.n).toBeGreaterThan(0);
  });

  it("an incremental count (the count cache's) reads only the link rows since the previous horizon, not the user's whole history", async () => {
    // A heavy user, on every tenth message: 6,000 link rows spread over the whole table.
    await client.query(`INSERT INTO users (name) VALUES ('heavy')`);
    await client.query(
      `INSERT INTO users_messages (user_id, msg_id, msg_timestamp)
       SELECT (SELECT id FROM users WHERE name = 'heavy'), m.id, m.timestamp FROM messages m WHERE m.id % 10 = 0`,
    );
    await client.query('ANALYZE');
    const count = async (query: HistoryQuery, horizon: number, after: number | null): Promise<number> => {
      const { text, values } = countSql(query, horizon, after);
      return (await client.query<{ n: number }>(text, values))[0]!.n;
    };
    const [horizon, after] = [ROWS - 10, ROWS - 40];
    for (const query of [{ users: ['heavy'] }, { users: ['heavy'], topics: ['org.fedoraproject.prod.bodhi.update.comment'] }] satisfies HistoryQuery[]) {
      expect(await count(query, horizon, null)).toBeGreaterThan(1000);
      const since = await count(query, horizon, after);
      expect(since).toBe((await count(query, horizon, null)) - (await count(query, after, null)));
      const analysed = await plan(client, query, horizon, after, true);
      expect(fullScans(analysed)).toEqual([]);
      // The 3 link rows in (after, horizon], give or take, rather than 6,000.
      expect(rowsReadFrom(analysed, 'users_messages')).toBeLessThanOrEqual(30);
    }
  });
});
