import { KNOWN_METHOD_NAMES, callMethod, getAttribute } from '../builtins/attributes.js';
import { MUTATING_METHODS } from '../builtins/collection-methods.js';
import { compileRegex } from '../builtins/modules/regex.js';
import { matchItem } from '../builtins/modules/re-module.js';
import { BUILTIN_NAMES, FORBIDDEN_NAMES } from '../builtins/registry.js';
import { ExpressionError, atOffset, typeError } from '../errors.js';
import type { Attribute, Call, Compare, CompareOperator, JoinedStr, Node, Subscript } from '../grammar/nodes.js';
import { charge, chargeSize, checkStringLength, sizeOf } from '../limits.js';
import { binaryOp, unaryOp } from '../python/arithmetic.js';
import { dictOf, pyEquals, setOf } from '../python/equality.js';
import { formatWithSpec } from '../python/format.js';
import { pyCompare } from '../python/ordering.js';
import { pyRepr, pyStr } from '../python/repr.js';
import { contains, getItem, getSlice } from '../python/sequences.js';
import { truthy } from '../python/truth.js';
import { PyBuiltin, PyCallable, PyMatch, PyModule, PyTuple, checkSignature, typeName } from '../python/values.js';
import type { Compiler } from './compiler.js';
import { compileComprehension, compileLambda } from './comprehensions.js';
import type { Code, Frame } from './frame.js';
import { Scope, unknownName } from './scope.js';

const EMPTY_KWARGS: ReadonlyMap<string, unknown> = new Map();

/**
 * How deep a compiled tree may be. Parsing already bounds bracket nesting;
 * a long operator chain (`1 + 1 + ...`) is flat to read but deep as a tree,
 * and evaluating it recurses once per level.
 */
export const MAX_TREE_DEPTH = 1000;

/** Compile a syntax tree into a closure over a frame; the whole tree is checked before anything runs. */
export function compileTree(tree: Node, globals: readonly string[]): { code: Code; scope: Scope } {
  const scope = new Scope(globals);
  let depth = 0;
  const compiler: Compiler = {
    scope,
    node: (n) => {
      if (++depth > MAX_TREE_DEPTH) throw new ExpressionError('limit', `expression nested too deeply (more than ${MAX_TREE_DEPTH} levels)`, n.start);
      try {
        return compileNode(compiler, n);
      } finally {
        depth--;
      }
    },
  };
  return { code: compiler.node(tree), scope };
}

/** Run `fn`; an ExpressionError without a position gets the node's. */
function located(code: Code, offset: number): Code {
  return (f) => {
    try {
      return code(f);
    } catch (error) {
      throw atOffset(error, offset);
    }
  };
}

function forbidAttribute(name: string, offset: number): void {
  if (name.startsWith('__') || name === 'constructor' || name === 'prototype') {
    throw new ExpressionError('forbidden', `attribute '${name}' is not accessible in rule expressions`, offset);
  }
}

function compileNode(c: Compiler, node: Node): Code {
  switch (node.type) {
    case 'Const': {
      const value = node.value;
      return () => value;
    }
    case 'Name': return compileName(c, node.id, node.start);
    case 'Attribute': return compileAttribute(c, node);
    case 'Subscript': return compileSubscript(c, node);
    case 'Slice': throw new ExpressionError('syntax', 'a slice is only allowed inside [ ]', node.start);
    case 'Call': return compileCall(c, node);
    case 'UnaryOp': {
      const operand = c.node(node.operand);
      if (node.op === 'not') return (f) => !truthy(operand(f));
      const op = node.op;
      return located((f) => unaryOp(op, operand(f)), node.start);
    }
    case 'BinOp': {
      const left = c.node(node.left);
      const right = c.node(node.right);
      const op = node.op;
      return located((f) => binaryOp(op, left(f), right(f), f), node.opStart);
    }
    case 'BoolOp': {
      const values = node.values.map((v) => c.node(v));
      if (node.op === 'and') {
        return (f) => {
          let result: unknown = true;
          for (const v of values) if (!truthy(result = v(f))) return result;
          return result;
        };
      }
      return (f) => {
        let result: unknown = false;
        for (const v of values) if (truthy(result = v(f))) return result;
        return result;
      };
    }
    case 'Compare': return compileCompare(c, node);
    case 'IfExp': {
      const test = c.node(node.test);
      const body = c.node(node.body);
      const orelse = c.node(node.orelse);
      return (f) => (truthy(test(f)) ? body(f) : orelse(f));
    }
    case 'Lambda': return compileLambda(c, node);
    case 'List': {
      const items = node.elts.map((e) => c.node(e));
      return (f) => items.map((item) => item(f));
    }
    case 'Tuple': {
      const items = node.elts.map((e) => c.node(e));
      return (f) => new PyTuple(items.map((item) => item(f)));
    }
    case 'Set': {
      const items = node.elts.map((e) => c.node(e));
      return located((f) => setOf(items.map((item) => item(f))), node.start);
    }
    case 'Dict': {
      const keys = node.keys.map((k) => c.node(k));
      const values = node.values.map((v) => c.node(v));
      return located((f) => dictOf(keys.map((k, i) => [k(f), values[i]!(f)] as const)), node.start);
    }
    case 'Comprehension': return located(compileComprehension(c, node), node.start);
    case 'JoinedStr': return compileJoinedStr(c, node);
    case 'FormattedValue': throw new ExpressionError('syntax', 'unexpected f-string field', node.start);
  }
}

function compileName(c: Compiler, name: string, offset: number): Code {
  const slot = c.scope.lookup(name);
  if (slot !== undefined) return (f) => f.v[slot];
  if (BUILTIN_NAMES.has(name)) {
    const value = BUILTIN_NAMES.get(name);
    return () => value;
  }
  if (name.startsWith('__') || FORBIDDEN_NAMES.has(name)) {
    throw new ExpressionError('forbidden', `'${name}' is not available in rule expressions`, offset);
  }
  throw unknownName(name, offset, [...c.scope.visible(), ...BUILTIN_NAMES.keys()]);
}

/** A module member (`json.dumps`) is resolved while compiling, so a typo fails at load. */
function moduleOf(c: Compiler, node: Node): PyModule | undefined {
  if (node.type !== 'Name' || c.scope.lookup(node.id) !== undefined) return undefined;
  const value = BUILTIN_NAMES.get(node.id);
  return value instanceof PyModule ? value : undefined;
}

function compileAttribute(c: Compiler, node: Attribute): Code {
  const module = moduleOf(c, node.value);
  // The object first, so problems are reported in reading order.
  const value = module === undefined ? c.node(node.value) : undefined;
  forbidAttribute(node.attr, node.attrStart);
  if (module !== undefined) {
    if (!Object.hasOwn(module.members, node.attr)) {
      throw new ExpressionError('unknown-name', `module '${module.name}' has no attribute '${node.attr}' (it has ${Object.keys(module.members).filter((k) => /[a-z]/.test(k)).join(', ')})`, node.attrStart);
    }
    const member = module.members[node.attr];
    return () => member;
  }
  const object = value!;
  const name = node.attr;
  return located((f) => getAttribute(object(f), name), node.attrStart);
}

function compileSubscript(c: Compiler, node: Subscript): Code {
  const value = c.node(node.value);
  if (node.index.type === 'Slice') {
    const { lower, upper, step } = node.index;
    const lo = lower ? c.node(lower) : () => null;
    const hi = upper ? c.node(upper) : () => null;
    const st = step ? c.node(step) : () => null;
    return located((f) => getSlice(value(f), lo(f), hi(f), st(f)), node.index.start);
  }
  const index = c.node(node.index);
  return located((f) => {
    const container = value(f);
    const key = index(f);
    return container instanceof PyMatch ? matchItem(container, key) : getItem(container, key);
  }, node.index.start);
}

function compileArguments(c: Compiler, node: Call): { args: Code[]; keywords: Array<[string, Code]> } {
  return {
    args: node.args.map((a) => c.node(a)),
    keywords: node.keywords.map((k) => [k.name, c.node(k.value)]),
  };
}

function evaluateKwargs(keywords: Array<[string, Code]>, f: Frame): ReadonlyMap<string, unknown> {
  if (keywords.length === 0) return EMPTY_KWARGS;
  return new Map(keywords.map(([name, code]) => [name, code(f)]));
}

function compileCall(c: Compiler, node: Call): Code {
  const func = node.func;
  if (func.type === 'Attribute' && moduleOf(c, func.value) === undefined) {
    // The receiver first, so that a problem inside it is the one reported.
    const receiver = c.node(func.value);
    forbidAttribute(func.attr, func.attrStart);
    if (MUTATING_METHODS.has(func.attr)) {
      throw new ExpressionError('forbidden', `'${func.attr}()' would change data in place; rules only read data (build a new value instead)`, func.attrStart);
    }
    if (!KNOWN_METHOD_NAMES.has(func.attr)) {
      throw new ExpressionError('unsupported', `unknown method '${func.attr}()'`, func.attrStart);
    }
    const { args, keywords } = compileArguments(c, node);
    const name = func.attr;
    return located((f) => {
      const self = receiver(f);
      charge(f);
      return callMethod(self, name, args.map((a) => a(f)), evaluateKwargs(keywords, f), f);
    }, func.attrStart);
  }
  const callee = c.node(func);
  const { args, keywords } = compileArguments(c, node);
  const known = staticCallee(c, func);
  if (known !== undefined) {
    const problem = checkSignature(known.name, known.signature, args.length, keywords.map(([k]) => k));
    if (problem !== null) throw new ExpressionError('arity', problem, node.start);
    precompileRegex(known, node);
    const impl = known.impl;
    return located((f) => {
      charge(f);
      return impl(args.map((a) => a(f)), evaluateKwargs(keywords, f), f);
    }, node.start);
  }
  return located((f) => {
    const target = callee(f);
    if (!(target instanceof PyCallable)) throw typeError(`'${typeName(target)}' object is not callable`);
    charge(f);
    return target.call(args.map((a) => a(f)), evaluateKwargs(keywords, f), f);
  }, node.start);
}

/** A builtin named directly (`len`, `json.dumps`): its signature can be checked now. */
function staticCallee(c: Compiler, func: Node): PyBuiltin | undefined {
  if (func.type === 'Name' && c.scope.lookup(func.id) === undefined) {
    const value = BUILTIN_NAMES.get(func.id);
    return value instanceof PyBuiltin ? value : undefined;
  }
  if (func.type === 'Attribute') {
    const module = moduleOf(c, func.value);
    const member = module?.members[func.attr];
    return member instanceof PyBuiltin ? member : undefined;
  }
  return undefined;
}

const REGEX_FUNCTIONS = new Set(['search', 'match', 'fullmatch', 'findall', 'split', 'sub', 'subn', 'compile']);

/** A constant pattern is compiled with the rule, so a bad one is reported at load with its position. */
function precompileRegex(fn: PyBuiltin, node: Call): void {
  if (node.func.type !== 'Attribute' || node.func.value.type !== 'Name' || node.func.value.id !== 're') return;
  if (!REGEX_FUNCTIONS.has(fn.name)) return;
  const pattern = node.args[0];
  if (pattern?.type !== 'Const' || typeof pattern.value !== 'string') return;
  try {
    compileRegex(pattern.value, 0);
  } catch (error) {
    if (error instanceof ExpressionError) {
      error.offset = pattern.start;
      error.atCompileTime = true;
    }
    throw error;
  }
}

/**
 * Comparing and `in` walk their operands: that work is paid for, so loops
 * over them stay bounded. Strings are paid for here; containers pay item by
 * item as they are walked (equality.ts, ordering.ts).
 */
function comparison(op: CompareOperator): (a: unknown, b: unknown, f: Frame) => boolean {
  switch (op) {
    case '==': return (a, b, f) => { charge(f, stringCost(a, b)); return pyEquals(a, b); };
    case '!=': return (a, b, f) => { charge(f, stringCost(a, b)); return !pyEquals(a, b); };
    case 'in': return (a, b, f) => { charge(f, containsCost(b)); return contains(b, a); };
    case 'not in': return (a, b, f) => { charge(f, containsCost(b)); return !contains(b, a); };
    case 'is': return (a, b) => a === b || (a === undefined && b === null) || (a === null && b === undefined);
    case 'is not': return (a, b) => !(a === b || (a === undefined && b === null) || (a === null && b === undefined));
    default: return (a, b, f) => { charge(f, stringCost(a, b)); return pyCompare(op, a, b); };
  }
}

function stringCost(a: unknown, b: unknown): number {
  return typeof a === 'string' && typeof b === 'string' ? Math.min(sizeOf(a), sizeOf(b)) : 0;
}

/** Membership in a dict or set is a hash lookup; in a sequence or a string it is a scan. */
function containsCost(container: unknown): number {
  return Array.isArray(container) || container instanceof PyTuple || typeof container === 'string' ? sizeOf(container) : 0;
}

function compileCompare(c: Compiler, node: Compare): Code {
  const left = c.node(node.left);
  const tests = node.ops.map(comparison);
  const rights = node.comparators.map((r) => c.node(r));
  if (tests.length === 1) {
    const test = tests[0]!;
    const right = rights[0]!;
    return located((f) => test(left(f), right(f), f), node.start);
  }
  return located((f) => {
    let a = left(f);
    for (let i = 0; i < tests.length; i++) {
      const b = rights[i]!(f);
      if (!tests[i]!(a, b, f)) return false;
      a = b;
    }
    return true;
  }, node.start);
}

function compileJoinedStr(c: Compiler, node: JoinedStr): Code {
  const parts: Code[] = node.values.map((part) => {
    if (part.type === 'Const') {
      const text = String(part.value);
      return () => text;
    }
    const value = c.node(part.value);
    const spec = part.formatSpec ? compileJoinedStr(c, part.formatSpec) : () => '';
    const convert = part.conversion === 'r' || part.conversion === 'a' ? pyRepr : part.conversion === 's' ? pyStr : null;
    return located((f) => {
      const v = value(f);
      return formatWithSpec(convert ? convert(v) : v, spec(f) as string, f.limits);
    }, part.start);
  });
  // Every field is bounded; so is the whole string, checked as it grows.
  return located((f) => {
    let length = 0;
    const texts = parts.map((p) => {
      const text = p(f) as string;
      checkStringLength(length += text.length, f.limits);
      return text;
    });
    chargeSize(f, length);
    return texts.join('');
  }, node.start);
}
