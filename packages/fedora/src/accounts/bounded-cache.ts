/**
 * A least-recently-used cache with a size bound and an age limit. Lookups
 * refresh an entry's place, not its age: an answer is trusted for `ttlMs`
 * after it was fetched, however often it is read.
 */
export class BoundedCache<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();

  constructor(readonly maxEntries: number, readonly ttlMs: number, private readonly now: () => number = Date.now) {
    if (!(maxEntries >= 1)) throw new RangeError('a cache holds at least one entry');
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): { value: V } | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    if (entry.expires <= this.now()) return undefined;
    this.entries.set(key, entry);
    return { value: entry.value };
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expires: this.now() + this.ttlMs });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }

  clear(): void {
    this.entries.clear();
  }
}
