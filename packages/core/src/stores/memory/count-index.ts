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

/**
 * Running counts of messages per value and per (who, where) pair, kept up
 * to date as messages arrive, so the counts most rules ask for — "messages
 * on this topic by this user" — take time proportional to the number of
 * values in the query, not to the history. Queries of other shapes return
 * null and are answered by scanning.
 */
export class CountIndex {
  private readonly counts = new Map<string, number>();

  add(row: HistoryRow): void {
    for (const who of WHO) {
      for (const w of whoValues(row, who)) {
        this.bump(`${who}${SEP}${w}`);
        for (const where of WHERE) this.bump(`${who}${SEP}${w}${SEP}${where}${SEP}${whereValue(row, where)}`);
      }
    }
    for (const where of WHERE) this.bump(`${where}${SEP}${whereValue(row, where)}`);
  }

  /** The count, if the query has a shape the counters answer exactly; null otherwise. */
  count(query: HistoryQuery, total: number): number | null {
    if (query.start !== undefined || query.end !== undefined || query.msg_id !== undefined) return null;
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
    let n = 0;
    if (whoKey === undefined && whereKey === undefined) return total;
    if (whoKey === undefined) {
      for (const v of whereValuesOf) n += this.counts.get(`${whereKey}${SEP}${v}`) ?? 0;
      return n;
    }
    for (const w of whoValuesOf) {
      if (whereKey === undefined) n += this.counts.get(`${whoKey}${SEP}${w}`) ?? 0;
      else for (const v of whereValuesOf) n += this.counts.get(`${whoKey}${SEP}${w}${SEP}${whereKey}${SEP}${v}`) ?? 0;
    }
    return n;
  }

  private bump(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
}
