import { compileTree } from './compile/compile.js';
import type { Code, Frame } from './compile/frame.js';
import { ExpressionError } from './errors.js';
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
    const v = new Array<unknown>(this.slots);
    if (Array.isArray(bindings)) {
      for (let i = 0; i < this.globals.length; i++) v[i] = bindings[i];
    } else {
      const named = bindings as Readonly<Record<string, unknown>>;
      this.globals.forEach((name, i) => { v[i] = Object.hasOwn(named, name) ? named[name] : null; });
    }
    const frame: Frame = { v, budget: { remaining: limits.maxSteps }, limits };
    try {
      return this.code(frame);
    } catch (error) {
      throw asExpressionError(error, this.source);
    }
  }
}

function asExpressionError(error: unknown, source: string): ExpressionError {
  let result: ExpressionError;
  if (error instanceof ExpressionError) result = error;
  else if (error instanceof RangeError) result = new ExpressionError('limit', `nesting too deep (${error.message})`);
  else result = new ExpressionError('internal', `internal error: ${error instanceof Error ? error.message : String(error)}`);
  result.source ??= source;
  return result;
}

/** Parse and compile; every problem (syntax, unknown name, bad call) is reported here, with its offset. */
export function compileExpression(source: string, options: CompileOptions = {}): CompiledExpression {
  const globals = options.globals ?? [];
  try {
    const tree = parseExpression(source, options);
    const { code, scope } = compileTree(tree, globals);
    return new CompiledExpression(source, globals, code, scope.size, scope.usedGlobals);
  } catch (error) {
    throw asExpressionError(error, source);
  }
}
