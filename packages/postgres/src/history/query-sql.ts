import type { HistoryQuery } from '@accolade/core';
import { Params, isoParam, utcTimestamp } from '../sql/values.js';

type NameTable = 'users' | 'packages';
const LINK: Record<NameTable, { table: string; key: string }> = {
  users: { table: 'users_messages', key: 'user_id' },
  packages: { table: 'packages_messages', key: 'package_id' },
};

/** Distinct values of a list key, or null when the key is absent or empty (datanommer ignores empty lists). */
function valuesOf(values: readonly string[] | undefined): string[] | null {
  return values === undefined || values.length === 0 ? null : [...new Set(values)];
}

/**
 * "The message names one of these users (packages)", as datanommer's
 * `Message.users.any(User.name == u)`: a semi-join through the link table
 * on (msg_id, msg_timestamp). The bounds on m.id (the horizon, and the
 * previous horizon of an incremental count) are repeated on l.msg_id:
 * redundant, since l.msg_id = m.id, so they change no answer, but they let
 * a plan that starts from the user's link rows (the primary key
 * (user_id, msg_id, ...)) read only that range — for an incremental count,
 * the few rows since the last one rather than the user's whole history.
 */
function linked(kind: NameTable, names: string[], params: Params, horizon: string | null, after: string | null): string {
  const { table, key } = LINK[kind];
  const bound = `${horizon === null ? '' : ` AND l.msg_id <= ${horizon}`}${after === null ? '' : ` AND l.msg_id > ${after}`}`;
  return `EXISTS (SELECT 1 FROM ${table} l JOIN ${kind} n ON n.id = l.${key} WHERE l.msg_id = m.id AND l.msg_timestamp = m.timestamp${bound} AND n.name = ANY(${params.add(names)}::text[]))`;
}

/**
 * The WHERE clause of a datanommer query over `messages m`, with
 * datanommer's semantics: values of a key ORed, keys ANDed, `not_` keys
 * negated (so `not_agents` drops messages without an agent, by SQL NULL
 * logic), `contains` a LIKE '%value%' over the stored JSON text (its `_`
 * and `%` stay wildcards), start/end inclusive. `horizon` bounds the rows
 * to those with an id at most this (see PostgresHistoryStore).
 */
export function whereClause(query: HistoryQuery, params: Params, horizon: number | null, after: number | null = null): string {
  const where: string[] = [];
  const bound = horizon === null ? null : params.add(horizon);
  if (bound !== null) where.push(`m.id <= ${bound}`);
  // Only rows past a previous horizon: what an incremental count adds (see CountCache).
  const since = after === null ? null : params.add(after);
  if (since !== null) where.push(`m.id > ${since}`);
  if (query.start !== undefined) where.push(`m.timestamp >= ${utcTimestamp(params.add(isoParam(query.start)))}`);
  if (query.end !== undefined) where.push(`m.timestamp <= ${utcTimestamp(params.add(isoParam(query.end)))}`);
  if (query.msg_id !== undefined) where.push(`m.msg_id = ${params.add(query.msg_id)}`);
  for (const kind of ['users', 'packages'] as const) {
    const yes = valuesOf(query[kind]);
    if (yes) where.push(linked(kind, yes, params, bound, since));
    const no = valuesOf(query[`not_${kind}`]);
    if (no) where.push(`NOT ${linked(kind, no, params, bound, since)}`);
  }
  const columns = [['categories', 'category'], ['topics', 'topic'], ['agents', 'agent_name']] as const;
  for (const [key, column] of columns) {
    const yes = valuesOf(query[key]);
    if (yes) where.push(`m.${column} = ANY(${params.add(yes)}::text[])`);
    const no = valuesOf(query[`not_${key}`]);
    if (no) where.push(`NOT (m.${column} = ANY(${params.add(no)}::text[]))`);
  }
  const contains = valuesOf(query.contains);
  if (contains) where.push(`(${contains.map((v) => `m.msg LIKE ${params.add(`%${v}%`)}`).join(' OR ')})`);
  return where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
}

/** SELECT count(*) for a query (rows with after < id <= horizon, when given); paging keys are ignored, as in every store. */
export function countSql(query: HistoryQuery, horizon: number | null, after: number | null = null): { text: string; values: unknown[] } {
  const params = new Params();
  const where = whereClause(query, params, horizon, after);
  return { text: `SELECT count(*)::int AS n FROM messages m ${where}`, values: params.values };
}

/** Names linked to the row, in the order they were recorded (the link rows' physical order). */
const names = (kind: NameTable): string => {
  const { table, key } = LINK[kind];
  return `ARRAY(SELECT n.name FROM ${table} l JOIN ${kind} n ON n.id = l.${key} WHERE l.msg_id = m.id AND l.msg_timestamp = m.timestamp ORDER BY l.ctid)`;
};

/** SELECT of the matching rows, ordered by time (then by id: arrival order) and paged. */
export function findSql(query: HistoryQuery, horizon: number | null): { text: string; values: unknown[] } {
  const params = new Params();
  const where = whereClause(query, params, horizon);
  const direction = query.order === 'desc' ? 'DESC' : 'ASC';
  const size = query.rows_per_page ?? 0;
  const paging = size > 0 ? ` LIMIT ${params.add(size)} OFFSET ${params.add((Math.max(1, query.page ?? 1) - 1) * size)}` : '';
  return {
    text: `SELECT m.msg_id, m.topic, m.category, extract(epoch from m.timestamp)::float8 AS ts, m.agent_name, m.msg, m.headers,
      ${names('users')} AS users, ${names('packages')} AS packages
      FROM messages m ${where} ORDER BY m.timestamp ${direction}, m.id ${direction}${paging}`,
    values: params.values,
  };
}
