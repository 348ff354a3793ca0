import { datanommerText } from './datanommer-text.js';
import { type CreateMessageOptions, asMessage } from '../../message/create-message.js';
import { type Message, historyCategoryOf } from '../../message/message.js';
import type { MessageInput } from '../../message/message-input.js';
import type { MessageSchemaRegistry } from '../../message/message-schema.js';
import type { CountShape, HistoryQuery, HistoryRow, HistoryStore } from '../history-store.js';
import { CountViews } from './count-views.js';
import { compilePredicate } from './query-predicate.js';
import { HistoryIndex } from './history-index.js';
import { TimeOrderedList } from './time-ordered-list.js';

interface Stored {
  row: HistoryRow;
  seq: number;
  /** The row's time in ms, read on every index push and binary search. */
  time: number;
  /** The body as datanommer stores it (Python json.dumps), made on first use. */
  text?: string;
}

/** A message as a history row, as datanommer stores it (JSON is read by createMessage first). */
export function historyRowOf(message: Message | MessageInput): HistoryRow {
  return rowOf(asMessage(message));
}

function rowOf(message: Message): HistoryRow {
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

const bodyText = (s: Stored): string => (s.text ??= datanommerText(s.row.msg));
const timeOf = (s: Stored): number => s.time;

/**
 * Message history in memory. The common counts come from the lengths of
 * the index lists (HistoryIndex), counts with `contains` and `not_` filters
 * from the views an engine prepares (CountViews); other queries read only
 * the messages of their shortest index list, narrowed to their time window,
 * and a paged `find` stops at its page.
 */
export class MemoryHistoryStore implements HistoryStore {
  private readonly rows = new TimeOrderedList<Stored>(timeOf);
  private readonly byId = new Map<string, Stored>();
  private readonly index: HistoryIndex<Stored>;
  private readonly views: CountViews | null;
  private readonly lastCounts = new Map<string, { list: TimeOrderedList<Stored>; upTo: number; count: number }>();
  private static readonly LAST_COUNTS = 100_000;
  private readonly reading: CreateMessageOptions;

  /**
   * Starts with `messages`: Messages or fedora-messaging JSON, read as
   * add() reads them. `runningCounts: false` drops the (who, where) pair
   * lists and the views; counts then read the shortest single-key index
   * list, as a database with an index per column would. `schemas` read
   * identity from the JSON messages given (as the engine's do).
   */
  constructor(messages: Iterable<Message | MessageInput> = [], options: { runningCounts?: boolean; schemas?: MessageSchemaRegistry } = {}) {
    const counting = options.runningCounts !== false;
    this.index = new HistoryIndex(timeOf, counting);
    this.views = counting ? new CountViews() : null;
    this.reading = options.schemas === undefined ? {} : { schemas: options.schemas };
    for (const m of messages) this.add(m);
  }

  get size(): number {
    return this.rows.length;
  }

  /**
   * Store a message (a Message, or fedora-messaging JSON read by
   * createMessage: a MessageError names what is wrong with a bad one);
   * one already stored (same id) is skipped, as datanommer skips duplicates.
   */
  add(input: Message | MessageInput): void {
    const message = asMessage(input, this.reading);
    if (this.byId.has(message.id)) return;
    const row = rowOf(message);
    const stored: Stored = { row, seq: this.rows.length, time: row.timestamp.getTime() };
    this.rows.push(stored);
    this.byId.set(message.id, stored);
    this.index.add(stored, stored.row);
    this.views?.add(stored.row, () => bodyText(stored));
  }

  /** Count the announced shapes from now on; the messages already stored are counted in one pass. */
  prepare(shapes: readonly CountShape[]): void {
    if (this.views === null) return;
    // Bodies are rendered as JSON once for all new views, and not kept: the history may be large.
    const rows = this.rows.items;
    this.views.prepare(shapes, (function* () {
      for (const s of rows) {
        let text: string | undefined = s.text;
        yield { row: s.row, text: () => (text ??= datanommerText(s.row.msg)) };
      }
    })());
  }

  count(query: HistoryQuery): number {
    const counted = this.index.count(query, this.rows.length) ?? this.views?.count(query) ?? null;
    if (counted !== null) return counted;
    if (this.views !== null && query.start === undefined && query.end === undefined) {
      const source = this.candidates(query);
      if (source instanceof TimeOrderedList) return this.countSince(query, source);
    }
    let n = 0;
    this.scan(query, 'asc', () => { n++; return true; });
    return n;
  }

  /**
   * A count no counter answers, asked again (the same rule for the same
   * user, usually): the last answer plus the matches among the messages
   * its index list gained since. Index lists only grow, so this is exact.
   */
  private countSince(query: HistoryQuery, source: TimeOrderedList<Stored>): number {
    const key = JSON.stringify(query);
    const last = this.lastCounts.get(key);
    const known = last !== undefined && last.list === source ? last : { list: source, upTo: 0, count: 0 };
    const test = compilePredicate(query);
    const items = source.items;
    let n = known.count;
    for (let i = known.upTo; i < items.length; i++) if (test(items[i]!.row, () => bodyText(items[i]!))) n++;
    if (this.lastCounts.size >= MemoryHistoryStore.LAST_COUNTS) this.lastCounts.clear();
    this.lastCounts.set(key, { list: source, upTo: items.length, count: n });
    return n;
  }

  find(query: HistoryQuery): HistoryRow[] {
    const order = query.order === 'desc' ? 'desc' : 'asc';
    const size = query.rows_per_page ?? 0;
    const page = Math.max(1, query.page ?? 1);
    const wanted = size > 0 ? page * size : Number.POSITIVE_INFINITY;
    const found: Stored[] = [];
    const inOrder = this.scan(query, order, (s) => { found.push(s); return found.length < wanted; });
    if (!inOrder) {
      const sign = order === 'desc' ? -1 : 1;
      found.sort((a, b) => sign * (timeOf(a) - timeOf(b) || a.seq - b.seq));
    }
    const rows = found.map((s) => s.row);
    return size > 0 ? rows.slice((page - 1) * size, page * size) : rows;
  }

  /**
   * Visit the matching messages until `visit` says stop. Returns true when
   * they came in (timestamp, arrival) order, asc or desc as asked; then a
   * stop is safe. Otherwise every match was visited, in no particular order.
   */
  private scan(query: HistoryQuery, order: 'asc' | 'desc', visit: (s: Stored) => boolean): boolean {
    const test = compilePredicate(query);
    const matches = (s: Stored): boolean => test(s.row, () => bodyText(s));
    const from = query.start?.getTime() ?? Number.NEGATIVE_INFINITY;
    const to = query.end?.getTime() ?? Number.POSITIVE_INFINITY;
    const source = this.candidates(query);
    if (source instanceof TimeOrderedList) {
      if (source.ordered) {
        for (const s of source.between(from, to, order)) if (matches(s) && !visit(s)) break;
        return true;
      }
      for (const s of source.items) if (matches(s)) visit(s);
      return false;
    }
    for (const s of source) if (matches(s)) visit(s);
    return false;
  }

  /** The smallest set of stored messages the query can match, from the indexes. */
  private candidates(query: HistoryQuery): TimeOrderedList<Stored> | Iterable<Stored> {
    if (query.msg_id !== undefined) {
      const one = this.byId.get(query.msg_id);
      return one ? [one] : [];
    }
    const lists = this.index.candidates(query);
    if (lists === null) return this.rows;
    if (lists.length === 0) return [];
    if (lists.length === 1) return lists[0]!;
    return new Set(lists.flatMap((l) => l.items));
  }
}
