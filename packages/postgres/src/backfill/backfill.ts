import type { AwardResult, Engine, MessageSchemaRegistry } from '@accolade/core';
import type { SqlClient } from '../client/sql-client.js';
import type { PostgresHistoryStore } from '../history/postgres-history-store.js';
import { type StoredWindow, storedMessages } from './stored-messages.js';

export interface BackfillOptions extends StoredWindow {
  client: SqlClient;
  /** Made with `recordMessages: false`: the messages are already stored. */
  engine: Engine;
  /** The engine's history store, on the same database. */
  history: PostgresHistoryStore;
  schemas?: MessageSchemaRegistry;
  pageSize?: number;
  /**
   * After each message, its awards already committed: where a checkpoint
   * may be taken (resuming after `rowId` loses nothing and, awards being
   * given once, repeats nothing).
   */
  onMessage?: (done: { rowId: number; processed: number; awards: readonly AwardResult[] }) => void | Promise<void>;
}

export interface BackfillResult {
  processed: number;
  awards: number;
  /** The last row evaluated, or the window's `afterId` when there was none. */
  lastRowId: number | null;
}

/**
 * Run the rules over messages already in the history (datanommer's
 * tables), oldest first, each counted as of its own row: what the rules
 * would have awarded had they run when the messages arrived. Awards go to
 * the engine's award store, once each, so a badge someone already holds
 * is not given again.
 */
export async function backfill(options: BackfillOptions): Promise<BackfillResult> {
  const { client, engine, history, onMessage } = options;
  let processed = 0;
  let awards = 0;
  let lastRowId = options.afterId ?? null;
  const read = storedMessages(client, options, {
    ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
    ...(options.schemas === undefined ? {} : { schemas: options.schemas }),
  });
  for await (const { rowId, message } of read) {
    history.positionAt(rowId);
    const made = await engine.process(message);
    processed++;
    awards += made.length;
    lastRowId = rowId;
    await onMessage?.({ rowId, processed, awards: made });
  }
  return { processed, awards, lastRowId };
}
