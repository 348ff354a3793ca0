import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { message } from '../../testing/helpers.js';
import type { HistoryQuery, HistoryRow } from '../history-store.js';
import { compilePredicate } from './query-predicate.js';
import { MemoryHistoryStore } from './memory-history-store.js';
import { historyRowOf } from './memory-history-store.js';

const USERS = ['ann', 'bob', 'cy', 'dee'];
const TOPICS = ['bodhi.update.comment', 'git.receive', 'wiki.article.edit', 'org.short'];
const PACKAGES = ['kernel', 'gimp'];

const messageArb = fc.record({
  topic: fc.constantFrom(...TOPICS),
  agent: fc.option(fc.constantFrom(...USERS), { nil: null }),
  users: fc.uniqueArray(fc.constantFrom(...USERS), { maxLength: 3 }),
  packages: fc.uniqueArray(fc.constantFrom(...PACKAGES), { maxLength: 2 }),
});

const some = <T>(values: readonly T[]): fc.Arbitrary<T[] | undefined> => fc.option(fc.uniqueArray(fc.constantFrom(...values), { maxLength: 3 }), { nil: undefined });
const queryArb: fc.Arbitrary<HistoryQuery> = fc.record({
  users: some(USERS),
  agents: some(USERS),
  packages: some(PACKAGES),
  topics: some(TOPICS.map((t) => (t.startsWith('org.') ? t : `org.fedoraproject.prod.${t}`))),
  categories: some(['bodhi', 'git', 'wiki', 'Unclassified']),
  not_users: fc.option(fc.constant(['ann']), { nil: undefined }),
}, { requiredKeys: [] });

describe('the index lists answer counts exactly as a scan does', () => {
  it('on random histories and random queries', () => {
    fc.assert(fc.property(fc.array(messageArb, { maxLength: 60 }), fc.array(queryArb, { minLength: 1, maxLength: 10 }), (messages, queries) => {
      const built = messages.map((m) => message(m.topic, {}, { agent_name: m.agent, usernames: m.users, packages: m.packages }));
      const store = new MemoryHistoryStore(built);
      const rows = built.map(historyRowOf);
      for (const q of queries) {
        const test = compilePredicate(q);
        expect(store.count(q)).toBe(rows.filter((r) => test(r, () => '')).length);
      }
    }), { numRuns: 300, seed: 7 });
  });
});

describe('the index lists answer the common count shapes without scanning', () => {
  it('users x topics, agents x categories, one key, nothing at all; and decline the rest', async () => {
    const { HistoryIndex } = await import('./history-index.js');
    const index = new HistoryIndex<HistoryRow>((r) => r.timestamp.getTime(), true);
    for (const m of [message('git.receive', {}, { agent_name: 'ann', usernames: ['ann', 'bob'] }), message('git.receive', {}, { agent_name: 'bob', usernames: ['ann'] })]) {
      const row = historyRowOf(m);
      index.add(row, row);
    }
    const topic = 'org.fedoraproject.prod.git.receive';
    expect(index.count({ users: ['ann'], topics: [topic] }, 2)).toBe(2);
    expect(index.count({ agents: ['ann', 'bob'], categories: ['git'] }, 2)).toBe(2);
    expect(index.count({ users: ['bob'] }, 2)).toBe(1);
    expect(index.count({}, 2)).toBe(2);
    expect(index.count({ users: ['ann', 'bob'] }, 2)).toBeNull();
    expect(index.count({ users: ['ann'], contains: ['x'] }, 2)).toBeNull();
    expect(index.count({ users: ['ann'], packages: ['kernel'] }, 2)).toBeNull();
    // Without (who, where) pairs the lists only serve scans.
    expect(new HistoryIndex<HistoryRow>((r) => r.timestamp.getTime(), false).count({ users: ['ann'] }, 2)).toBeNull();
  });
});
