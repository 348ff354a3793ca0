import { type Cursor, acceptChar, acceptKeyword, enter, expectKeyword, leave, peekWord, readIdentifier } from './cursor.js';
import type { BinaryOperator, CompareOperator, Node } from './nodes.js';

/**
 * Python's precedence levels, lowest first, as recursive descent:
 * lambda, `x if c else y`, or, and, not, comparisons (chained), |, ^, &,
 * shifts, + -, * / // %, unary - + ~, **, then atoms with their trailers
 * (parsed by the jsep token hook).
 */
export function parseTest(p: Cursor): Node {
  enter(p);
  try {
    if (acceptKeyword(p, 'lambda')) return parseLambda(p, p.index - 'lambda'.length);
    const body = parseOrTest(p);
    if (acceptKeyword(p, 'if')) {
      const test = parseOrTest(p);
      expectKeyword(p, 'else');
      const orelse = parseTest(p);
      return { type: 'IfExp', test, body, orelse, start: body.start, end: orelse.end };
    }
    rejectJavaScriptOperator(p);
    return body;
  } finally {
    leave(p);
  }
}

function parseLambda(p: Cursor, start: number): Node {
  const params: string[] = [];
  while (!acceptChar(p, ':')) {
    p.gobbleSpaces();
    if (p.char === '*') p.throwError('*args and **kwargs are not supported in lambda');
    const { name } = readIdentifier(p);
    if (params.includes(name)) p.throwError(`Duplicate parameter '${name}' in lambda`);
    params.push(name);
    p.gobbleSpaces();
    if (p.char === '=') p.throwError('Default parameter values are not supported in lambda');
    if (!acceptChar(p, ',')) {
      if (!acceptChar(p, ':')) p.throwError("Expected ':' after the lambda parameters");
      break;
    }
  }
  const body = parseTest(p);
  return { type: 'Lambda', params, body, start, end: body.end };
}

export function parseOrTest(p: Cursor): Node {
  const first = parseAndTest(p);
  if (!atWord(p, 'or')) return first;
  const values = [first];
  while (acceptKeyword(p, 'or')) values.push(parseAndTest(p));
  return { type: 'BoolOp', op: 'or', values, start: first.start, end: values[values.length - 1]!.end };
}

function parseAndTest(p: Cursor): Node {
  const first = parseNotTest(p);
  if (!atWord(p, 'and')) return first;
  const values = [first];
  while (acceptKeyword(p, 'and')) values.push(parseNotTest(p));
  return { type: 'BoolOp', op: 'and', values, start: first.start, end: values[values.length - 1]!.end };
}

function parseNotTest(p: Cursor): Node {
  p.gobbleSpaces();
  const start = p.index;
  if (!acceptKeyword(p, 'not')) return parseComparison(p);
  enter(p);
  try {
    const operand = parseNotTest(p);
    return { type: 'UnaryOp', op: 'not', operand, start, end: operand.end };
  } finally {
    leave(p);
  }
}

function parseComparison(p: Cursor): Node {
  const left = parseBinary(p, 0);
  const ops: CompareOperator[] = [];
  const comparators: Node[] = [];
  for (let op = readCompareOperator(p); op !== null; op = readCompareOperator(p)) {
    ops.push(op);
    comparators.push(parseBinary(p, 0));
  }
  if (ops.length === 0) return left;
  return { type: 'Compare', left, ops, comparators, start: left.start, end: comparators[comparators.length - 1]!.end };
}

function readCompareOperator(p: Cursor): CompareOperator | null {
  p.gobbleSpaces();
  const word = peekWord(p);
  if (word === 'in') { p.index += 2; return 'in'; }
  if (word === 'is') {
    p.index += 2;
    return acceptKeyword(p, 'not') ? 'is not' : 'is';
  }
  if (word === 'not') {
    const save = p.index;
    p.index += 3;
    if (acceptKeyword(p, 'in')) return 'not in';
    p.index = save;
    return null;
  }
  const symbol = peekSymbol(p);
  if (symbol === '===' || symbol === '!==') p.throwError(`'${symbol}' is JavaScript; use '${symbol.slice(0, 2)}'`);
  if (symbol === '<>') p.throwError("'<>' is not supported; use '!='");
  if (symbol === '==' || symbol === '!=' || symbol === '<' || symbol === '<=' || symbol === '>' || symbol === '>=') {
    p.index += symbol.length;
    return symbol;
  }
  return null;
}

/** Binary levels above comparisons, from `|` (level 0) to `* / // %` (level 5). */
const LEVELS: ReadonlyArray<readonly BinaryOperator[]> = [['|'], ['^'], ['&'], ['<<', '>>'], ['+', '-'], ['*', '/', '//', '%']];

function parseBinary(p: Cursor, level: number): Node {
  if (level === LEVELS.length) return parseFactor(p);
  const ops = LEVELS[level]!;
  let left = parseBinary(p, level + 1);
  for (;;) {
    p.gobbleSpaces();
    const opStart = p.index;
    const symbol = peekSymbol(p);
    if (symbol === '@') p.throwError("The matrix operator '@' is not supported");
    if (!(ops as readonly string[]).includes(symbol)) return left;
    p.index += symbol.length;
    const right = parseBinary(p, level + 1);
    left = { type: 'BinOp', op: symbol as BinaryOperator, left, right, opStart, start: left.start, end: right.end };
  }
}

function parseFactor(p: Cursor): Node {
  p.gobbleSpaces();
  const start = p.index;
  const symbol = peekSymbol(p);
  if (symbol === '-' || symbol === '+' || symbol === '~') {
    p.index++;
    enter(p);
    try {
      const operand = parseFactor(p);
      return { type: 'UnaryOp', op: symbol, operand, start, end: operand.end };
    } finally {
      leave(p);
    }
  }
  if (symbol === '!') p.throwError("'!' is JavaScript; use 'not'");
  return parsePower(p);
}

function parsePower(p: Cursor): Node {
  const base = p.gobbleToken() as unknown as Node;
  p.gobbleSpaces();
  if (peekSymbol(p) !== '**') return base;
  const opStart = p.index;
  p.index += 2;
  const exponent = parseFactor(p);
  return { type: 'BinOp', op: '**', left: base, right: exponent, opStart, start: base.start, end: exponent.end };
}

const SYMBOLS = ['===', '!==', '**', '//', '<<', '>>', '<=', '>=', '==', '!=', '<>', '&&', '||', '??',
  '<', '>', '+', '-', '*', '/', '%', '@', '|', '^', '&', '~', '!', '?', '='];

/** The longest operator symbol at the cursor, or '' if none. */
function peekSymbol(p: Cursor): string {
  const { expr, index } = p;
  for (const symbol of SYMBOLS) {
    if (expr.startsWith(symbol, index)) return symbol;
  }
  return '';
}

function atWord(p: Cursor, word: string): boolean {
  p.gobbleSpaces();
  return peekWord(p) === word;
}

const JS_HINTS: Record<string, string> = {
  '&&': "'&&' is JavaScript; use 'and'",
  '||': "'||' is JavaScript; use 'or'",
  '??': "'??' is JavaScript; use 'x if x is not None else y'",
  '?': "'c ? a : b' is JavaScript; use 'a if c else b'",
};

function rejectJavaScriptOperator(p: Cursor): void {
  p.gobbleSpaces();
  const hint = JS_HINTS[peekSymbol(p)];
  if (hint !== undefined) p.throwError(hint);
}
