import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { encodeMessage, type PublishableMessage } from '@accolade/amqp';
import { type Message, createEngine, createMessage, loadRules } from '@accolade/core';
import { PgClient, type SqlClient, type SqlQueryable, PostgresAwardStore, PostgresHistoryStore, bulkLoadHistory, ensureDatanommerSchema, ensureOutboxSchema, ensureTahrirSchema } from '@accolade/postgres';
import amqp from 'amqplib';
import { DEFAULT_STREAM, MessageSequence } from '../corpus/messages.js';
import { realisticRules } from '../corpus/rule-sets.js';

/**
 * The awarder end to end through the real broker: `accolade serve` (one
 * process, then several on one queue) on PostgreSQL, fed the anchor-shaped
 * stream over RabbitMQ, beside the in-process engine on the same stores and
 * the same messages in the same run, so the cost of the bus is a ratio.
 *
 *   pnpm bench:service
 *   BENCH_HISTORY=50000 BENCH_STREAM=4000 BENCH_CONSUMERS=1,3 pnpm bench:service
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'packages/cli/bin/accolade.js');
const RULES = Number(process.env['BENCH_RULES'] ?? 400);
const HISTORY = Number(process.env['BENCH_HISTORY'] ?? 50_000);
const STREAM = Number(process.env['BENCH_STREAM'] ?? 4_000);
const CONSUMERS = (process.env['BENCH_CONSUMERS'] ?? '1,3').split(',').map(Number);
const PG_URL = process.env['ACCOLADE_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const AMQP_URL = process.env['ACCOLADE_AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672/%2F';
/** Node options for the serve processes (to profile them: BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof'). */
const NODE_ARGS = (process.env['BENCH_NODE_ARGS'] ?? '').split(' ').filter((a) => a !== '');
const OUT = process.env['BENCH_OUT'] ?? join(ROOT, '.bench/service-results.json');

const log = (text: string): void => { process.stderr.write(`${text}\n`); };
const sequence = new MessageSequence(DEFAULT_STREAM);

/** What the bus carries of a corpus message: topic, id, headers (sent-at, users, packages), body; no explicit agent. */
function wire(i: number): PublishableMessage {
  const raw = sequence.raw(i) as { id: string; topic: string; headers: Record<string, unknown>; body: unknown; usernames: string[]; packages: string[] };
  const headers: Record<string, unknown> = { ...raw.headers };
  for (const u of raw.usernames) headers[`fedora_messaging_user_${u}`] = true;
  for (const p of raw.packages) headers[`fedora_messaging_rpm_${p}`] = true;
  return { id: raw.id, topic: raw.topic, headers, body: raw.body };
}

interface Row { name: string; consumers: number; seconds: number; perSecond: number; awards: number; sameAwards: boolean | null }

async function freshSchema(): Promise<{ client: PgClient; schema: string; url: string; drop(): Promise<void> }> {
  const schema = `bench_service_${randomBytes(4).toString('hex')}`;
  const client = new PgClient({ connectionString: PG_URL, schema });
  await ensureDatanommerSchema(client);
  await ensureTahrirSchema(client);
  await ensureOutboxSchema(client);
  let last = 0;
  await bulkLoadHistory(client, HISTORY, (i) => createMessage(wire(i)), (done) => {
    if (done - last >= 25_000 || done === HISTORY) { log(`  loaded ${done} history messages`); last = done; }
  });
  return {
    client, schema, url: `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}schema=${schema}`,
    drop: async () => {
      await client.query(`DROP SCHEMA "${schema}" CASCADE`);
      await client.close();
    },
  };
}

async function storedAwards(client: PgClient): Promise<string[]> {
  const rows = await client.query<{ badge_id: string; nickname: string }>('SELECT a.badge_id, p.nickname FROM assertions a JOIN persons p ON p.id = a.person_id');
  return rows.map((r) => `${r.badge_id} ${r.nickname}`).sort();
}

/** The client, counting the statements sent through it (BEGIN and COMMIT of a transaction count as two). */
function counting(client: SqlClient): { client: SqlClient; statements: () => number } {
  let n = 0;
  const tx = (q: SqlQueryable): SqlQueryable => ({ query: (text, params) => { n++; return q.query(text, params); } });
  const wrapped: SqlClient = {
    kind: client.kind, schema: client.schema, close: () => client.close(),
    query: (text, params) => { n++; return client.query(text, params); },
    transaction: (fn) => { n += 2; return client.transaction((t) => fn(tx(t))); },
  };
  return { client: wrapped, statements: () => n };
}

async function inProcess(rulesDir: string, stream: readonly Message[]): Promise<{ row: Row; awards: string[] }> {
  const db = await freshSchema();
  try {
    const rules = await loadRules([rulesDir]);
    const sql = counting(db.client);
    const engine = createEngine({ rules, history: new PostgresHistoryStore(sql.client, { horizon: 'message' }), awards: new PostgresAwardStore(sql.client, { outbox: true }) });
    await engine.ready();
    const before = sql.statements();
    const started = performance.now();
    for (const m of stream) await engine.process(m);
    const seconds = (performance.now() - started) / 1000;
    log(`  ${((sql.statements() - before) / stream.length).toFixed(1)} SQL statements per message; ${(seconds * 1000 / stream.length).toFixed(2)} ms per message`);
    const awards = await storedAwards(db.client);
    return { row: { name: 'in-process engine, PostgreSQL', consumers: 0, seconds, perSecond: stream.length / seconds, awards: awards.length, sameAwards: null }, awards };
  } finally {
    await db.drop();
  }
}

/** One `accolade serve` process; resolves its metrics address once it consumes and its badges exist. */
function startServe(args: string[]): { child: ChildProcess; ready: Promise<string> } {
  const child = spawn(process.execPath, [...NODE_ARGS, BIN, 'serve', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let buffer = '';
  let listen = '';
  let connected = false;
  const ready = new Promise<string>((resolve, reject) => {
    let isReady = false;
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      buffer += chunk;
      let at: number;
      while ((at = buffer.indexOf('\n')) >= 0) {
        const line = JSON.parse(buffer.slice(0, at)) as { event?: string; listen?: string; level: string; msg: string };
        buffer = buffer.slice(at + 1);
        if (line.event === 'metrics') listen = line.listen!;
        if (line.event === 'broker-connected') connected = true;
        if (line.event === 'ready') isReady = true;
        if (line.level === 'error') log(`  serve: ${line.msg}`);
        if (connected && isReady && listen !== '') resolve(listen);
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  return { child, ready };
}

async function processedBy(listen: string): Promise<number> {
  const text = await (await fetch(`http://${listen}/metrics`)).text();
  const match = /^accolade_messages_processed_total (\d+)/m.exec(text);
  return match === null ? 0 : Number(match[1]);
}

/** Time spent between deliveries and their acks, from the duration histogram. */
async function processingSeconds(listen: string): Promise<number> {
  const text = await (await fetch(`http://${listen}/metrics`)).text();
  const match = /^accolade_message_duration_seconds_sum ([\d.e+-]+)/m.exec(text);
  return match === null ? 0 : Number(match[1]);
}

async function throughBroker(rulesDir: string, stream: readonly PublishableMessage[], consumers: number, reference: readonly string[]): Promise<Row> {
  const db = await freshSchema();
  const tag = randomBytes(4).toString('hex');
  const exchange = `bench-${tag}`;
  const queue = `bench-${tag}`;
  const connection = await amqp.connect(AMQP_URL);
  const channel = await connection.createConfirmChannel();
  await channel.assertExchange(exchange, 'topic', { durable: false });
  const processes = Array.from({ length: consumers }, () => startServe([
    '--rules', rulesDir, '--store', db.url, '--amqp', AMQP_URL, '--exchange', exchange, '--queue', queue,
    '--bind', 'org.fedoraproject.#', '--topic-prefix', 'bench.accolade', '--metrics', '127.0.0.1:0', '--no-watch', '--prefetch', '50',
  ]));
  try {
    const listens = await Promise.all(processes.map((p) => p.ready));
    const started = performance.now();
    for (const m of stream) {
      const out = encodeMessage(m);
      if (!channel.publish(exchange, out.routingKey, out.content, out.properties)) await new Promise((r) => channel.once('drain', r));
    }
    await channel.waitForConfirms();
    const published = (performance.now() - started) / 1000;
    let done = 0;
    while (done < stream.length) {
      await new Promise((r) => setTimeout(r, 50));
      done = (await Promise.all(listens.map(processedBy))).reduce((a, b) => a + b, 0);
    }
    const seconds = (performance.now() - started) / 1000;
    const busy = (await Promise.all(listens.map(processingSeconds))).reduce((a, b) => a + b, 0);
    log(`  published in ${published.toFixed(1)} s; all acked after ${seconds.toFixed(1)} s; ${(busy * 1000 / stream.length).toFixed(2)} ms per message between a delivery and its ack (summed over consumers: ${busy.toFixed(1)} s)`);
    const awards = await storedAwards(db.client);
    return {
      name: `accolade serve ×${consumers}, RabbitMQ + PostgreSQL`, consumers, seconds, perSecond: stream.length / seconds, awards: awards.length,
      sameAwards: awards.length === reference.length && awards.every((a, i) => a === reference[i]),
    };
  } finally {
    for (const p of processes) p.child.kill('SIGTERM');
    await Promise.all(processes.map((p) => new Promise((r) => (p.child.exitCode !== null ? r(null) : p.child.once('exit', r)))));
    await channel.deleteQueue(queue).catch(() => {});
    await channel.deleteQueue(`${queue}.dead`).catch(() => {});
    await channel.deleteExchange(exchange).catch(() => {});
    await connection.close();
    await db.drop();
  }
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'accolade-bench-service-'));
  try {
    const rulesDir = join(work, 'rules');
    mkdirSync(rulesDir);
    for (const r of realisticRules(RULES)) {
      mkdirSync(dirname(join(rulesDir, r.file)), { recursive: true });
      writeFileSync(join(rulesDir, r.file), r.yaml);
    }
    const stream = Array.from({ length: STREAM }, (_, i) => wire(HISTORY + i));
    log(`corpus: ${RULES} rules, ${HISTORY} history messages, ${STREAM} stream messages (as the bus carries them)`);
    log('in-process engine on PostgreSQL ...');
    const baseline = await inProcess(rulesDir, stream.map((m) => createMessage(m)));
    const rows: Row[] = [baseline.row];
    for (const n of CONSUMERS) {
      log(`accolade serve ×${n} ...`);
      rows.push(await throughBroker(rulesDir, stream, n, baseline.awards));
    }
    const one = rows.find((r) => r.consumers === 1);
    const lines = [
      `service benchmark: ${RULES} rules, ${HISTORY} history, ${STREAM} messages; node ${process.version}; load ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ')}`,
      '| run | seconds | messages/s | vs in-process | vs one consumer | awards | same awards |',
      '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
      ...rows.map((r) => `| ${r.name} | ${r.seconds.toFixed(2)} | ${r.perSecond.toFixed(0)} | ${(r.perSecond / baseline.row.perSecond).toFixed(2)}× | ${one && r.consumers > 0 ? `${(r.perSecond / one.perSecond).toFixed(2)}×` : ''} | ${r.awards} | ${r.sameAwards === null ? 'reference' : r.sameAwards ? 'yes' : 'NO'} |`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    mkdirSync(dirname(OUT), { recursive: true });
    writeFileSync(OUT, `${JSON.stringify({ date: new Date().toISOString(), rules: RULES, history: HISTORY, stream: STREAM, rows }, null, 2)}\n`);
    if (rows.some((r) => r.sameAwards === false)) {
      log('the service and the in-process engine disagree: the figures above are not valid');
      process.exitCode = 1;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 2;
});
