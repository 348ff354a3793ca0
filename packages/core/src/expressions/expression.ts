import { compileTree } from './compile/compile.js';
import type { Code, Frame } from './compile/frame.js';
import { ExpressionError } from './errors.js';
import { metered } from './limits.js';
import type { Node } from './grammar/nodes.js';
import { type ParseOptions, parseExpression } from './grammar/parse.js';
import { DEFAULT_LIMITS, type Limits } from './python/values.js';

export interface CompileOptions extends ParseOptions {
  /** Names the caller binds at evaluation time, e.g. `message`, `recipient`. */
  globals?: readonly string[];
}

/**
 * A Python expression, parsed and checked once, then evaluated as often as
 * needed against plain data. Nothing here uses eval, Function or vm: the
 * tree is compiled into closures that only call Accolade's own code.
 */
export class CompiledExpression {
  readonly usedGlobals: ReadonlySet<string>;

  /** @internal */
  constructor(
    readonly source: string,
    readonly globals: readonly string[],
    private readonly code: Code,
    private readonly slots: number,
    usedGlobals: ReadonlySet<string>,
  ) {
    this.usedGlobals = usedGlobals;
  }

  /**
   * Evaluate with the globals bound, by name or in the order of `globals`.
   * Throws ExpressionError (KeyError, TypeError..., or `limit`).
   */
  evaluate(bindings: Readonly<Record<string, unknown>> | readonly unknown[] = {}, limits: Readonly<Limits> = DEFAULT_LIMITS): unknown {
    return run(this.code, this.slots, this.globals, bindings, limits, this.source);
  }
}

function run(code: Code, slots: number, globals: readonly string[], bindings: Readonly<Record<string, unknown>> | readonly unknown[], limits: Readonly<Limits>, source: string): unknown {
  const v = new Array<unknown>(slots);
  if (Array.isArray(bindings)) {
    for (let i = 0; i < globals.length; i++) v[i] = bindings[i];
  } else {
    const named = bindings as Readonly<Record<string, unknown>>;
    globals.forEach((name, i) => { v[i] = Object.hasOwn(named, name) ? named[name] : null; });
  }
  const frame: Frame = { v, budget: { remaining: limits.maxSteps }, limits };
  try {
    return metered(frame, () => code(frame));
  } catch (error) {
    throw asExpressionError(error, source);
  }
}

/**
 * Evaluate a parsed tree without keeping what compiling it made: the whole
 * tree is walked again at every call, as a naive tree-walking interpreter
 * does. Only the reference engine uses this, as the baseline to measure
 * compile-once against; the answers are the same as `evaluate`'s.
 */
export function evaluateTree(tree: Node, source: string, globals: readonly string[], bindings: readonly unknown[], limits: Readonly<Limits> = DEFAULT_LIMITS): unknown {
  let compiled;
  try {
    compiled = compileTree(tree, globals);
  } catch (error) {
    throw asExpressionError(error, source);
  }
  return run(compiled.code, compiled.scope.size, globals, bindings, limits, source);
}

/** JavaScript's own limits, reached despite ours: say which one in words a badge author can act on. */
function rangeErrorMessage(error: RangeError): string {
  if (/string length/i.test(error.message)) return `a string too long to build (${error.message})`;
  if (/array length/i.test(error.message)) return `a collection too large to build (${error.message})`;
  return `nesting too deep (${error.message})`;
}

function asExpressionError(error: unknown, source: string): ExpressionError {
  let result: ExpressionError;
  if (error instanceof ExpressionError) result = error;
  else if (error instanceof RangeError) result = new ExpressionError('limit', rangeErrorMessage(error));
  else result = new ExpressionError('internal', `internal error: ${error instanceof Error ? error.message : String(error)}`);
  result.source ??= source;
  return result;
}

/** Parse and compile; every problem (syntax, unknown name, bad call) is reported here, with its offset. */
export function compileExpression(source: string, options: CompileOptions = {}): CompiledExpression {
  const globals = options.globals ?? [];
  const key = `${globals.join(',')}\u0000${options.maxDepth ?? ''}\u0000${options.maxLength ?? ''}\u0000${source}`;
  const known = compiled.get(key);
  if (known !== undefined) return known;
  let expression: CompiledExpression;
  try {
    const tree = parseExpression(source, options);
    const { code, scope } = compileTree(tree, globals);
    expression = new CompiledExpression(source, globals, code, scope.size, scope.usedGlobals);
  } catch (error) {
    throw asExpressionError(error, source);
  }
  if (compiled.size >= COMPILED_CACHE_SIZE) compiled.clear();
  compiled.set(key, expression);
  return expression;
}

/**
 * Rules repeat their expressions (`message.topic`, `recipient`, the same
 * lambda down a series): a compiled expression holds no state, so one copy
 * serves every rule that writes the same text with the same names.
 */
const compiled = new Map<string, CompiledExpression>();
const COMPILED_CACHE_SIZE = 20_000;
