import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff.js';

describe('retry backoff', () => {
  it('doubles from the first delay up to the cap, with jitter below each step, and starts over on reset', () => {
    const fixed = new Backoff({ initialMs: 100, maxMs: 1_000, jitter: 0 });
    expect([1, 2, 3, 4, 5, 6].map(() => fixed.next())).toEqual([100, 200, 400, 800, 1_000, 1_000]);
    fixed.reset();
    expect(fixed.next()).toBe(100);
    const low = new Backoff({ initialMs: 100, jitter: 0.5 }, () => 0);
    expect(low.next()).toBe(50);
    const high = new Backoff({ initialMs: 100, maxMs: 100, jitter: 0.5 }, () => 0.999);
    expect(high.next()).toBeLessThanOrEqual(100);
  });
});
