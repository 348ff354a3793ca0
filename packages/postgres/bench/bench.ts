import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { type CompiledRule, MemoryAwardStore, MemoryHistoryStore, loadRules } from '@accolade/core';
import { PgClient, PgliteClient, PostgresAwardStore, PostgresHistoryStore, type SqlClient, ensureDatanommerSchema, ensureTahrirSchema, bulkLoadHistory } from '@accolade/postgres';
import { type RunResult, percentile, runEngine } from './engine-run.js';
import { commonQueries, explainCount } from './plans.js';
import { SyntheticMessages } from './synthetic-messages.js';

/**
 * End-to-end messages per second with the history on PostgreSQL (server
 * and PGlite) against the in-memory stores, in one run, over the same
 * history of HISTORY messages and the same stream; then the plans of the
 * common count queries on the loaded history.
 *
 *   pnpm bench:postgres                      # 1,000,000 history messages
 *   BENCH_HISTORY=100000 BENCH_STREAM=500 pnpm bench:postgres
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const HISTORY = Number(process.env['BENCH_HISTORY'] ?? 1_000_000);
const PGLITE_HISTORY = Number(process.env['BENCH_PGLITE_HISTORY'] ?? HISTORY);
const STREAM = Number(process.env['BENCH_STREAM'] ?? 2000);
const PG_URL = process.env['ACCOLADE_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const only = new Set((process.env['BENCH_ONLY'] ?? 'memory,server,pglite').split(','));

const log = (text: string): void => { process.stderr.write(`${text}\n`); };
const examples = join(ROOT, 'examples/fedora');
const synthetic = new SyntheticMessages([join(examples, 'history.jsonl'), join(examples, 'messages.jsonl')]);
const historyMessage = (i: number) => synthetic.message(i);
// The stream continues the history: later ids and times.
const stream = Array.from({ length: STREAM }, (_, i) => synthetic.message(HISTORY + i));

interface Row { store: string; history: number; load: number | null; result: RunResult }
const rows: Row[] = [];
const plans: string[] = [];

/** Progress of a stream run on stderr, so a long run can be watched. */
const progress = (name: string) => (done: number, seconds: number): void => log(`${name}: ${done} of ${STREAM} stream messages in ${seconds.toFixed(0)} s`);

function record(row: Row): void {
  rows.push(row);
  const r = row.result;
  log(`${row.store}: ${r.messages} messages in ${r.seconds.toFixed(1)} s, ${(r.messages / r.seconds).toFixed(1)} messages/s, ${r.awards.length} awards`);
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const value = await fn();
  return [value, (performance.now() - t) / 1000];
}

/** Back to the loaded history: the stream's messages and every award removed. */
async function forgetStream(client: SqlClient, size: number): Promise<void> {
  for (const table of ['users_messages', 'packages_messages']) await client.query(`DELETE FROM ${table} WHERE msg_id > $1`, [size]);
  await client.query('DELETE FROM messages WHERE id > $1', [size]);
  await client.query('DELETE FROM assertions');
  await client.query('DELETE FROM persons');
}

async function onDatabase(name: string, client: SqlClient, size: number, rules: CompiledRule[]): Promise<void> {
  await ensureDatanommerSchema(client);
  await ensureTahrirSchema(client);
  let last = 0;
  const [, load] = await timed(() => bulkLoadHistory(client, size, historyMessage, (done) => {
    if (done - last >= 100_000 || done === size) { log(`${name}: loaded ${done} history messages`); last = done; }
  }));
  const history = new PostgresHistoryStore(client);
  const result = await runEngine(rules, history, new PostgresAwardStore(client), stream, progress(name));
  record({ store: name, history: size, load, result });
  // The same stream again from the same loaded history, with the incremental count cache.
  await forgetStream(client, size);
  const cached = await runEngine(rules, new PostgresHistoryStore(client, { countCache: true }), new PostgresAwardStore(client), stream, progress(`${name}, count cache`));
  record({ store: `${name}, count cache`, history: size, load: null, result: cached });
  const counts = await client.query<{ name: string; n: number }>(
    'SELECT u.name, count(*)::int AS n FROM users_messages um JOIN users u ON u.id = um.user_id GROUP BY u.name ORDER BY n DESC LIMIT 1',
  );
  const typical = await client.query<{ name: string }>(
    'SELECT u.name FROM users_messages um JOIN users u ON u.id = um.user_id GROUP BY u.name ORDER BY count(*) DESC OFFSET 2000 LIMIT 1',
  );
  const heavy = counts[0]?.name ?? 'user0';
  plans.push(`### ${name} (${size.toLocaleString('en')} messages; ${heavy} is on ${counts[0]?.n ?? 0} of them)`);
  // The horizon an engine at the end of the stream has: the newest row (the first run's stream rows were deleted).
  const horizon = (await client.query<{ id: number }>('SELECT max(id)::int AS id FROM messages'))[0]!.id;
  for (const { name: q, query } of commonQueries(heavy, typical[0]?.name ?? 'user1000')) {
    plans.push(`\n${q}:\n\n\`\`\`\n${await explainCount(client, query, horizon)}\n\`\`\``);
  }
  // What the count cache asks instead, when the same question comes back 100 rows later.
  {
    const [first] = commonQueries(heavy, typical[0]?.name ?? 'user1000');
    plans.push(`\nthe same, incrementally (count cache: only rows ${horizon - 100} < id <= ${horizon}), ${first!.name}:\n\n\`\`\`\n${await explainCount(client, first!.query, horizon, horizon - 100)}\n\`\`\``);
  }
}

async function main(): Promise<void> {
  const rules = await loadRules([join(examples, 'rules')]);
  log(`history ${HISTORY} messages, stream ${STREAM} messages, ${rules.length} rules`);

  if (only.has('server')) {
    const schema = `accolade_bench_${Date.now().toString(36)}`;
    const client = new PgClient({ connectionString: PG_URL, schema });
    try {
      await onDatabase('PostgreSQL server', client, HISTORY, rules);
    } finally {
      await client.query(`DROP SCHEMA ${schema} CASCADE`).catch(() => {});
      await client.close();
    }
  }
  if (only.has('pglite')) {
    const dir = mkdtempSync(join(tmpdir(), 'accolade-bench-'));
    const client = await PgliteClient.open({ dataDir: join(dir, 'db') });
    try {
      await onDatabase('PGlite (on disk)', client, PGLITE_HISTORY, rules);
    } finally {
      await client.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (only.has('memory')) {
    const history = new MemoryHistoryStore();
    const [, load] = await timed(async () => {
      for (let i = 0; i < HISTORY; i++) {
        history.add(historyMessage(i));
        if ((i + 1) % 200_000 === 0) log(`in-memory: loaded ${i + 1} history messages`);
      }
    });
    record({ store: 'in-memory', history: HISTORY, load, result: await runEngine(rules, history, new MemoryAwardStore(), stream, progress('in-memory')) });
  }

  // Only runs over the same history can be compared (BENCH_PGLITE_HISTORY may differ).
  const comparable = rows.filter((r) => r.history === HISTORY);
  const reference = comparable[0]?.result.awards.join('\n');
  const fmt = (n: number, d = 2): string => n.toFixed(d);
  const out = [
    `| store | history messages | load (s) | start-up (s) | stream messages | messages/s | p50 ms | p95 ms | p99 ms | awards |`,
    `| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`,
    ...rows.map(({ store, history, load, result: r }) => `| ${store} | ${history.toLocaleString('en')} | ${load === null ? '(same)' : fmt(load, 0)} | ${fmt(r.startup, 1)} | ${r.messages} | ${fmt(r.messages / r.seconds, 0)} | ${fmt(percentile(r.latencies, 50))} | ${fmt(percentile(r.latencies, 95))} | ${fmt(percentile(r.latencies, 99))} | ${r.awards.length} |`),
    '',
    `Awards identical (same awards, same order) across the ${comparable.length} runs over ${HISTORY.toLocaleString('en')} history messages: ${comparable.every((r) => r.result.awards.join('\n') === reference) ? 'yes' : 'NO'}`,
    '',
    ...plans,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

await main();
