import { pythonJsonDumps } from '../../expressions/python/json.js';
import { type Message, historyCategoryOf } from '../../message/message.js';
import type { HistoryQuery, HistoryRow, HistoryStore } from '../history-store.js';
import { CountIndex } from './count-index.js';
import { compilePredicate } from './query-predicate.js';

interface Stored {
  row: HistoryRow;
  seq: number;
  /** The body as datanommer stores it (Python json.dumps), made on first use. */
  text?: string;
}

type IndexedKey = 'users' | 'packages' | 'topics' | 'categories' | 'agents';

/** Convert an engine message into a history row, as datanommer stores it. */
export function historyRowOf(message: Message): HistoryRow {
  return Object.freeze({
    msg_id: message.id,
    topic: message.topic,
    category: historyCategoryOf(message.topic),
    timestamp: message.timestamp,
    agent_name: message.agent_name,
    msg: message.body,
    headers: message.headers,
    users: message.usernames,
    packages: message.packages,
  });
}

/**
 * Message history in memory. The common counts come from running counters
 * (see CountIndex); other queries read only the messages of their most
 * selective indexed value, not the whole history.
 */
export class MemoryHistoryStore implements HistoryStore {
  private readonly rows: Stored[] = [];
  private readonly byId = new Map<string, Stored>();
  private readonly counters: CountIndex | null;
  private readonly indexes: Record<IndexedKey, Map<string, Stored[]>> = {
    users: new Map(), packages: new Map(), topics: new Map(), categories: new Map(), agents: new Map(),
  };

  /**
   * `runningCounts: false` drops the running counters (they hold an entry per
   * user and topic pair); counts then read the most selective index, as a
   * database would.
   */
  constructor(messages: Iterable<Message> = [], options: { runningCounts?: boolean } = {}) {
    this.counters = options.runningCounts === false ? null : new CountIndex();
    for (const m of messages) this.add(m);
  }

  get size(): number {
    return this.rows.length;
  }

  /** Store a message; one already stored (same id) is skipped, as datanommer skips duplicates. */
  add(message: Message): void {
    if (this.byId.has(message.id)) return;
    const stored: Stored = { row: historyRowOf(message), seq: this.rows.length };
    this.rows.push(stored);
    this.byId.set(message.id, stored);
    const { row } = stored;
    for (const u of row.users) push(this.indexes.users, u, stored);
    for (const p of row.packages) push(this.indexes.packages, p, stored);
    push(this.indexes.topics, row.topic, stored);
    push(this.indexes.categories, row.category, stored);
    if (row.agent_name !== null) push(this.indexes.agents, row.agent_name, stored);
    this.counters?.add(row);
  }

  count(query: HistoryQuery): number {
    const counted = this.counters?.count(query, this.rows.length) ?? null;
    if (counted !== null) return counted;
    let n = 0;
    this.scan(query, () => { n++; });
    return n;
  }

  find(query: HistoryQuery): HistoryRow[] {
    const found: Stored[] = [];
    this.scan(query, (s) => { found.push(s); });
    const sign = query.order === 'desc' ? -1 : 1;
    found.sort((a, b) => sign * (a.row.timestamp.getTime() - b.row.timestamp.getTime() || a.seq - b.seq));
    const size = query.rows_per_page ?? 0;
    const rows = found.map((s) => s.row);
    if (size <= 0) return rows;
    const page = Math.max(1, query.page ?? 1);
    return rows.slice((page - 1) * size, page * size);
  }

  private scan(query: HistoryQuery, visit: (s: Stored) => void): void {
    const test = compilePredicate(query);
    for (const stored of this.candidates(query)) {
      if (test(stored.row, () => (stored.text ??= pythonJsonDumps(stored.row.msg)))) visit(stored);
    }
  }

  /** The smallest set of stored messages the query can match, from the indexes. */
  private candidates(query: HistoryQuery): Iterable<Stored> {
    if (query.msg_id !== undefined) {
      const one = this.byId.get(query.msg_id);
      return one ? [one] : [];
    }
    let best: Stored[][] | null = null;
    let bestSize = Number.POSITIVE_INFINITY;
    for (const key of ['users', 'packages', 'topics', 'categories', 'agents'] as const) {
      const values = query[key];
      if (values === undefined || values.length === 0) continue;
      const lists = [...new Set(values)].map((v) => this.indexes[key].get(v) ?? []);
      const size = lists.reduce((n, l) => n + l.length, 0);
      if (size < bestSize) { best = lists; bestSize = size; }
    }
    if (best === null) return this.rows;
    if (best.length === 1) return best[0]!;
    return new Set(best.flat());
  }
}

function push(index: Map<string, Stored[]>, key: string, stored: Stored): void {
  const list = index.get(key);
  if (list) list.push(stored);
  else index.set(key, [stored]);
}
