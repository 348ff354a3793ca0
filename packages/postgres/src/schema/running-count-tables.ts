import type { TableSpec } from './table-spec.js';

/** How many dimension columns a counter has: one per count dimension (users, packages, agents, topics, categories). */
export const COUNTER_KEYS = ['k1', 'k2', 'k3', 'k4', 'k5'] as const;

/**
 * Accolade's own tables beside datanommer's, for the history store's
 * running counts (`runningCounts`, see history/running-counts.ts); never
 * datanommer's own tables. A view is one count shape, named by a stable
 * key; `through_id` is the `messages.id` its counters are complete up to.
 * A counter is the number of messages up to that id for one combination of
 * the view's dimension values (`k1`.. in the order of the view's sorted
 * dimensions, '' past its last one), as fedbadges 2.x keeps
 * `current_values`.
 */
export const RUNNING_COUNT_TABLES: readonly TableSpec[] = [
  {
    name: 'accolade_count_views',
    create: [
      `CREATE TABLE accolade_count_views (
        id SERIAL PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        through_id BIGINT NOT NULL DEFAULT 0
      )`,
    ],
    columns: ['id', 'key', 'through_id'],
  },
  {
    name: 'accolade_counts',
    create: [
      `CREATE TABLE accolade_counts (
        view_id INTEGER NOT NULL,
        ${COUNTER_KEYS.map((k) => `${k} TEXT NOT NULL DEFAULT ''`).join(',\n        ')},
        n BIGINT NOT NULL,
        PRIMARY KEY (view_id, ${COUNTER_KEYS.join(', ')})
      )`,
    ],
    columns: ['view_id', ...COUNTER_KEYS, 'n'],
  },
];
