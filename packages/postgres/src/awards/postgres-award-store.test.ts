import { createHash } from 'node:crypto';
import type { BadgeDefinition } from '@accolade/core';
import { describe, expect, it } from 'vitest';
import { ensureOutboxSchema, ensureTahrirSchema } from '../schema/ensure-schema.js';
import { countingClient } from '../testing/counting-client.js';
import { pgliteClient } from '../testing/pglite-harness.js';
import { PostgresAwardStore } from './postgres-award-store.js';

const BADGE: BadgeDefinition = {
  id: 'is-this-thing-on-i', name: 'Is this thing on? (I)', description: 'You spoke.', imageUrl: 'https://example.org/on.png',
  criteria: 'https://example.org/discuss', tags: ['irc', 'community'],
};

async function fresh() {
  const client = await pgliteClient();
  await ensureTahrirSchema(client);
  return client;
}

describe("awards written as tahrir's rows", () => {
  it('creates the issuer and the badge under the id tahrir derives, once', async () => {
    const client = await fresh();
    const store = new PostgresAwardStore(client);
    await store.ensureBadges([BADGE]);
    await store.ensureBadges([BADGE]);
    expect(await client.query('SELECT id, name, image, description, criteria, tags FROM badges')).toEqual([{
      id: 'is-this-thing-on-i', name: 'Is this thing on? (I)', image: 'https://example.org/on.png', description: 'You spoke.',
      criteria: 'https://example.org/discuss', tags: 'irc,community,',
    }]);
    expect(await client.query('SELECT origin, name FROM issuers')).toEqual([{ origin: 'https://badges.fedoraproject.org', name: 'Fedora Project' }]);
  });

  it("creates the person as <user>@fedoraproject.org and the assertion with tahrir's id, salt and recipient hash", async () => {
    const client = await fresh();
    const store = new PostgresAwardStore(client);
    await store.ensureBadges([BADGE]);
    expect(await store.award({ badgeId: BADGE.id, user: 'ralph', messageId: 'msg-1', issuedAt: new Date('2024-05-01T12:00:00Z') })).toBe('awarded');
    const [person] = await client.query<{ id: number; email: string; nickname: string; opt_out: boolean }>('SELECT id, email, nickname, opt_out FROM persons');
    expect(person).toMatchObject({ email: 'ralph@fedoraproject.org', nickname: 'ralph', opt_out: false });
    const [assertion] = await client.query<Record<string, string>>(
      `SELECT id, badge_id, salt, recipient, issued_for, to_char(issued_on, 'YYYY-MM-DD HH24:MI') AS issued_on FROM assertions`,
    );
    expect(assertion).toMatchObject({ id: `is-this-thing-on-i -> ${person!.id}`, badge_id: BADGE.id, issued_for: 'msg-1', issued_on: '2024-05-01 12:00' });
    expect(assertion!['recipient']).toBe(createHash('sha256').update(`ralph@fedoraproject.org${assertion!['salt']}`).digest('hex'));
  });

  it('uses the configured e-mail domain, and reads opt-out from the person row', async () => {
    const client = await fresh();
    const store = new PostgresAwardStore(client, { emailDomain: 'example.org' });
    await store.ensureBadges([BADGE]);
    await client.query(`INSERT INTO persons (email, nickname, created_on, opt_out) VALUES ('shy@example.org', 'shy', now(), true)`);
    expect(await store.isOptedOut('shy')).toBe(true);
    expect(await new PostgresAwardStore(client).isOptedOut('shy')).toBe(false);
    await store.award({ badgeId: BADGE.id, user: 'ann', messageId: null, issuedAt: new Date(0) });
    expect(await client.query("SELECT email FROM persons WHERE nickname = 'ann'")).toEqual([{ email: 'ann@example.org' }]);
    expect(await new PostgresAwardStore(client).has(BADGE.id, 'ann')).toBe(false);
  });

  it('answers isOptedOut from the row has() read only for that same user', async () => {
    const client = await fresh();
    const store = new PostgresAwardStore(client);
    await store.ensureBadges([BADGE]);
    await client.query(`INSERT INTO persons (email, nickname, created_on, opt_out) VALUES ('shy@fedoraproject.org', 'shy', now(), true)`);
    expect(await store.has(BADGE.id, 'shy')).toBe(false);
    expect(await store.isOptedOut('ann')).toBe(false);
    expect(await store.isOptedOut('shy')).toBe(true);
    expect(await store.has(BADGE.id, 'shy')).toBe(false);
    expect(await store.isOptedOut('shy')).toBe(true);
    expect(await store.has(BADGE.id, 'ann')).toBe(false);
    await client.query(`UPDATE persons SET opt_out = false WHERE email = 'shy@fedoraproject.org'`);
    expect(await store.isOptedOut('shy')).toBe(false);
  });

  it("sees an assertion tahrir made under another id, and never adds a second", async () => {
    const client = await fresh();
    const store = new PostgresAwardStore(client);
    await store.ensureBadges([BADGE]);
    await client.query(`INSERT INTO persons (email, nickname, created_on, opt_out) VALUES ('bob@fedoraproject.org', 'bob', now(), false)`);
    await client.query(`INSERT INTO assertions (id, badge_id, person_id, salt, issued_on, recipient)
      SELECT 'imported-1', $1, id, 's', now(), 'r' FROM persons WHERE email = 'bob@fedoraproject.org'`, [BADGE.id]);
    expect(await store.has(BADGE.id, 'bob')).toBe(true);
    expect(await store.award({ badgeId: BADGE.id, user: 'bob', messageId: 'm', issuedAt: new Date() })).toBe('already-awarded');
    expect(await client.query('SELECT count(*)::int AS n FROM assertions')).toEqual([{ n: 1 }]);
  });

  it('creates the person without a nickname when the nickname belongs to someone else', async () => {
    const client = await fresh();
    const store = new PostgresAwardStore(client);
    await store.ensureBadges([BADGE]);
    await client.query(`INSERT INTO persons (email, nickname, created_on, opt_out) VALUES ('dee@elsewhere.org', 'dee', now(), false)`);
    expect(await store.award({ badgeId: BADGE.id, user: 'dee', messageId: 'm', issuedAt: new Date() })).toBe('awarded');
    expect(await client.query("SELECT nickname FROM persons WHERE email = 'dee@fedoraproject.org'")).toEqual([{ nickname: null }]);
    expect(await store.has(BADGE.id, 'dee')).toBe(true);
  });

  it('answers checks asked together from one read, and writes awards asked together in one transaction, in order', async () => {
    const client = await fresh();
    const { client: counted, statements } = countingClient(client);
    const store = new PostgresAwardStore(counted, { outbox: true });
    await ensureOutboxSchema(client);
    const OTHER: BadgeDefinition = { ...BADGE, id: 'other-badge', name: 'Other' };
    await store.ensureBadges([BADGE, OTHER]);
    await client.query(`INSERT INTO persons (email, nickname, created_on, opt_out) VALUES ('shy@fedoraproject.org', 'shy', now(), true)`);
    const when = new Date('2024-05-01T12:00:00Z');
    expect(await store.award({ badgeId: OTHER.id, user: 'bob', messageId: 'm0', issuedAt: when })).toBe('awarded');
    statements.length = 0;
    expect(await Promise.all([store.has(BADGE.id, 'bob'), store.has(OTHER.id, 'bob'), store.has(BADGE.id, 'shy'), store.has(BADGE.id, "o'brien")]))
      .toEqual([false, true, false, false]);
    expect(await store.isOptedOut('shy')).toBe(true);
    expect(await store.isOptedOut('bob')).toBe(false);
    expect(statements).toHaveLength(1);
    statements.length = 0;
    // The same pair twice is awarded once, the first time; a pair already held is reported; names with quotes and backslashes are written as given.
    expect(await Promise.all([
      store.award({ badgeId: BADGE.id, user: "o'brien\\x", messageId: 'm1', issuedAt: when }),
      store.award({ badgeId: OTHER.id, user: 'bob', messageId: 'm1', issuedAt: when }),
      store.award({ badgeId: BADGE.id, user: 'bob', messageId: 'm1', issuedAt: when }),
      store.award({ badgeId: BADGE.id, user: "o'brien\\x", messageId: 'm1', issuedAt: when }),
      store.award({ badgeId: OTHER.id, user: "o'brien\\x", messageId: null, issuedAt: when }),
    ])).toEqual(['awarded', 'already-awarded', 'awarded', 'already-awarded', 'awarded']);
    expect(statements).toHaveLength(1);
    expect(await client.query("SELECT nickname FROM persons WHERE email = 'o''brien\\x@fedoraproject.org'")).toEqual([{ nickname: "o'brien\\x" }]);
    expect(await client.query('SELECT badge_id, username, msg_id FROM accolade_outbox ORDER BY id')).toEqual([
      { badge_id: OTHER.id, username: 'bob', msg_id: 'm0' },
      { badge_id: BADGE.id, username: "o'brien\\x", msg_id: 'm1' },
      { badge_id: BADGE.id, username: 'bob', msg_id: 'm1' },
      { badge_id: OTHER.id, username: "o'brien\\x", msg_id: null },
    ]);
    expect(await client.query('SELECT count(*)::int AS n FROM assertions')).toEqual([{ n: 4 }]);
  });

  it('reports a badge whose name another badge id already has', async () => {
    const client = await fresh();
    const store = new PostgresAwardStore(client);
    await store.ensureBadges([BADGE]);
    await expect(store.ensureBadges([{ ...BADGE, id: 'other-id' }])).rejects.toThrow(/other-id/);
  });
});
