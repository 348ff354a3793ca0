import type jsep from 'jsep';

/**
 * What the grammar needs from a jsep parser instance: its cursor, the
 * whitespace skipper and its error reporter. The Python state rides on the
 * instance under a symbol, so hooks can tell our parses from anybody else's
 * use of jsep in the same process and leave those alone.
 */
export const PYTHON = Symbol('accolade.python-grammar');

export interface PythonState {
  depth: number;
  maxDepth: number;
}

export type Cursor = jsep.HookScope & { [PYTHON]?: PythonState };

export const isIdentifierStart = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c >= 0x80;

export const isIdentifierPart = (c: number): boolean => isIdentifierStart(c) || (c >= 48 && c <= 57);

export const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Python's reserved words; apart from True, False and None none of them is a value. */
export const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue',
  'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in',
  'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);

/** The identifier at the cursor, without consuming it ('' if none). */
export function peekWord(p: Cursor): string {
  const { expr } = p;
  let i = p.index;
  if (i >= expr.length || !isIdentifierStart(expr.charCodeAt(i))) return '';
  i++;
  while (i < expr.length && isIdentifierPart(expr.charCodeAt(i))) i++;
  return expr.slice(p.index, i);
}

/** Consume `word` if it is the next identifier (after spaces). */
export function acceptKeyword(p: Cursor, word: string): boolean {
  p.gobbleSpaces();
  if (peekWord(p) !== word) return false;
  p.index += word.length;
  return true;
}

export function expectKeyword(p: Cursor, word: string): void {
  if (!acceptKeyword(p, word)) p.throwError(`Expected '${word}'`);
}

export function readIdentifier(p: Cursor): { name: string; start: number; end: number } {
  p.gobbleSpaces();
  const start = p.index;
  const name = peekWord(p);
  if (name === '') p.throwError(p.index >= p.expr.length ? 'Expected a name but the expression ended' : `Expected a name, found '${p.char}'`);
  if (KEYWORDS.has(name)) p.throwError(`'${name}' is a keyword and cannot be used as a name`);
  p.index += name.length;
  // Python reads identifiers in NFKC form (PEP 3131): a full-width `ｅｖａｌ` is `eval`.
  return { name: name.normalize('NFKC'), start, end: p.index };
}

/** Consume the single character `ch` if it is next (after spaces). */
export function acceptChar(p: Cursor, ch: string): boolean {
  p.gobbleSpaces();
  if (p.char !== ch) return false;
  p.index++;
  return true;
}

export function expectChar(p: Cursor, ch: string, opened?: { ch: string; at: number }): void {
  if (acceptChar(p, ch)) return;
  if (p.index >= p.expr.length) {
    p.throwError(opened ? `'${opened.ch}' opened at character ${opened.at} was never closed` : `Expected '${ch}' but the expression ended`);
  }
  p.throwError(`Expected '${ch}', found '${p.char}'`);
}

/** Guards recursion so that deeply nested input fails fast instead of overflowing the stack. */
export function enter(p: Cursor): void {
  const state = p[PYTHON]!;
  if (++state.depth > state.maxDepth) {
    p.throwError(`Expression nested too deeply (more than ${state.maxDepth} levels)`);
  }
}

export function leave(p: Cursor): void {
  p[PYTHON]!.depth--;
}
