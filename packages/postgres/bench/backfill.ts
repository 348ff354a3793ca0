import { join } from 'node:path';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createEngine, loadRules } from '@accolade/core';
import { PgClient, PostgresAwardStore, PostgresHistoryStore, backfill, bulkLoadHistory, countStoredMessages, ensureDatanommerSchema, ensureTahrirSchema } from '@accolade/postgres';
import { runEngine } from './engine-run.js';
import { SyntheticMessages } from './synthetic-messages.js';

/**
 * The backfill (`replay --store --since`) on the PostgreSQL server, against
 * the live path over the same messages in the same run: HISTORY messages
 * bulk-loaded, then STREAM more processed live (recorded and evaluated, as
 * a consumer does), then the awards forgotten and the same STREAM messages,
 * now stored, backfilled. Both must give the same awards in the same order.
 *
 *   pnpm bench:backfill                                   # 1,000,000 history messages
 *   BENCH_HISTORY=100000 BENCH_STREAM=5000 pnpm bench:backfill
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const HISTORY = Number(process.env['BENCH_HISTORY'] ?? 1_000_000);
const STREAM = Number(process.env['BENCH_STREAM'] ?? 10_000);
const PG_URL = process.env['ACCOLADE_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const log = (text: string): void => { process.stderr.write(`${text}\n`); };

const examples = join(ROOT, 'examples/fedora');
const synthetic = new SyntheticMessages([join(examples, 'history.jsonl'), join(examples, 'messages.jsonl')]);
const stream = Array.from({ length: STREAM }, (_, i) => synthetic.message(HISTORY + i));

const rules = await loadRules([join(examples, 'rules')]);
const schema = `accolade_backfill_${Date.now().toString(36)}`;
const client = new PgClient({ connectionString: PG_URL, schema });
try {
  await ensureDatanommerSchema(client);
  await ensureTahrirSchema(client);
  const loadStarted = performance.now();
  let last = 0;
  await bulkLoadHistory(client, HISTORY, (i) => synthetic.message(i), (done) => {
    if (done - last >= 200_000 || done === HISTORY) { log(`loaded ${done} history messages`); last = done; }
  });
  const load = (performance.now() - loadStarted) / 1000;
  const loadAvg = loadavg()[0]!;

  const live = await runEngine(rules, new PostgresHistoryStore(client, { countCache: true }), new PostgresAwardStore(client), stream);
  log(`live: ${STREAM} messages in ${live.seconds.toFixed(1)} s, ${live.awards.length} awards`);
  await client.query('DELETE FROM assertions');
  await client.query('DELETE FROM persons');

  const since = stream[0]!.timestamp;
  const window = { since };
  const stored = await countStoredMessages(client, window);
  if (stored !== STREAM) throw new Error(`expected the ${STREAM} stream messages after ${since.toISOString()}, found ${stored}`);
  const history = new PostgresHistoryStore(client, { countCache: true });
  const engine = createEngine({ rules, history, awards: new PostgresAwardStore(client), options: { recordMessages: false } });
  await engine.ready();
  const made: string[] = [];
  const started = performance.now();
  const result = await backfill({ client, engine, history, ...window, onMessage: ({ awards }) => { for (const a of awards) made.push(`${a.badgeId} ${a.user} ${a.messageId}`); } });
  const seconds = (performance.now() - started) / 1000;
  log(`backfill: ${result.processed} messages in ${seconds.toFixed(1)} s, ${made.length} awards`);

  const same = made.join('\n') === live.awards.join('\n');
  const rate = (n: number, s: number): string => Math.round(n / s).toLocaleString('en');
  const lines = [
    `PostgreSQL server, ${HISTORY.toLocaleString('en')} history messages (bulk load ${load.toFixed(0)} s), ${STREAM.toLocaleString('en')} messages after them, ${rules.length} rules; load ${loadAvg.toFixed(2)} before the runs, ${loadavg()[0]!.toFixed(2)} after`,
    '',
    '| path | messages | seconds | messages/s | awards |',
    '| --- | ---: | ---: | ---: | ---: |',
    `| live (record, then evaluate; count cache) | ${STREAM} | ${live.seconds.toFixed(1)} | ${rate(STREAM, live.seconds)} | ${live.awards.length} |`,
    `| backfill (already stored; count cache) | ${result.processed} | ${seconds.toFixed(1)} | ${rate(result.processed, seconds)} | ${made.length} |`,
    '',
    `backfill / live: ${(live.seconds / seconds).toFixed(2)}x; awards ${same ? 'identical (same order)' : 'DIFFERENT'}; a backfill of all ${(HISTORY + STREAM).toLocaleString('en')} stored messages at this rate: ${((HISTORY + STREAM) / (result.processed / seconds) / 3600).toFixed(1)} h`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (!same) process.exitCode = 1;
} finally {
  await client.query(`DROP SCHEMA ${schema} CASCADE`).catch(() => {});
  await client.close();
}
