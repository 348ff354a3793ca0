import type { Message } from '../message/message.js';
import type { HistoryQuery, HistoryRow, HistoryStore } from '../stores/history-store.js';
import { historyRowOf } from '../stores/memory/memory-history-store.js';
import { compilePredicate } from '../stores/memory/query-predicate.js';
import { datanommerText } from '../stores/memory/datanommer-text.js';

const isBefore = (a: HistoryRow, b: HistoryRow): boolean => a.timestamp.getTime() < b.timestamp.getTime();

/**
 * A history that answers as if one more message were recorded, without
 * writing it: `explain` counts the current message, as `process` does, but
 * leaves a shared history (datanommer's tables) as it found it.
 */
export class HistoryWithMessage implements HistoryStore {
  private readonly row: HistoryRow;
  private stored: Promise<boolean> | null = null;

  constructor(private readonly history: HistoryStore, message: Message) {
    this.row = historyRowOf(message);
  }

  async count(query: HistoryQuery): Promise<number> {
    return (await this.history.count(query)) + ((await this.adds(query)) ? 1 : 0);
  }

  async find(query: HistoryQuery): Promise<readonly HistoryRow[]> {
    if (!(await this.adds(query))) return this.history.find(query);
    const size = query.rows_per_page ?? 0;
    const page = Math.max(1, query.page ?? 1);
    // The message displaces at most one row: the rows up to the end of the page are enough.
    const upTo = size > 0 ? await this.history.find({ ...query, page: 1, rows_per_page: page * size }) : await this.history.find(query);
    const desc = query.order === 'desc';
    // Recorded now, it comes after every stored message of the same time.
    const at = upTo.findIndex((r) => (desc ? !isBefore(this.row, r) : isBefore(this.row, r)));
    const rows = [...upTo];
    rows.splice(at === -1 ? rows.length : at, 0, this.row);
    return size > 0 ? rows.slice((page - 1) * size, page * size) : rows;
  }

  /** Whether the message counts for this query: it matches, and the history does not hold it already. */
  private async adds(query: HistoryQuery): Promise<boolean> {
    if (!compilePredicate(query)(this.row, () => datanommerText(this.row.msg))) return false;
    this.stored ??= Promise.resolve(this.history.count({ msg_id: this.row.msg_id })).then((n) => n > 0);
    return !(await this.stored);
  }
}
