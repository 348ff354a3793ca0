import { RE2JS } from 're2js';
import { ExpressionError, limitError } from '../../errors.js';

/**
 * Regular expressions run on RE2 (re2js): matching time is linear in the
 * input, so no pattern can backtrack catastrophically. RE2 reads Python's
 * syntax (`(?P<name>...)`, `(?i)`, `\A`); what it cannot do in linear time —
 * backreferences and lookaround — is refused with a clear error.
 */
export const FLAGS = { IGNORECASE: 2, I: 2, MULTILINE: 8, M: 8, DOTALL: 16, S: 16, ASCII: 256, A: 256, UNICODE: 32, U: 32, VERBOSE: 64, X: 64, NOFLAG: 0 } as const;

export const MAX_PATTERN_LENGTH = 10_000;
const cache = new Map<string, RE2JS>();
const CACHE_SIZE = 2_000;

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

export function compileRegex(pattern: string, flags: number): RE2JS {
  const key = `${flags}:${pattern}`;
  const cached = cache.get(key);
  if (cached) return cached;
  if (pattern.length > MAX_PATTERN_LENGTH) throw limitError(`regular expression longer than ${MAX_PATTERN_LENGTH} characters`);
  if (flags & FLAGS.VERBOSE) throw new ExpressionError('regex-error', 're.VERBOSE is not supported');
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
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(key, compiled);
  return compiled;
}
