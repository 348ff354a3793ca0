import { type Cursor, KEYWORDS, acceptChar, enter, expectChar, isIdentifierStart, leave, peekWord, readIdentifier } from './cursor.js';
import { atKeyword, parseComprehensionClauses } from './atoms.js';
import type { Keyword, Node } from './nodes.js';
import { parseTest } from './operators.js';

/** Attribute access, calls and subscripts following an atom: `a.b(c)[d:e]`. */
export function parseTrailers(p: Cursor, atom: Node): Node {
  let node = atom;
  for (;;) {
    p.gobbleSpaces();
    const c = p.char;
    if (c === '.') {
      p.index++;
      const { name, start } = readIdentifier(p);
      node = { type: 'Attribute', value: node, attr: name, attrStart: start, start: node.start, end: p.index };
    } else if (c === '(') {
      node = parseCall(p, node);
    } else if (c === '[') {
      node = parseSubscript(p, node);
    } else if (c === '?' && p.expr[p.index + 1] === '.') {
      p.throwError("'?.' is JavaScript; use x.get(...) or 'x if x else None'");
    } else {
      return node;
    }
  }
}

function parseCall(p: Cursor, func: Node): Node {
  const open = p.index;
  p.index++;
  enter(p);
  const args: Node[] = [];
  const keywords: Keyword[] = [];
  try {
    while (!acceptChar(p, ')')) {
      p.gobbleSpaces();
      if (p.char === '*') p.throwError('Argument unpacking with * or ** is not supported');
      const keyword = tryKeywordName(p);
      if (keyword !== null) {
        const value = parseTest(p);
        if (keywords.some((k) => k.name === keyword.name)) p.throwError(`Keyword argument '${keyword.name}' repeated`);
        keywords.push({ name: keyword.name, value, start: keyword.start, end: value.end });
      } else {
        if (keywords.length > 0) p.throwError('Positional argument follows keyword argument');
        const arg = parseTest(p);
        if (atKeyword(p, 'for')) {
          if (args.length > 0) p.throwError('A generator expression must be parenthesized when it is not the only argument');
          const generators = parseComprehensionClauses(p);
          args.push({ type: 'Comprehension', kind: 'generator', elt: arg, value: null, generators, start: arg.start, end: p.index });
          expectChar(p, ')', { ch: '(', at: open });
          break;
        }
        args.push(arg);
      }
      if (!acceptChar(p, ',')) { expectChar(p, ')', { ch: '(', at: open }); break; }
    }
  } finally {
    leave(p);
  }
  return { type: 'Call', func, args, keywords, start: func.start, end: p.index };
}

/** `name=` at the cursor (but not `name==`) is a keyword argument. */
function tryKeywordName(p: Cursor): { name: string; start: number } | null {
  const save = p.index;
  if (!isIdentifierStart(p.code) || KEYWORDS.has(peekWord(p))) return null;
  const { name, start } = readIdentifier(p);
  p.gobbleSpaces();
  if (p.char === '=' && p.expr[p.index + 1] !== '=') {
    p.index++;
    return { name, start };
  }
  p.index = save;
  return null;
}

function parseSubscript(p: Cursor, value: Node): Node {
  const open = p.index;
  p.index++;
  enter(p);
  try {
    const items: Node[] = [parseSubscriptItem(p)];
    let tuple = false;
    while (acceptChar(p, ',')) {
      tuple = true;
      p.gobbleSpaces();
      if (p.char === ']') break;
      items.push(parseSubscriptItem(p));
    }
    expectChar(p, ']', { ch: '[', at: open });
    const index: Node = tuple ? { type: 'Tuple', elts: items, start: items[0]!.start, end: items[items.length - 1]!.end } : items[0]!;
    return { type: 'Subscript', value, index, start: value.start, end: p.index };
  } finally {
    leave(p);
  }
}

/** An index or a slice `lower:upper:step`, each part optional. */
function parseSubscriptItem(p: Cursor): Node {
  p.gobbleSpaces();
  const start = p.index;
  const lower = p.char === ':' ? null : parseTest(p);
  if (!acceptChar(p, ':')) {
    if (lower === null) p.throwError('Expected an index');
    return lower!;
  }
  const part = (): Node | null => {
    p.gobbleSpaces();
    return p.char === ':' || p.char === ']' || p.char === ',' ? null : parseTest(p);
  };
  const upper = part();
  const step = acceptChar(p, ':') ? part() : null;
  return { type: 'Slice', lower, upper, step, start, end: p.index };
}
