import { ExpressionError, typeError, valueError } from '../../errors.js';
import { dictOf } from '../../python/equality.js';
import { afford, charge, chargeSize, checkCollectionSize, checkStringLength } from '../../limits.js';
import { pyRepr } from '../../python/repr.js';
import {
  type CallContext, type Kwargs, PyBuiltin, PyCallable, PyMatch, PyModule, PyObject, PyTuple, typeName,
} from '../../python/values.js';
import { FLAGS, compileRegex, longestMatchOf, searchCost } from './regex.js';
import type { Matcher, RE2JS } from 're2js';

type Mode = 'search' | 'match' | 'fullmatch';

function text(value: unknown, what: string): string {
  if (typeof value !== 'string') throw typeError(`${what} must be str, not ${typeName(value)}`);
  return value;
}

function flagsOf(value: unknown): number {
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw typeError('flags must be an int');
  return value;
}

function toMatch(matcher: ReturnType<RE2JS['matcher']>, re: RE2JS, input: string): PyMatch {
  const n = matcher.groupCount();
  const groups: Array<string | null> = [];
  const spans: Array<[number, number]> = [];
  for (let g = 0; g <= n; g++) {
    const value = matcher.group(g);
    groups.push(value);
    spans.push(value === null ? [-1, -1] : [matcher.start(g), matcher.end(g)]);
  }
  return new PyMatch(groups, spans, re.namedGroups(), input);
}

/**
 * One search from `from`, paid for by what it can have read. RE2's automaton
 * reads the input until it knows the match; once one has started, every
 * thread it still runs is a match in progress that began no later, so it
 * stops within the longest possible match of the match's start. A search is
 * first checked to be affordable over all the rest of the input (it may find
 * nothing), then pays for the input up to the match's start plus the longest
 * possible match, or for the rest of the input. A pattern whose matches have
 * no bound in length (`a.*b|a`) pays for the rest of the input every time:
 * searching it for every match costs the square of the input's length, and
 * the budget stops that.
 */
function search(m: Matcher, re: RE2JS, input: string, from: number, mode: Mode, ctx: CallContext): boolean {
  const rest = input.length - from;
  afford(ctx, searchCost(re, rest));
  const found = mode === 'search' ? m.find() : mode === 'match' ? m.lookingAt() : m.matches();
  const longest = longestMatchOf(re);
  const read = mode === 'search' && found ? m.start(0) - from + longest : mode === 'search' ? rest : longest;
  charge(ctx, searchCost(re, Math.max(0, Math.min(rest, read))));
  return found;
}

function matchOnce(pattern: string, input: string, flags: number, mode: Mode, ctx: CallContext): PyMatch | null {
  const re = compileRegex(pattern, flags);
  const m = re.matcher(input);
  return search(m, re, input, 0, mode, ctx) ? toMatch(m, re, input) : null;
}

/** Every non-overlapping match, each search paid for as `search` says. */
function* allMatches(pattern: string, input: string, flags: number, ctx: CallContext): Generator<PyMatch> {
  const re = compileRegex(pattern, flags);
  const m = re.matcher(input);
  let from = 0;
  for (;;) {
    charge(ctx, MATCH_STEPS);
    if (!search(m, re, input, from, 'search', ctx)) return;
    const start = m.start(0);
    const end = m.end(0);
    from = end > start ? end : end + 1;
    yield toMatch(m, re, input);
  }
}

/** Building a match object, its groups and spans, takes several microseconds: several steps. */
const MATCH_STEPS = 8;

/** Expand a Python replacement template: \1, \g<1>, \g<name>, \n and friends. */
function expandTemplate(template: string, match: PyMatch): string {
  return template.replace(/\\(?:g<([^>]*)>|(\d{1,2})|(.))/gs, (whole, named: string | undefined, number: string | undefined, other: string | undefined) => {
    if (other !== undefined) {
      const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', a: '\x07', f: '\f', v: '\v', b: '\b' };
      if (simple[other] !== undefined) return simple[other]!;
      if (/[a-zA-Z]/.test(other)) throw valueError(`bad escape \\${other} in the replacement template`);
      return whole;
    }
    return groupOf(match, named ?? Number(number)) ?? '';
  });
}

function groupIndex(match: PyMatch, which: unknown): number {
  if (typeof which === 'number' && Number.isInteger(which) && which >= 0 && which < match.groups.length) return which;
  if (typeof which === 'string' && /^\d+$/.test(which) && Number(which) < match.groups.length) return Number(which);
  if (typeof which === 'string' && match.names[which] !== undefined) return match.names[which]!;
  throw new ExpressionError('index-error', `no such group: ${pyRepr(which)}`);
}

function groupOf(match: PyMatch, which: unknown): string | null {
  return match.groups[groupIndex(match, which)] ?? null;
}

function substitute(args: readonly unknown[], kw: Kwargs, ctx: CallContext, limit: number): [string, number] {
  const [patternArg, repl, stringArg] = args;
  const pattern = text(patternArg, 'pattern');
  const input = text(stringArg, 'string');
  const count = Number(args[3] ?? kw.get('count') ?? 0) || limit;
  let out = '';
  let last = 0;
  let n = 0;
  for (const match of allMatches(pattern, input, flagsOf(args[4] ?? kw.get('flags')), ctx)) {
    if (count > 0 && n >= count) break;
    const [start, end] = match.spans[0]!;
    out += input.slice(last, start);
    if (repl instanceof PyCallable) {
      const r = repl.call([match], new Map(), ctx);
      out += text(r, 'the replacement');
    } else {
      const template = text(repl, 'repl');
      chargeSize(ctx, template.length);
      out += expandTemplate(template, match);
    }
    checkStringLength(out.length, ctx.limits);
    last = end;
    n++;
  }
  out += input.slice(last);
  checkStringLength(out.length, ctx.limits);
  return [out, n];
}

const fn = (name: string, min: number, max: number, keywords: string[], impl: (args: readonly unknown[], kw: Kwargs, ctx: CallContext) => unknown): PyBuiltin =>
  new PyBuiltin(name, { min, max, keywords }, impl);

const finder = (mode: Mode): PyBuiltin => fn(mode, 2, 3, ['flags'], ([p, s, f], kw, ctx) =>
  matchOnce(text(p, 'pattern'), text(s, 'string'), flagsOf(f ?? kw.get('flags')), mode, ctx));

const findall = fn('findall', 2, 3, ['flags'], ([p, s, f], kw, ctx) => {
  const out: unknown[] = [];
  for (const m of allMatches(text(p, 'pattern'), text(s, 'string'), flagsOf(f ?? kw.get('flags')), ctx)) {
    const groups = m.groups.slice(1).map((g) => g ?? '');
    out.push(groups.length === 0 ? m.groups[0] : groups.length === 1 ? groups[0] : new PyTuple(groups));
    checkCollectionSize(out.length, ctx.limits);
  }
  return out;
});

const split = fn('split', 2, 4, ['maxsplit', 'flags'], ([p, s, max, f], kw, ctx) => {
  const input = text(s, 'string');
  const limit = Number(max ?? kw.get('maxsplit') ?? 0);
  const out: unknown[] = [];
  let last = 0;
  for (const m of allMatches(text(p, 'pattern'), input, flagsOf(f ?? kw.get('flags')), ctx)) {
    if (limit > 0 && out.length / m.groups.length >= limit) break;
    const [start, end] = m.spans[0]!;
    if (start === end && start === 0) continue;
    out.push(input.slice(last, start), ...m.groups.slice(1));
    last = end;
    checkCollectionSize(out.length, ctx.limits);
  }
  out.push(input.slice(last));
  return out;
});

const sub = fn('sub', 3, 5, ['count', 'flags'], (args, kw, ctx) => substitute(args, kw, ctx, 0)[0]);
const subn = fn('subn', 3, 5, ['count', 'flags'], (args, kw, ctx) => new PyTuple(substitute(args, kw, ctx, 0)));
const escape = fn('escape', 1, 1, [], ([s], _kw, ctx) => {
  const pattern = text(s, 'pattern');
  charge(ctx, pattern.length >> 2);
  const out = pattern.replace(/[^\p{L}\p{N}_]/gu, (c) => `\\${c}`);
  checkStringLength(out.length, ctx.limits);
  return out;
});

/** `re.compile(p)`: an object whose methods are the module functions with the pattern bound. */
const compile = fn('compile', 1, 2, ['flags'], ([p, f], kw) => {
  const pattern = text(p, 'pattern');
  const flags = flagsOf(f ?? kw.get('flags'));
  compileRegex(pattern, flags);
  const bind = (b: PyBuiltin): PyBuiltin => new PyBuiltin(
    b.name,
    { min: b.signature.min - 1, max: b.signature.max - 1, keywords: (b.signature.keywords ?? []).filter((k) => k !== 'flags') },
    (args, kwargs, ctx) => b.impl([pattern, ...args], new Map([...kwargs, ['flags', flags]]), ctx),
  );
  return new PyObject('re.Pattern', {
    pattern,
    flags,
    search: bind(finder('search')),
    match: bind(finder('match')),
    fullmatch: bind(finder('fullmatch')),
    findall: bind(findall),
    split: bind(split),
    sub: bind(sub),
    subn: bind(subn),
  });
});

export const RE_MODULE = new PyModule('re', {
  search: finder('search'),
  match: finder('match'),
  fullmatch: finder('fullmatch'),
  findall,
  split,
  sub,
  subn,
  escape,
  compile,
  ...FLAGS,
});

/** Methods of a match object. */
export const MATCH_METHODS: ReadonlyMap<string, PyBuiltin> = new Map([
  new PyBuiltin('group', { min: 1, max: Infinity }, ([self, ...which]) => {
    const m = self as PyMatch;
    if (which.length === 0) return m.groups[0];
    if (which.length === 1) return groupOf(m, which[0]);
    return new PyTuple(which.map((w) => groupOf(m, w)));
  }),
  new PyBuiltin('groups', { min: 1, max: 2, keywords: ['default'] }, ([self, dflt], kw) =>
    new PyTuple((self as PyMatch).groups.slice(1).map((g) => g ?? dflt ?? kw.get('default') ?? null))),
  new PyBuiltin('groupdict', { min: 1, max: 2, keywords: ['default'] }, ([self, dflt], kw) => {
    const m = self as PyMatch;
    return dictOf(Object.entries(m.names).map(([name, index]) => [name, m.groups[index] ?? dflt ?? kw.get('default') ?? null]));
  }),
  new PyBuiltin('start', { min: 1, max: 2 }, ([self, g]) => (self as PyMatch).spans[groupIndex(self as PyMatch, g ?? 0)]![0]),
  new PyBuiltin('end', { min: 1, max: 2 }, ([self, g]) => (self as PyMatch).spans[groupIndex(self as PyMatch, g ?? 0)]![1]),
  new PyBuiltin('span', { min: 1, max: 2 }, ([self, g]) => new PyTuple([...(self as PyMatch).spans[groupIndex(self as PyMatch, g ?? 0)]!])),
].map((m) => [m.name, m] as const));

/** `m[1]` is `m.group(1)`. */
export function matchItem(match: PyMatch, key: unknown): string | null {
  return groupOf(match, key);
}
