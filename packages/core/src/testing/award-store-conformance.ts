import assert from 'node:assert/strict';
import type { Award, AwardStore, BadgeDefinition } from '../stores/award-store.js';
import type { MaybePromise } from '../stores/maybe-promise.js';
import { type StoreUnderTest, type TestFramework, withStore } from './test-framework.js';

/** What an award store under test starts with. */
export interface AwardStoreSetup {
  /** Badges that exist (a store that needs badges before awarding them creates these). */
  readonly badges: readonly BadgeDefinition[];
  /** Users who opted out of badges. */
  readonly optedOut: readonly string[];
  /** Awards already made. */
  readonly awards: readonly { readonly badgeId: string; readonly user: string }[];
}

/** Opens an award store holding `setup`; called once per test. */
export type AwardStoreFactory = (setup: AwardStoreSetup) => MaybePromise<StoreUnderTest<AwardStore>>;

const badge = (name: string, id: string): BadgeDefinition => ({
  id, name, description: `${name} badge`, imageUrl: 'https://example.org/b.png', criteria: 'https://example.org/c', tags: ['test'],
});
const BADGES = [badge('First', 'first'), badge('Second', 'second')];
const award = (badgeId: string, user: string, messageId: string | null = 'm1'): Award => ({ badgeId, user, messageId, issuedAt: new Date('2024-01-01T00:00:00Z') });

/**
 * The award store's contract on any store: has, opt-out, award exactly once
 * (also when asked many times at once), ensureBadges when the store has it.
 * Each test opens a store with `open`, with the badges `first` and `second`.
 */
export function describeAwardStoreConformance(name: string, open: AwardStoreFactory, { describe, it }: TestFramework): void {
  const test = (title: string, setup: Partial<AwardStoreSetup>, fn: (store: AwardStore) => Promise<void>): unknown =>
    it(title, () => withStore(open({ badges: BADGES, optedOut: [], awards: [], ...setup }), fn));

  describe(`${name}: awards`, () => {
    test('awards once: the first time awarded, every repeat already-awarded', {}, async (s) => {
      assert.equal(await s.has('first', 'ann'), false);
      assert.equal(await s.award(award('first', 'ann')), 'awarded');
      assert.equal(await s.has('first', 'ann'), true);
      assert.equal(await s.has('second', 'ann'), false);
      assert.equal(await s.has('first', 'bob'), false);
      assert.equal(await s.award(award('first', 'ann', 'm2')), 'already-awarded');
      assert.equal(await s.award(award('second', 'ann')), 'awarded');
    });

    test('awards once when the same award is asked for many times at once', {}, async (s) => {
      const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => s.award(award(i % 2 === 0 ? 'first' : 'second', 'cy', `m${i}`))));
      assert.equal(outcomes.filter((o) => o === 'awarded').length, 2, `outcomes: ${outcomes.join(', ')}`);
      assert.equal(outcomes.filter((o) => o === 'already-awarded').length, 10, `outcomes: ${outcomes.join(', ')}`);
    });

    test('knows who opted out; someone unknown has not', { optedOut: ['shy'] }, async (s) => {
      assert.equal(await s.isOptedOut('shy'), true);
      assert.equal(await s.isOptedOut('ann'), false);
      assert.equal(await s.isOptedOut('nobody-at-all'), false);
    });

    test('starts from the awards that already exist', { awards: [{ badgeId: 'first', user: 'old' }] }, async (s) => {
      assert.equal(await s.has('first', 'old'), true);
      assert.equal(await s.award(award('first', 'old')), 'already-awarded');
    });

    test('makes sure badges exist, as often as asked', {}, async (s) => {
      await s.ensureBadges?.(BADGES);
      await s.ensureBadges?.([...BADGES, badge('Third (III)', 'third-iii')]);
      assert.equal(await s.award(award('third-iii', 'ann')), 'awarded');
    });
  });
}
