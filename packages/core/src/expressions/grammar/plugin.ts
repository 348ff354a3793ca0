import jsep from 'jsep';
import { type Cursor, PYTHON } from './cursor.js';
import { parseAtom } from './atoms.js';
import { parseTrailers } from './postfix.js';
import { parseTest } from './operators.js';

/**
 * Python's expression grammar as a jsep plugin. jsep's configuration is
 * global to the process, so rather than rewrite its JavaScript operator
 * table (which would change how anybody else's jsep parses) the grammar hooks
 * `gobble-expression` and `gobble-token`, and acts only on parsers that carry
 * the Python state. Registered once, by parse.ts when it loads.
 */
export const pythonGrammar: jsep.IPlugin = {
  name: 'accolade-python-grammar',
  init(this: typeof jsep) {
    jsep.hooks.add('gobble-expression', function gobblePythonExpression(env) {
      const cursor = this as Cursor;
      if (cursor[PYTHON] === undefined) return;
      env.node = parseTest(cursor) as unknown as jsep.Expression;
    }, true);
    jsep.hooks.add('gobble-spaces', function gobblePythonSpaces() {
      const cursor = this as Cursor;
      if (cursor[PYTHON] === undefined) return;
      skipContinuationsAndComments(cursor);
    });
    jsep.hooks.add('gobble-token', function gobblePythonToken(env) {
      const cursor = this as Cursor;
      if (cursor[PYTHON] === undefined) return;
      env.node = parseTrailers(cursor, parseAtom(cursor)) as unknown as jsep.Expression;
    }, true);
  },
};

/**
 * Python's other whitespace, after jsep's spaces and line breaks: a
 * backslash that joins the next line, and a `#` comment to the end of the
 * line (a multi-line YAML block scalar may hold either).
 */
function skipContinuationsAndComments(p: Cursor): void {
  const { expr } = p;
  for (let i = p.index; ; ) {
    if (expr[i] === '\\' && (expr[i + 1] === '\n' || expr[i + 1] === '\r')) {
      i += expr[i + 1] === '\r' && expr[i + 2] === '\n' ? 3 : 2;
    } else if (expr[i] === '#') {
      while (i < expr.length && expr[i] !== '\n' && expr[i] !== '\r') i++;
    } else {
      p.index = i;
      return;
    }
    while (i < expr.length && (expr[i] === ' ' || expr[i] === '\t' || expr[i] === '\n' || expr[i] === '\r' || expr[i] === '\f')) i++;
  }
}
