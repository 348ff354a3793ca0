import type { MaybePromise } from '../stores/maybe-promise.js';

/**
 * The two functions of a test framework the suites here use. vitest's,
 * jest's and node:test's `describe` and `it` all fit, so the caller passes
 * its own and the suites import none:
 * `describeHistoryStoreConformance('my store', open, { describe, it })`.
 */
export interface TestFramework {
  describe(name: string, fn: () => void): unknown;
  it(name: string, fn: () => Promise<void>): unknown;
}

/** A store a suite runs on, and how to let it go afterwards (close a pool, drop a schema...). */
export interface StoreUnderTest<S> {
  readonly store: S;
  close?(): MaybePromise<void>;
}

/** Run `fn` on a store just opened, closing it afterwards whatever happens. */
export async function withStore<S>(opened: MaybePromise<StoreUnderTest<S>>, fn: (store: S) => Promise<void>): Promise<void> {
  const under = await opened;
  try {
    await fn(under.store);
  } finally {
    await under.close?.();
  }
}
