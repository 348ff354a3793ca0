import { join } from 'node:path';
import { type HistoryQuery, type HistoryRow, type HistoryStore, type Message, historyQueryMatcher, historyRowOf } from '@accolade/core';
import { appendJsonLine, readJsonLines } from './json-lines-file.js';

/** A row as it is written to the file: the timestamp as ISO 8601 text. */
type StoredRow = Omit<HistoryRow, 'timestamp'> & { timestamp: string };

/**
 * The message history in an append-only file (`history.jsonl`, one
 * datanommer-shaped row per line), read whole at start-up and kept in memory.
 *
 * It answers every query by a scan, which is plenty for a bot's few
 * thousand messages; a store for millions would index (see
 * MemoryHistoryStore and PostgresHistoryStore in Accolade itself).
 */
export class JsonFileHistoryStore implements HistoryStore {
  /** In arrival order, which breaks timestamp ties. */
  private readonly rows: HistoryRow[] = [];
  private readonly ids = new Set<string>();

  private constructor(private readonly file: string) {}

  static open(folder: string): JsonFileHistoryStore {
    const store = new JsonFileHistoryStore(join(folder, 'history.jsonl'));
    for (const value of readJsonLines(store.file)) {
      const stored = value as StoredRow;
      store.keep({ ...stored, timestamp: new Date(stored.timestamp) });
    }
    return store;
  }

  get size(): number {
    return this.rows.length;
  }

  /**
   * Record a message before the engine evaluates it, so its counts include
   * it. A message already recorded (same id: a redelivery, a replay) is
   * skipped, as datanommer skips it, so counts never see it twice.
   */
  add(message: Message): void {
    if (this.ids.has(message.id)) return;
    const row = historyRowOf(message);
    appendJsonLine(this.file, { ...row, timestamp: row.timestamp.toISOString() } satisfies StoredRow);
    this.keep(row);
  }

  /** How many rows match; paging keys are ignored. */
  count(query: HistoryQuery): number {
    const matches = historyQueryMatcher(query);
    let n = 0;
    for (const row of this.rows) if (matches(row)) n++;
    return n;
  }

  /** The matching rows by timestamp (ties in arrival order), `desc` reversed, then paged. */
  find(query: HistoryQuery): HistoryRow[] {
    const found = this.rows
      .filter(historyQueryMatcher(query))
      // Array.prototype.sort is stable: equal timestamps keep arrival order.
      .sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
    if (query.order === 'desc') found.reverse();
    const size = query.rows_per_page ?? 0;
    if (size <= 0) return found;
    const page = Math.max(1, query.page ?? 1);
    return found.slice((page - 1) * size, page * size);
  }

  private keep(row: HistoryRow): void {
    if (this.ids.has(row.msg_id)) return;
    this.ids.add(row.msg_id);
    this.rows.push(row);
  }
}
