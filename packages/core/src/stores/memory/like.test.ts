import { describe, expect, it } from 'vitest';
import { containsMatcher, likeMatcher } from './like.js';

describe("PostgreSQL LIKE, as datanommer's contains runs it", () => {
  it.each([
    ['abc', 'abc', true],
    ['abc', 'abcd', false],
    ['a%', 'abcd', true],
    ['%d', 'abcd', true],
    ['%b%', 'abcd', true],
    ['a_c', 'abc', true],
    ['a_c', 'ac', false],
    ['a%c%e', 'abcde', true],
    ['a%c%e', 'abcdf', false],
    ['%a%a%a%a%a%b', 'a'.repeat(30), false],
    ['a\\_c', 'a_c', true],
    ['a\\_c', 'abc', false],
    ['100\\%', '100%', true],
    ['%é%', 'café', true],
    ['A%', 'abc', false],
  ])('%s LIKE %s', (pattern, text, expected) => {
    expect(likeMatcher(pattern)(text)).toBe(expected);
  });

  it('contains wraps the value in % and treats _ and % in it as wildcards', () => {
    expect(containsMatcher('foo_bar')('"foo-bar"')).toBe(true);
    expect(containsMatcher('50%')('"50 apples"')).toBe(true);
    expect(containsMatcher('plain')('"a plain text"')).toBe(true);
    expect(containsMatcher('Plain')('"a plain text"')).toBe(false);
  });
});
