import type { HistoryRow } from '@accolade/core';
import { dateFromEpoch } from '../sql/values.js';

/** A row as findSql() selects it. */
export interface SelectedRow {
  msg_id: string | null;
  topic: string;
  category: string;
  ts: number;
  agent_name: string | null;
  msg: string;
  headers: Record<string, unknown> | null;
  users: string[] | null;
  packages: string[] | null;
}

/** The HistoryRow the engine expects (frozen, like the in-memory store's, so rule code cannot change it). */
export function toHistoryRow(row: SelectedRow): HistoryRow {
  return Object.freeze({
    msg_id: row.msg_id ?? '',
    topic: row.topic,
    category: row.category,
    timestamp: dateFromEpoch(row.ts),
    agent_name: row.agent_name,
    msg: JSON.parse(row.msg) as unknown,
    headers: row.headers ?? {},
    users: Object.freeze(row.users ?? []),
    packages: Object.freeze(row.packages ?? []),
  });
}
