/**
 * Items in arrival order that remembers whether their times never went
 * backwards. While they did not — the usual case, a bus delivers in order —
 * a time window is found by binary search and a page read from either end,
 * in time independent of the list's length.
 */
export class TimeOrderedList<T> {
  readonly items: T[] = [];
  private last = Number.NEGATIVE_INFINITY;
  ordered = true;

  constructor(private readonly timeOf: (item: T) => number) {}

  get length(): number {
    return this.items.length;
  }

  push(item: T): void {
    const t = this.timeOf(item);
    if (t < this.last) this.ordered = false;
    else this.last = t;
    this.items.push(item);
  }

  /** Items with from <= time <= to, ascending or descending; only while the list is ordered. */
  *between(from: number, to: number, order: 'asc' | 'desc'): Generator<T> {
    const lo = this.firstAtOrAfter(from);
    const hi = this.firstAtOrAfter(to, true);
    if (order === 'asc') for (let i = lo; i < hi; i++) yield this.items[i]!;
    else for (let i = hi - 1; i >= lo; i--) yield this.items[i]!;
  }

  /** How many items have from <= time <= to; only while the list is ordered. */
  countBetween(from: number, to: number): number {
    return Math.max(0, this.firstAtOrAfter(to, true) - this.firstAtOrAfter(from));
  }

  /** The first index whose time is >= t (> t when `after`). */
  private firstAtOrAfter(t: number, after = false): number {
    if (t === Number.NEGATIVE_INFINITY) return 0;
    if (t === Number.POSITIVE_INFINITY) return this.items.length;
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = this.timeOf(this.items[mid]!);
      if (m < t || (after && m === t)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
