import type { HistoryQuery, HistoryRow, HistoryStore, Message } from '@accolade/core';
import type { SqlClient } from '../client/sql-client.js';
import { CountCache, countKey } from './count-cache.js';
import { countSql, findSql } from './query-sql.js';
import { type SelectedRow, toHistoryRow } from './history-row.js';
import { KnownNames, recordMessage } from './record-message.js';

export interface PostgresHistoryStoreOptions {
  /**
   * What a query sees once this store has recorded messages:
   * - `'recorded'` (default): only rows up to the latest message this
   *   store recorded or found already stored, in arrival order (row id). A
   *   count is then "as of the message being evaluated", even when other
   *   processes (or datanommer) are already further along the same stream;
   *   this is what makes several engines give exactly one engine's awards.
   * - `'latest'`: every committed row, as a plain datanommer query does.
   * A store that has recorded nothing sees every row either way.
   */
  horizon?: 'recorded' | 'latest';
  /**
   * Keep counts and bring them up to date incrementally (see CountCache):
   * `true`, or the number of queries to keep (default 50,000). Only with the
   * 'recorded' horizon. It assumes what the horizon assumes, that rows are
   * committed in the order of their ids up to the horizon (true when every
   * writer records the stream in order, as Accolade's recorders do); with a
   * writer that commits rows out of id order, leave it off.
   */
  countCache?: boolean | number;
}

/**
 * A HistoryStore over datanommer's tables, on a server or on PGlite. Run
 * ensureDatanommerSchema() first (it changes nothing in an existing
 * datanommer database).
 */
export class PostgresHistoryStore implements HistoryStore {
  private horizon: number | null = null;
  private readonly useHorizon: boolean;
  private readonly knownNames = new KnownNames();
  private readonly cache: CountCache | null;

  constructor(private readonly client: SqlClient, options: PostgresHistoryStoreOptions = {}) {
    this.useHorizon = (options.horizon ?? 'recorded') === 'recorded';
    const cache = options.countCache ?? false;
    this.cache = cache === false || !this.useHorizon ? null : new CountCache(cache === true ? undefined : cache);
  }

  /** The highest row id this store has recorded or found (null before the first). */
  get lastRecordedId(): number | null {
    return this.horizon;
  }

  async count(query: HistoryQuery): Promise<number> {
    const horizon = this.bound();
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

  async add(message: Message): Promise<void> {
    const id = await recordMessage(this.client, message, this.knownNames);
    // Ids only grow along a stream (each recorder walks it in order), so the maximum is "as of now".
    this.horizon = this.horizon === null ? id : Math.max(this.horizon, id);
  }

  private bound(): number | null {
    return this.useHorizon ? this.horizon : null;
  }
}
