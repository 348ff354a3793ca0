import type { Award, AwardStore, BadgeDefinition } from '@accolade/core';
import { describe, expect, it } from 'vitest';

export interface OpenedAwards {
  store: AwardStore;
  close(): Promise<void>;
}
/** Open a store holding these badges, existing awards and opted-out users. */
export type OpenAwards = (setup: { badges: readonly BadgeDefinition[]; optedOut: string[]; awards: Array<{ badgeId: string; user: string }> }) => Promise<OpenedAwards>;

const badge = (name: string, id: string): BadgeDefinition => ({
  id, name, description: `${name} badge`, imageUrl: 'https://example.org/b.png', criteria: 'https://example.org/c', tags: ['test'],
});
const BADGES = [badge('First', 'first'), badge('Second', 'second')];
const award = (badgeId: string, user: string, messageId: string | null = 'm1'): Award => ({ badgeId, user, messageId, issuedAt: new Date('2024-01-01T00:00:00Z') });

/** The award store's contract on any store: has, opt-out, award exactly once (also when asked many times at once). */
export function describeAwardConformance(label: string, open: OpenAwards): void {
  describe(`${label}: awards`, () => {
    const withStore = async (setup: Partial<Parameters<OpenAwards>[0]>, fn: (s: AwardStore) => Promise<void>): Promise<void> => {
      const opened = await open({ badges: BADGES, optedOut: [], awards: [], ...setup });
      try {
        await fn(opened.store);
      } finally {
        await opened.close();
      }
    };

    it('awards once: the first time awarded, every repeat already-awarded', async () => {
      await withStore({}, async (s) => {
        expect(await s.has('first', 'ann')).toBe(false);
        expect(await s.award(award('first', 'ann'))).toBe('awarded');
        expect(await s.has('first', 'ann')).toBe(true);
        expect(await s.has('second', 'ann')).toBe(false);
        expect(await s.has('first', 'bob')).toBe(false);
        expect(await s.award(award('first', 'ann', 'm2'))).toBe('already-awarded');
        expect(await s.award(award('second', 'ann'))).toBe('awarded');
      });
    });

    it('awards once when the same award is asked for many times at once', async () => {
      await withStore({}, async (s) => {
        const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => s.award(award(i % 2 === 0 ? 'first' : 'second', 'cy', `m${i}`))));
        expect(outcomes.filter((o) => o === 'awarded')).toHaveLength(2);
        expect(outcomes.filter((o) => o === 'already-awarded')).toHaveLength(10);
      });
    });

    it('knows who opted out; someone unknown has not', async () => {
      await withStore({ optedOut: ['shy'] }, async (s) => {
        expect(await s.isOptedOut('shy')).toBe(true);
        expect(await s.isOptedOut('ann')).toBe(false);
        expect(await s.isOptedOut('nobody-at-all')).toBe(false);
      });
    });

    it('starts from the awards that already exist', async () => {
      await withStore({ awards: [{ badgeId: 'first', user: 'old' }] }, async (s) => {
        expect(await s.has('first', 'old')).toBe(true);
        expect(await s.award(award('first', 'old'))).toBe('already-awarded');
      });
    });

    it('makes sure badges exist, as often as asked', async () => {
      await withStore({}, async (s) => {
        await s.ensureBadges?.(BADGES);
        await s.ensureBadges?.([...BADGES, badge('Third (III)', 'third-iii')]);
        expect(await s.award(award('third-iii', 'ann'))).toBe('awarded');
      });
    });
  });
}
