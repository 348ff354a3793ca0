/**
 * PostgreSQL's `LIKE` (case-sensitive, backslash escapes), as datanommer's
 * `contains` filter runs it: `%` is any run of characters, `_` exactly one.
 * Matching is greedy over `%`-separated segments, so it takes
 * O(text x pattern) time whatever the pattern, unlike a regular expression.
 *
 * Characters are code points, as in PostgreSQL. The texts matched are
 * datanommer's json.dumps, which escapes everything outside ASCII, so code
 * points and UTF-16 units almost always coincide: the matcher works on the
 * string itself and only splits a text into code points when the pattern
 * could tell the difference (a `_`, or a surrogate in the pattern) and the
 * text holds a surrogate.
 */
type Segment = { text: string[]; wild: boolean[] };

/** A segment as UTF-16 runs: literal runs at fixed unit offsets, `_` filling the gaps. */
type UnitSegment = { length: number; runs: Array<{ at: number; literal: string }> };

const SURROGATE = /[\uD800-\uDFFF]/;
const WILDCARDS = /[%_\\]/;

interface Parsed {
  segments: Segment[];
  /** The pattern's characters hold a `_` wildcard or a surrogate: code points and units may differ on a text with surrogates. */
  unitSensitive: boolean;
}

function parse(pattern: string): Parsed {
  const segments: Segment[] = [{ text: [], wild: [] }];
  const chars = Array.from(pattern);
  let unitSensitive = SURROGATE.test(pattern);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const current = segments[segments.length - 1]!;
    if (ch === '%') segments.push({ text: [], wild: [] });
    else if (ch === '_') { current.text.push(''); current.wild.push(true); unitSensitive = true; }
    else {
      const literal = ch === '\\' && i + 1 < chars.length ? chars[++i]! : ch;
      current.text.push(literal);
      current.wild.push(false);
    }
  }
  return { segments, unitSensitive };
}

function toUnits(seg: Segment): UnitSegment {
  const runs: UnitSegment['runs'] = [];
  let at = 0;
  let literal = '';
  let start = 0;
  for (let j = 0; j < seg.text.length; j++) {
    if (seg.wild[j]) {
      if (literal !== '') runs.push({ at: start, literal });
      literal = '';
      at += 1;
      start = at;
    } else {
      literal += seg.text[j]!;
      at += seg.text[j]!.length;
    }
  }
  if (literal !== '') runs.push({ at: start, literal });
  return { length: at, runs };
}

/**
 * The exact matcher: the text split into code points on every call. The
 * reference the fast matcher is tested against, and its fallback.
 */
export function exactLikeMatcher(pattern: string): (text: string) => boolean {
  if (!WILDCARDS.test(pattern)) return (text) => text === pattern;
  const { segments } = parse(pattern);
  const anchoredStart = !pattern.startsWith('%');
  return (input) => matchSegments(Array.from(input), segments, anchoredStart);
}

const compiled = new Map<string, (text: string) => boolean>();
const COMPILED_LIMIT = 10_000;

/** Rules ask with the same few patterns on every query: compile each once. */
function cached(key: string, make: () => (text: string) => boolean): (text: string) => boolean {
  let m = compiled.get(key);
  if (m === undefined) {
    if (compiled.size >= COMPILED_LIMIT) compiled.clear();
    compiled.set(key, (m = make()));
  }
  return m;
}

export function likeMatcher(pattern: string): (text: string) => boolean {
  return cached(`L${pattern}`, () => compileLike(pattern));
}

function compileLike(pattern: string): (text: string) => boolean {
  if (!WILDCARDS.test(pattern)) return (text) => text === pattern;
  const { segments, unitSensitive } = parse(pattern);
  const units = segments.map(toUnits);
  const exact = exactLikeMatcher(pattern);
  // Without `_` and surrogates in the pattern every unit match falls on code point boundaries, whatever the text.
  if (!unitSensitive) return (text) => matchUnits(text, units);
  return (text) => (SURROGATE.test(text) ? exact(text) : matchUnits(text, units));
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

function unitsAt(text: string, at: number, seg: UnitSegment): boolean {
  if (at + seg.length > text.length) return false;
  for (const run of seg.runs) if (!text.startsWith(run.literal, at + run.at)) return false;
  return true;
}

/** The leftmost place at or after `from` where the segment matches and ends by `end`; -1 if none. */
function findUnits(text: string, from: number, end: number, seg: UnitSegment): number {
  if (seg.runs.length === 0) return from + seg.length <= end ? from : -1;
  const lead = seg.runs[0]!;
  for (let at = from; at + seg.length <= end;) {
    const hit = text.indexOf(lead.literal, at + lead.at);
    if (hit < 0) return -1;
    const start = hit - lead.at;
    if (start + seg.length > end) return -1;
    if (unitsAt(text, start, seg)) return start;
    at = start + 1;
  }
  return -1;
}

/** matchSegments over UTF-16 units; `%` splits the pattern, so there are always at least two segments here or one without `%`. */
function matchUnits(text: string, segments: UnitSegment[]): boolean {
  const first = segments[0]!;
  if (segments.length === 1) return text.length === first.length && unitsAt(text, 0, first);
  if (!unitsAt(text, 0, first)) return false;
  let pos = first.length;
  const last = segments[segments.length - 1]!;
  const lastStart = text.length - last.length;
  if (lastStart < pos || !unitsAt(text, lastStart, last)) return false;
  for (let s = 1; s < segments.length - 1; s++) {
    const seg = segments[s]!;
    const found = findUnits(text, pos, lastStart, seg);
    if (found < 0) return false;
    pos = found + seg.length;
  }
  return true;
}

/** datanommer's `contains`: `LIKE '%value%'`. A plain value is a substring search. */
export function containsMatcher(value: string): (text: string) => boolean {
  return cached(`C${value}`, () => {
    // A surrogate in the value could match half of a pair in the text, which LIKE never does.
    if (!WILDCARDS.test(value) && !SURROGATE.test(value)) return (text) => text.includes(value);
    return compileLike(`%${value}%`);
  });
}
