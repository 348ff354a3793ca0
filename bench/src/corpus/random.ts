/** A seeded generator (mulberry32): the same corpus for the same seed, on every machine. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws for one generated item; every item has its own stream, so item i never depends on the others. */
export class Draw {
  constructor(readonly next: () => number) {}

  static forItem(seed: number, i: number): Draw {
    return new Draw(seeded(Math.imul(seed, 0x9e3779b1) ^ Math.imul(i + 1, 0x85ebca6b)));
  }

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** An index in [0, n) with a long tail: a few values very often, most values rarely. */
  skewed(n: number, power = 3): number {
    return Math.floor(n * this.next() ** power);
  }
}

/** Picks items by weight in O(log n). */
export class Weighted<T> {
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(private readonly items: readonly T[], weight: (item: T) => number) {
    let sum = 0;
    for (const item of items) this.cumulative.push((sum += weight(item)));
    this.total = sum;
  }

  pick(draw: Draw): T {
    const target = draw.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}
