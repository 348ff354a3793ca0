import type { Message } from '../message/message.js';
import type { MaybePromise } from './maybe-promise.js';

/**
 * A datanommer-style query. Within one key the values are ORed, keys are
 * ANDed, `not_` keys exclude. Empty lists are ignored, as datanommer does.
 */
export interface HistoryQuery {
  start?: Date;
  end?: Date;
  msg_id?: string;
  users?: readonly string[];
  not_users?: readonly string[];
  packages?: readonly string[];
  not_packages?: readonly string[];
  categories?: readonly string[];
  not_categories?: readonly string[];
  topics?: readonly string[];
  not_topics?: readonly string[];
  agents?: readonly string[];
  not_agents?: readonly string[];
  /** SQL `LIKE '%value%'` over the body as Python's json.dumps writes it. */
  contains?: readonly string[];
  /** Page size for `find`; absent or 0 means every row. */
  rows_per_page?: number;
  /** 1-based page for `find`. */
  page?: number;
  order?: 'asc' | 'desc';
}

export const HISTORY_LIST_KEYS = [
  'users', 'not_users', 'packages', 'not_packages', 'categories', 'not_categories',
  'topics', 'not_topics', 'agents', 'not_agents', 'contains',
] as const;
export type HistoryListKey = (typeof HISTORY_LIST_KEYS)[number];

/** Every key a `previous.filter` may use. */
export const HISTORY_QUERY_KEYS = ['start', 'end', 'msg_id', ...HISTORY_LIST_KEYS, 'rows_per_page', 'page', 'order'] as const;

/** A stored message, shaped like a datanommer row. */
export interface HistoryRow {
  readonly msg_id: string;
  readonly topic: string;
  /** datanommer's category column. */
  readonly category: string;
  readonly timestamp: Date;
  readonly agent_name: string | null;
  /** The message body. */
  readonly msg: unknown;
  readonly headers: Readonly<Record<string, unknown>>;
  readonly users: readonly string[];
  readonly packages: readonly string[];
}

/** Keys whose values change from query to query of one rule (the user, the topic...). */
export const COUNT_DIMENSIONS = ['users', 'packages', 'agents', 'topics', 'categories'] as const;
export type CountDimension = (typeof COUNT_DIMENSIONS)[number];
/** Keys whose values rules usually write as constants. */
export const COUNT_FIXED_KEYS = ['contains', 'not_users', 'not_packages', 'not_agents', 'not_topics', 'not_categories'] as const;
export type CountFixedKey = (typeof COUNT_FIXED_KEYS)[number];

/**
 * The shape of the counts a rule will ask for: which dimension keys it
 * sets, and the values of its fixed keys, the same in every query.
 */
export interface CountShape {
  readonly dimensions: readonly CountDimension[];
  readonly fixed: Partial<Record<CountFixedKey, readonly string[]>>;
  /** The only values a dimension is ever asked with, when the rule writes them as constants (`topics: ["'...git.receive'"]`). */
  readonly only?: Partial<Record<CountDimension, readonly string[]>>;
  /**
   * `not_` keys whose one value is the candidate itself, the value of the
   * shape's one user, package or agent key: "messages on the user's updates
   * that others sent" is `users: [recipient]`, `not_agents: [recipient]`.
   */
  readonly notSelf?: readonly SelfExclusion[];
}

export type SelfExclusion = 'not_users' | 'not_packages' | 'not_agents';

/** Where `previous` counts come from. */
export interface HistoryStore {
  /** How many stored messages match (paging keys are ignored). */
  count(query: HistoryQuery): MaybePromise<number>;
  /** The matching messages, ordered by timestamp and paged. */
  find(query: HistoryQuery): MaybePromise<readonly HistoryRow[]>;
  /** Record a message (stores fed by another process, like datanommer, may omit this). */
  add?(message: Message): MaybePromise<void>;
  /** Told once, before the first message, the shapes of the counts the engine will ask; a store may prepare for them. */
  prepare?(shapes: readonly CountShape[]): MaybePromise<void>;
}
