import type { CountShape, HistoryQuery } from '@accolade/core';
import type { SqlClient } from '../client/sql-client.js';
import { RUNNING_COUNT_TABLES } from '../schema/running-count-tables.js';
import { ensureTables } from '../schema/ensure-tables.js';
import { BASIC_SHAPES, CountViewIndex, type CountViewSpec, viewKey, viewsForShapes } from './count-view-spec.js';
import { RECORD_LOCK } from './record-message.js';
import { foldSql, readSql } from './running-count-sql.js';

export interface RunningCountsOptions {
  /** Fold the rows since the views' through_id into their counters once this many have arrived (default 1,000). */
  foldEvery?: number;
  /** Also keep the one-who, one-where views (users × topics and the like), which the engine does not announce (default true). */
  basic?: boolean;
}

interface StoredView {
  id: number;
  spec: CountViewSpec;
  /** The through_id last read or written. */
  through: number;
}

/**
 * Counts kept running in the database (Accolade's own tables,
 * schema/running-count-tables.ts), as fedbadges 2.x keeps current_values:
 * per view, a counter for each combination of its dimension values (the
 * user and the topic, say) complete up to the view's `through_id`. A count
 * a view can answer is then its counters for the values asked plus the
 * query's plain count over the rows between `through_id` and the horizon —
 * the argument CountCache makes: every filter is a test on one message and
 * its own link rows, and rows at or below a horizon never change (append-
 * only tables, rows committed in the order of their ids). So a count costs
 * point look-ups and the recent rows, not the user's whole history. The
 * recent rows are folded into the counters every `foldEvery` rows, so the
 * part counted afresh stays small; a restart only folds what arrived since.
 * Several processes may share the views: folds take the views' rows FOR
 * UPDATE, and a count reads counters and through_id in one snapshot.
 */
export class RunningCounts {
  private views = new Map<string, StoredView>();
  private index = new CountViewIndex([]);
  private readonly foldEvery: number;
  private readonly basic: boolean;
  private lowest = 0;

  constructor(private readonly client: SqlClient, options: RunningCountsOptions = {}) {
    this.foldEvery = options.foldEvery ?? 1000;
    if (!Number.isSafeInteger(this.foldEvery) || this.foldEvery < 1) throw new RangeError(`foldEvery must be a positive integer, got ${options.foldEvery}`);
    this.basic = options.basic ?? true;
  }

  /** How many views the store keeps (after prepare). */
  get size(): number {
    return this.views.size;
  }

  /**
   * Register the views for these shapes (and the basic ones), then bring
   * every view up to the newest row: from zero for a new view, from its
   * through_id for one a previous run left.
   */
  async prepare(shapes: readonly CountShape[]): Promise<void> {
    await ensureTables(this.client, RUNNING_COUNT_TABLES);
    const specs = viewsForShapes([...(this.basic ? BASIC_SHAPES : []), ...shapes]);
    for (const spec of specs) {
      const key = viewKey(spec);
      if (this.views.has(key)) continue;
      let rows = await this.client.query<{ id: number; through: number }>(
        `WITH ins AS (INSERT INTO accolade_count_views (key) VALUES ($1) ON CONFLICT (key) DO NOTHING RETURNING id, through_id)
         SELECT id, through_id::float8 AS through FROM ins UNION ALL SELECT id, through_id::float8 FROM accolade_count_views WHERE key = $1`,
        [key],
      );
      // Another process inserted the view at the same time: the statement waited for its commit, but its
      // snapshot predates that row. A new statement sees it.
      if (rows[0] === undefined) rows = await this.client.query('SELECT id, through_id::float8 AS through FROM accolade_count_views WHERE key = $1', [key]);
      if (rows[0] === undefined) throw new Error(`the running count view ${key} was neither stored nor found`);
      this.views.set(key, { id: Number(rows[0].id), spec, through: Number(rows[0].through) });
    }
    this.index = new CountViewIndex([...this.views.values()].map((v) => v.spec));
    // Once the record lock is held, every row up to the newest id is committed (recorders hold it until their commit).
    const newest = await this.client.query<{ id: number }>(`SELECT pg_advisory_xact_lock(${RECORD_LOCK}, 0); SELECT coalesce(max(id), 0)::float8 AS id FROM messages`);
    await this.fold(Number(newest[0]!.id));
  }

  /** The count from the view that answers it exactly, or null (then the caller counts in plain SQL). */
  async count(query: HistoryQuery, horizon: number): Promise<number | null> {
    const lookup = this.index.lookup(query);
    if (lookup === null) return null;
    const view = this.views.get(viewKey(lookup.spec))!;
    for (;;) {
      const { text, values } = readSql(view.id, lookup.lists, query, view.through, horizon);
      const row = (await this.client.query<{ through: number; stored: number; delta: number }>(text, values))[0];
      if (row === undefined) return null;
      const through = Number(row.through);
      if (through !== view.through) {
        // Another process folded meanwhile: ask again from where its counters are.
        view.through = through;
        continue;
      }
      return Number(row.stored) + (through <= horizon ? 1 : -1) * Number(row.delta);
    }
  }

  /**
   * Told the newest row whose predecessors are all committed (the store's
   * horizon after recording): fold once the views lag `foldEvery` rows.
   */
  async advance(committed: number): Promise<void> {
    if (this.views.size > 0 && committed - this.lowest >= this.foldEvery) await this.fold(committed);
  }

  /** Add the rows up to `through` to every view's counters, in one transaction. */
  async fold(through: number): Promise<void> {
    const ids = [...this.views.values()].map((v) => v.id).sort((a, b) => a - b);
    if (ids.length === 0) return;
    const byId = new Map([...this.views.values()].map((v) => [v.id, v]));
    await this.client.transaction(async (tx) => {
      // The planner takes a message and its link rows (joined on id and timestamp) for about one row and
      // would loop over users (packages) for each: hash joins are right for a build over the whole history
      // and cost a few milliseconds for a fold of a thousand rows.
      await tx.query('SET LOCAL enable_nestloop = off');
      // FOR UPDATE waits for another folder and then reads its through_id: no row is folded twice.
      const locked = await tx.query<{ id: number; through: number }>(
        'SELECT id, through_id::float8 AS through FROM accolade_count_views WHERE id = ANY($1::int[]) ORDER BY id FOR UPDATE', [ids],
      );
      for (const row of locked) {
        const view = byId.get(Number(row.id))!;
        const from = Number(row.through);
        view.through = from;
        if (from >= through) continue;
        const { text, values } = foldSql(view.id, view.spec, from, through);
        await tx.query(text, values);
        await tx.query('UPDATE accolade_count_views SET through_id = $2 WHERE id = $1', [view.id, through]);
      }
    });
    for (const view of this.views.values()) view.through = Math.max(view.through, through);
    this.lowest = Math.min(...[...this.views.values()].map((v) => v.through));
  }
}
