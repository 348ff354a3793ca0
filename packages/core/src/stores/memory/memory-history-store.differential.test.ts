import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pythonJsonDumps } from '../../expressions/python/json.js';
import type { Message } from '../../message/message.js';
import { message } from '../../testing/helpers.js';
import { COUNT_FIXED_KEYS, type CountShape, type HistoryQuery, type HistoryRow } from '../history-store.js';
import { MemoryHistoryStore, historyRowOf } from './memory-history-store.js';
import { compilePredicate } from './query-predicate.js';

const USERS = ['ann', 'bob', 'cy', 'dee'];
const TOPICS = ['org.fedoraproject.prod.bodhi.update.comment', 'org.fedoraproject.prod.git.receive', 'org.fedoraproject.prod.wiki.article.edit'];
const PACKAGES = ['kernel', 'gimp'];
const T0 = 1_700_000_000;

const messageArb = fc.record({
  topic: fc.constantFrom(...TOPICS),
  agent: fc.option(fc.constantFrom(...USERS), { nil: null }),
  users: fc.uniqueArray(fc.constantFrom(...USERS), { maxLength: 3 }),
  packages: fc.uniqueArray(fc.constantFrom(...PACKAGES), { maxLength: 2 }),
  karma: fc.constantFrom(-1, 0, 1),
  // Mostly forward in time (often at the same second), now and then back (a late delivery); in tens of seconds, so windows often end exactly on a message.
  step: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: 3 }) }, { weight: 1, arbitrary: fc.integer({ min: -5, max: -1 }) }).map((s) => s * 10),
});

const some = <T>(values: readonly T[], max = 3): fc.Arbitrary<T[]> => fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: max });
const time = fc.integer({ min: -2, max: 120 }).map((k) => new Date((T0 + 10 * k) * 1000));
const QUERY_PARTS: { [K in keyof HistoryQuery]-?: fc.Arbitrary<HistoryQuery[K]> } = {
  users: some(USERS), agents: some(USERS), packages: some(PACKAGES, 1), topics: some(TOPICS), categories: some(['bodhi', 'git', 'wiki']),
  not_users: some(USERS, 1), not_agents: some(USERS, 1), not_topics: some(TOPICS, 1), not_categories: some(['git'], 1), not_packages: some(PACKAGES, 1),
  contains: some(['"karma": 1', '"karma": -1', 'karma_: 0']),
  msg_id: fc.integer({ min: 0, max: 60 }).map((i) => `m${i}`),
  start: time, end: time,
  rows_per_page: fc.integer({ min: 0, max: 4 }), page: fc.integer({ min: 1, max: 3 }), order: fc.constantFrom('asc' as const, 'desc' as const),
};
/** A few keys at a time, as rules write them, so that queries match something. */
const queryArb: fc.Arbitrary<HistoryQuery> = fc.uniqueArray(fc.constantFrom(...(Object.keys(QUERY_PARTS) as Array<keyof HistoryQuery>)), { maxLength: 4 })
  .chain((keys) => fc.record(Object.fromEntries(keys.map((k) => [k, QUERY_PARTS[k]])) as { [K in keyof HistoryQuery]: fc.Arbitrary<HistoryQuery[K]> }) as fc.Arbitrary<HistoryQuery>);

/** What any datanommer must answer: every stored row through the predicate, sorted by (time, arrival), paged. */
function oracle(rows: readonly HistoryRow[], q: HistoryQuery): { count: number; found: string[] } {
  const test = compilePredicate(q);
  const matching = rows.map((row, seq) => ({ row, seq })).filter(({ row }) => test(row, () => pythonJsonDumps(row.msg)));
  const sign = q.order === 'desc' ? -1 : 1;
  matching.sort((a, b) => sign * (a.row.timestamp.getTime() - b.row.timestamp.getTime() || a.seq - b.seq));
  const size = q.rows_per_page ?? 0;
  const page = Math.max(1, q.page ?? 1);
  const ids = matching.map((m) => m.row.msg_id);
  return { count: matching.length, found: size > 0 ? ids.slice((page - 1) * size, page * size) : ids };
}

/**
 * The shape an engine would announce for a query whose not_ and contains
 * values are constants; every other query also writes its topics and
 * categories as constants, which limits the view to them.
 */
function shapeOf(q: HistoryQuery, i: number): CountShape {
  const dimensions = (['users', 'packages', 'agents', 'topics', 'categories'] as const).filter((k) => (q[k]?.length ?? 0) > 0);
  const fixed: CountShape['fixed'] = {};
  for (const k of COUNT_FIXED_KEYS) if ((q[k]?.length ?? 0) > 0) fixed[k] = q[k];
  const only = i % 2 === 0 ? {} : { ...(q.topics ? { topics: q.topics } : {}), ...(q.categories ? { categories: q.categories } : {}) };
  // A rule writing `not_agents: [recipient]` next to `users: [recipient]` excludes the candidate itself.
  const who = dimensions.filter((d) => d === 'users' || d === 'packages' || d === 'agents');
  const notSelf = (['not_users', 'not_packages', 'not_agents'] as const).filter((k) =>
    i % 4 !== 3 && who.length === 1 && q[who[0]!]!.length === 1 && q[k]?.length === 1 && q[k]![0] === q[who[0]!]![0]);
  for (const k of notSelf) delete fixed[k];
  return { dimensions, fixed, only, notSelf };
}

/** Now and then a query excludes its own user, package or agent, as "others commented on your update" does. */
function withSelfExclusion(q: HistoryQuery, i: number): HistoryQuery {
  const who = (['users', 'packages', 'agents'] as const).filter((k) => (q[k]?.length ?? 0) > 0);
  if (i % 2 === 0 || who.length !== 1) return q;
  const value = q[who[0]!]!.slice(0, 1);
  const key = (['not_agents', 'not_users', 'not_packages'] as const)[i % 3]!;
  return { ...q, [who[0]!]: value, [key]: value };
}

describe('the in-memory history answers exactly what a scan of every message answers', () => {
  it('with its counters, views, incremental counts, time windows and early-stopping pages, as messages keep arriving', () => {
    fc.assert(fc.property(
      fc.array(messageArb, { maxLength: 50 }), fc.array(messageArb, { maxLength: 30 }), fc.array(queryArb, { minLength: 1, maxLength: 8 }),
      (before, after, generated) => {
        const queries = generated.map(withSelfExclusion);
        let t = T0;
        let n = 0;
        const build = (m: typeof before[number]): Message => {
          t += m.step;
          return message(m.topic, { comment: { karma: m.karma } }, { id: `m${n++}`, agent_name: m.agent, usernames: m.users, packages: m.packages, timestamp: t });
        };
        const stored = before.map(build);
        const stores = [new MemoryHistoryStore(stored), new MemoryHistoryStore(stored, { runningCounts: false })];
        // Every third query is not announced: it must be answered right all the same.
        stores[0]!.prepare(queries.map(shapeOf).filter((_, i) => i % 3 !== 2));
        // Announced again, and some in part: nothing may change.
        stores[0]!.prepare(queries.slice(0, 2).map(shapeOf));
        const check = (rows: HistoryRow[]): void => {
          for (const q of queries) {
            const expected = oracle(rows, q);
            for (const s of stores) {
              expect(s.count(q)).toBe(expected.count);
              expect(s.find(q).map((r) => r.msg_id)).toEqual(expected.found);
            }
          }
        };
        check(stored.map(historyRowOf));
        // Later messages: the views, the running counters and the remembered counts must follow.
        for (const m of after.map(build)) {
          stored.push(m);
          for (const s of stores) s.add(m);
        }
        check(stored.map(historyRowOf));
      },
    ), { numRuns: 400, seed: 11 });
  });
});
