import { describe, expect, it } from 'vitest';
import { badgeIdFromName } from './badge-id.js';

describe('badge ids, derived from the name as tahrir does', () => {
  // Expected values computed with tahrir's convert_name_to_id in CPython.
  it.each([
    ['Is this thing on? (I)', 'is-this-thing-on-i'],
    [`Tom's "Best" *Fan* & Co`, 'toms-best-fan--co'],
    ['  Two  Spaces ', '--two--spaces-'],
    ['Tab\there', 'tab\there'],
    ['Ünïcode Ÿes İstanbul ΣΑΣ', 'ünïcode-ÿes-i̇stanbul-σας'],
    ['Like a Rock (III)', 'like-a-rock-iii'],
  ])('%j -> %j', (name, id) => {
    expect(badgeIdFromName(name)).toBe(id);
  });
});
