import jsep from 'jsep';
import { ExpressionError } from '../errors.js';
import { type Cursor, PYTHON, acceptChar } from './cursor.js';
import type { Node } from './nodes.js';
import { parseTest } from './operators.js';
import { pythonGrammar } from './plugin.js';

export interface ParseOptions {
  /** Deepest nesting of brackets and operators accepted. */
  maxDepth?: number;
  /** Longest expression source accepted, in characters. */
  maxLength?: number;
}

export const DEFAULT_MAX_DEPTH = 200;
export const DEFAULT_MAX_LENGTH = 100_000;

// Registered here, as a value import, rather than by a side-effect import of plugin.js: a side-effect
// import stays in parse.d.ts and would pull jsep's typings into every consumer's program.
jsep.plugins.register(pythonGrammar);

const Parser = (jsep as unknown as { Jsep: new (source: string) => Cursor }).Jsep;

/** Parse one Python expression into its syntax tree, or throw a `syntax` ExpressionError with the offset. */
export function parseExpression(source: string, options: ParseOptions = {}): Node {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  if (source.length > maxLength) {
    throw new ExpressionError('limit', `expression is ${source.length} characters long; the limit is ${maxLength}`, 0);
  }
  const parser = new Parser(source);
  parser[PYTHON] = { depth: 0, maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH };
  try {
    parser.gobbleSpaces();
    if (parser.index >= source.length) parser.throwError('The expression is empty');
    let node = parser.gobbleExpression() as unknown as Node;
    if (acceptChar(parser, ',')) node = topLevelTuple(parser, node);
    parser.gobbleSpaces();
    if (parser.index < source.length) parser.throwError(`Unexpected '${parser.char}'`);
    return node;
  } catch (error) {
    throw toSyntaxError(error, source);
  }
}

/** `a, b` without brackets is a tuple, as in Python. */
function topLevelTuple(parser: Cursor, first: Node): Node {
  const elts = [first];
  for (;;) {
    parser.gobbleSpaces();
    if (parser.index >= parser.expr.length) break;
    elts.push(parseTest(parser));
    if (!acceptChar(parser, ',')) break;
  }
  return { type: 'Tuple', elts, start: first.start, end: elts[elts.length - 1]!.end };
}

function toSyntaxError(error: unknown, source: string): unknown {
  if (error instanceof ExpressionError) return error;
  if (error instanceof RangeError) {
    return new ExpressionError('syntax', 'Expression nested too deeply', 0);
  }
  if (error instanceof Error && typeof (error as { index?: unknown }).index === 'number') {
    const { index, description } = error as Error & { index: number; description?: string };
    const err = new ExpressionError('syntax', description ?? error.message, Math.min(index, source.length));
    err.source = source;
    return err;
  }
  return error;
}
