import { type CountShape, type HistoryQuery, type HistoryRow, type HistoryStore, type Message, type MessageInput, asMessage } from '@accolade/core';
import type { SqlClient } from '../client/sql-client.js';
import { CountCache, countKey } from './count-cache.js';
import { countSql, findSql } from './query-sql.js';
import { type SelectedRow, toHistoryRow } from './history-row.js';
import { KnownNames, recordMessage } from './record-message.js';
import { RunningCounts, type RunningCountsOptions } from './running-counts.js';

export interface PostgresHistoryStoreOptions {
  /**
   * What a query sees once this store has recorded messages:
   * - `'recorded'` (default): only rows up to the latest message this
   *   store recorded or found already stored, in arrival order (row id). A
   *   count is then "as of the message being evaluated", even when other
   *   processes (or datanommer) are already further along the same stream;
   *   a duplicate met again later is counted as of now, as fedbadges does.
   * - `'message'`: only rows up to the row of the message just recorded or
   *   found, even when it is older than others this store has seen. A
   *   redelivered message is then counted exactly as the first time, which
   *   is what makes several consumers on one queue, and a consumer that
   *   crashed and got its messages back, give exactly one engine's awards.
   * - `'latest'`: every committed row, as a plain datanommer query does.
   * A store that has recorded nothing sees every row either way.
   */
  horizon?: 'recorded' | 'message' | 'latest';
  /**
   * Keep counts and bring them up to date incrementally (see CountCache):
   * `true`, or the number of queries to keep (default 50,000). Only with the
   * 'recorded' horizon. It assumes what the horizon assumes, that rows are
   * committed in the order of their ids up to the horizon (true when every
   * writer records the stream in order, as Accolade's recorders do); with a
   * writer that commits rows out of id order, leave it off.
   */
  countCache?: boolean | number;
  /**
   * Keep counts running in the database, in Accolade's own tables beside
   * datanommer's (see RunningCounts): `true`, or options. The views are
   * those the engine announces (`prepare`) and the one-who, one-where
   * counts; prepare() builds them, from where a previous run left them.
   * Not with the 'latest' horizon; it assumes what the count cache
   * assumes (rows committed in the order of their ids up to the horizon).
   */
  runningCounts?: boolean | RunningCountsOptions;
  /**
   * Who writes the messages:
   * - `'insert'` (default): add() stores the message unless its msg_id is
   *   already there (so a datanommer may write the same stream);
   * - `'external'`: another process (datanommer) stores them; add() waits
   *   for the message's row to appear, as fedbadges waits for datanommer,
   *   and fails with a HistoryWaitError after `externalWaitMs`.
   */
  recording?: 'insert' | 'external';
  /** How long add() waits for an external writer (default 30 s). */
  externalWaitMs?: number;
  /** How often it looks meanwhile (default 100 ms). */
  externalPollMs?: number;
}

/** The message did not appear in the history in time (`--history external`). */
export class HistoryWaitError extends Error {
  readonly code = 'not-in-history';
  constructor(readonly messageId: string, readonly waitedMs: number) {
    super(`message ${messageId} did not appear in the history store within ${waitedMs} ms (is datanommer running?)`);
    this.name = 'HistoryWaitError';
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A HistoryStore over datanommer's tables, on a server or on PGlite. Run
 * ensureDatanommerSchema() first (it changes nothing in an existing
 * datanommer database).
 */
export class PostgresHistoryStore implements HistoryStore {
  private horizon: number | null = null;
  private readonly useHorizon: boolean;
  private readonly ownRowHorizon: boolean;
  private readonly knownNames = new KnownNames();
  private readonly cache: CountCache | null;
  private readonly external: { waitMs: number; pollMs: number } | null;
  private readonly running: RunningCounts | null;

  constructor(private readonly client: SqlClient, options: PostgresHistoryStoreOptions = {}) {
    const horizon = options.horizon ?? 'recorded';
    this.useHorizon = horizon !== 'latest';
    this.ownRowHorizon = horizon === 'message';
    this.external = options.recording === 'external' ? { waitMs: options.externalWaitMs ?? 30_000, pollMs: options.externalPollMs ?? 100 } : null;
    const cache = options.countCache ?? false;
    this.cache = cache === false || !this.useHorizon ? null : new CountCache(cache === true ? undefined : cache);
    const running = options.runningCounts ?? false;
    if (running !== false && !this.useHorizon) throw new RangeError("runningCounts needs a horizon ('recorded' or 'message'), not 'latest'");
    this.running = running === false ? null : new RunningCounts(client, running === true ? {} : running);
  }

  /** Build (or bring up to date) the running counts for the engine's count shapes, when they are on. */
  async prepare(shapes: readonly CountShape[]): Promise<void> {
    await this.running?.prepare(shapes);
  }

  /** The row id counts are bounded by (null before the first message). */
  get lastRecordedId(): number | null {
    return this.horizon;
  }

  async count(query: HistoryQuery): Promise<number> {
    const horizon = this.bound();
    if (this.running !== null && horizon !== null) {
      await this.running.advance(horizon);
      const counted = await this.running.count(query, horizon);
      if (counted !== null) return counted;
    }
    if (this.cache === null || horizon === null) return this.countBetween(query, horizon, null);
    const key = countKey(query);
    const known = this.cache.get(key);
    const count = known !== undefined && known.horizon <= horizon
      ? known.count + (known.horizon === horizon ? 0 : await this.countBetween(query, horizon, known.horizon))
      : await this.countBetween(query, horizon, null);
    this.cache.set(key, { horizon, count });
    return count;
  }

  private async countBetween(query: HistoryQuery, horizon: number | null, after: number | null): Promise<number> {
    const { text, values } = countSql(query, horizon, after);
    const rows = await this.client.query<{ n: number }>(text, values);
    return Number(rows[0]?.n ?? 0);
  }

  async find(query: HistoryQuery): Promise<HistoryRow[]> {
    const { text, values } = findSql(query, this.bound());
    return (await this.client.query<SelectedRow>(text, values)).map(toHistoryRow);
  }

  /**
   * Record the message (or, with `recording: 'external'`, wait for it) and
   * move the horizon to its row (see the `horizon` option). Takes a Message
   * or fedora-messaging JSON, read by createMessage (a MessageError names
   * what is wrong with a bad one).
   */
  async add(input: Message | MessageInput): Promise<void> {
    const message = asMessage(input);
    const id = this.external === null ? await recordMessage(this.client, message, this.knownNames) : await this.awaitRow(message.id, this.external);
    // Ids grow along a stream (recorders take turns on one lock), so the maximum is "as of now".
    this.horizon = this.ownRowHorizon || this.horizon === null ? id : Math.max(this.horizon, id);
  }

  /**
   * Count as of a row already stored: for a backfill, which evaluates
   * messages datanommer holds instead of recording them (the engine's
   * `recordMessages: false`). Rows are visited in id order, so the count
   * cache, when on, stays incremental.
   */
  positionAt(rowId: number): void {
    if (!Number.isSafeInteger(rowId) || rowId < 0) throw new RangeError(`a row id must be a non-negative integer, got ${rowId}`);
    this.horizon = rowId;
  }

  private async awaitRow(msgId: string, wait: { waitMs: number; pollMs: number }): Promise<number> {
    const deadline = Date.now() + wait.waitMs;
    for (;;) {
      const rows = await this.client.query<{ id: number }>('SELECT id FROM messages WHERE msg_id = $1 ORDER BY id LIMIT 1', [msgId]);
      if (rows[0] !== undefined) return Number(rows[0].id);
      if (Date.now() >= deadline) throw new HistoryWaitError(msgId, wait.waitMs);
      await sleep(Math.min(wait.pollMs, Math.max(0, deadline - Date.now())));
    }
  }

  private bound(): number | null {
    return this.useHorizon ? this.horizon : null;
  }
}
