import { describe, expect, it } from 'vitest';
import { message } from '../testing/helpers.js';
import { historyQueryMatcher } from './history-query-matcher.js';
import { historyRowOf } from './memory/memory-history-store.js';

const row = (topic: string, body: unknown, extra: Record<string, unknown> = {}) => historyRowOf(message(topic, body, extra));

describe('historyQueryMatcher: datanommer semantics for stores that filter in JavaScript', () => {
  const cafe = row('bodhi.update.comment', { text: 'café au lait', karma: 1 }, { agent_name: 'ann', usernames: ['ann', 'bob'] });
  const push = row('git.receive', { karma: -1 }, { usernames: ['cy'] });

  it.each([
    [{ users: ['bob', 'dee'] }, [true, false]],
    [{ users: ['bob'], topics: ['org.fedoraproject.prod.git.receive'] }, [false, false]],
    [{ users: [] }, [true, true]],
    [{ categories: ['git'] }, [false, true]],
    // SQL NULL logic: a message without an agent passes neither.
    [{ agents: ['ann'] }, [true, false]],
    [{ not_agents: ['bob'] }, [true, false]],
    // LIKE over Python's json.dumps: non-ASCII as \u escapes, ", " and ": " separators, _ one character.
    // (In LIKE a backslash escapes the next character, so the text's one backslash is two in the pattern.)
    [{ contains: ['caf\\\\u00e9'] }, [true, false]],
    [{ contains: ['café'] }, [false, false]],
    [{ contains: ['"karma": _1'] }, [false, true]],
    [{ contains: ['"karma": 1', '"karma": -1'] }, [true, true]],
  ])('%j', (query, expected) => {
    const matches = historyQueryMatcher(query);
    expect([cafe, push].map((r) => matches(r))).toEqual(expected);
  });

  it('ignores paging keys and bounds time inclusively', () => {
    const at = cafe.timestamp;
    expect(historyQueryMatcher({ start: at, end: at, rows_per_page: 1, page: 5, order: 'desc' })(cafe)).toBe(true);
    expect(historyQueryMatcher({ start: new Date(at.getTime() + 1) })(cafe)).toBe(false);
  });
});
