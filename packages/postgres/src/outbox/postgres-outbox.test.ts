import type { BadgeDefinition } from '@accolade/core';
import { describe, expect, it } from 'vitest';
import { PostgresAwardStore } from '../awards/postgres-award-store.js';
import { ensureOutboxSchema, ensureTahrirSchema } from '../schema/ensure-schema.js';
import { pgliteClient } from '../testing/pglite-harness.js';
import { PostgresOutbox } from './postgres-outbox.js';

const BADGE: BadgeDefinition = {
  id: 'speak-up', name: 'Speak Up!', description: 'You spoke.', imageUrl: 'https://example.org/on.png',
  criteria: 'https://example.org/discuss', tags: ['irc', 'community'],
};
const issuedAt = new Date('2024-05-01T12:00:00Z');

async function fresh(outbox = true) {
  const client = await pgliteClient();
  await ensureTahrirSchema(client);
  await ensureOutboxSchema(client);
  const awards = new PostgresAwardStore(client, { outbox });
  await awards.ensureBadges([BADGE]);
  return { client, awards, outbox: new PostgresOutbox(client) };
}

describe('the announcement outbox', () => {
  it('queues each new award once, with the badge, in the award transaction; a repeat queues nothing', async () => {
    const { awards, outbox } = await fresh();
    expect(await awards.award({ badgeId: BADGE.id, user: 'ralph', messageId: 'm1', issuedAt })).toBe('awarded');
    expect(await awards.award({ badgeId: BADGE.id, user: 'ralph', messageId: 'm2', issuedAt })).toBe('already-awarded');
    const claimed = await outbox.claim({ messageId: 'm1' });
    expect(claimed).toHaveLength(1);
    expect(claimed[0]).toMatchObject({
      badgeId: BADGE.id, user: 'ralph', messageId: 'm1', issuedAt,
      badge: { name: 'Speak Up!', description: 'You spoke.', imageUrl: 'https://example.org/on.png', criteria: 'https://example.org/discuss', tags: ['irc', 'community'] },
    });
    expect(claimed[0]!.announcementId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await outbox.claim({ messageId: 'm2' })).toEqual([]);
  });

  it('a claim is a lease: others skip it until it expires, and nothing published is handed out again', async () => {
    const { awards, outbox } = await fresh();
    await awards.award({ badgeId: BADGE.id, user: 'ann', messageId: 'm1', issuedAt });
    await awards.award({ badgeId: BADGE.id, user: 'bob', messageId: 'm2', issuedAt });
    const first = await outbox.claim({ leaseMs: 60_000 });
    expect(first.map((p) => p.user)).toEqual(['ann', 'bob']);
    expect(await outbox.claim()).toEqual([]);
    expect(await outbox.pendingCount()).toBe(2);
    await outbox.markPublished([first[0]!.id]);
    expect(await outbox.pendingCount()).toBe(1);

    // A claimer that died: its lease runs out and the row is claimed again, with the same announcement id.
    await awards.award({ badgeId: BADGE.id, user: 'cy', messageId: 'm3', issuedAt });
    const short = await outbox.claim({ messageId: 'm3', leaseMs: 1 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const again = await outbox.claim({ messageId: 'm3' });
    expect(again.map((p) => p.announcementId)).toEqual(short.map((p) => p.announcementId));
    await outbox.markPublished(again.map((p) => p.id));
    expect((await outbox.claim({ leaseMs: 1 })).map((p) => p.user)).toEqual([]);
  });

  it('without the option the award store writes no outbox rows', async () => {
    const { awards, outbox } = await fresh(false);
    await awards.award({ badgeId: BADGE.id, user: 'ralph', messageId: 'm1', issuedAt });
    expect(await outbox.pendingCount()).toBe(0);
  });
});
