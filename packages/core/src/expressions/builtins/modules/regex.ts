import { RE2JS } from 're2js';
import { ExpressionError, limitError } from '../../errors.js';
import { tick } from '../../limits.js';

/**
 * Regular expressions run on RE2 (re2js): matching time is linear in the
 * input, so no pattern can backtrack catastrophically. RE2 reads Python's
 * syntax (`(?P<name>...)`, `(?i)`, `\A`); what it cannot do in linear time —
 * backreferences and lookaround — is refused with a clear error.
 *
 * Linear in the input is not cheap in itself: RE2's automaton costs time in
 * proportion to the input's length times the size of the compiled program
 * (up to a quarter of a microsecond per character and instruction here). So
 * programs are bounded in size before they are compiled, compiling is paid
 * for, and every search pays for the input it can have read (see `search` in
 * re-module.ts).
 */
export const FLAGS = { IGNORECASE: 2, I: 2, MULTILINE: 8, M: 8, DOTALL: 16, S: 16, ASCII: 256, A: 256, UNICODE: 32, U: 32, VERBOSE: 64, X: 64, NOFLAG: 0 } as const;

export const MAX_PATTERN_LENGTH = 10_000;

/** Largest program a pattern may compile to, as estimated by `analysePattern`. */
export const MAX_PROGRAM_SIZE = 5_000;

/** Steps charged per estimated instruction when a pattern is compiled (about 9 µs per instruction measured). */
const COMPILE_STEPS_PER_INSTRUCTION = 50;

/** Character × instruction units of automaton work per step (about 0.25 µs each at worst, measured). */
const UNITS_PER_STEP = 2;

const cache = new Map<string, RE2JS>();
const CACHE_ENTRIES = 2_000;
/** Instructions the cache may hold in all, so that it cannot grow to gigabytes of large programs. */
const CACHE_INSTRUCTIONS = 200_000;
let cachedInstructions = 0;

/** Python's `\Z` is RE2's `\z`; everything else RE2 reads as written. */
function translate(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\') {
      const next = pattern[i + 1] ?? '';
      out += !inClass && next === 'Z' ? '\\z' : ch + next;
      i++;
      continue;
    }
    if (ch === '[' && !inClass) inClass = true;
    else if (ch === ']' && inClass) inClass = false;
    out += ch;
  }
  return out;
}

function explain(message: string, pattern: string): string {
  if (/\(\?P=|\\[1-9]/.test(pattern) || message.includes('invalid escape sequence: `\\1')) {
    return `backreferences are not supported (patterns must run in linear time): ${message}`;
  }
  if (/\(\?<?[=!]/.test(pattern)) return `lookahead and lookbehind are not supported (patterns must run in linear time): ${message}`;
  return message;
}

/**
 * Read from a pattern's text without compiling it: an upper bound on the
 * number of instructions it compiles to (every atom is an instruction or two,
 * `x{n,m}` is up to m copies of x, and so on through nested groups; it
 * overestimates, a counted repeat about twice, which is the safe side), and
 * the longest text it can match, in code points (Infinity when a `*`, `+` or
 * `{n,}` repeats something that is not empty).
 */
export function analysePattern(pattern: string): { size: number; maxLength: number } {
  // Per group: size and length of the alternatives closed so far, of the current one, and of its last atom.
  type Frame = { done: number; current: number; last: number; lenDone: number; len: number; lenLast: number };
  const frame = (): Frame => ({ done: 0, current: 0, last: 0, lenDone: 0, len: 0, lenLast: 0 });
  const stack: Frame[] = [];
  let top = frame();
  const atom = (size: number, length: number): void => {
    top.current += size;
    top.last = size;
    top.len += length;
    top.lenLast = length;
  };
  const close = (): void => {
    const size = top.done + top.current + 4;
    const length = Math.max(top.lenDone, top.len);
    top = stack.pop() ?? frame();
    atom(size, length);
  };
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\') {
      const next = pattern[i + 1] ?? '';
      i++;
      if ((next === 'p' || next === 'P' || next === 'x') && pattern[i + 1] === '{') {
        const end = pattern.indexOf('}', i);
        if (end > 0) i = end;
      } else if (next === 'p' || next === 'P') i++;
      // Assertions match no text.
      atom(2, 'bBAzZ'.includes(next) && next !== '' ? 0 : 1);
    } else if (ch === '[') {
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      for (; j < pattern.length && pattern[j] !== ']'; j++) {
        if (pattern[j] === '\\') j++;
        else if (pattern[j] === '[' && pattern[j + 1] === ':') {
          const end = pattern.indexOf(':]', j + 2);
          if (end > 0) j = end + 1;
        }
      }
      i = j;
      atom(2, 1);
    } else if (ch === '(') {
      stack.push(top);
      top = frame();
      if (pattern[i + 1] === '?') {
        // (?:  (?P<name>  (?<name>  (?i)  (?i:  — skip the prefix; a flags-only group is empty.
        let j = i + 2;
        while (j < pattern.length && !':)>'.includes(pattern[j]!)) j++;
        if (pattern[j] === ')') {
          top = stack.pop()!;
          i = j;
          continue;
        }
        i = j;
      }
    } else if (ch === ')') {
      close();
    } else if (ch === '|') {
      top.done += top.current + 2;
      top.current = 0;
      top.last = 0;
      top.lenDone = Math.max(top.lenDone, top.len);
      top.len = 0;
      top.lenLast = 0;
    } else if (ch === '*' || ch === '+' || ch === '?') {
      top.current += 2;
      if (ch !== '?' && top.lenLast > 0) top.len = top.lenLast = Infinity;
    } else if (ch === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i, i + 24));
      if (m === null) { atom(1, 1); continue; }
      const unbounded = m[2] !== undefined && !m[3];
      const times = Math.max(Number(m[1]), m[3] ? Number(m[3]) : 0) + (unbounded ? 1 : 0);
      const repeated = (top.last + 2) * Math.max(1, times);
      top.current += repeated - top.last;
      top.last = repeated;
      const length = unbounded ? (top.lenLast > 0 ? Infinity : 0) : top.lenLast * Math.max(1, times);
      top.len += length - top.lenLast;
      top.lenLast = length;
      i += m[0].length - 1;
    } else {
      atom(1, ch === '^' || ch === '$' ? 0 : 1);
    }
    if (top.done + top.current > MAX_PROGRAM_SIZE * 4) return { size: top.done + top.current, maxLength: Infinity };
  }
  while (stack.length > 0) close();
  return { size: top.done + top.current + 4, maxLength: Math.max(top.lenDone, top.len) };
}

/** Compile (or find in the cache) a pattern; inside an evaluation, a new compilation is paid for. */
export function compileRegex(pattern: string, flags: number): RE2JS {
  const key = `${flags}:${pattern}`;
  const cached = cache.get(key);
  if (cached) return cached;
  if (pattern.length > MAX_PATTERN_LENGTH) throw limitError(`regular expression longer than ${MAX_PATTERN_LENGTH} characters`);
  if (flags & FLAGS.VERBOSE) throw new ExpressionError('regex-error', 're.VERBOSE is not supported');
  const { size, maxLength } = analysePattern(pattern);
  if (size > MAX_PROGRAM_SIZE) {
    throw limitError(`regular expression too large: more than ${MAX_PROGRAM_SIZE} instructions once its repeats are expanded`);
  }
  tick(size * COMPILE_STEPS_PER_INSTRUCTION);
  let re2Flags = 0;
  if (flags & FLAGS.IGNORECASE) re2Flags |= RE2JS.CASE_INSENSITIVE;
  if (flags & FLAGS.MULTILINE) re2Flags |= RE2JS.MULTILINE;
  if (flags & FLAGS.DOTALL) re2Flags |= RE2JS.DOTALL;
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(translate(pattern), re2Flags);
  } catch (error) {
    throw new ExpressionError('regex-error', explain((error as Error).message, pattern));
  }
  const instructions = instructionsOf(compiled);
  while (cache.size > 0 && (cache.size >= CACHE_ENTRIES || cachedInstructions + instructions > CACHE_INSTRUCTIONS)) {
    const [oldest, evicted] = cache.entries().next().value as [string, RE2JS];
    cache.delete(oldest);
    cachedInstructions -= instructionsOf(evicted);
  }
  cache.set(key, compiled);
  cachedInstructions += instructions;
  // In UTF-16 code units, as inputs are measured: a code point takes at most two.
  longestMatch.set(compiled, 2 * maxLength);
  return compiled;
}

const longestMatch = new WeakMap<RE2JS, number>();

/** The longest text a compiled pattern can match, in UTF-16 code units (Infinity if unbounded). */
export function longestMatchOf(re: RE2JS): number {
  return longestMatch.get(re) ?? Infinity;
}

function instructionsOf(re: RE2JS): number {
  const n = Number(re.re2().numberOfInstructions());
  return Number.isFinite(n) && n > 0 ? n : MAX_PROGRAM_SIZE;
}

/**
 * Steps to pay before searching `length` characters: the automaton's work,
 * characters times instructions. A pattern that is a plain literal is found
 * by a string search instead, at string-scan cost.
 */
export function searchCost(re: RE2JS, length: number): number {
  if (isLiteral(re)) return 1 + (length >> 6);
  return 1 + Math.ceil((length * instructionsOf(re)) / UNITS_PER_STEP);
}

/** A pattern without special characters or groups: RE2 finds it with a string search, which stops at the match. */
export function isLiteral(re: RE2JS): boolean {
  const program = re.re2();
  return program.prefixComplete === true && program.numberOfCapturingGroups() === 0;
}
