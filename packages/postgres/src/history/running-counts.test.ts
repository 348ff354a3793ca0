import { COUNT_DIMENSIONS, type CountDimension, type CountShape, type HistoryQuery, MemoryHistoryStore, type SelfExclusion } from '@accolade/core';
import { describe, expect, it } from 'vitest';
import type { SqlClient } from '../client/sql-client.js';
import { ensureDatanommerSchema } from '../schema/ensure-schema.js';
import { pgliteClient } from '../testing/pglite-harness.js';
import { Random } from '../testing/random.js';
import { CATEGORIES, PACKAGES, TOPICS, USERS, randomMessage, randomQuery } from '../testing/random-history.js';
import { CountViewIndex, viewsForShapes } from './count-view-spec.js';
import { PostgresHistoryStore } from './postgres-history-store.js';
import { countSql } from './query-sql.js';
import { RunningCounts } from './running-counts.js';

const CONTAINS = ['good', '"karma": 1', '_ok', 'x%y', 'nothing-here'];
const VALUES: Record<CountDimension, readonly string[]> = { users: USERS, packages: PACKAGES, agents: USERS, topics: TOPICS, categories: CATEGORIES };

/** A random count shape, as the engine announces them: dimensions, constant fixed keys, sometimes a restriction or a self-exclusion. */
function randomShape(r: Random): CountShape {
  const dimensions = r.some(COUNT_DIMENSIONS, 3);
  if (dimensions.length === 0) dimensions.push('users');
  const fixed: Record<string, string[]> = {};
  if (r.chance(0.5)) fixed['contains'] = r.some(CONTAINS, 2);
  if (r.chance(0.3)) fixed['not_users'] = r.some(USERS, 2);
  if (r.chance(0.2)) fixed['not_agents'] = r.some(USERS, 2);
  if (r.chance(0.2)) fixed['not_topics'] = r.some(TOPICS, 2);
  if (r.chance(0.2)) fixed['not_categories'] = r.some(CATEGORIES, 2);
  if (r.chance(0.2)) fixed['not_packages'] = r.some(PACKAGES, 2);
  const only: Partial<Record<CountDimension, string[]>> = {};
  for (const d of dimensions) if (r.chance(0.25)) only[d] = r.some(VALUES[d], 3);
  const who = dimensions.filter((d) => d === 'users' || d === 'packages' || d === 'agents');
  const notSelf: SelfExclusion[] = who.length === 1 && r.chance(0.4) ? r.some(['not_users', 'not_packages', 'not_agents'] as const, 2) : [];
  return { dimensions, fixed, only, notSelf };
}

/** A query of that shape: values for its dimensions (some outside its restriction), its fixed values reordered, its self-exclusions as the one who value. */
function queryOf(r: Random, shape: CountShape): HistoryQuery {
  const q: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(shape.fixed)) q[k] = [...v].reverse();
  for (const d of shape.dimensions) {
    const pool = shape.only?.[d] !== undefined && shape.only[d]!.length > 0 && r.chance(0.8) ? shape.only[d]! : VALUES[d];
    q[d] = (shape.notSelf?.length ?? 0) > 0 ? [r.pick(pool)] : Array.from({ length: 1 + r.int(2) }, () => r.pick(pool));
  }
  const who = shape.dimensions.find((d) => d === 'users' || d === 'packages' || d === 'agents');
  for (const k of shape.notSelf ?? []) q[k] = [(q[who!] as string[])[0]];
  return q as HistoryQuery;
}

async function plainCount(client: SqlClient, query: HistoryQuery, horizon: number): Promise<number> {
  const { text, values } = countSql(query, horizon);
  return (await client.query<{ n: number }>(text, values))[0]!.n;
}

describe('running counts', () => {
  it('give the plain SQL count and the in-memory count for every query, as the history grows and is folded', async () => {
    const client = await pgliteClient();
    await ensureDatanommerSchema(client);
    const r = new Random(4242);
    const shapes = Array.from({ length: 12 }, () => randomShape(r));
    const reference = new MemoryHistoryStore();
    // Some history before the views exist: prepare() builds them over it.
    const writer = new PostgresHistoryStore(client);
    for (let i = 0; i < 120; i++) {
      const m = randomMessage(r, i);
      await writer.add(m);
      reference.add(m);
    }
    const store = new PostgresHistoryStore(client, { runningCounts: { foldEvery: 9 } });
    await store.prepare(shapes);
    const running = new RunningCounts(client, { foldEvery: 9 });
    await running.prepare(shapes);
    let answered = 0;
    for (let i = 120; i < 300; i++) {
      const m = randomMessage(r, r.chance(0.03) ? r.int(i) : i);
      await store.add(m);
      reference.add(m);
      const horizon = store.lastRecordedId!;
      await running.advance(horizon);
      for (let k = 0; k < 4; k++) {
        const query = k < 3 ? queryOf(r, r.pick(shapes)) : randomQuery(r, false);
        const expected = await plainCount(client, query, horizon);
        expect({ i, query, count: await store.count(query) }).toEqual({ i, query, count: expected });
        expect({ i, query, count: reference.count(query) }).toEqual({ i, query, count: expected });
        const fromView = await running.count(query, horizon);
        if (fromView !== null) {
          answered++;
          expect({ i, query, fromView }).toEqual({ i, query, fromView: expected });
        }
      }
    }
    // The views answered most of the shaped queries (540), not the fallback.
    expect(answered).toBeGreaterThan(250);
  });

  it('count as of a horizon behind the views (a redelivered message), by subtracting the rows past it', async () => {
    const client = await pgliteClient();
    await ensureDatanommerSchema(client);
    const r = new Random(99);
    const store = new PostgresHistoryStore(client, { horizon: 'message', runningCounts: { foldEvery: 5 } });
    await store.prepare([]);
    const stream = Array.from({ length: 200 }, (_, i) => randomMessage(r, i));
    for (const m of stream) await store.add(m);
    const query: HistoryQuery = { users: ['ann'], topics: [TOPICS[0]!] };
    for (const i of [3, 50, 120, 199]) {
      await store.add(stream[i]!);
      expect(store.lastRecordedId).toBe(i + 1);
      expect(await store.count(query)).toBe(await plainCount(client, query, i + 1));
    }
  });

  it('after a restart, catch up from where the counters were, and share them with another process', async () => {
    const client = await pgliteClient();
    await ensureDatanommerSchema(client);
    const r = new Random(7);
    const shapes = [{ dimensions: ['agents', 'topics'], fixed: { contains: ['"karma": 1'] } }] as CountShape[];
    const first = new PostgresHistoryStore(client, { runningCounts: { foldEvery: 10 } });
    await first.prepare(shapes);
    for (let i = 0; i < 100; i++) await first.add(randomMessage(r, i));
    await first.count({ agents: ['ann'], topics: [TOPICS[0]!], contains: ['"karma": 1'] });
    const before = await client.query<{ key: string; through: number }>('SELECT key, through_id::int AS through FROM accolade_count_views ORDER BY id');
    expect(before.length).toBe(7);
    expect(before.every((v) => v.through >= 90)).toBe(true);
    // A second store (a restart, or another process on the same queue) keeps the views and folds only what is new.
    const second = new PostgresHistoryStore(client, { runningCounts: { foldEvery: 10 } });
    await second.prepare(shapes);
    const after = await client.query<{ key: string; through: number }>('SELECT key, through_id::int AS through FROM accolade_count_views ORDER BY id');
    expect(after.map((v) => v.key)).toEqual(before.map((v) => v.key));
    expect(after.every((v) => v.through === 100)).toBe(true);
    for (let i = 100; i < 160; i++) {
      const m = randomMessage(r, i);
      await (i % 2 === 0 ? first : second).add(m);
      for (const store of [first, second]) {
        for (const query of [{ agents: ['bob'], topics: TOPICS.slice(0, 3), contains: ['"karma": 1'] }, { users: ['cy'], categories: ['bodhi'] }]) {
          expect(await store.count(query)).toBe(await plainCount(client, query, store.lastRecordedId!));
        }
      }
    }
  });
});

describe('which counts a view answers', () => {
  const index = new CountViewIndex(viewsForShapes([
    { dimensions: ['users', 'topics'], fixed: {} },
    { dimensions: ['agents', 'topics'], fixed: { contains: ['"karma": 1'] }, only: { topics: ['t1'] } },
    { dimensions: ['users', 'topics'], fixed: {}, notSelf: ['not_agents'] },
  ]));

  it('those of its shape, with values in its restriction and one user at most', () => {
    expect(index.lookup({ users: ['a'], topics: ['t1', 't2'] })?.lists).toEqual([['t1', 't2'], ['a']]);
    expect(index.lookup({ users: ['a', 'b'], topics: ['t1'] })).toBeNull();
    expect(index.lookup({ agents: ['a'], topics: ['t1'], contains: ['"karma": 1'] })).not.toBeNull();
    expect(index.lookup({ agents: ['a'], topics: ['t2'], contains: ['"karma": 1'] })).toBeNull();
    expect(index.lookup({ agents: ['a'], topics: ['t1'], contains: ['"karma": -1'] })).toBeNull();
  });

  it('a not_ key naming the candidate as a self-exclusion, and no time window or msg_id', () => {
    expect(index.lookup({ users: ['a'], topics: ['t1'], not_agents: ['a'] })?.spec.notSelf).toEqual(['not_agents']);
    expect(index.lookup({ users: ['a'], topics: ['t1'], not_agents: ['b'] })).toBeNull();
    expect(index.lookup({ users: ['a'], topics: ['t1'], start: new Date(0) })).toBeNull();
    expect(index.lookup({ users: ['a'], topics: ['t1'], end: new Date(0) })).toBeNull();
    expect(index.lookup({ users: ['a'], topics: ['t1'], msg_id: 'x' })).toBeNull();
  });
});
