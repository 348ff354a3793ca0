const EMPTY: readonly never[] = Object.freeze([]);
const EXACT_UP_TO = 8;

/**
 * Items in arrival order that remembers whether their times never went
 * backwards. While they did not — the usual case, a bus delivers in order —
 * a time window is found by binary search and a page read from either end,
 * in time independent of the list's length.
 */
export class TimeOrderedList<T> {
  /** Replaced, not grown, while short: see push. */
  private held: readonly T[] = EMPTY;
  private last = Number.NEGATIVE_INFINITY;
  ordered = true;

  constructor(private readonly timeOf: (item: T) => number) {}

  get items(): readonly T[] {
    return this.held;
  }

  get length(): number {
    return this.held.length;
  }

  push(item: T): void {
    const t = this.timeOf(item);
    if (t < this.last) this.ordered = false;
    else this.last = t;
    // Most lists (one user on one topic) hold one or two messages, and an array grown by push (or a literal, or a spread)
    // reserves room for 17: until a list is long, copy it into a new Array(n + 1), which reserves exactly that.
    const n = this.held.length;
    if (n >= EXACT_UP_TO) { (this.held as T[]).push(item); return; }
    const next = new Array<T>(n + 1);
    for (let i = 0; i < n; i++) next[i] = this.held[i]!;
    next[n] = item;
    this.held = next;
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
