import { type HistoryQuery, type HistoryRow, pythonJsonDumps } from '@accolade/core';
import { like } from './like.js';

/** datanommer ignores an empty list, exactly as if the key were absent. */
const given = (values: readonly string[] | undefined): values is readonly string[] => values !== undefined && values.length > 0;

/**
 * Does a stored row match a history query? datanommer's semantics, which
 * rules are written against: the values of one key are ORed, the keys are
 * ANDed, `not_` keys exclude, `start` and `end` are inclusive, and paging
 * keys do not filter.
 */
export function rowMatches(row: HistoryRow, q: HistoryQuery): boolean {
  const time = row.timestamp.getTime();
  if (q.start !== undefined && time < q.start.getTime()) return false;
  if (q.end !== undefined && time > q.end.getTime()) return false;
  if (q.msg_id !== undefined && row.msg_id !== q.msg_id) return false;

  // users and packages are lists on the row: any shared name matches.
  const anyIn = (values: readonly string[], names: readonly string[]): boolean => names.some((n) => values.includes(n));
  if (given(q.users) && !anyIn(q.users, row.users)) return false;
  if (given(q.not_users) && anyIn(q.not_users, row.users)) return false;
  if (given(q.packages) && !anyIn(q.packages, row.packages)) return false;
  if (given(q.not_packages) && anyIn(q.not_packages, row.packages)) return false;

  // Topics compare whole (a trigger's `topic` matches a suffix, a filter's `topics` does not).
  if (given(q.topics) && !q.topics.includes(row.topic)) return false;
  if (given(q.not_topics) && q.not_topics.includes(row.topic)) return false;
  if (given(q.categories) && !q.categories.includes(row.category)) return false;
  if (given(q.not_categories) && q.not_categories.includes(row.category)) return false;

  // agent_name is a nullable column: in SQL, `NULL NOT IN (...)` is not true,
  // so a row without an agent passes neither `agents` nor `not_agents`.
  if (given(q.agents) && (row.agent_name === null || !q.agents.includes(row.agent_name))) return false;
  if (given(q.not_agents) && (row.agent_name === null || q.not_agents.includes(row.agent_name))) return false;

  // `contains` is `msg LIKE '%value%'` over the body as Python's json.dumps
  // writes it (`{"a": 1}`, non-ASCII as \u escapes), which pythonJsonDumps reproduces.
  if (given(q.contains)) {
    const text = pythonJsonDumps(row.msg);
    if (!q.contains.some((value) => like(`%${value}%`, text))) return false;
  }
  return true;
}
