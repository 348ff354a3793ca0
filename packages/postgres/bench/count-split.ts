import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { type HistoryQuery, type HistoryStore, type Message, createEngine, loadRules } from '@accolade/core';
import { PgClient, PostgresAwardStore, PostgresHistoryStore, ensureDatanommerSchema, ensureTahrirSchema, bulkLoadHistory } from '@accolade/postgres';
import { SyntheticMessages } from './synthetic-messages.js';

/**
 * Where the time of the benchmark's stream goes on the server: the history
 * store's calls timed one by one, counts split into first asks and repeats
 * of a question already asked (the only ones the count cache can answer
 * incrementally). Same history and stream as bench.ts; uncached, cached.
 *
 *   pnpm build && pnpm exec tsc -p packages/postgres/bench && node packages/postgres/.bench/count-split.js [history size]
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const HISTORY = Number(process.argv[2] ?? 1_000_000);
const STREAM = Number(process.env['BENCH_STREAM'] ?? 2000);
const PG_URL = process.env['ACCOLADE_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const examples = join(ROOT, 'examples/fedora');
const synthetic = new SyntheticMessages([join(examples, 'history.jsonl'), join(examples, 'messages.jsonl')]);
const stream = Array.from({ length: STREAM }, (_, i) => synthetic.message(HISTORY + i));

type Kind = 'count, first ask' | 'count, repeated' | 'find' | 'add';

/** The store, every call timed and tallied by kind. */
function timedStore(history: PostgresHistoryStore): { store: HistoryStore; tally: Map<Kind, { calls: number; ms: number }> } {
  const tally = new Map<Kind, { calls: number; ms: number }>();
  const asked = new Set<string>();
  const time = async <T>(kind: Kind, fn: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const value = await fn();
    const entry = tally.get(kind) ?? { calls: 0, ms: 0 };
    entry.calls++;
    entry.ms += performance.now() - t;
    tally.set(kind, entry);
    return value;
  };
  const keyOf = (q: HistoryQuery): string => JSON.stringify(Object.entries(q).filter(([k]) => !['page', 'rows_per_page', 'order'].includes(k)).sort(([a], [b]) => a.localeCompare(b)));
  const store: HistoryStore = {
    add: (m: Message) => time('add', () => history.add(m)),
    find: (q: HistoryQuery) => time('find', () => history.find(q)),
    count: (q: HistoryQuery) => {
      const key = keyOf(q);
      const kind: Kind = asked.has(key) ? 'count, repeated' : 'count, first ask';
      asked.add(key);
      return time(kind, () => history.count(q));
    },
  };
  return { store, tally };
}

async function main(): Promise<void> {
  const rules = await loadRules([join(examples, 'rules')]);
  const schema = `accolade_split_${Date.now().toString(36)}`;
  const client = new PgClient({ connectionString: PG_URL, schema });
  try {
    await ensureDatanommerSchema(client);
    await ensureTahrirSchema(client);
    await bulkLoadHistory(client, HISTORY, (i) => synthetic.message(i), () => {});
    for (const countCache of [false, true]) {
      const { store, tally } = timedStore(new PostgresHistoryStore(client, { countCache }));
      const engine = createEngine({ rules, history: store, awards: new PostgresAwardStore(client) });
      await engine.ready();
      const t = performance.now();
      for (const m of stream) await engine.process(m);
      const total = (performance.now() - t) / 1000;
      const parts = [...tally].map(([kind, { calls, ms }]) => `${kind}: ${calls} calls, ${(ms / 1000).toFixed(1)} s`);
      process.stdout.write(`${countCache ? 'count cache' : 'uncached'} (${HISTORY.toLocaleString('en')} history, ${STREAM} messages): ${total.toFixed(1)} s; ${parts.join('; ')}\n`);
      // Back to the loaded history for the next run.
      for (const table of ['users_messages', 'packages_messages']) await client.query(`DELETE FROM ${table} WHERE msg_id > $1`, [HISTORY]);
      await client.query('DELETE FROM messages WHERE id > $1', [HISTORY]);
      await client.query('DELETE FROM assertions');
      await client.query('DELETE FROM persons');
    }
  } finally {
    await client.query(`DROP SCHEMA ${schema} CASCADE`).catch(() => {});
    await client.close();
  }
}

await main();
