import { type Message, historyCategoryOf, pythonJsonDumps } from '@accolade/core';
import type { SqlClient, SqlQueryable } from '../client/sql-client.js';
import { isoParam, utcTimestamp } from '../sql/values.js';

/** Advisory lock held while a message is recorded: "the stream's next row". */
const RECORD_LOCK = 0x6d736769; // 'msgi'

const sortedUnique = (names: readonly string[]): string[] => [...new Set(names)].sort();

/**
 * Make sure every name has its row in `users` (`packages`). Names are
 * inserted in sorted order so that two transactions adding overlapping
 * names wait on each other in the same order and never deadlock.
 */
async function ensureNames(tx: SqlQueryable, users: readonly string[], packages: readonly string[], known: KnownNames): Promise<void> {
  if (users.every((u) => known.users.has(u)) && packages.every((p) => known.packages.has(p))) return;
  await tx.query(
    `WITH u AS (INSERT INTO users (name) SELECT unnest($1::text[]) ORDER BY 1 ON CONFLICT DO NOTHING),
          p AS (INSERT INTO packages (name) SELECT unnest($2::text[]) ORDER BY 1 ON CONFLICT DO NOTHING)
     SELECT 1`,
    [sortedUnique(users), sortedUnique(packages)],
  );
}

/**
 * Names known to have their `users` / `packages` row. datanommer never
 * deletes those rows, so once seen a name needs no INSERT again: that saves
 * a statement for most messages. Bounded, to keep memory flat.
 */
export class KnownNames {
  readonly users = new Set<string>();
  readonly packages = new Set<string>();
  constructor(private readonly limit = 500_000) {}
  remember(users: readonly string[], packages: readonly string[]): void {
    if (this.users.size + this.packages.size > this.limit) {
      this.users.clear();
      this.packages.clear();
    }
    for (const u of users) this.users.add(u);
    for (const p of packages) this.packages.add(p);
  }
}

/** Link rows are inserted in the message's order, which is the order find() gives the names back in. */
const linkRows = (link: string, key: string, table: string, param: string): string =>
  `INSERT INTO ${link} (${key}, msg_id, msg_timestamp)
   SELECT n.id, m.id, m.timestamp FROM m, unnest(${param}::text[]) WITH ORDINALITY AS w(name, ord) JOIN ${table} n ON n.name = w.name
   ORDER BY w.ord`;

/**
 * Store a message as datanommer does: one `messages` row (the body as
 * Python's json.dumps text, the category by datanommer's rule), users and
 * packages as rows of their own tables linked through users_messages and
 * packages_messages. A message already stored (same msg_id) is skipped, as
 * datanommer skips duplicates. Resolves to the message's row id, new or old.
 *
 * Recorders (several processes sharing one queue) take turns on one
 * advisory lock. That makes exactly one row per msg_id, and more: rows are
 * committed in the order of their ids, so once a recorder holds its row id,
 * every row with a smaller id is visible to it. A count bounded by the
 * message's own id is then exactly "the messages before this one", whichever
 * process recorded them (see PostgresHistoryStore's horizon).
 */
export async function recordMessage(client: SqlClient, message: Message, known: KnownNames = new KnownNames()): Promise<number> {
  let namesStored = false;
  const id = await client.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::int, 0)', [RECORD_LOCK]);
    const existing = await tx.query<{ id: number }>('SELECT id FROM messages WHERE msg_id = $1 ORDER BY id LIMIT 1', [message.id]);
    if (existing[0] !== undefined) return existing[0].id;
    await ensureNames(tx, message.usernames, message.packages, known);
    namesStored = true;
    const inserted = await tx.query<{ id: number }>(
      `WITH m AS (
         INSERT INTO messages (msg_id, i, topic, timestamp, category, agent_name, msg, headers, source_name)
         VALUES ($1, 0, $2, ${utcTimestamp('$3')}, $4, $5, $6, $7::jsonb, 'accolade')
         ON CONFLICT DO NOTHING
         RETURNING id, timestamp
       ), u AS (${linkRows('users_messages', 'user_id', 'users', '$8')}
       ), p AS (${linkRows('packages_messages', 'package_id', 'packages', '$9')}
       )
       SELECT id FROM m`,
      [
        message.id, message.topic, isoParam(message.timestamp), historyCategoryOf(message.topic), message.agent_name,
        pythonJsonDumps(message.body), JSON.stringify(message.headers), [...new Set(message.usernames)], [...new Set(message.packages)],
      ],
    );
    if (inserted[0] !== undefined) return inserted[0].id;
    // Another writer without our lock (datanommer itself) stored it between our check and our insert.
    const raced = await tx.query<{ id: number }>('SELECT id FROM messages WHERE msg_id = $1 ORDER BY id LIMIT 1', [message.id]);
    if (raced[0] === undefined) throw new Error(`message ${message.id} was neither stored nor found`);
    return raced[0].id;
  });
  // Only names this transaction made sure of, and only once it committed.
  if (namesStored) known.remember(message.usernames, message.packages);
  return id;
}
