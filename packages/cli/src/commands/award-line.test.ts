import { pythonJsonDumps } from '@accolade/core';
import { describe, expect, it } from 'vitest';
import { awardLine } from './replay.js';

describe('awardLine', () => {
  const names = ['alice', 'bob.smith', 'wéird ☃ 😀', 'quote"d', 'back\\slash', 'tab\there', 'new\nline', '\u0000\u001f\u007f', '\ud800 lone', ''];
  it("writes each award exactly as Python's json.dumps(ensure_ascii=False) writes the dict", () => {
    for (const badgeId of ['badge-i', 'odd"badge']) {
      for (const user of names) {
        for (const messageId of ['1-2', 'id\\with"both\r']) {
          expect(awardLine({ badgeId, user, messageId })).toBe(pythonJsonDumps({ badge_id: badgeId, user, message_id: messageId }, { ensureAscii: false }));
        }
      }
    }
  });
});
