import type { CountShape, HistoryQuery, HistoryRow } from '../history-store.js';
import { COUNT_DIMENSIONS, COUNT_FIXED_KEYS, type CountDimension } from '../history-store.js';
import { type Predicate, compilePredicate } from './query-predicate.js';

const SEP = '\u0000';

function rowValues(row: HistoryRow, key: CountDimension): readonly string[] {
  switch (key) {
    case 'users': return row.users;
    case 'packages': return row.packages;
    case 'agents': return row.agent_name === null ? [] : [row.agent_name];
    case 'topics': return [row.topic];
    case 'categories': return [row.category];
  }
}

const distinct = (values: readonly string[]): string[] => [...new Set(values)].sort();

/** Every combination of one value per list, as view keys. */
function combinations(lists: ReadonlyArray<readonly string[]>): string[] {
  let keys: string[] | null = null;
  for (const list of lists) keys = keys === null ? [...list] : keys.flatMap((prefix) => list.map((v) => `${prefix}${SEP}${v}`));
  return keys ?? [];
}

/** Which view a query or a shape belongs to: its dimension keys and its fixed keys with their values. */
function shapeKey(dimensions: readonly CountDimension[], fixed: Partial<Record<string, readonly string[]>>): string {
  const fixedPart = Object.entries(fixed).filter(([, v]) => v !== undefined && v.length > 0).map(([k, v]) => [k, distinct(v!)]).sort();
  return JSON.stringify([[...dimensions].sort(), fixedPart]);
}

interface View {
  dimensions: CountDimension[];
  test: Predicate;
  counts: Map<string, number>;
}

/**
 * Running counts for the query shapes an engine announced (`prepare`), so
 * that counts with `contains` and `not_` filters — whose values are the
 * same in every query of a rule — take time independent of the history:
 * per shape, the number of matching messages for each combination of the
 * varying keys' values (user, topic...), kept up to date as messages arrive.
 */
export class CountViews {
  private readonly views = new Map<string, View>();

  get size(): number {
    return this.views.size;
  }

  /** Register shapes; the new ones are counted over `existing` in one pass. */
  prepare(shapes: readonly CountShape[], existing: Iterable<{ row: HistoryRow; text: () => string }>): void {
    const added: View[] = [];
    for (const shape of shapes) {
      const dimensions = [...new Set(shape.dimensions)].filter((d) => COUNT_DIMENSIONS.includes(d)).sort();
      const key = shapeKey(dimensions, shape.fixed);
      if (this.views.has(key) || dimensions.length === 0) continue;
      const view: View = { dimensions, test: compilePredicate(shape.fixed as HistoryQuery), counts: new Map() };
      this.views.set(key, view);
      added.push(view);
    }
    if (added.length === 0) return;
    for (const { row, text } of existing) this.addTo(added, row, text);
  }

  add(row: HistoryRow, text: () => string): void {
    if (this.views.size > 0) this.addTo(this.views.values(), row, text);
  }

  private addTo(views: Iterable<View>, row: HistoryRow, text: () => string): void {
    for (const view of views) {
      if (!view.test(row, text)) continue;
      for (const key of combinations(view.dimensions.map((d) => distinct(rowValues(row, d))))) {
        view.counts.set(key, (view.counts.get(key) ?? 0) + 1);
      }
    }
  }

  /** The count from a view, or null when no view has the query's shape (or a message could be counted twice). */
  count(query: HistoryQuery): number | null {
    if (this.views.size === 0 || query.start !== undefined || query.end !== undefined || query.msg_id !== undefined) return null;
    const dimensions = COUNT_DIMENSIONS.filter((d) => (query[d]?.length ?? 0) > 0);
    const fixed: Partial<Record<string, readonly string[]>> = {};
    for (const k of COUNT_FIXED_KEYS) if ((query[k]?.length ?? 0) > 0) fixed[k] = query[k];
    const view = this.views.get(shapeKey(dimensions, fixed));
    if (view === undefined) return null;
    const lists = view.dimensions.map((d) => distinct(query[d]!));
    // A message has several users and packages: with several values one message could be counted twice.
    if (view.dimensions.some((d, i) => (d === 'users' || d === 'packages') && lists[i]!.length > 1)) return null;
    let n = 0;
    for (const key of combinations(lists)) n += view.counts.get(key) ?? 0;
    return n;
  }
}
