import type { HistoryQuery } from '@accolade/core';

interface Entry {
  horizon: number;
  count: number;
}

/** The filters of a query as a stable text (paging does not change a count). */
export function countKey(query: HistoryQuery): string {
  const parts: Array<[string, unknown]> = [];
  for (const key of Object.keys(query).sort()) {
    if (key === 'rows_per_page' || key === 'page' || key === 'order') continue;
    const value = (query as Record<string, unknown>)[key];
    if (value === undefined) continue;
    parts.push([key, value instanceof Date ? value.toISOString() : Array.isArray(value) ? [...new Set(value as string[])].sort() : value]);
  }
  return JSON.stringify(parts);
}

/**
 * Incremental counts: the answer to a query at horizon h0 plus the count
 * of the rows with h0 < id <= h1 is the answer at h1, because every filter
 * is a test on one message and its own link rows, and rows at or below a
 * horizon never change (datanommer's tables are append-only, and a row's
 * links are written in the same transaction as the row). So a frequent
 * question — "how many of this user's messages on this topic" — costs the
 * rows that arrived since it was last asked, not the user's whole history.
 * Least recently used entries are dropped past `limit`.
 */
export class CountCache {
  private readonly entries = new Map<string, Entry>();
  constructor(private readonly limit = 50_000) {}

  get(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as string);
  }

  get size(): number {
    return this.entries.size;
  }
}
