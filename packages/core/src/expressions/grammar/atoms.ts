import {
  type Cursor, KEYWORDS, acceptChar, acceptKeyword, enter, expectChar, expectKeyword, isDigit,
  isIdentifierStart, leave, peekWord, readIdentifier,
} from './cursor.js';
import { atString, parseNumber, parseStrings } from './literals.js';
import type { ComprehensionClause, Node, Target } from './nodes.js';
import { parseOrTest, parseTest } from './operators.js';

const JS_ONLY_WORDS = new Map([
  ['true', "'True'"], ['false', "'False'"], ['null', "'None'"], ['undefined', "'None'"], ['this', 'a rule variable such as message'],
]);

/** An atom: a literal, a name, or a bracketed display or comprehension. */
export function parseAtom(p: Cursor): Node {
  p.gobbleSpaces();
  const c = p.code;
  if (isDigit(c) || (c === 46 && isDigit(p.expr.charCodeAt(p.index + 1)))) return parseNumber(p);
  if (atString(p)) return parseStrings(p);
  if (isIdentifierStart(c)) return parseName(p);
  if (c === 40) return parseParenthesized(p);
  if (c === 91) return parseList(p);
  if (c === 123) return parseBraces(p);
  if (p.index >= p.expr.length) p.throwError('Expected a value but the expression ended');
  p.throwError(`Unexpected '${p.char}'`);
}

function parseName(p: Cursor): Node {
  const start = p.index;
  const word = peekWord(p);
  if (word === 'True' || word === 'False') {
    p.index += word.length;
    return { type: 'Const', kind: 'bool', value: word === 'True', start, end: p.index };
  }
  if (word === 'None') {
    p.index += word.length;
    return { type: 'Const', kind: 'None', value: null, start, end: p.index };
  }
  if (KEYWORDS.has(word)) p.throwError(`Unexpected keyword '${word}'`);
  const hint = JS_ONLY_WORDS.get(word);
  const { name, end } = readIdentifier(p);
  if (hint !== undefined) {
    p.index = start;
    p.throwError(`'${word}' is JavaScript; use ${hint}`);
  }
  return { type: 'Name', id: name, start, end };
}

/** `()` tuple, `(x)` grouping, `(x,)` / `(x, y)` tuples, `(x for ...)` generators. */
function parseParenthesized(p: Cursor): Node {
  const start = p.index;
  p.index++;
  enter(p);
  try {
    if (acceptChar(p, ')')) return { type: 'Tuple', elts: [], start, end: p.index };
    const first = parseTest(p);
    if (atKeyword(p, 'for')) {
      const generators = parseComprehensionClauses(p);
      expectChar(p, ')', { ch: '(', at: start });
      return { type: 'Comprehension', kind: 'generator', elt: first, value: null, generators, start, end: p.index };
    }
    if (acceptChar(p, ')')) return first;
    const elts = [first, ...parseRestOfSequence(p, ')', start)];
    return { type: 'Tuple', elts, start, end: p.index };
  } finally {
    leave(p);
  }
}

function parseList(p: Cursor): Node {
  const start = p.index;
  p.index++;
  enter(p);
  try {
    if (acceptChar(p, ']')) return { type: 'List', elts: [], start, end: p.index };
    const first = parseTest(p);
    if (atKeyword(p, 'for')) {
      const generators = parseComprehensionClauses(p);
      expectChar(p, ']', { ch: '[', at: start });
      return { type: 'Comprehension', kind: 'list', elt: first, value: null, generators, start, end: p.index };
    }
    if (acceptChar(p, ']')) return { type: 'List', elts: [first], start, end: p.index };
    const elts = [first, ...parseRestOfSequence(p, ']', start)];
    return { type: 'List', elts, start, end: p.index };
  } finally {
    leave(p);
  }
}

/** `{}` dict, `{k: v, ...}`, `{k: v for ...}`, `{a, b}` set, `{x for ...}`. */
function parseBraces(p: Cursor): Node {
  const start = p.index;
  p.index++;
  enter(p);
  try {
    if (acceptChar(p, '}')) return { type: 'Dict', keys: [], values: [], start, end: p.index };
    rejectUnpacking(p);
    const first = parseTest(p);
    if (acceptChar(p, ':')) {
      const firstValue = parseTest(p);
      if (atKeyword(p, 'for')) {
        const generators = parseComprehensionClauses(p);
        expectChar(p, '}', { ch: '{', at: start });
        return { type: 'Comprehension', kind: 'dict', elt: first, value: firstValue, generators, start, end: p.index };
      }
      const keys = [first];
      const values = [firstValue];
      while (acceptChar(p, ',')) {
        if (acceptChar(p, '}')) return { type: 'Dict', keys, values, start, end: p.index };
        rejectUnpacking(p);
        keys.push(parseTest(p));
        expectChar(p, ':');
        values.push(parseTest(p));
      }
      expectChar(p, '}', { ch: '{', at: start });
      return { type: 'Dict', keys, values, start, end: p.index };
    }
    if (atKeyword(p, 'for')) {
      const generators = parseComprehensionClauses(p);
      expectChar(p, '}', { ch: '{', at: start });
      return { type: 'Comprehension', kind: 'set', elt: first, value: null, generators, start, end: p.index };
    }
    if (acceptChar(p, '}')) return { type: 'Set', elts: [first], start, end: p.index };
    const elts = [first, ...parseRestOfSequence(p, '}', start)];
    return { type: 'Set', elts, start, end: p.index };
  } finally {
    leave(p);
  }
}

/** After the first element: `, b, c` with an optional trailing comma, then the closer. */
function parseRestOfSequence(p: Cursor, closer: string, openedAt: number): Node[] {
  const elts: Node[] = [];
  const opener = { ')': '(', ']': '[', '}': '{' }[closer]!;
  while (acceptChar(p, ',')) {
    if (acceptChar(p, closer)) return elts;
    rejectUnpacking(p);
    elts.push(parseTest(p));
  }
  expectChar(p, closer, { ch: opener, at: openedAt });
  return elts;
}

function rejectUnpacking(p: Cursor): void {
  p.gobbleSpaces();
  if (p.char === '*') p.throwError('Unpacking with * or ** is not supported');
}

export function atKeyword(p: Cursor, word: string): boolean {
  p.gobbleSpaces();
  return peekWord(p) === word;
}

/** `for target in iter [if cond]... [for ...]` */
export function parseComprehensionClauses(p: Cursor): ComprehensionClause[] {
  const clauses: ComprehensionClause[] = [];
  while (acceptKeyword(p, 'for')) {
    const target = parseTargetList(p);
    expectKeyword(p, 'in');
    const iter = parseOrTest(p);
    const ifs: Node[] = [];
    while (acceptKeyword(p, 'if')) ifs.push(parseOrTest(p));
    clauses.push({ target, iter, ifs });
  }
  return clauses;
}

function parseTargetList(p: Cursor): Target {
  p.gobbleSpaces();
  const start = p.index;
  const first = parseTarget(p);
  if (!acceptChar(p, ',')) return first;
  const elts = [first];
  while (!atKeyword(p, 'in')) {
    elts.push(parseTarget(p));
    if (!acceptChar(p, ',')) break;
  }
  return { type: 'TupleTarget', elts, start, end: p.index };
}

function parseTarget(p: Cursor): Target {
  p.gobbleSpaces();
  const start = p.index;
  const closer = p.char === '(' ? ')' : p.char === '[' ? ']' : '';
  if (closer !== '') {
    p.index++;
    enter(p);
    const elts: Target[] = [];
    while (!acceptChar(p, closer)) {
      elts.push(parseTarget(p));
      if (!acceptChar(p, ',')) { expectChar(p, closer); break; }
    }
    leave(p);
    return { type: 'TupleTarget', elts, start, end: p.index };
  }
  const { name, end } = readIdentifier(p);
  return { type: 'Name', id: name, start, end };
}
