import type { HistoryQuery, HistoryRow } from '../history-store.js';
import { TimeOrderedList } from './time-ordered-list.js';

/** Who a message is about (possibly several) and where it happened (exactly one of each). */
type WhoKey = 'users' | 'packages' | 'agents';
type WhereKey = 'topics' | 'categories';
const WHO: readonly WhoKey[] = ['users', 'packages', 'agents'];
const WHERE: readonly WhereKey[] = ['topics', 'categories'];
export type IndexKey = WhoKey | WhereKey;

function whoValues(row: HistoryRow, key: WhoKey): readonly string[] {
  if (key === 'agents') return row.agent_name === null ? [] : [row.agent_name];
  return key === 'users' ? row.users : row.packages;
}

/**
 * A pair's messages: the message itself while there is one (three pairs in
 * four, on a bus: a user's one comment on a topic), a list from the second.
 * A list object and its array per such pair was most of the index's memory.
 * (So T must not itself be a TimeOrderedList.)
 */
type PairSlot<T> = T | TimeOrderedList<T>;

/** Pairs by where value, then by who value: topics and categories are few, so these maps are few and full. */
type PairLists<T> = Map<string, Map<string, PairSlot<T>>>;

const hasAny = (values: readonly string[] | undefined): values is readonly string[] => values !== undefined && values.length > 0;
const unique = (values: readonly string[]): readonly string[] => (values.length === 1 ? values : [...new Set(values)]);
const EMPTY_LIST = { length: 0 };

/**
 * Stored messages by user, package, agent, topic and category — and, with
 * `pairs`, by each (who, where) pair such as (user, topic) — in arrival
 * order. Scans read the shortest list that holds every match. With pairs,
 * the counts most rules ask for — "messages on this topic by this user",
 * also within a time window — are the length of a list (or two binary
 * searches), whatever the size of the history.
 */
export class HistoryIndex<T> {
  private readonly who: Record<WhoKey, Map<string, TimeOrderedList<T>>> = { users: new Map(), packages: new Map(), agents: new Map() };
  private readonly where: Record<WhereKey, Map<string, TimeOrderedList<T>>> = { topics: new Map(), categories: new Map() };
  /** (who, where) lists, only when pairs are kept. */
  private readonly pairLists: Record<WhoKey, Record<WhereKey, PairLists<T>>> | null;

  constructor(private readonly timeOf: (item: T) => number, readonly pairs: boolean) {
    const byWhere = (): Record<WhereKey, PairLists<T>> => ({ topics: new Map(), categories: new Map() });
    this.pairLists = pairs ? { users: byWhere(), packages: byWhere(), agents: byWhere() } : null;
  }

  add(item: T, row: HistoryRow): void {
    for (const who of WHO) {
      const values = whoValues(row, who);
      if (values.length === 0) continue;
      const pairs = this.pairLists?.[who];
      const byTopic = pairs === undefined ? undefined : this.mapIn(pairs.topics, row.topic);
      const byCategory = pairs === undefined ? undefined : this.mapIn(pairs.categories, row.category);
      for (let i = 0; i < values.length; i++) {
        const w = values[i]!;
        if (i > 0 && values.indexOf(w) !== i) continue;
        this.listIn(this.who[who], w).push(item);
        if (byTopic !== undefined) this.pushPair(byTopic, w, item);
        if (byCategory !== undefined) this.pushPair(byCategory, w, item);
      }
    }
    this.listIn(this.where.topics, row.topic).push(item);
    this.listIn(this.where.categories, row.category).push(item);
  }

  /**
   * The lists that together hold every message the query can match, the
   * shortest choice: a (who, where) pair's when both keys are set, else one
   * key's. Null when the query sets none of the keys.
   */
  candidates(query: HistoryQuery): Array<TimeOrderedList<T>> | null {
    let best: Array<TimeOrderedList<T>> | null = null;
    let bestSize = Number.POSITIVE_INFINITY;
    const consider = (lists: Array<TimeOrderedList<T> | undefined>): void => {
      const found = lists.filter((l) => l !== undefined);
      const size = found.reduce((n, l) => n + l.length, 0);
      if (size < bestSize) { best = found; bestSize = size; }
    };
    for (const who of WHO) {
      const ws = query[who];
      if (!hasAny(ws)) continue;
      const whos = unique(ws);
      consider(whos.map((w) => this.who[who].get(w)));
      if (this.pairLists === null) continue;
      for (const where of WHERE) {
        const xs = query[where];
        if (!hasAny(xs)) continue;
        const byWhere = this.pairLists[who][where];
        // Only a who value with some message has pair lists (as before: an unknown who contributes none).
        consider(whos.flatMap((w) => (this.who[who].has(w) ? unique(xs).map((x) => this.pairList(byWhere, x, w)) : [])));
      }
    }
    for (const where of WHERE) {
      const xs = query[where];
      if (hasAny(xs)) consider(unique(xs).map((x) => this.where[where].get(x)));
    }
    return best;
  }

  /** The count, if the query has a shape the lists answer exactly; null otherwise. Needs pairs. */
  count(query: HistoryQuery, total: number): number | null {
    if (this.pairLists === null || query.msg_id !== undefined || hasAny(query.not_users) || hasAny(query.not_packages) || hasAny(query.not_categories)
      || hasAny(query.not_topics) || hasAny(query.not_agents) || hasAny(query.contains)) return null;
    let whoKey: WhoKey | undefined;
    for (const k of WHO) {
      if (!hasAny(query[k])) continue;
      if (whoKey !== undefined) return null;
      whoKey = k;
    }
    let whereKey: WhereKey | undefined;
    for (const k of WHERE) {
      if (!hasAny(query[k])) continue;
      if (whereKey !== undefined) return null;
      whereKey = k;
    }
    const whoValuesOf = whoKey === undefined ? [] : unique(query[whoKey]!);
    // Users and packages are lists on a message: with several values one message could be counted twice.
    if (whoKey !== undefined && whoKey !== 'agents' && whoValuesOf.length > 1) return null;
    const windowed = query.start !== undefined || query.end !== undefined;
    if (whoKey === undefined && whereKey === undefined) return windowed ? null : total;
    const lists: Array<TimeOrderedList<T> | typeof EMPTY_LIST> = [];
    const whereValuesOf = whereKey === undefined ? [] : unique(query[whereKey]!);
    if (whoKey === undefined) for (const x of whereValuesOf) lists.push(this.where[whereKey!].get(x) ?? EMPTY_LIST);
    for (const w of whoValuesOf) {
      const all = this.who[whoKey!].get(w);
      if (all === undefined) continue;
      if (whereKey === undefined) lists.push(all);
      else for (const x of whereValuesOf) lists.push(this.pairList(this.pairLists[whoKey!][whereKey], x, w) ?? EMPTY_LIST);
    }
    if (!windowed) return lists.reduce((n, l) => n + l.length, 0);
    const from = query.start?.getTime() ?? Number.NEGATIVE_INFINITY;
    const to = query.end?.getTime() ?? Number.POSITIVE_INFINITY;
    let n = 0;
    for (const l of lists) {
      if (!(l instanceof TimeOrderedList)) continue;
      if (!l.ordered) return null;
      n += l.countBetween(from, to);
    }
    return n;
  }

  private list(): TimeOrderedList<T> {
    return new TimeOrderedList(this.timeOf);
  }

  private pushPair(map: Map<string, PairSlot<T>>, who: string, item: T): void {
    const slot = map.get(who);
    if (slot === undefined) map.set(who, item);
    else if (slot instanceof TimeOrderedList) slot.push(item);
    else {
      const list = this.list();
      list.push(slot);
      list.push(item);
      map.set(who, list);
    }
  }

  /** A pair's list; a one-message pair's is made for the asking (a list kept would cost more than this). */
  private pairList(pairs: PairLists<T>, where: string, who: string): TimeOrderedList<T> | undefined {
    const slot = pairs.get(where)?.get(who);
    if (slot === undefined) return undefined;
    if (slot instanceof TimeOrderedList) return slot as TimeOrderedList<T>;
    const list = this.list();
    list.push(slot);
    return list;
  }

  private mapIn(map: PairLists<T>, key: string): Map<string, PairSlot<T>> {
    let inner = map.get(key);
    if (inner === undefined) map.set(key, (inner = new Map()));
    return inner;
  }

  private listIn(map: Map<string, TimeOrderedList<T>>, key: string): TimeOrderedList<T> {
    let list = map.get(key);
    if (list === undefined) map.set(key, (list = this.list()));
    return list;
  }
}
