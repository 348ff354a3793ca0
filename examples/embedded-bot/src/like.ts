/**
 * PostgreSQL's `LIKE` as datanommer's `contains` filter uses it: `%` is any
 * run of characters, `_` exactly one, a backslash makes the next character
 * literal, and the match is case-sensitive. Characters are code points.
 *
 * A rule's `contains` values come from rule authors, so this does not build
 * a regular expression (a pattern like `%a%a%a%a%b` can make a backtracking
 * engine take exponential time): the pattern is split at `%` and each piece
 * is found leftmost, in order, which is exact because every piece has a
 * fixed length.
 */
interface Piece {
  /** One entry per character; null is `_`. */
  readonly chars: ReadonlyArray<string | null>;
}

function parse(pattern: string): Piece[] {
  const pieces: Array<Array<string | null>> = [[]];
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === '%') pieces.push([]);
    else if (ch === '_') pieces[pieces.length - 1]!.push(null);
    else if (ch === '\\' && i + 1 < chars.length) pieces[pieces.length - 1]!.push(chars[++i]!);
    else pieces[pieces.length - 1]!.push(ch);
  }
  return pieces.map((p) => ({ chars: p }));
}

function pieceAt(text: readonly string[], at: number, piece: Piece): boolean {
  if (at + piece.chars.length > text.length) return false;
  return piece.chars.every((c, j) => c === null || c === text[at + j]);
}

/** Does `text` match the LIKE `pattern`, as a whole? */
export function like(pattern: string, text: string): boolean {
  const pieces = parse(pattern);
  const chars = Array.from(text);
  const first = pieces[0]!;
  if (pieces.length === 1) return chars.length === first.chars.length && pieceAt(chars, 0, first);
  // The first piece is anchored at the start, the last at the end, the others float in between.
  const last = pieces[pieces.length - 1]!;
  const lastAt = chars.length - last.chars.length;
  if (!pieceAt(chars, 0, first) || lastAt < first.chars.length || !pieceAt(chars, lastAt, last)) return false;
  let pos = first.chars.length;
  for (const piece of pieces.slice(1, -1)) {
    let found = -1;
    for (let at = pos; at + piece.chars.length <= lastAt; at++) {
      if (pieceAt(chars, at, piece)) { found = at; break; }
    }
    if (found < 0) return false;
    pos = found + piece.chars.length;
  }
  return true;
}
