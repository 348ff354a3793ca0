import { ExpressionError } from '../../expressions/errors.js';
import { type CompileOptions, compileExpression } from '../../expressions/expression.js';
import type { ExpressionSite } from '../compiled-rule.js';
import { type RuleIssue, formatPath } from '../rule-issue.js';
import type { PathSegment, YamlDocument } from '../yaml/yaml-document.js';

/** Where a translated (1.x) field came from in the file. */
export type SourcePathMap = (path: readonly PathSegment[]) => readonly PathSegment[];

/**
 * Compiles a rule's expressions, collecting every problem as an issue that
 * points at the exact character of the YAML source.
 */
export class SiteCompiler {
  readonly issues: RuleIssue[] = [];

  constructor(
    private readonly doc: YamlDocument,
    private readonly file: string,
    private readonly options: Omit<CompileOptions, 'globals'> = {},
    private readonly sourcePath: SourcePathMap = (p) => p,
    /** Paths whose expression was written by the 1.x translation, not by the author. */
    private readonly translated: ReadonlySet<string> = new Set(),
  ) {}

  /** YAML scalars may be numbers or booleans; Python reads them as their literals. */
  static sourceOf(value: unknown): string {
    if (typeof value === 'boolean') return value ? 'True' : 'False';
    if (value === null || value === undefined) return 'None';
    return String(value);
  }

  compile(value: unknown, path: readonly PathSegment[], globals: readonly string[], source?: string): ExpressionSite | null {
    const text = source ?? SiteCompiler.sourceOf(value);
    const where = this.sourcePath(path);
    const translated = source !== undefined || this.translated.has(formatPath(path));
    const at = this.doc.locate(where);
    try {
      const expression = compileExpression(text, { ...this.options, globals });
      const locate = translated ? () => at : (offset: number) => this.doc.locateInScalar(where, offset);
      return { expression, file: this.file, path: formatPath(path), ...at, locate };
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      const position = !translated && error.offset !== undefined ? this.doc.locateInScalar(where, error.offset) : at;
      this.issues.push({
        code: 'expression', severity: 'error', file: this.file, path: formatPath(path), ...position,
        message: `${error.describe()}${translated ? ` (in the translation ${JSON.stringify(text)})` : ''}`,
        expressionCode: error.code,
      });
      return null;
    }
  }

  issue(issue: Omit<RuleIssue, 'file' | 'line' | 'column' | 'path'>, path: readonly PathSegment[], options: { key?: boolean } = {}): void {
    this.issues.push({ ...issue, file: this.file, path: formatPath(path), ...this.doc.locate(this.sourcePath(path), options) });
  }
}
