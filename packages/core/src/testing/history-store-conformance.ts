import assert from 'node:assert/strict';
import { createMessage } from '../message/create-message.js';
import type { Message } from '../message/message.js';
import type { HistoryQuery, HistoryStore } from '../stores/history-store.js';
import type { MaybePromise } from '../stores/maybe-promise.js';
import { type StoreUnderTest, type TestFramework, withStore } from './test-framework.js';

/** A history store that records messages itself (a store fed only by datanommer cannot be filled by a test). */
export type RecordingHistoryStore = HistoryStore & Required<Pick<HistoryStore, 'add'>>;

/** Opens an empty history store; called once per test, so every test starts from nothing. */
export type HistoryStoreFactory = () => MaybePromise<StoreUnderTest<RecordingHistoryStore>>;

const PROD = 'org.fedoraproject.prod.';
const at = (iso: string): number => Date.parse(iso) / 1000;

/** The five messages every case queries. */
export function conformanceHistory(): Message[] {
  return [
    createMessage({ id: 'a', topic: `${PROD}bodhi.update.comment`, body: { comment: { text: 'looks good' } }, agent_name: 'ralph', usernames: ['ralph', 'lmacken'], packages: ['kernel'], timestamp: at('2024-01-01T00:00:00Z') }),
    createMessage({ id: 'b', topic: `${PROD}bodhi.update.comment`, body: { comment: { text: 'café_ok 100%' } }, agent_name: 'lmacken', usernames: ['lmacken'], packages: ['gimp'], timestamp: at('2024-01-02T00:00:00Z') }),
    createMessage({ id: 'c', topic: `${PROD}git.receive`, body: { commit: { username: 'ralph' } }, agent_name: null, usernames: ['ralph'], packages: ['kernel'], timestamp: at('2024-01-03T00:00:00Z') }),
    createMessage({ id: 'd', topic: 'org.fedoraproject.stg.bodhi.update.comment', body: {}, agent_name: 'bob', usernames: ['bob'], timestamp: at('2024-01-04T00:00:00Z') }),
    createMessage({ id: 'e', topic: 'org.short', body: {}, agent_name: 'bob', usernames: [], timestamp: at('2024-01-05T00:00:00Z') }),
  ];
}

/**
 * datanommer's query semantics, as the engine relies on them, checked on
 * any history store: the in-memory store, PGlite and a PostgreSQL server
 * run these same cases, so a store that passes answers `previous` counts as
 * they do. Each test opens a store with `open`, records the five messages of
 * conformanceHistory(), queries, and closes it. Assertions are node:assert's.
 */
export function describeHistoryStoreConformance(name: string, open: HistoryStoreFactory, { describe, it }: TestFramework): void {
  /** A test on a store holding the five messages; `ids` and `count` query it. */
  const test = (title: string, fn: (q: { store: RecordingHistoryStore; ids(query: HistoryQuery): Promise<string[]>; count(query: HistoryQuery): Promise<number> }) => Promise<void>): unknown =>
    it(title, () => withStore(open(), async (store) => {
      for (const m of conformanceHistory()) await store.add(m);
      await fn({ store, ids: async (query) => (await store.find(query)).map((r) => r.msg_id), count: async (query) => store.count(query) });
    }));

  describe(`${name}: datanommer query semantics`, () => {
    test('ORs the values of a key and ANDs the keys', async ({ ids, count }) => {
      assert.deepEqual(await ids({ users: ['ralph', 'bob'] }), ['a', 'c', 'd']);
      assert.deepEqual(await ids({ users: ['lmacken'], packages: ['kernel'] }), ['a']);
      assert.equal(await count({ users: ['ralph'], packages: ['gimp'] }), 0);
      assert.equal(await count({ users: ['ralph', 'lmacken'] }), 3);
    });

    test('excludes with not_ keys', async ({ ids }) => {
      assert.deepEqual(await ids({ users: ['lmacken'], not_users: ['ralph'] }), ['b']);
      assert.deepEqual(await ids({ not_packages: ['kernel'] }), ['b', 'd', 'e']);
      assert.deepEqual(await ids({ not_topics: ['org.fedoraproject.prod.git.receive'] }), ['a', 'b', 'd', 'e']);
      assert.deepEqual(await ids({ not_categories: ['bodhi'] }), ['c', 'e']);
    });

    test('follows SQL NULL logic for agents: a message without an agent never passes not_agents', async ({ ids }) => {
      assert.deepEqual(await ids({ agents: ['ralph', 'bob'] }), ['a', 'd', 'e']);
      assert.deepEqual(await ids({ not_agents: ['ralph'] }), ['b', 'd', 'e']);
    });

    test('compares whole topics, not suffixes', async ({ ids, count }) => {
      assert.deepEqual(await ids({ topics: ['org.fedoraproject.prod.bodhi.update.comment'] }), ['a', 'b']);
      assert.equal(await count({ topics: ['bodhi.update.comment'] }), 0);
    });

    test("uses datanommer's category column", async ({ ids }) => {
      assert.deepEqual(await ids({ categories: ['bodhi'] }), ['a', 'b', 'd']);
      assert.deepEqual(await ids({ categories: ['Unclassified'] }), ['e']);
    });

    test('matches contains against the body as Python json.dumps writes it, with LIKE wildcards', async ({ ids, count }) => {
      assert.deepEqual(await ids({ contains: ['"text": "looks good"'] }), ['a']);
      assert.deepEqual(await ids({ contains: ['caf\\\\u00e9'] }), ['b']);
      assert.equal(await count({ contains: ['café'] }), 0);
      assert.deepEqual(await ids({ contains: ['looks_good'] }), ['a']);
      assert.deepEqual(await ids({ contains: ['zzz', 'username'] }), ['c']);
      assert.deepEqual(await ids({ contains: ['100\\%'] }), ['b']);
      assert.deepEqual(await ids({ contains: ['Looks'] }), []);
    });

    test('filters by time, inclusively, and by message id', async ({ ids }) => {
      assert.deepEqual(await ids({ start: new Date('2024-01-02T00:00:00Z'), end: new Date('2024-01-03T00:00:00Z') }), ['b', 'c']);
      assert.deepEqual(await ids({ start: new Date('2024-01-04T00:00:00Z') }), ['d', 'e']);
      assert.deepEqual(await ids({ end: new Date('2024-01-01T00:00:00Z') }), ['a']);
      assert.deepEqual(await ids({ msg_id: 'c' }), ['c']);
    });

    test('ignores empty lists, as datanommer does', async ({ count }) => {
      assert.equal(await count({ users: [], topics: [] }), 5);
    });

    test('orders and pages find(), while count() ignores paging', async ({ ids, count }) => {
      assert.deepEqual(await ids({ order: 'desc', rows_per_page: 2 }), ['e', 'd']);
      assert.deepEqual(await ids({ order: 'desc', rows_per_page: 2, page: 3 }), ['a']);
      assert.deepEqual(await ids({ rows_per_page: 2, page: 2 }), ['c', 'd']);
      assert.equal(await count({ rows_per_page: 2 }), 5);
    });

    test('gives rows shaped like datanommer rows, names in the order the message gave them', async ({ store }) => {
      const [row] = await store.find({ msg_id: 'a' });
      assert.deepEqual({ ...row }, {
        msg_id: 'a', topic: 'org.fedoraproject.prod.bodhi.update.comment', category: 'bodhi',
        timestamp: new Date('2024-01-01T00:00:00Z'), agent_name: 'ralph', msg: { comment: { text: 'looks good' } },
        headers: {}, users: ['ralph', 'lmacken'], packages: ['kernel'],
      });
      const [c] = await store.find({ msg_id: 'c' });
      assert.equal(c?.agent_name, null);
    });

    test('skips a message it already holds', async ({ store, ids, count }) => {
      await store.add(createMessage({ id: 'a', topic: `${PROD}git.receive`, body: {}, timestamp: at('2024-02-01T00:00:00Z') }));
      assert.equal(await count({}), 5);
      assert.deepEqual(await ids({ msg_id: 'a' }), ['a']);
      assert.deepEqual(await ids({ topics: [`${PROD}git.receive`] }), ['c']);
    });
  });
}
