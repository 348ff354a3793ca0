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
 * (up to a quarter of a microsecond per character and instruction here), and
 * a search for every match (findall, sub, split) may read the rest of the
 * input once per match. So programs are bounded in size before they are
 * compiled, compiling is paid for, and every search pays for the input it
 * may read (see `searchCost`).
 */
export const FLAGS = { IGNORECASE: 2, I: 2, MULTILINE: 8, M: 8, DOTALL: 16, S: 16, ASCII: 256, A: 256, UNICODE: 32, U: 32, VERBOSE: 64, X: 64, NOFLAG: 0 } as const;

export const MAX_PATTERN_LENGTH = 10_000;

/** Largest program a pattern may compile to, as estimated by `programSize`. */
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
 * An upper bound on the number of instructions `pattern` compiles to, read
 * from its text without compiling it: every atom is an instruction or two,
 * `x{n,m}` is up to m copies of x, and so on through nested groups. It
 * overestimates (a counted repeat about twice), which is the safe side.
 */
export function programSize(pattern: string): number {
  type Frame = { done: number; current: number; last: number };
  const stack: Frame[] = [];
  let top: Frame = { done: 0, current: 0, last: 0 };
  const atom = (size: number): void => { top.current += size; top.last = size; };
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\') {
      const next = pattern[i + 1] ?? '';
      i++;
      if ((next === 'p' || next === 'P' || next === 'x') && pattern[i + 1] === '{') {
        const close = pattern.indexOf('}', i);
        if (close > 0) i = close;
      } else if (next === 'p' || next === 'P') i++;
      atom(2);
    } else if (ch === '[') {
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      for (; j < pattern.length && pattern[j] !== ']'; j++) {
        if (pattern[j] === '\\') j++;
        else if (pattern[j] === '[' && pattern[j + 1] === ':') {
          const close = pattern.indexOf(':]', j + 2);
          if (close > 0) j = close + 1;
        }
      }
      i = j;
      atom(2);
    } else if (ch === '(') {
      stack.push(top);
      top = { done: 0, current: 0, last: 0 };
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
      const inner = top.done + top.current + 4;
      top = stack.pop() ?? { done: 0, current: 0, last: 0 };
      atom(inner);
    } else if (ch === '|') {
      top.done += top.current + 2;
      top.current = 0;
      top.last = 0;
    } else if (ch === '*' || ch === '+' || ch === '?') {
      top.current += 2;
    } else if (ch === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i, i + 24));
      if (m === null) { atom(1); continue; }
      const times = Math.max(Number(m[1]), m[3] ? Number(m[3]) : 0) + (m[2] !== undefined && !m[3] ? 1 : 0);
      const repeated = (top.last + 2) * Math.max(1, times);
      top.current += repeated - top.last;
      top.last = repeated;
      i += m[0].length - 1;
    } else {
      atom(1);
    }
    if (top.done + top.current > MAX_PROGRAM_SIZE * 4) return top.done + top.current;
  }
  while (stack.length > 0) {
    const inner = top.done + top.current + 4;
    top = stack.pop()!;
    atom(inner);
  }
  return top.done + top.current + 4;
}

/** Compile (or find in the cache) a pattern; inside an evaluation, a new compilation is paid for. */
export function compileRegex(pattern: string, flags: number): RE2JS {
  const key = `${flags}:${pattern}`;
  const cached = cache.get(key);
  if (cached) return cached;
  if (pattern.length > MAX_PATTERN_LENGTH) throw limitError(`regular expression longer than ${MAX_PATTERN_LENGTH} characters`);
  if (flags & FLAGS.VERBOSE) throw new ExpressionError('regex-error', 're.VERBOSE is not supported');
  const size = programSize(pattern);
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
  return compiled;
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
