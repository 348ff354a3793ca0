import { type Message, type MessageInput, asMessage, historyCategoryOf, pythonJsonDumps } from '@accolade/core';
import type { SqlClient } from '../client/sql-client.js';
import { nullableLiteral, textArrayLiteral, textLiteral } from '../sql/literals.js';
import { isoParam, utcTimestamp } from '../sql/values.js';

/** Advisory lock held while a message is recorded: "the stream's next row". */
export const RECORD_LOCK = 0x6d736769; // 'msgi'

const sortedUnique = (names: readonly string[]): string[] => [...new Set(names)].sort();

/**
 * The statement making sure every name has its row in `users` (`packages`),
 * or null when all are known to. Names are inserted in sorted order so that
 * two transactions adding overlapping names wait on each other in the same
 * order and never deadlock.
 */
function ensureNames(users: readonly string[], packages: readonly string[], known: KnownNames): string | null {
  if (users.every((u) => known.users.has(u)) && packages.every((p) => known.packages.has(p))) return null;
  return `WITH u AS (INSERT INTO users (name) SELECT unnest(${textArrayLiteral(sortedUnique(users))}) ORDER BY 1 ON CONFLICT DO NOTHING),
          p AS (INSERT INTO packages (name) SELECT unnest(${textArrayLiteral(sortedUnique(packages))}) ORDER BY 1 ON CONFLICT DO NOTHING)
     SELECT 1`;
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
const linkRows = (link: string, key: string, table: string, names: readonly string[]): string =>
  `INSERT INTO ${link} (${key}, msg_id, msg_timestamp)
   SELECT n.id, m.id, m.timestamp FROM m, unnest(${textArrayLiteral([...new Set(names)])}) WITH ORDINALITY AS w(name, ord) JOIN ${table} n ON n.name = w.name
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
 *
 * All of it is one script, one round trip (see SqlQueryable.query): the
 * lock; the names; then the look-up of the msg_id, the row and its links
 * in one statement. A script is one transaction, so the lock is held until
 * its commit, as before; and each statement takes its snapshot when it
 * starts, so the look-up, which runs once the lock is held, sees every row
 * an earlier holder committed — the guarantee the separate statements of a
 * transaction gave. (A single statement could not give it: its snapshot
 * would be taken before it waits for the lock.) The values are written into
 * the text as literals, since a script has no parameters.
 */
export async function recordMessage(client: SqlClient, input: Message | MessageInput, known: KnownNames = new KnownNames()): Promise<number> {
  const message = asMessage(input);
  const id = textLiteral(message.id);
  const names = ensureNames(message.usernames, message.packages, known);
  const script = [
    `SELECT pg_advisory_xact_lock(${RECORD_LOCK}, 0)`,
    ...(names === null ? [] : [names]),
    `WITH old AS (SELECT id FROM messages WHERE msg_id = ${id} ORDER BY id LIMIT 1),
     m AS (
       INSERT INTO messages (msg_id, i, topic, timestamp, category, agent_name, msg, headers, source_name)
       SELECT ${id}, 0, ${textLiteral(message.topic)}, ${utcTimestamp(textLiteral(isoParam(message.timestamp)))}, ${textLiteral(historyCategoryOf(message.topic))},
              ${nullableLiteral(message.agent_name)}, ${textLiteral(pythonJsonDumps(message.body))}, ${textLiteral(JSON.stringify(message.headers))}::jsonb, 'accolade'
        WHERE NOT EXISTS (SELECT 1 FROM old)
       ON CONFLICT DO NOTHING
       RETURNING id, timestamp
     ), u AS (${linkRows('users_messages', 'user_id', 'users', message.usernames)}
     ), p AS (${linkRows('packages_messages', 'package_id', 'packages', message.packages)}
     )
     SELECT id FROM m UNION ALL SELECT id FROM old`,
  ].join(';\n');
  const rows = await client.query<{ id: number }>(script);
  // The script committed: its names are stored (only names whose insert committed are remembered).
  if (names !== null) known.remember(message.usernames, message.packages);
  if (rows[0] !== undefined) return Number(rows[0].id);
  // Another writer without our lock (datanommer itself) stored it between our look-up and our insert.
  const raced = await client.query<{ id: number }>('SELECT id FROM messages WHERE msg_id = $1 ORDER BY id LIMIT 1', [message.id]);
  if (raced[0] === undefined) throw new Error(`message ${message.id} was neither stored nor found`);
  return Number(raced[0].id);
}
