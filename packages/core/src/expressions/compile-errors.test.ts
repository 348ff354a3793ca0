import { describe, expect, it } from 'vitest';
import { ExpressionError } from './errors.js';
import { compileExpression } from './expression.js';

function failure(source: string, globals: string[] = ['message']): [string, string, number | undefined] {
  try {
    compileExpression(source, { globals });
  } catch (e) {
    if (e instanceof ExpressionError) return [e.code, e.message, e.offset];
    throw e;
  }
  return ['ok', '', undefined];
}

describe('expressions are checked completely before they run', () => {
  it.each([
    ['message.body[', 'syntax', 'Expected a value but the expression ended', 13],
    ['message.body["x"', 'syntax', "'[' opened at character 12 was never closed", 16],
    ['(1 + 2', 'syntax', "'(' opened at character 0 was never closed", 6],
    ['1 +', 'syntax', 'Expected a value but the expression ended', 3],
    ['a b', 'syntax', "Unexpected 'b'", 2],
    ['x = 1', 'syntax', "Unexpected '='", 2],
    ['a && b', 'syntax', "'&&' is JavaScript; use 'and'", 2],
    ['a || b', 'syntax', "'||' is JavaScript; use 'or'", 2],
    ['!a', 'syntax', "'!' is JavaScript; use 'not'", 0],
    ['a === b', 'syntax', "'===' is JavaScript; use '=='", 2],
    ['a ? b : c', 'syntax', "'c ? a : b' is JavaScript; use 'a if c else b'", 2],
    ['true', 'syntax', "'true' is JavaScript; use 'True'", 0],
    ['null', 'syntax', "'null' is JavaScript; use 'None'", 0],
    ['message?.body', 'syntax', "'?.' is JavaScript; use x.get(...) or 'x if x else None'", 7],
    ["b'x'", 'syntax', 'Bytes literals are not supported', 0],
    ['1j', 'syntax', 'Complex numbers are not supported', 1],
    ['f(*args)', 'syntax', 'Argument unpacking with * or ** is not supported', 2],
    ['lambda *a: 1', 'syntax', '*args and **kwargs are not supported in lambda', 7],
    ['"unterminated', 'syntax', 'Unterminated string literal', 13],
    ['', 'syntax', 'The expression is empty', 0],
    ['x if y', 'syntax', "Expected 'else'", 6],
    ['[x for x in]', 'syntax', "Unexpected ']'", 11],
    ['nope', 'unknown-name', "name 'nope' is not defined", 0],
    ['mesage', 'unknown-name', "name 'mesage' is not defined (did you mean 'message'?)", 0],
    ['[y for x in [1]]', 'unknown-name', "name 'y' is not defined", 1],
    ['json.load("x")', 'unknown-name', "module 'json' has no attribute 'load' (it has dumps, loads)", 5],
    ['message.frobnicate()', 'unsupported', "unknown method 'frobnicate()'", 8],
    ['__import__("os").system("id")', 'forbidden', "'__import__' is not available in rule expressions", 0],
    ['__import__("os")', 'forbidden', "'__import__' is not available in rule expressions", 0],
    ['getattr(message, "x")', 'forbidden', "'getattr' is not available in rule expressions", 0],
    ['message.__class__', 'forbidden', "attribute '__class__' is not accessible in rule expressions", 8],
    ['message.constructor', 'forbidden', "attribute 'constructor' is not accessible in rule expressions", 8],
    ['[].sort()', 'forbidden', "'sort()' would change data in place; rules only read data (build a new value instead)", 3],
    ['len()', 'arity', 'len() takes exactly 1 positional argument (0 given)', 0],
    ['sorted([1], cmp=1)', 'arity', "sorted() got an unexpected keyword argument 'cmp'", 0],
    ['re.match("(?<=a)b", "ab")', 'regex-error', expect.stringMatching(/^lookahead and lookbehind are not supported/), 9],
  ] as Array<[string, string, unknown, number]>)('%s', (source, code, message, offset) => {
    expect(failure(source)).toEqual([code, message, offset]);
  });

  it('fails fast on deeply nested input instead of overflowing the stack', () => {
    const [code, message] = failure(`${'('.repeat(20_000)}1${')'.repeat(20_000)}`);
    expect(code).toBe('syntax');
    expect(message).toMatch(/nested too deeply/);
  });

  it('binds comprehension variables without leaking them', () => {
    expect(failure('[x for x in [1]] and x')).toEqual(['unknown-name', "name 'x' is not defined", 21]);
  });
});
