import { AccoladeError, type SourceLocation } from '../errors/accolade-error.js';

/**
 * Problems found before evaluation (the expression cannot be used at all) and
 * Python-style exceptions raised while evaluating. The Python exception name is
 * kept so messages read like the tracebacks badge authors know.
 */
export type ExpressionErrorCode =
  // compile time
  | 'syntax'
  | 'unknown-name'
  | 'forbidden'
  | 'unsupported'
  | 'arity'
  // evaluation time
  | 'key-error'
  | 'index-error'
  | 'type-error'
  | 'attribute-error'
  | 'value-error'
  | 'zero-division'
  | 'overflow'
  | 'regex-error'
  | 'limit'
  // a defect in Accolade itself, reported rather than thrown raw
  | 'internal';

const PYTHON_NAMES: Partial<Record<ExpressionErrorCode, string>> = {
  'syntax': 'SyntaxError',
  'unknown-name': 'NameError',
  'key-error': 'KeyError',
  'index-error': 'IndexError',
  'type-error': 'TypeError',
  'attribute-error': 'AttributeError',
  'value-error': 'ValueError',
  'zero-division': 'ZeroDivisionError',
  'overflow': 'OverflowError',
  'regex-error': 're.error',
  'arity': 'TypeError',
};

export class ExpressionError extends AccoladeError {
  readonly code: ExpressionErrorCode;
  /** Offset in the expression source (0-based), when known. */
  offset?: number;
  /** The expression source, when known. */
  source?: string;

  constructor(code: ExpressionErrorCode, message: string, offset?: number, location?: SourceLocation) {
    super(message, location);
    this.code = code;
    if (offset !== undefined) this.offset = offset;
  }

  /** The Python exception this corresponds to, e.g. `KeyError`. */
  get pythonName(): string {
    return PYTHON_NAMES[this.code] ?? 'Error';
  }

  /** True for problems detectable before any message is seen. */
  get isCompileTime(): boolean {
    return ['syntax', 'unknown-name', 'forbidden', 'unsupported', 'arity'].includes(this.code) ||
      (this.code === 'regex-error' && this.atCompileTime === true);
  }

  /** Set when a constant regular expression was rejected while compiling. */
  atCompileTime?: boolean;

  /** One line, Python style: `KeyError: 'comment'`. */
  describe(): string {
    if (this.code === 'limit') return `limit reached: ${this.message}`;
    const name = PYTHON_NAMES[this.code];
    return name === undefined ? this.message : `${name}: ${this.message}`;
  }
}

export const keyError = (key: string): ExpressionError => new ExpressionError('key-error', key);
export const indexError = (message: string): ExpressionError => new ExpressionError('index-error', message);
export const typeError = (message: string): ExpressionError => new ExpressionError('type-error', message);
export const attributeError = (message: string): ExpressionError => new ExpressionError('attribute-error', message);
export const valueError = (message: string): ExpressionError => new ExpressionError('value-error', message);
export const zeroDivision = (message: string): ExpressionError => new ExpressionError('zero-division', message);
export const overflowError = (message: string): ExpressionError => new ExpressionError('overflow', message);
export const limitError = (message: string): ExpressionError => new ExpressionError('limit', message);

/** Attach the offset of the node that failed, keeping the innermost one. */
export function atOffset(error: unknown, offset: number): unknown {
  if (error instanceof ExpressionError && error.offset === undefined) error.offset = offset;
  return error;
}
