import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containsMatcher, exactLikeMatcher, likeMatcher } from './like.js';

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

describe('the LIKE fast path (UTF-16 units, no split into code points)', () => {
  // Pieces that make units and code points differ: astral characters (surrogate pairs), lone halves, non-ASCII BMP, escapes.
  const pieces = ['a', 'b', 'ab', '%', '_', '\\', '\\%', '\\_', '\\\\', 'é', '😀', '😁', '\uD83D', '\uDE00', '"', ': ', '\\u00e9'];
  const text = fc.array(fc.constantFrom(...pieces.filter((p) => p !== '%' && p !== '_'), 'x', '%', '_'), { maxLength: 12 }).map((a) => a.join(''));
  const pattern = fc.array(fc.constantFrom(...pieces), { maxLength: 8 }).map((a) => a.join(''));

  it('agrees with the exact code point matcher on tricky inputs', () => {
    fc.assert(fc.property(pattern, text, (p, t) => {
      expect(likeMatcher(p)(t)).toBe(exactLikeMatcher(p)(t));
      expect(containsMatcher(p)(t)).toBe(exactLikeMatcher(`%${p}%`)(t));
    }), { numRuns: 20_000, seed: 12 });
  });

  it('agrees when the pattern is taken from the text (so it usually matches)', () => {
    const cut = fc.tuple(text, fc.array(fc.tuple(fc.nat(), fc.constantFrom('%', '_', '')), { maxLength: 4 }));
    fc.assert(fc.property(cut, ([t, edits]) => {
      let p = t.replace(/[%_\\]/g, '\\$&');
      for (const [at, w] of edits) { const i = at % (p.length + 1); p = p.slice(0, i) + w + p.slice(i + (w === '' ? 0 : 1)); }
      expect(likeMatcher(p)(t)).toBe(exactLikeMatcher(p)(t));
    }), { numRuns: 20_000, seed: 13 });
  });

  it.each([
    ['_', '😀', true],
    ['__', '😀', false],
    ['%_%', '😀', true],
    ['a_b', 'a😀b', true],
    ['a__b', 'a😀b', false],
    ['%\uDE00%', '😀', false],
    ['%\uD83D%', '😀', false],
    ['%\uD83D_%', '😀', false],
    ['%😀%', 'x😀y', true],
    ['_\uDE00', '\uD83D\uDE00', false],
    ['%é_', 'café!', true],
    ['%\\_%', 'a_b', true],
    ['%\\_%', 'ab', false],
    ['%\\\\%', 'a\\b', true],
    ['%"minor\\_edit": false%', '{"minor_edit": false}', true],
    ['%"minor_edit": false%', '{"minorXedit": false}', true],
    ['%"minor_edit": false%', '{"minor\\u00e9edit": false}', false],
    ['%ab%ab%', 'abab', true],
    ['%ab%ab%', 'aba', false],
    ['a%a', 'a', false],
    ['%a_a%', 'xa😀ax', true],
  ])('%s LIKE %s (fast path and exact agree)', (p, t, expected) => {
    expect(likeMatcher(p)(t)).toBe(expected);
    expect(exactLikeMatcher(p)(t)).toBe(expected);
  });
});
