import { describe, expect, it } from 'vitest';
import { message } from '../../testing/helpers.js';
import type { HistoryQuery } from '../history-store.js';
import { pythonJsonDumps } from '../../expressions/python/json.js';
import { MemoryHistoryStore, historyRowOf } from './memory-history-store.js';

const at = (iso: string): number => Date.parse(iso) / 1000;

function store(): MemoryHistoryStore {
  return new MemoryHistoryStore([
    message('bodhi.update.comment', { comment: { text: 'looks good' } }, { id: 'a', agent_name: 'ralph', usernames: ['ralph', 'lmacken'], packages: ['kernel'], timestamp: at('2024-01-01T00:00:00Z') }),
    message('bodhi.update.comment', { comment: { text: 'café_ok 100%' } }, { id: 'b', agent_name: 'lmacken', usernames: ['lmacken'], packages: ['gimp'], timestamp: at('2024-01-02T00:00:00Z') }),
    message('git.receive', { commit: { username: 'ralph' } }, { id: 'c', agent_name: null, usernames: ['ralph'], packages: ['kernel'], timestamp: at('2024-01-03T00:00:00Z') }),
    message('org.fedoraproject.stg.bodhi.update.comment', {}, { id: 'd', agent_name: 'bob', usernames: ['bob'], timestamp: at('2024-01-04T00:00:00Z') }),
    message('org.short', {}, { id: 'e', agent_name: 'bob', usernames: [], timestamp: at('2024-01-05T00:00:00Z') }),
  ]);
}

const ids = (s: MemoryHistoryStore, q: HistoryQuery): string[] => s.find(q).map((r) => r.msg_id);

describe('the in-memory history answers datanommer queries', () => {
  const s = store();

  it('ORs the values of a key and ANDs the keys', () => {
    expect(ids(s, { users: ['ralph', 'bob'] })).toEqual(['a', 'c', 'd']);
    expect(ids(s, { users: ['lmacken'], packages: ['kernel'] })).toEqual(['a']);
    expect(s.count({ users: ['ralph'], packages: ['gimp'] })).toBe(0);
  });

  it('excludes with not_ keys', () => {
    expect(ids(s, { users: ['lmacken'], not_users: ['ralph'] })).toEqual(['b']);
    expect(ids(s, { not_packages: ['kernel'] })).toEqual(['b', 'd', 'e']);
    expect(ids(s, { not_topics: ['org.fedoraproject.prod.git.receive'] })).toEqual(['a', 'b', 'd', 'e']);
  });

  it('follows SQL NULL logic for agents: a message without an agent never passes not_agents', () => {
    expect(ids(s, { agents: ['ralph', 'bob'] })).toEqual(['a', 'd', 'e']);
    expect(ids(s, { not_agents: ['ralph'] })).toEqual(['b', 'd', 'e']);
  });

  it('compares whole topics, not suffixes', () => {
    expect(ids(s, { topics: ['org.fedoraproject.prod.bodhi.update.comment'] })).toEqual(['a', 'b']);
    expect(s.count({ topics: ['bodhi.update.comment'] })).toBe(0);
  });

  it("uses datanommer's category column", () => {
    expect(ids(s, { categories: ['bodhi'] })).toEqual(['a', 'b', 'd']);
    expect(ids(s, { categories: ['Unclassified'] })).toEqual(['e']);
  });

  it('matches contains against the body as Python json.dumps writes it, with LIKE wildcards', () => {
    expect(ids(s, { contains: ['"text": "looks good"'] })).toEqual(['a']);
    expect(ids(s, { contains: ['caf\\\\u00e9'] })).toEqual(['b']);
    expect(s.count({ contains: ['café'] })).toBe(0);
    expect(ids(s, { contains: ['looks_good'] })).toEqual(['a']);
    expect(ids(s, { contains: ['zzz', 'username'] })).toEqual(['c']);
  });

  it('filters by time, inclusively, and by message id', () => {
    expect(ids(s, { start: new Date('2024-01-02T00:00:00Z'), end: new Date('2024-01-03T00:00:00Z') })).toEqual(['b', 'c']);
    expect(ids(s, { msg_id: 'c' })).toEqual(['c']);
  });

  it('ignores empty lists, as datanommer does', () => {
    expect(s.count({ users: [], topics: [] })).toBe(5);
  });

  it('orders and pages find(), while count() ignores paging', () => {
    expect(ids(s, { order: 'desc', rows_per_page: 2 })).toEqual(['e', 'd']);
    expect(ids(s, { order: 'desc', rows_per_page: 2, page: 3 })).toEqual(['a']);
    expect(s.count({ rows_per_page: 2 })).toBe(5);
  });

  it('skips a message it already holds', () => {
    const t = store();
    t.add(message('git.receive', {}, { id: 'a' }));
    expect(t.size).toBe(5);
  });
});

describe('the views an engine prepares', () => {
  const comment = 'org.fedoraproject.prod.bodhi.update.comment';
  const git = 'org.fedoraproject.prod.git.receive';
  const row = (topic: string, user: string, karma: number) => historyRowOf(message(topic, { karma }, { agent_name: user, usernames: [user] }));

  it('count the messages of a shape per user and topic, kept up to date', async () => {
    const { CountViews } = await import('./count-views.js');
    const views = new CountViews();
    const existing = [row(comment, 'ann', 1), row(comment, 'ann', 0), row(git, 'ann', 1)];
    views.prepare([{ dimensions: ['users', 'topics'], fixed: { contains: ['"karma": 1'] } }], existing.map((r) => ({ row: r, text: () => pythonJsonDumps(r.msg) })));
    expect(views.count({ users: ['ann'], topics: [comment], contains: ['"karma": 1'] })).toBe(1);
    expect(views.count({ users: ['ann'], topics: [comment, git], contains: ['"karma": 1'] })).toBe(2);
    const later = row(comment, 'ann', 1);
    views.add(later, () => pythonJsonDumps(later.msg));
    expect(views.count({ users: ['ann'], topics: [comment], contains: ['"karma": 1'] })).toBe(2);
    // Another fixed part, or a time window, is not this view's to answer.
    expect(views.count({ users: ['ann'], topics: [comment], contains: ['"karma": 0'] })).toBeNull();
    expect(views.count({ users: ['ann'], topics: [comment], contains: ['"karma": 1'], start: new Date(0) })).toBeNull();
  });

  it('limited to the constants a rule writes, decline other values, and widen when another rule needs them', async () => {
    const { CountViews } = await import('./count-views.js');
    const views = new CountViews();
    const existing = [row(comment, 'ann', 1), row(git, 'ann', 1)].map((r) => ({ row: r, text: () => pythonJsonDumps(r.msg) }));
    const shape = { dimensions: ['users', 'topics'] as const, fixed: { contains: ['"karma": 1'] } };
    views.prepare([{ ...shape, only: { topics: [comment] } }], existing);
    expect(views.count({ users: ['ann'], topics: [comment], contains: ['"karma": 1'] })).toBe(1);
    expect(views.count({ users: ['ann'], topics: [git], contains: ['"karma": 1'] })).toBeNull();
    views.prepare([{ ...shape, only: { topics: [git] } }], existing);
    expect(views.count({ users: ['ann'], topics: [git], contains: ['"karma": 1'] })).toBe(1);
    expect(views.count({ users: ['ann'], topics: [comment], contains: ['"karma": 1'] })).toBe(1);
  });
});

describe('a view that excludes the candidate itself', () => {
  it('counts what others did to the user: not_agents [user] with SQL NULL logic, not_users and not_packages likewise', async () => {
    const { CountViews } = await import('./count-views.js');
    const topic = 'org.fedoraproject.prod.bodhi.update.comment';
    const rows = [
      historyRowOf(message(topic, {}, { agent_name: 'ann', usernames: ['ann', 'bob'] })),
      historyRowOf(message(topic, {}, { agent_name: null, usernames: ['bob'] })),
      historyRowOf(message(topic, {}, { agent_name: 'bob', usernames: ['bob'] })),
    ];
    const views = new CountViews();
    views.prepare([{ dimensions: ['users', 'topics'], fixed: {}, notSelf: ['not_agents'] }], rows.map((row) => ({ row, text: () => '{}' })));
    expect(views.count({ users: ['bob'], topics: [topic], not_agents: ['bob'] })).toBe(1);
    expect(views.count({ users: ['ann'], topics: [topic], not_agents: ['ann'] })).toBe(0);
    // not_agents naming someone else is another shape: not this view's.
    expect(views.count({ users: ['bob'], topics: [topic], not_agents: ['ann'] })).toBeNull();
    const store = new MemoryHistoryStore(rows.map((r, i) => message(r.topic, {}, { id: `s${i}`, agent_name: r.agent_name, usernames: [...r.users] })));
    expect(store.count({ users: ['bob'], topics: [topic], not_agents: ['bob'] })).toBe(1);
  });
});
