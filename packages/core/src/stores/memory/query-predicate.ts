import type { HistoryQuery, HistoryRow } from '../history-store.js';
import { containsMatcher } from './like.js';

export type Predicate = (row: HistoryRow, bodyText: () => string) => boolean;

const nonEmpty = (values: readonly string[] | undefined): values is readonly string[] => values !== undefined && values.length > 0;

/**
 * The query's filters as one test, with datanommer's semantics: values of a
 * key are ORed, keys ANDed; `not_agents` follows SQL NULL logic, so a
 * message with no agent never passes it.
 */
export function compilePredicate(q: HistoryQuery): Predicate {
  const tests: Predicate[] = [];
  const start = q.start?.getTime();
  const end = q.end?.getTime();
  if (start !== undefined) tests.push((r) => r.timestamp.getTime() >= start);
  if (end !== undefined) tests.push((r) => r.timestamp.getTime() <= end);
  if (q.msg_id !== undefined) tests.push((r) => r.msg_id === q.msg_id);
  const anyOf = (values: readonly string[] | undefined, field: (r: HistoryRow) => readonly string[], negate: boolean): void => {
    if (!nonEmpty(values)) return;
    const set = new Set(values);
    tests.push((r) => field(r).some((v) => set.has(v)) !== negate);
  };
  const oneOf = (values: readonly string[] | undefined, field: (r: HistoryRow) => string, negate: boolean): void => {
    if (!nonEmpty(values)) return;
    const set = new Set(values);
    tests.push((r) => set.has(field(r)) !== negate);
  };
  anyOf(q.users, (r) => r.users, false);
  anyOf(q.not_users, (r) => r.users, true);
  anyOf(q.packages, (r) => r.packages, false);
  anyOf(q.not_packages, (r) => r.packages, true);
  oneOf(q.categories, (r) => r.category, false);
  oneOf(q.not_categories, (r) => r.category, true);
  oneOf(q.topics, (r) => r.topic, false);
  oneOf(q.not_topics, (r) => r.topic, true);
  if (nonEmpty(q.agents)) {
    const set = new Set(q.agents);
    tests.push((r) => r.agent_name !== null && set.has(r.agent_name));
  }
  if (nonEmpty(q.not_agents)) {
    const set = new Set(q.not_agents);
    tests.push((r) => r.agent_name !== null && !set.has(r.agent_name));
  }
  if (nonEmpty(q.contains)) {
    const matchers = q.contains.map(containsMatcher);
    tests.push((_r, bodyText) => {
      const text = bodyText();
      return matchers.some((m) => m(text));
    });
  }
  if (tests.length === 0) return () => true;
  return (row, bodyText) => tests.every((t) => t(row, bodyText));
}
