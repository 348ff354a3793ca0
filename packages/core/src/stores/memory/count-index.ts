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

const whereValue = (row: HistoryRow, key: WhereKey): string => (key === 'topics' ? row.topic : row.category);
const SEP = '\u0000';

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
  private readonly times = new Map<string, number[]>();
  /** Keys whose times went backwards at least once: windows on them are not answered here. */
  private readonly unordered = new Set<string>();

  add(row: HistoryRow): void {
    const t = row.timestamp.getTime();
    for (const who of WHO) {
      for (const w of new Set(whoValues(row, who))) {
        this.bump(`${who}${SEP}${w}`, t);
        for (const where of WHERE) this.bump(`${who}${SEP}${w}${SEP}${where}${SEP}${whereValue(row, where)}`, t);
      }
    }
    for (const where of WHERE) this.bump(`${where}${SEP}${whereValue(row, where)}`, t);
  }

  /** The count, if the query has a shape the counters answer exactly; null otherwise. */
  count(query: HistoryQuery, total: number): number | null {
    if (query.msg_id !== undefined) return null;
    for (const k of ['not_users', 'not_packages', 'not_categories', 'not_topics', 'not_agents', 'contains'] as const) {
      if ((query[k]?.length ?? 0) > 0) return null;
    }
    const who = WHO.filter((k) => (query[k]?.length ?? 0) > 0);
    const where = WHERE.filter((k) => (query[k]?.length ?? 0) > 0);
    if (who.length > 1 || where.length > 1) return null;
    const whoKey = who[0];
    const whereKey = where[0];
    // Users and packages are lists on a message: with several values one message could be counted twice.
    const whoValuesOf = whoKey === undefined ? [] : [...new Set(query[whoKey])];
    if (whoKey !== undefined && whoKey !== 'agents' && whoValuesOf.length > 1) return null;
    const whereValuesOf = whereKey === undefined ? [] : [...new Set(query[whereKey])];
    const windowed = query.start !== undefined || query.end !== undefined;
    if (whoKey === undefined && whereKey === undefined) return windowed ? null : total;
    const keys: string[] = [];
    if (whoKey === undefined) for (const v of whereValuesOf) keys.push(`${whereKey}${SEP}${v}`);
    for (const w of whoValuesOf) {
      if (whereKey === undefined) keys.push(`${whoKey}${SEP}${w}`);
      else for (const v of whereValuesOf) keys.push(`${whoKey}${SEP}${w}${SEP}${whereKey}${SEP}${v}`);
    }
    if (windowed && keys.some((k) => this.unordered.has(k))) return null;
    const from = query.start?.getTime() ?? Number.NEGATIVE_INFINITY;
    const to = query.end?.getTime() ?? Number.POSITIVE_INFINITY;
    let n = 0;
    for (const key of keys) {
      const times = this.times.get(key);
      if (times !== undefined) n += windowed ? countBetween(times, from, to) : times.length;
    }
    return n;
  }

  private bump(key: string, t: number): void {
    const times = this.times.get(key);
    if (times === undefined) this.times.set(key, [t]);
    else {
      if (t < times[times.length - 1]!) this.unordered.add(key);
      times.push(t);
    }
  }
}
