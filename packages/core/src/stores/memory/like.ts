/**
 * PostgreSQL's `LIKE` (case-sensitive, backslash escapes), as datanommer's
 * `contains` filter runs it: `%` is any run of characters, `_` exactly one.
 * Matching is greedy over `%`-separated segments, so it takes
 * O(text x pattern) time whatever the pattern, unlike a regular expression.
 */
type Segment = { text: string[]; wild: boolean[] };

export function likeMatcher(pattern: string): (text: string) => boolean {
  if (!/[%_\\]/.test(pattern)) return (text) => text === pattern;
  const segments: Segment[] = [{ text: [], wild: [] }];
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const current = segments[segments.length - 1]!;
    if (ch === '%') segments.push({ text: [], wild: [] });
    else if (ch === '_') { current.text.push(''); current.wild.push(true); }
    else {
      const literal = ch === '\\' && i + 1 < chars.length ? chars[++i]! : ch;
      current.text.push(literal);
      current.wild.push(false);
    }
  }
  const anchoredStart = !pattern.startsWith('%');
  return (input) => matchSegments(Array.from(input), segments, anchoredStart);
}

function segmentAt(text: string[], at: number, seg: Segment): boolean {
  if (at + seg.text.length > text.length) return false;
  for (let j = 0; j < seg.text.length; j++) {
    if (!seg.wild[j] && text[at + j] !== seg.text[j]) return false;
  }
  return true;
}

function matchSegments(text: string[], segments: Segment[], anchoredStart: boolean): boolean {
  const first = segments[0]!;
  if (segments.length === 1) return text.length === first.text.length && segmentAt(text, 0, first);
  let pos = 0;
  if (anchoredStart || first.text.length > 0) {
    if (!segmentAt(text, 0, first)) return false;
    pos = first.text.length;
  }
  const last = segments[segments.length - 1]!;
  const lastStart = text.length - last.text.length;
  if (lastStart < pos || !segmentAt(text, lastStart, last)) return false;
  for (let s = 1; s < segments.length - 1; s++) {
    const seg = segments[s]!;
    let found = -1;
    for (let at = pos; at + seg.text.length <= lastStart; at++) {
      if (segmentAt(text, at, seg)) { found = at; break; }
    }
    if (found < 0) return false;
    pos = found + seg.text.length;
  }
  return true;
}

/** datanommer's `contains`: `LIKE '%value%'`. A plain value is a substring search. */
export function containsMatcher(value: string): (text: string) => boolean {
  if (!/[%_\\]/.test(value)) return (text) => text.includes(value);
  return likeMatcher(`%${value}%`);
}
