import type { CountDimension, HistoryQuery } from '@accolade/core';
import { COUNTER_KEYS } from '../schema/running-count-tables.js';
import { Params } from '../sql/values.js';
import type { CountViewSpec } from './count-view-spec.js';
import { whereClause } from './query-sql.js';

/** The rows a view counts in, as a query: its fixed keys and its restriction to some values. */
function viewFilter(spec: CountViewSpec): HistoryQuery {
  return { ...spec.fixed, ...spec.only } as HistoryQuery;
}

const LINKS = {
  users: { link: 'users_messages', key: 'user_id', names: 'users', alias: 'u' },
  packages: { link: 'packages_messages', key: 'package_id', names: 'packages', alias: 'p' },
} as const;

/** The SQL value of a dimension for one counted row: a linked name, or a column of the message. */
function valueOf(d: CountDimension): string {
  switch (d) {
    case 'users': return 'u.name';
    case 'packages': return 'p.name';
    case 'agents': return 'm.agent_name';
    case 'topics': return 'm.topic';
    case 'categories': return 'm.category';
  }
}

/**
 * Add the view's counts of the rows with after < id <= through to its
 * counters, in one statement: each message is counted once under every
 * combination of one value per dimension (one row per linked user and
 * package, by joining the link rows, which are unique per message and
 * name), as a query naming those values would count it. The rows a count
 * query would test are tested by the same WHERE clause (query-sql.ts), so
 * a counter is exactly the count that query gives; self-exclusions compare
 * with the combination's own user, package or agent, with the SQL NULL
 * logic of `not_agents` (a message without an agent is not counted).
 */
export function foldSql(viewId: number, spec: CountViewSpec, after: number, through: number): { text: string; values: unknown[] } {
  const params = new Params();
  const view = params.add(viewId);
  const where = whereClause(viewFilter(spec), params, through, after);
  const joins: string[] = [];
  const linked = (['users', 'packages'] as const).filter((kind) => spec.dimensions.includes(kind));
  // The id range repeated on the link rows, as query-sql.ts does, so a fold reads only the new link rows.
  const lo = linked.length === 0 ? '' : params.add(after);
  const hi = linked.length === 0 ? '' : params.add(through);
  for (const kind of linked) {
    const { link, key, names, alias } = LINKS[kind];
    joins.push(`JOIN ${link} l${alias} ON l${alias}.msg_id = m.id AND l${alias}.msg_timestamp = m.timestamp AND l${alias}.msg_id > ${lo} AND l${alias}.msg_id <= ${hi} JOIN ${names} ${alias} ON ${alias}.id = l${alias}.${key}`);
  }
  const extra: string[] = [];
  if (spec.dimensions.includes('agents')) extra.push('m.agent_name IS NOT NULL');
  const who = spec.dimensions.find((d) => d === 'users' || d === 'packages' || d === 'agents');
  for (const k of spec.notSelf) {
    const self = valueOf(who!);
    if (k === 'not_agents') extra.push(`m.agent_name <> ${self}`);
    else {
      const { link, key, names } = LINKS[k === 'not_users' ? 'users' : 'packages'];
      extra.push(`NOT EXISTS (SELECT 1 FROM ${link} sl JOIN ${names} sn ON sn.id = sl.${key} WHERE sl.msg_id = m.id AND sl.msg_timestamp = m.timestamp AND sn.name = ${self})`);
    }
  }
  const keys = COUNTER_KEYS.map((_, i) => (i < spec.dimensions.length ? valueOf(spec.dimensions[i]!) : `''`));
  const conditions = [where.replace(/^WHERE /, ''), ...extra].filter((c) => c !== '');
  return {
    text: `INSERT INTO accolade_counts (view_id, ${COUNTER_KEYS.join(', ')}, n)
      SELECT ${view}::int, ${keys.join(', ')}, count(*) FROM messages m ${joins.join(' ')}
       WHERE ${conditions.join(' AND ')}
       GROUP BY ${keys.map((_, i) => i + 2).join(', ')}
      ON CONFLICT (view_id, ${COUNTER_KEYS.join(', ')}) DO UPDATE SET n = accolade_counts.n + EXCLUDED.n`,
    values: params.values,
  };
}

/**
 * One statement, one snapshot: the view's `through_id`, the sum of its
 * counters for every combination of the values asked (`k = ANY(...)` per
 * dimension is exactly that product), and the query's plain count over the
 * rows between `through` (the through_id last seen) and the horizon, which
 * the caller adds (horizon past it) or subtracts (horizon behind it). When
 * the stored through_id is not `through` (another process folded since),
 * the caller asks again with it.
 */
export function readSql(viewId: number, lists: readonly (readonly string[])[], query: HistoryQuery, through: number, horizon: number): { text: string; values: unknown[] } {
  const params = new Params();
  const view = params.add(viewId);
  const keys = lists.map((values, i) => `c.${COUNTER_KEYS[i]} = ANY(${params.add(values)}::text[])`);
  const delta = through === horizon
    ? '0'
    : `(SELECT count(*) FROM messages m ${whereClause(query, params, Math.max(through, horizon), Math.min(through, horizon))})`;
  return {
    text: `SELECT v.through_id::float8 AS through,
        (SELECT coalesce(sum(c.n), 0) FROM accolade_counts c WHERE c.view_id = ${view} AND ${keys.join(' AND ')})::float8 AS stored,
        ${delta}::float8 AS delta
       FROM accolade_count_views v WHERE v.id = ${view}`,
    values: params.values,
  };
}
