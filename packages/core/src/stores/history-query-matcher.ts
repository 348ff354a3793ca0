import type { HistoryQuery, HistoryRow } from './history-store.js';
import { datanommerText } from './memory/datanommer-text.js';
import { compilePredicate } from './memory/query-predicate.js';

/**
 * A test of whether a stored row matches a history query, with datanommer's
 * semantics (values of a key ORed, keys ANDed, an empty list ignored,
 * `not_agents` with SQL NULL logic, `contains` as LIKE over the body as
 * Python's json.dumps writes it, `start`/`end` inclusive; paging keys do not
 * filter). The in-memory store's own test, for stores that filter rows in
 * JavaScript; compile it once per query and call it per row.
 */
export function historyQueryMatcher(query: HistoryQuery): (row: HistoryRow) => boolean {
  const test = compilePredicate(query);
  return (row) => {
    let text: string | undefined;
    return test(row, () => (text ??= datanommerText(row.msg)));
  };
}
