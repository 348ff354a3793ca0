import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryHistoryStore } from '../stores/memory/memory-history-store.js';
import { message } from '../testing/helpers.js';
import { HistoryWithMessage } from './history-with-message.js';

const T0 = 1_700_000_000;
const msg = (i: number, at: number, user: string) => message('bodhi.update.comment', { i }, { id: `m${i}`, agent_name: user, usernames: [user], timestamp: T0 + at });

describe('a history with one more message', () => {
  it('answers counts and pages as a history that recorded it', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.record({ at: fc.integer({ min: 0, max: 5 }), user: fc.constantFrom('ann', 'bob') }), { maxLength: 12 }),
      fc.record({ at: fc.integer({ min: 0, max: 6 }), user: fc.constantFrom('ann', 'bob'), again: fc.boolean() }),
      fc.record({ users: fc.constantFrom(['ann'], ['bob'], undefined), rows_per_page: fc.integer({ min: 0, max: 3 }), page: fc.integer({ min: 1, max: 4 }), order: fc.constantFrom('asc' as const, 'desc' as const) }, { requiredKeys: ['rows_per_page', 'page', 'order'] }),
      async (stored, extra, query) => {
        const messages = stored.map((s, i) => msg(i, s.at, s.user));
        // Sometimes the message is one the history already holds (a redelivery): it counts once.
        const m = extra.again && messages.length > 0 ? messages[0]! : msg(99, extra.at, extra.user);
        const without = new MemoryHistoryStore(messages);
        const withIt = new MemoryHistoryStore([...messages, m]);
        const view = new HistoryWithMessage(without, m);
        const q = query.users === undefined ? { ...query, users: undefined } : query;
        expect(await view.count(q)).toBe(withIt.count(q));
        expect((await view.find(q)).map((r) => r.msg_id)).toEqual(withIt.find(q).map((r) => r.msg_id));
        expect(without.size).toBe(messages.length);
      },
    ), { numRuns: 400, seed: 5 });
  });
});
