import { type Message, type MessageSchemaRegistry, createMessage } from '@accolade/core';
import type { SqlClient } from '../client/sql-client.js';
import { Params, isoParam, utcTimestamp } from '../sql/values.js';

/** Which stored messages a backfill reads. */
export interface StoredWindow {
  /** The first message's time (inclusive). */
  since: Date;
  /** The last message's time (inclusive); none: up to the newest row. */
  until?: Date;
  /** Only rows after this row id: where an interrupted backfill resumes. */
  afterId?: number;
}

/** A message read back from datanommer's tables, with the row it is. */
export interface StoredMessage {
  rowId: number;
  message: Message;
}

interface Row {
  id: number;
  msg_id: string | null;
  topic: string;
  ts: number;
  agent_name: string | null;
  msg: string;
  headers: Record<string, unknown> | null;
  users: string[] | null;
  packages: string[] | null;
}

function where(window: StoredWindow, params: Params): string {
  const parts = [`m.timestamp >= ${utcTimestamp(params.add(isoParam(window.since)))}`];
  if (window.until !== undefined) parts.push(`m.timestamp <= ${utcTimestamp(params.add(isoParam(window.until)))}`);
  if (window.afterId !== undefined) parts.push(`m.id > ${params.add(window.afterId)}`);
  return parts.join(' AND ');
}

/** How many stored messages the window holds (for progress: a total and an ETA). */
export async function countStoredMessages(client: SqlClient, window: StoredWindow): Promise<number> {
  const params = new Params();
  const rows = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM messages m WHERE ${where(window, params)}`, params.values);
  return Number(rows[0]?.n ?? 0);
}

/**
 * The window's messages in arrival order (row id, which is datanommer's
 * insertion order and the order counts are bounded by), read in pages by
 * id so a page costs the same at the start and at the end of a large
 * history. Identity is what datanommer stored (agent, users, packages), as
 * fedbadges' live consumer saw it; `schemas` fills in what a row lacks
 * (groups and the like, which datanommer has no table for).
 */
export async function* storedMessages(client: SqlClient, window: StoredWindow, options: { pageSize?: number; schemas?: MessageSchemaRegistry } = {}): AsyncGenerator<StoredMessage> {
  const pageSize = options.pageSize ?? 2_000;
  let after = window.afterId;
  for (;;) {
    const params = new Params();
    const text = `SELECT m.id, m.msg_id, m.topic, extract(epoch from m.timestamp)::float8 AS ts, m.agent_name, m.msg, m.headers,
        ARRAY(SELECT n.name FROM users_messages l JOIN users n ON n.id = l.user_id WHERE l.msg_id = m.id AND l.msg_timestamp = m.timestamp ORDER BY l.ctid) AS users,
        ARRAY(SELECT n.name FROM packages_messages l JOIN packages n ON n.id = l.package_id WHERE l.msg_id = m.id AND l.msg_timestamp = m.timestamp ORDER BY l.ctid) AS packages
      FROM messages m WHERE ${where({ ...window, ...(after === undefined ? {} : { afterId: after }) }, params)}
      ORDER BY m.id LIMIT ${params.add(pageSize)}`;
    const rows = await client.query<Row>(text, params.values);
    for (const row of rows) {
      const rowId = Number(row.id);
      const message = createMessage({
        id: row.msg_id ?? `row-${rowId}`,
        topic: row.topic,
        headers: row.headers ?? {},
        body: JSON.parse(row.msg) as unknown,
        timestamp: Number(row.ts),
        agent_name: row.agent_name,
        usernames: row.users ?? [],
        packages: row.packages ?? [],
      }, options.schemas === undefined ? {} : { schemas: options.schemas });
      yield { rowId, message };
      after = rowId;
    }
    if (rows.length < pageSize) return;
  }
}
