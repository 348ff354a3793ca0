import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ExpressionError } from './errors.js';
import { compileExpression } from './expression.js';
import { pyRepr } from './python/repr.js';

interface Case {
  expr: string;
  vars: Record<string, unknown>;
  repr?: string;
  error?: string;
}

/** Answers recorded from CPython by fixtures/oracle.py. */
const cases = JSON.parse(readFileSync(new URL('./fixtures/python-expected.json', import.meta.url), 'utf8')) as Case[];

/**
 * Numbers here are JavaScript doubles, and an integral one is an int, so a
 * float with an integral value prints as an int (1.0 as 1). That is the one
 * documented difference; it is normalised away in the expected text, outside
 * string literals only.
 */
function normaliseIntegralFloats(repr: string): string {
  return repr.replace(/('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|(\b\d+)\.0\b/g, (whole, quoted: string | undefined, digits: string | undefined) => quoted ?? digits ?? whole);
}

const ERROR_NAMES: Record<string, string> = { 'regex-error': 'error' };
/** Python subclasses that Accolade reports as their base class. */
const ALIASES: Record<string, string> = { JSONDecodeError: 'ValueError' };

describe('expressions behave as CPython does', () => {
  it.each(cases)('$expr', ({ expr, vars, repr, error }) => {
    const evaluate = (): unknown => compileExpression(expr, { globals: Object.keys(vars) }).evaluate(vars);
    if (error !== undefined) {
      let thrown: unknown;
      try {
        evaluate();
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(ExpressionError);
      const e = thrown as ExpressionError;
      expect(ERROR_NAMES[e.code] ?? e.pythonName).toBe(ALIASES[error] ?? error);
      return;
    }
    expect(pyRepr(evaluate())).toBe(normaliseIntegralFloats(repr!));
  });
});
