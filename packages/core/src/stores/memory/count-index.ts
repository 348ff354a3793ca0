import type { HistoryQuery, HistoryRow } from '../history-store.js';

/** Who a message is about (possibly several) and where it happened (exactly one of each). */
type WhoKey = 'users' | 'packages' | 'agents';
type WhereKey = 'topics' | 'categories';
const WHO: readonly WhoKey[] = ['users', 'packages', 'agents'];
const WHERE: readonly WhereKey[] = ['topics', 'categories'];

function whoValues(row: HistoryRow, key: WhoKey): readonly string[] {
  if (key === 'agents') return row.agent_name === null ? [] : [row.agent_name];
  return key === 'users' ? row.users : row.packages;
}

/** The number of sorted times t with from <= t <= to. */
function countBetween(times: readonly number[], from: number, to: number): number {
  const firstAtOrAfter = (t: number, after: boolean): number => {
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (times[mid]! < t || (after && times[mid] === t)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return Math.max(0, firstAtOrAfter(to, true) - firstAtOrAfter(from, false));
}

/** The times of the messages one key counts, in arrival order. */
type Times = number[];

interface WhoEntry {
  all: Times;
  topics: Map<string, Times>;
  categories: Map<string, Times>;
}

function timesIn(map: Map<string, Times>, key: string): Times {
  let times = map.get(key);
  if (times === undefined) map.set(key, (times = []));
  return times;
}

/**
 * Running counts of messages per value and per (who, where) pair, kept up
 * to date as messages arrive, so the counts most rules ask for — "messages
 * on this topic by this user", also within a time window — take time
 * proportional to the number of values in the query (and the log of the
 * count), not to the history. Each key keeps its messages' times, in
 * arrival order; a window is found by binary search while they never went
 * backwards. Queries of other shapes return null and are answered otherwise.
 */
export class CountIndex {
  private readonly who: Record<WhoKey, Map<string, WhoEntry>> = { users: new Map(), packages: new Map(), agents: new Map() };
  private readonly where: Record<WhereKey, Map<string, Times>> = { topics: new Map(), categories: new Map() };
  /** Keys whose times went backwards at least once: windows on them are not answered here. */
  private readonly unordered = new Set<Times>();

  add(row: HistoryRow): void {
    const t = row.timestamp.getTime();
    for (const who of WHO) {
      const values = whoValues(row, who);
      for (let i = 0; i < values.length; i++) {
        const w = values[i]!;
        if (values.indexOf(w) !== i) continue;
        let entry = this.who[who].get(w);
        if (entry === undefined) this.who[who].set(w, (entry = { all: [], topics: new Map(), categories: new Map() }));
        this.push(entry.all, t);
        this.push(timesIn(entry.topics, row.topic), t);
        this.push(timesIn(entry.categories, row.category), t);
      }
    }
    this.push(timesIn(this.where.topics, row.topic), t);
    this.push(timesIn(this.where.categories, row.category), t);
  }

  /** The count, if the query has a shape the counters answer exactly; null otherwise. */
  count(query: HistoryQuery, total: number): number | null {
    if (query.msg_id !== undefined || hasAny(query.not_users) || hasAny(query.not_packages) || hasAny(query.not_categories)
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
    const whereValuesOf = whereKey === undefined ? [] : unique(query[whereKey]!);
    const windowed = query.start !== undefined || query.end !== undefined;
    if (whoKey === undefined && whereKey === undefined) return windowed ? null : total;
    const lists: Times[] = [];
    if (whoKey === undefined) for (const v of whereValuesOf) lists.push(this.where[whereKey!].get(v) ?? NONE);
    for (const w of whoValuesOf) {
      const entry = this.who[whoKey!].get(w);
      if (entry === undefined) continue;
      if (whereKey === undefined) lists.push(entry.all);
      else for (const v of whereValuesOf) lists.push(entry[whereKey].get(v) ?? NONE);
    }
    if (!windowed) return lists.reduce((n, l) => n + l.length, 0);
    if (lists.some((l) => this.unordered.has(l))) return null;
    const from = query.start?.getTime() ?? Number.NEGATIVE_INFINITY;
    const to = query.end?.getTime() ?? Number.POSITIVE_INFINITY;
    return lists.reduce((n, l) => n + countBetween(l, from, to), 0);
  }

  private push(times: Times, t: number): void {
    if (times.length > 0 && t < times[times.length - 1]!) this.unordered.add(times);
    times.push(t);
  }
}

const NONE: Times = [];
const hasAny = (values: readonly string[] | undefined): values is readonly string[] => values !== undefined && values.length > 0;
const unique = (values: readonly string[]): readonly string[] => (values.length === 1 ? values : [...new Set(values)]);
