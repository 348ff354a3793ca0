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
 * the Python state. Registered once, when this module loads.
 */
export const pythonGrammar: jsep.IPlugin = {
  name: 'accolade-python-grammar',
  init(this: typeof jsep) {
    jsep.hooks.add('gobble-expression', function gobblePythonExpression(env) {
      const cursor = this as Cursor;
      if (cursor[PYTHON] === undefined) return;
      env.node = parseTest(cursor) as unknown as jsep.Expression;
    }, true);
    jsep.hooks.add('gobble-token', function gobblePythonToken(env) {
      const cursor = this as Cursor;
      if (cursor[PYTHON] === undefined) return;
      env.node = parseTrailers(cursor, parseAtom(cursor)) as unknown as jsep.Expression;
    }, true);
  },
};

jsep.plugins.register(pythonGrammar);
