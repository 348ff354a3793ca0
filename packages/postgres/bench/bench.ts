import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { type CompiledRule, type Message, MemoryAwardStore, MemoryHistoryStore, loadRules } from '@accolade/core';
import { PgClient, PgliteClient, PostgresAwardStore, PostgresHistoryStore, type PostgresHistoryStoreOptions, type SqlClient, ensureDatanommerSchema, ensureTahrirSchema, bulkLoadHistory } from '@accolade/postgres';
// The 400-rule Fedora-shaped corpus of `pnpm bench` (built by `tsc -b`).
import { DEFAULT_STREAM, MessageSequence } from '../../../bench/dist/corpus/messages.js';
import { realisticRules } from '../../../bench/dist/corpus/rule-sets.js';
import { loadGenerated } from '../../../bench/dist/corpus/load.js';
import { countingClient } from './counting-client.js';
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
 *   BENCH_RULES=corpus BENCH_MODES=plain,running pnpm bench:postgres
 *
 * BENCH_RULES: `examples` (the 17 example rules over copies of the example
 * messages, the default) or `corpus` (the 400 Fedora-shaped rules and the
 * messages of `pnpm bench`, bench/src/corpus). BENCH_MODES: the history
 * store's modes, run one after the other from the same loaded history:
 * `plain`, `cache` (the count cache), `running` (running counts; their
 * build is the start-up). BENCH_SCHEMA (server) and BENCH_PGLITE_DIR keep
 * the loaded history for the next run, which then skips the load.
 * BENCH_PLANS=0 leaves out the EXPLAIN of the common counts at the end.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const HISTORY = Number(process.env['BENCH_HISTORY'] ?? 1_000_000);
const PGLITE_HISTORY = Number(process.env['BENCH_PGLITE_HISTORY'] ?? HISTORY);
const STREAM = Number(process.env['BENCH_STREAM'] ?? 2000);
const PG_URL = process.env['ACCOLADE_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const only = new Set((process.env['BENCH_ONLY'] ?? 'memory,server,pglite').split(','));
const RULES = process.env['BENCH_RULES'] ?? 'examples';
if (RULES !== 'examples' && RULES !== 'corpus') throw new Error(`BENCH_RULES is 'examples' or 'corpus', not ${RULES}`);
const MODES = (process.env['BENCH_MODES'] ?? 'plain,cache').split(',');
const MODE_OPTIONS: Record<string, PostgresHistoryStoreOptions> = { plain: {}, cache: { countCache: true }, running: { runningCounts: true } };
for (const m of MODES) if (MODE_OPTIONS[m] === undefined) throw new Error(`BENCH_MODES lists plain, cache or running, not ${m}`);
const KEEP_SCHEMA = process.env['BENCH_SCHEMA'];
const KEEP_PGLITE = process.env['BENCH_PGLITE_DIR'];

const log = (text: string): void => { process.stderr.write(`${text}\n`); };
const examples = join(ROOT, 'examples/fedora');
const historyMessage: (i: number) => Message = RULES === 'corpus'
  ? ((sequence) => (i: number) => sequence.message(i))(new MessageSequence(DEFAULT_STREAM))
  : ((synthetic) => (i: number) => synthetic.message(i))(new SyntheticMessages([join(examples, 'history.jsonl'), join(examples, 'messages.jsonl')]));
// The stream continues the history: later ids and times.
const stream = Array.from({ length: STREAM }, (_, i) => historyMessage(HISTORY + i));

interface Row { store: string; history: number; load: number | null; result: RunResult; statements: number | null; loadAvg: [number, number] }
const rows: Row[] = [];
const plans: string[] = [];

/** Progress of a stream run on stderr, so a long run can be watched. */
const progress = (name: string) => (done: number, seconds: number): void => log(`${name}: ${done} of ${STREAM} stream messages in ${seconds.toFixed(0)} s`);

function record(row: Row): void {
  rows.push(row);
  const r = row.result;
  log(`${row.store}: ${r.messages} messages in ${r.seconds.toFixed(1)} s (start-up ${r.startup.toFixed(1)} s), ${(r.messages / r.seconds).toFixed(1)} messages/s, ${r.awards.length} awards, ${row.statements?.toFixed(2) ?? '-'} statements per message, load ${row.loadAvg.map((l) => l.toFixed(2)).join(' -> ')}`);
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
  // Running counts folded past the history would count the deleted rows: they are built again.
  await client.query('DROP TABLE IF EXISTS accolade_counts, accolade_count_views');
}

/** The history loaded, or found loaded by an earlier run (BENCH_SCHEMA, BENCH_PGLITE_DIR); null when it was found. */
async function loadHistory(name: string, client: SqlClient, size: number): Promise<number | null> {
  await ensureDatanommerSchema(client);
  await ensureTahrirSchema(client);
  const [{ n }] = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM messages WHERE id <= $1', [size]) as [{ n: number }];
  if (n === size) { log(`${name}: ${size} history messages already loaded`); return null; }
  if (n !== 0) throw new Error(`${name}: the database holds ${n} of the ${size} history messages; start from an empty one`);
  let last = 0;
  const [, load] = await timed(() => bulkLoadHistory(client, size, historyMessage, (done) => {
    if (done - last >= 100_000 || done === size) { log(`${name}: loaded ${done} history messages`); last = done; }
  }));
  return load;
}

async function onDatabase(name: string, client: SqlClient, size: number, rules: CompiledRule[]): Promise<void> {
  let load = await loadHistory(name, client, size);
  for (const mode of MODES) {
    // Each mode from the same loaded history: the stream's rows and the awards of the previous run removed.
    await forgetStream(client, size);
    const counted = countingClient(client);
    const label = mode === 'plain' ? name : `${name}, ${mode === 'cache' ? 'count cache' : 'running counts'}`;
    const before = loadavg()[0]!;
    const result = await runEngine(rules, new PostgresHistoryStore(counted.client, MODE_OPTIONS[mode]), new PostgresAwardStore(counted.client), stream, progress(label), counted.statements);
    record({ store: label, history: size, load, result, statements: result.statements, loadAvg: [before, loadavg()[0]!] });
    load = null;
  }
  if (process.env['BENCH_PLANS'] === '0') return;
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
  const rules = RULES === 'corpus' ? loadGenerated(realisticRules(400)).compiled : await loadRules([join(examples, 'rules')]);
  log(`history ${HISTORY} messages, stream ${STREAM} messages, ${rules.length} rules (${RULES}), modes ${MODES.join(', ')}; load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

  if (only.has('server')) {
    const schema = KEEP_SCHEMA ?? `accolade_bench_${Date.now().toString(36)}`;
    const client = new PgClient({ connectionString: PG_URL, schema });
    try {
      await onDatabase('PostgreSQL server', client, HISTORY, rules);
    } finally {
      if (KEEP_SCHEMA === undefined) await client.query(`DROP SCHEMA ${schema} CASCADE`).catch(() => {});
      await client.close();
    }
  }
  if (only.has('pglite')) {
    if (KEEP_PGLITE !== undefined && !existsSync(KEEP_PGLITE)) mkdirSync(KEEP_PGLITE, { recursive: true });
    const dir = KEEP_PGLITE ?? mkdtempSync(join(tmpdir(), 'accolade-bench-'));
    const client = await PgliteClient.open({ dataDir: join(dir, 'db') });
    try {
      await onDatabase('PGlite (on disk)', client, PGLITE_HISTORY, rules);
    } finally {
      await client.close();
      if (KEEP_PGLITE === undefined) rmSync(dir, { recursive: true, force: true });
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
    const before = loadavg()[0]!;
    const result = await runEngine(rules, history, new MemoryAwardStore(), stream, progress('in-memory'));
    record({ store: 'in-memory', history: HISTORY, load, result, statements: null, loadAvg: [before, loadavg()[0]!] });
  }

  // Only runs over the same history can be compared (BENCH_PGLITE_HISTORY may differ).
  const comparable = rows.filter((r) => r.history === HISTORY);
  const reference = comparable[0]?.result.awards.join('\n');
  const fmt = (n: number, d = 2): string => n.toFixed(d);
  const memory = rows.find((r) => r.store === 'in-memory');
  const memoryRate = memory === undefined ? null : memory.result.messages / memory.result.seconds;
  const out = [
    `| store | history messages | load (s) | start-up (s) | stream messages | messages/s | vs in-memory | p50 ms | p95 ms | p99 ms | statements / message | load average | awards |`,
    `| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |`,
    ...rows.map(({ store, history, load, result: r, statements, loadAvg }) => `| ${store} | ${history.toLocaleString('en')} | ${load === null ? '(same)' : fmt(load, 0)} | ${fmt(r.startup, 1)} | ${r.messages} | ${fmt(r.messages / r.seconds, 0)} | ${memoryRate === null ? '' : fmt(r.messages / r.seconds / memoryRate)} | ${fmt(percentile(r.latencies, 50))} | ${fmt(percentile(r.latencies, 95))} | ${fmt(percentile(r.latencies, 99))} | ${statements === null ? '' : fmt(statements, 2)} | ${loadAvg.map((l) => fmt(l)).join(' → ')} | ${r.awards.length} |`),
    '',
    `Awards identical (same awards, same order) across the ${comparable.length} runs over ${HISTORY.toLocaleString('en')} history messages: ${comparable.every((r) => r.result.awards.join('\n') === reference) ? 'yes' : 'NO'}`,
    '',
    ...plans,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

await main();
