import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PublishableMessage } from '@accolade/amqp';
import type { SqlClient } from '../../../packages/postgres/src/client/sql-client.js';
import { randomStream } from '../../../packages/postgres/src/testing/engine-differential.js';
import { ruleYaml } from '../../../packages/postgres/src/testing/rules.js';
import { runCli } from '../../acceptance/run-cli.js';

/**
 * A random stream as it travels on the bus: only what fedora-messaging's
 * wire carries (topic, id, headers with sent-at and the user and package
 * headers, body). The reference awards are those of one in-memory replay of
 * exactly these messages, so the service and the reference see the same.
 */
export function wireStream(seed: number, n: number, people = 60): PublishableMessage[] {
  const seen = new Set<string>();
  const out: PublishableMessage[] = [];
  for (const m of randomStream(seed, n, people)) {
    if (seen.has(m.id)) continue; // a message sent twice is a different question from a redelivery
    seen.add(m.id);
    const headers: Record<string, unknown> = { ...m.headers, 'sent-at': m.timestamp.toISOString() };
    for (const u of m.usernames) headers[`fedora_messaging_user_${u}`] = true;
    for (const p of m.packages) headers[`fedora_messaging_rpm_${p}`] = true;
    out.push({ id: m.id, topic: m.topic, headers, body: m.body });
  }
  return out;
}

/**
 * Rules over what the wire carries (users and packages from the headers,
 * the body, the topic): counts by user, topic, category, package and body
 * text, a condition that holds at exactly one count, paged rows.
 */
export const SERVICE_RULES: readonly string[] = [
  ruleYaml('Commenter', `
trigger: {category: bodhi}
recipient: message.usernames
previous:
  filter: {users: [recipient], topics: [message.topic]}
  operation: count
condition: {greater than or equal to: 4}`),
  ruleYaml('Exactly seven', `
trigger: {category: git}
recipient: message.usernames
previous:
  filter: {users: [recipient], categories: ["'git'"]}
  operation: count
condition: {equal to: 7}`),
  ruleYaml('Positive karma', `
trigger: {lambda: "message.body.get('karma') == 1"}
recipient: message.usernames
previous:
  filter: {users: [recipient], contains: ['"\\"karma\\": 1"']}
  operation: count
condition: {greater than or equal to: 5}`),
  ruleYaml('Kernel hacker', `
trigger: {category: git}
recipient: message.usernames
previous:
  filter: {packages: ["'kernel'"], users: [recipient]}
  operation: count
condition: {greater than or equal to: 3}`),
  ruleYaml('Regular', `
trigger: {topic: wiki.article.edit}
recipient: message.usernames
previous:
  filter: {users: [recipient], rows_per_page: 3, page: 2, not_categories: ["'bodhi'"]}
  operation:
    lambda: "len([r for r in results if r.topic != ''])"
condition: {greater than or equal to: 3}`),
];

export interface Workspace {
  dir: string;
  rules: string;
  close(): void;
}

export function workspace(): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'accolade-serve-'));
  const rules = join(dir, 'rules');
  mkdirSync(rules);
  SERVICE_RULES.forEach((text, i) => writeFileSync(join(rules, `r${String(i).padStart(2, '0')}.yml`), text));
  return { dir, rules, close: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `badge user message` lines of one in-memory replay of the messages. */
export async function referenceAwards(ws: Workspace, messages: readonly PublishableMessage[]): Promise<string[]> {
  const file = join(ws.dir, `reference-${Math.random().toString(36).slice(2)}.jsonl`);
  writeFileSync(file, messages.map((m) => JSON.stringify(m)).join('\n') + '\n');
  const run = await runCli(['replay', '--rules', ws.rules, file, '--format', 'json']);
  if (run.code !== 0) throw new Error(`reference replay failed: ${run.stderr}`);
  return run.stdout.split('\n').filter((l) => l !== '').map((l) => {
    const a = JSON.parse(l) as { badge_id: string; user: string; message_id: string };
    return `${a.badge_id} ${a.user} ${a.message_id}`;
  }).sort();
}

/** The awards in tahrir's tables, as `badge user message` lines. */
export async function storedAwards(client: SqlClient): Promise<string[]> {
  const rows = await client.query<{ badge_id: string; nickname: string; issued_for: string | null }>(
    'SELECT a.badge_id, p.nickname, a.issued_for FROM assertions a JOIN persons p ON p.id = a.person_id',
  );
  return rows.map((r) => `${r.badge_id} ${r.nickname} ${r.issued_for}`).sort();
}

export const withoutMessage = (lines: readonly string[]): string[] => lines.map((l) => l.split(' ').slice(0, 2).join(' ')).sort();

export async function storedMessageCount(client: SqlClient): Promise<number> {
  const rows = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM messages');
  return Number(rows[0]?.n ?? 0);
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Wait for a condition checked against the store (or anything async). */
export async function until(check: () => Promise<boolean>, what: string, ms = 120_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}
