import { AccoladeError, formatLocated } from '../errors/accolade-error.js';
import type { ExpressionErrorCode } from '../expressions/errors.js';
import type { PathSegment } from './yaml/yaml-document.js';

export type RuleIssueCode =
  | 'unreadable'
  /** No rule file at all: no path given, or a folder holding none. */
  | 'no-rules'
  /** A rule file that is not text (NUL bytes, not UTF-8): a binary named .yml. */
  | 'not-text'
  | 'yaml-syntax'
  | 'empty'
  | 'multiple-documents'
  | 'schema'
  | 'expression'
  | 'duplicate-badge'
  | 'legacy-rule'
  | 'legacy-unsupported'
  | 'too-large'
  /** A `recipient_*2fas` flag that is not true or false, read with Python's truthiness. */
  | 'non-boolean-flag';

/** One problem with one rule, as data: where it is and what is wrong. */
export interface RuleIssue {
  code: RuleIssueCode;
  severity: 'error' | 'warning';
  file: string;
  line: number;
  column: number;
  /** The rule field path, e.g. `trigger.all[1].lambda` ('' for the whole file). */
  path: string;
  message: string;
  /** For `expression` issues: what kind of expression problem. */
  expressionCode?: ExpressionErrorCode;
}

/** `trigger.all[1].lambda` from ['trigger', 'all', 1, 'lambda']. */
export function formatPath(path: readonly PathSegment[]): string {
  return path.reduce<string>((out, seg) => (typeof seg === 'number' ? `${out}[${seg}]` : out === '' ? seg : `${out}.${seg}`), '');
}

/** `file:line:column: path: message`, the form editors and `accolade validate` use. */
export function formatIssue(issue: RuleIssue): string {
  const text = issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
  // An issue of the whole rule set (no path given) has no file to point at.
  if (issue.file === '') return issue.severity === 'warning' ? `warning: ${text}` : text;
  return formatLocated(issue, issue.severity === 'warning' ? `warning: ${text}` : text);
}

/** Thrown by the loaders' throwing variants: every issue found, not just the first. */
export class RuleError extends AccoladeError {
  /** `no-rules` when nothing was found to load, else `invalid-rules`. */
  readonly code: 'invalid-rules' | 'no-rules';
  constructor(readonly issues: readonly RuleIssue[]) {
    const errors = issues.filter((i) => i.severity === 'error');
    const first = errors[0];
    super(`${errors.length} problem${errors.length === 1 ? '' : 's'} in badge rules:\n${errors.map(formatIssue).join('\n')}`, first === undefined || first.file === '' ? {} : first);
    this.code = errors.length > 0 && errors.every((i) => i.code === 'no-rules') ? 'no-rules' : 'invalid-rules';
  }
}
