import { performance } from 'node:perf_hooks';
import { createEngine } from '@accolade/core';
import { PgClient, PostgresAwardStore, PostgresHistoryStore, type SqlClient, type SqlQueryable } from '@accolade/postgres';
import { DEFAULT_STREAM, MessageSequence } from '../../../bench/dist/corpus/messages.js';
import { realisticRules } from '../../../bench/dist/corpus/rule-sets.js';
import { loadGenerated } from '../../../bench/dist/corpus/load.js';

/**
 * Where a stream's time goes on the server, statement by statement: the
 * 400-rule corpus over a history bench.ts loaded and kept (BENCH_SCHEMA),
 * each statement timed and grouped by its first words. Running counts on.
 *
 *   BENCH_SCHEMA=pgc_bench_1m BENCH_HISTORY=1000000 node packages/postgres/.bench/statement-split.js
 */
const HISTORY = Number(process.env['BENCH_HISTORY'] ?? 1_000_000);
const STREAM = Number(process.env['BENCH_STREAM'] ?? 1000);
const SCHEMA = process.env['BENCH_SCHEMA'];
if (SCHEMA === undefined) throw new Error('BENCH_SCHEMA names the schema bench.ts loaded');
const PG_URL = process.env['ACCOLADE_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

const tally = new Map<string, { n: number; ms: number }>();
/** A statement's kind: its text with literals and locks folded, so the scripts of every message group together. */
const kind = (text: string): string => text.replace(/\s+/g, ' ').replace(/E?'(?:[^']|'')*'/g, "'…'").replace(/SELECT pg_advisory_xact_lock\([^;]*;\s*/g, 'lock; ').replace(/(lock; )+/g, 'lock; ').slice(0, 90);
async function timed<T>(text: string, run: () => Promise<T>): Promise<T> {
  const t = performance.now();
  try { return await run(); } finally {
    const e = tally.get(kind(text)) ?? { n: 0, ms: 0 };
    e.n++; e.ms += performance.now() - t;
    tally.set(kind(text), e);
  }
}
function timing(client: SqlClient): SqlClient {
  const tx = (q: SqlQueryable): SqlQueryable => ({ query: (text, params) => timed(text, () => q.query(text, params)) });
  return { kind: client.kind, schema: client.schema, close: () => client.close(), query: (text, params) => timed(text, () => client.query(text, params)), transaction: (fn) => client.transaction((t) => fn(tx(t))) };
}

const sequence = new MessageSequence(DEFAULT_STREAM);
const rules = loadGenerated(realisticRules(400)).compiled;
const client = new PgClient({ connectionString: PG_URL, schema: SCHEMA });
try {
  for (const table of ['users_messages', 'packages_messages']) await client.query(`DELETE FROM ${table} WHERE msg_id > $1`, [HISTORY]);
  await client.query('DELETE FROM messages WHERE id > $1', [HISTORY]);
  await client.query('DELETE FROM assertions');
  await client.query('DELETE FROM persons');
  await client.query('DROP TABLE IF EXISTS accolade_counts, accolade_count_views');
  const sql = timing(client);
  const engine = createEngine({ rules, history: new PostgresHistoryStore(sql, { runningCounts: true }), awards: new PostgresAwardStore(sql) });
  await engine.ready();
  tally.clear();
  const started = performance.now();
  for (let i = 0; i < STREAM; i++) await engine.process(sequence.message(HISTORY + i));
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`${STREAM} messages in ${seconds.toFixed(1)} s\n\n| statements | calls per message | ms per call | share of the time |\n| --- | ---: | ---: | ---: |\n`);
  for (const [k, { n, ms }] of [...tally].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15)) {
    process.stdout.write(`| \`${k.replace(/\|/g, '\\|')}\` | ${(n / STREAM).toFixed(2)} | ${(ms / n).toFixed(2)} | ${(ms / 10 / seconds).toFixed(0)} % |\n`);
  }
} finally {
  await client.close();
}
