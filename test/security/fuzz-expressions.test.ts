import { ExpressionError, compileExpression, parseExpression, pyRepr } from '@accolade/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prototypeSnapshot } from './hostile-corpus.js';
import { FUZZ_RUNS, FUZZ_SEED } from './fuzz-config.js';

const GLOBALS = ['x', 'y', 'd', 'L', 's'];

/** Python-flavoured source built from the grammar, so the fuzzer reaches the interpreter, not just the parser. */
const expression: fc.Arbitrary<string> = fc.letrec<{ expr: string; atom: string }>((tie) => ({
  atom: fc.oneof(
    fc.constantFrom(...GLOBALS, 'None', 'True', 'False', '[]', '{}', '()', "''"),
    fc.integer({ min: -1000, max: 1000 }).map(String),
    fc.double({ noNaN: false }).map((n) => (Number.isFinite(n) ? String(n) : '1e308')),
    fc.string({ maxLength: 8 }).map((t) => JSON.stringify(t)),
  ),
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('atom'),
    fc.tuple(tie('expr'), fc.constantFrom('+', '-', '*', '/', '//', '%', '**', '&', '|', '^', '<<', '>>', '==', '!=', '<', '<=', '>', '>=', 'in', 'not in', 'is', 'is not', 'and', 'or'), tie('expr'))
      .map(([a, op, b]) => `(${a} ${op} ${b})`),
    fc.tuple(fc.constantFrom('not ', '-', '+', '~'), tie('expr')).map(([op, a]) => `${op}(${a})`),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `${a}[${b}]`),
    fc.tuple(tie('expr'), fc.option(tie('expr')), fc.option(tie('expr'))).map(([a, b, c]) => `${a}[${b ?? ''}:${c ?? ''}]`),
    fc.tuple(tie('expr'), fc.constantFrom('get', 'keys', 'items', 'lower', 'split', 'count', 'index', 'startswith', 'join', 'strip', 'format')).map(([a, m]) => `(${a}).${m}()`),
    fc.tuple(tie('expr'), fc.constantFrom('get', 'count', 'split', 'replace', 'startswith', 'join', 'index')).chain(([a, m]) => tie('expr').map((b) => `(${a}).${m}(${b})`)),
    fc.tuple(fc.constantFrom('len', 'str', 'int', 'float', 'bool', 'list', 'set', 'tuple', 'sorted', 'min', 'max', 'sum', 'any', 'all', 'abs', 'round', 'repr', 'dict', 'reversed', 'enumerate'), tie('expr')).map(([f, a]) => `${f}(${a})`),
    fc.tuple(fc.constantFrom('json.dumps', 'json.loads', 're.findall("a", ', 're.sub("[0-9]", "x", '), tie('expr')).map(([f, a]) => (f.endsWith(', ') ? `${f}${a})` : `${f}(${a})`)),
    fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([a, b, c]) => `(${a} if ${b} else ${c})`),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `[v for v in ${a} if ${b}]`),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `sum(1 for v in ${a} if ${b})`),
    fc.array(tie('expr'), { maxLength: 3 }).map((xs) => `[${xs.join(', ')}]`),
    fc.array(fc.tuple(tie('atom'), tie('expr')), { maxLength: 3 }).map((kv) => `{${kv.map(([k, v]) => `${k}: ${v}`).join(', ')}}`),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `(lambda v: ${a})(${b})`),
    fc.tuple(fc.stringMatching(/^[a-z ]{0,5}$/), tie('expr')).map(([t, a]) => `f'${t}{${a}}'`),
  ),
})).expr;

const data = fc.record({ x: fc.jsonValue(), y: fc.jsonValue(), d: fc.dictionary(fc.string(), fc.jsonValue()), L: fc.array(fc.jsonValue()), s: fc.string() });

const outcome = (run: () => unknown): string => {
  try {
    return `value ${pyRepr(run())}`;
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    return `error ${error.code} ${error.message}`;
  }
};

describe('fuzzing the expression parser and interpreter', () => {
  it(`parses any text into a tree or a typed error (${FUZZ_RUNS} runs)`, () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => {
      try {
        parseExpression(text);
      } catch (error) {
        expect(error).toBeInstanceOf(ExpressionError);
      }
    }), { numRuns: FUZZ_RUNS, seed: FUZZ_SEED });
  });

  it(`parses Python-looking noise into a tree or a typed error (${FUZZ_RUNS} runs)`, () => {
    const token = fc.constantFrom('(', ')', '[', ']', '{', '}', ':', ',', '.', 'x', '1', '"a"', "'", 'not', 'in', 'is', 'if', 'else', 'for', 'lambda', 'and', 'or', '+', '-', '*', '**', '//', '==', '<', '!', '=', 'f"{x}"', ' ', '\\', '#', '@', 'None', '__class__');
    fc.assert(fc.property(fc.array(token, { maxLength: 60 }), (tokens) => {
      try {
        compileExpression(tokens.join(''), { globals: ['x'] });
      } catch (error) {
        expect(error).toBeInstanceOf(ExpressionError);
      }
    }), { numRuns: FUZZ_RUNS * 5, seed: FUZZ_SEED });
  });

  it(`evaluates random expressions on random data: typed errors only, deterministic, no prototype changes (${FUZZ_RUNS} runs)`, () => {
    const before = prototypeSnapshot();
    const seen = { compileErrors: 0, values: 0, errors: 0 };
    fc.assert(fc.property(expression, data, (source, vars) => {
      let compiled;
      try {
        compiled = compileExpression(source, { globals: GLOBALS });
      } catch (error) {
        expect(error).toBeInstanceOf(ExpressionError);
        seen.compileErrors++;
        return;
      }
      const limits = { maxSteps: 20_000, maxStringLength: 100_000, maxCollectionSize: 10_000, maxInteger: Number.MAX_SAFE_INTEGER };
      const first = outcome(() => compiled.evaluate(vars, limits));
      expect(outcome(() => compiled.evaluate(vars, limits))).toBe(first);
      if (first.startsWith('value')) seen.values++;
      else seen.errors++;
    }), { numRuns: FUZZ_RUNS, seed: FUZZ_SEED });
    expect(prototypeSnapshot()).toBe(before);
    // The generator must reach the interpreter: a good share of runs compile, and both outcomes occur.
    expect(seen.values + seen.errors).toBeGreaterThan(FUZZ_RUNS * 0.8);
    expect(seen.values).toBeGreaterThan(FUZZ_RUNS * 0.1);
    expect(seen.errors).toBeGreaterThan(FUZZ_RUNS * 0.1);
    console.log(`expression fuzz: ${JSON.stringify(seen)}`);
  });
});
