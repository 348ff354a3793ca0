import type { HistoryQuery } from '@accolade/core';
import { type SqlClient, countSql } from '@accolade/postgres';

/** The history questions most rules ask, with the engine's own SQL. */
export function commonQueries(heavyUser: string, typicalUser: string): Array<{ name: string; query: HistoryQuery }> {
  return [
    { name: `users + topics count, the most active user (${heavyUser})`, query: { users: [heavyUser], topics: ['org.fedoraproject.prod.bodhi.update.comment'] } },
    { name: `users + topics count, a typical user (${typicalUser})`, query: { users: [typicalUser], topics: ['org.fedoraproject.prod.git.receive'] } },
    { name: `agents + topics count (${heavyUser})`, query: { agents: [heavyUser], topics: ['org.fedoraproject.prod.bodhi.update.comment'] } },
    { name: `users + contains (${typicalUser})`, query: { users: [typicalUser], contains: ['"karma": 1'] } },
    { name: `users + categories + not_topics (${heavyUser})`, query: { users: [heavyUser], categories: ['bodhi'], not_topics: ['org.fedoraproject.prod.bodhi.update.comment'] } },
  ];
}

/**
 * EXPLAIN (ANALYZE) of the count the store would run, with the horizon at
 * the newest row; with `after`, the incremental count the count cache runs
 * (only the rows since its previous answer at that horizon).
 */
export async function explainCount(client: SqlClient, query: HistoryQuery, horizon: number | null, after: number | null = null): Promise<string> {
  const { text, values } = countSql(query, horizon, after);
  const rows = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${text}`, values);
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}
