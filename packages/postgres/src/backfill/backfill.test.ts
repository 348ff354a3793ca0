import { type Message, createEngine } from '@accolade/core';
import { describe, expect, it } from 'vitest';
import { PostgresAwardStore } from '../awards/postgres-award-store.js';
import type { SqlClient } from '../client/sql-client.js';
import { PostgresHistoryStore } from '../history/postgres-history-store.js';
import { recordMessage } from '../history/record-message.js';
import { ensureDatanommerSchema, ensureTahrirSchema } from '../schema/ensure-schema.js';
import { randomMessage } from '../testing/random-history.js';
import { Random } from '../testing/random.js';
import { message } from '../testing/messages.js';
import { pgliteClient } from '../testing/pglite-harness.js';
import { STREAM_RULES, compileRule, ruleYaml } from '../testing/rules.js';
import { backfill } from './backfill.js';
import { countStoredMessages } from './stored-messages.js';

const RULES = STREAM_RULES.map((r, i) => compileRule(r, `r${i}.yml`));
const EPOCH = new Date(0);

/** A stream without redeliveries: every message is one row. */
function stream(n: number): Message[] {
  const r = new Random(11);
  return Array.from({ length: n }, (_, i) => randomMessage(r, i, ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8']));
}

async function database(): Promise<{ client: SqlClient; history: PostgresHistoryStore; awards: PostgresAwardStore }> {
  const client = await pgliteClient();
  await ensureDatanommerSchema(client);
  await ensureTahrirSchema(client);
  return { client, history: new PostgresHistoryStore(client, { countCache: true }), awards: new PostgresAwardStore(client) };
}

const line = (a: { badgeId: string; user: string; messageId: string | null }): string => `${a.badgeId} ${a.user} ${a.messageId}`;

/** What the rules award when they run as the messages arrive (each recorded, then evaluated). */
async function live(messages: readonly Message[], rules = RULES): Promise<string[]> {
  const { history, awards } = await database();
  const engine = createEngine({ rules, history, awards });
  const out: string[] = [];
  for (const m of messages) for (const a of await engine.process(m)) out.push(line(a));
  return out;
}

/** The same messages already in datanommer's tables, nothing evaluated yet. */
async function stored(messages: readonly Message[]) {
  const db = await database();
  for (const m of messages) await recordMessage(db.client, m);
  const engine = createEngine({ rules: RULES, history: db.history, awards: db.awards, options: { recordMessages: false } });
  return { ...db, engine };
}

describe('backfill: the rules over messages already in the history', () => {
  it('awards exactly what the rules would have awarded live, in the same order', async () => {
    const messages = stream(300);
    const expected = await live(messages);
    expect(expected.length).toBeGreaterThan(20);
    const { client, history, engine } = await stored(messages);
    const out: string[] = [];
    const result = await backfill({ client, engine, history, since: EPOCH, onMessage: ({ awards }) => { for (const a of awards) out.push(line(a)); } });
    expect(out).toEqual(expected);
    expect(result).toMatchObject({ processed: 300, awards: expected.length });
  }, 120_000);

  it('resumes after an interruption from a checkpoint behind the last message done, repeating and losing nothing', async () => {
    const messages = stream(300);
    const expected = await live(messages);
    const { client, history, engine } = await stored(messages);
    const out: string[] = [];
    let checkpoint: number | undefined;
    const crash = new Error('killed');
    await expect(backfill({
      client, engine, history, since: EPOCH,
      onMessage: ({ rowId, processed, awards }) => {
        for (const a of awards) out.push(line(a));
        if (processed % 50 === 0) checkpoint = rowId;
        if (processed === 180) throw crash;
      },
    })).rejects.toBe(crash);
    expect(checkpoint).toBeDefined();
    // A new process: its own stores on the same tables, from the checkpoint (30 messages behind the crash).
    const resumedHistory = new PostgresHistoryStore(client, { countCache: true });
    const resumedEngine = createEngine({ rules: RULES, history: resumedHistory, awards: new PostgresAwardStore(client), options: { recordMessages: false } });
    const rest = await backfill({ client, engine: resumedEngine, history: resumedHistory, since: EPOCH, afterId: checkpoint!, onMessage: ({ awards }) => { for (const a of awards) out.push(line(a)); } });
    expect(rest.processed).toBe(300 - 150);
    expect(out).toEqual(expected);
  }, 120_000);

  it('evaluates only the window, counting the history before it', async () => {
    const rule = compileRule(ruleYaml('Third comment', `
trigger: {topic: bodhi.update.comment}
previous:
  filter: {users: [recipient], topics: [message.topic]}
  operation: count
condition: {greater than or equal to: 3}`));
    const at = (s: number) => ({ timestamp: 1_800_000_000 + s, agent_name: 'ann', usernames: ['ann'] });
    const messages = [message('bodhi.update.comment', {}, at(0)), message('bodhi.update.comment', {}, at(10)), message('bodhi.update.comment', {}, at(20)), message('bodhi.update.comment', {}, at(30))];
    const db = await database();
    for (const m of messages) await recordMessage(db.client, m);
    const engine = createEngine({ rules: [rule], history: db.history, awards: db.awards, options: { recordMessages: false } });
    const window = { since: new Date((1_800_000_000 + 15) * 1000), until: new Date((1_800_000_000 + 25) * 1000) };
    expect(await countStoredMessages(db.client, window)).toBe(1);
    const out: string[] = [];
    const result = await backfill({ client: db.client, engine, history: db.history, ...window, onMessage: ({ awards }) => { for (const a of awards) out.push(line(a)); } });
    // The third message is the only one in the window, and the two before it count.
    expect(result.processed).toBe(1);
    expect(out).toEqual([`third-comment ann ${messages[2]!.id}`]);
    // Again over the same window: the badge is held, nothing is given twice.
    const again = await backfill({ client: db.client, engine, history: db.history, ...window });
    expect(again).toMatchObject({ processed: 1, awards: 0 });
  }, 120_000);
});
