import type { HistoryQuery, HistoryStore, Message } from '@accolade/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, message } from './messages.js';

/** A history store that records messages, plus how to let it go. */
export interface OpenedHistory {
  store: HistoryStore & { add(message: Message): unknown };
  close(): Promise<void>;
}
export type OpenHistory = () => Promise<OpenedHistory>;

/** The five messages the fixed cases query (the same as the in-memory store's own tests). */
export function sampleMessages(): Message[] {
  return [
    message('bodhi.update.comment', { comment: { text: 'looks good' } }, { id: 'a', agent_name: 'ralph', usernames: ['ralph', 'lmacken'], packages: ['kernel'], timestamp: at('2024-01-01T00:00:00Z') }),
    message('bodhi.update.comment', { comment: { text: 'café_ok 100%' } }, { id: 'b', agent_name: 'lmacken', usernames: ['lmacken'], packages: ['gimp'], timestamp: at('2024-01-02T00:00:00Z') }),
    message('git.receive', { commit: { username: 'ralph' } }, { id: 'c', agent_name: null, usernames: ['ralph'], packages: ['kernel'], timestamp: at('2024-01-03T00:00:00Z') }),
    message('org.fedoraproject.stg.bodhi.update.comment', {}, { id: 'd', agent_name: 'bob', usernames: ['bob'], timestamp: at('2024-01-04T00:00:00Z') }),
    message('org.short', {}, { id: 'e', agent_name: 'bob', usernames: [], timestamp: at('2024-01-05T00:00:00Z') }),
  ];
}

/**
 * datanommer's query semantics, as the contract states them, checked on
 * any history store: the in-memory one, PGlite and a PostgreSQL server run
 * these same cases, so their answers provably agree.
 */
export function describeHistoryConformance(label: string, open: OpenHistory): void {
  describe(`${label}: datanommer query semantics`, () => {
    let opened: OpenedHistory;
    let s: OpenedHistory['store'];
    const ids = async (q: HistoryQuery): Promise<string[]> => (await s.find(q)).map((r) => r.msg_id);
    const count = async (q: HistoryQuery): Promise<number> => s.count(q);

    beforeAll(async () => {
      opened = await open();
      s = opened.store;
      for (const m of sampleMessages()) await s.add(m);
    });
    afterAll(async () => { await opened.close(); });

    it('ORs the values of a key and ANDs the keys', async () => {
      expect(await ids({ users: ['ralph', 'bob'] })).toEqual(['a', 'c', 'd']);
      expect(await ids({ users: ['lmacken'], packages: ['kernel'] })).toEqual(['a']);
      expect(await count({ users: ['ralph'], packages: ['gimp'] })).toBe(0);
      expect(await count({ users: ['ralph', 'lmacken'] })).toBe(3);
    });

    it('excludes with not_ keys', async () => {
      expect(await ids({ users: ['lmacken'], not_users: ['ralph'] })).toEqual(['b']);
      expect(await ids({ not_packages: ['kernel'] })).toEqual(['b', 'd', 'e']);
      expect(await ids({ not_topics: ['org.fedoraproject.prod.git.receive'] })).toEqual(['a', 'b', 'd', 'e']);
      expect(await ids({ not_categories: ['bodhi'] })).toEqual(['c', 'e']);
    });

    it('follows SQL NULL logic for agents: a message without an agent never passes not_agents', async () => {
      expect(await ids({ agents: ['ralph', 'bob'] })).toEqual(['a', 'd', 'e']);
      expect(await ids({ not_agents: ['ralph'] })).toEqual(['b', 'd', 'e']);
    });

    it('compares whole topics, not suffixes', async () => {
      expect(await ids({ topics: ['org.fedoraproject.prod.bodhi.update.comment'] })).toEqual(['a', 'b']);
      expect(await count({ topics: ['bodhi.update.comment'] })).toBe(0);
    });

    it("uses datanommer's category column", async () => {
      expect(await ids({ categories: ['bodhi'] })).toEqual(['a', 'b', 'd']);
      expect(await ids({ categories: ['Unclassified'] })).toEqual(['e']);
    });

    it('matches contains against the body as Python json.dumps writes it, with LIKE wildcards', async () => {
      expect(await ids({ contains: ['"text": "looks good"'] })).toEqual(['a']);
      expect(await ids({ contains: ['caf\\\\u00e9'] })).toEqual(['b']);
      expect(await count({ contains: ['café'] })).toBe(0);
      expect(await ids({ contains: ['looks_good'] })).toEqual(['a']);
      expect(await ids({ contains: ['zzz', 'username'] })).toEqual(['c']);
      expect(await ids({ contains: ['100\\%'] })).toEqual(['b']);
      expect(await ids({ contains: ['Looks'] })).toEqual([]);
    });

    it('filters by time, inclusively, and by message id', async () => {
      expect(await ids({ start: new Date('2024-01-02T00:00:00Z'), end: new Date('2024-01-03T00:00:00Z') })).toEqual(['b', 'c']);
      expect(await ids({ start: new Date('2024-01-04T00:00:00Z') })).toEqual(['d', 'e']);
      expect(await ids({ end: new Date('2024-01-01T00:00:00Z') })).toEqual(['a']);
      expect(await ids({ msg_id: 'c' })).toEqual(['c']);
    });

    it('ignores empty lists, as datanommer does', async () => {
      expect(await count({ users: [], topics: [] })).toBe(5);
    });

    it('orders and pages find(), while count() ignores paging', async () => {
      expect(await ids({ order: 'desc', rows_per_page: 2 })).toEqual(['e', 'd']);
      expect(await ids({ order: 'desc', rows_per_page: 2, page: 3 })).toEqual(['a']);
      expect(await ids({ rows_per_page: 2, page: 2 })).toEqual(['c', 'd']);
      expect(await count({ rows_per_page: 2 })).toBe(5);
    });

    it('gives rows shaped like datanommer rows, names in the order the message gave them', async () => {
      const [row] = await s.find({ msg_id: 'a' });
      expect(row).toEqual({
        msg_id: 'a', topic: 'org.fedoraproject.prod.bodhi.update.comment', category: 'bodhi',
        timestamp: new Date('2024-01-01T00:00:00Z'), agent_name: 'ralph', msg: { comment: { text: 'looks good' } },
        headers: {}, users: ['ralph', 'lmacken'], packages: ['kernel'],
      });
      const [c] = await s.find({ msg_id: 'c' });
      expect(c?.agent_name).toBeNull();
    });

    it('skips a message it already holds', async () => {
      await s.add(message('git.receive', {}, { id: 'a' }));
      expect(await count({})).toBe(5);
      expect(await ids({ msg_id: 'a' })).toEqual(['a']);
    });
  });
}
