export type TestProblemCode =
  /** The test file (or a history file it names) cannot be read. */
  | 'unreadable'
  | 'yaml-syntax'
  /** Not one YAML document holding a mapping. */
  | 'not-a-test-file'
  /** A field the test file schema does not allow. */
  | 'schema'
  /** A message of a case that is not a message. */
  | 'bad-message'
  /** An expected award of a badge that no loaded rule defines. */
  | 'unknown-badge'
  | 'missing-award'
  | 'unexpected-award'
  /** A rule's expression failed while the case ran. */
  | 'rule-warning'
  /** The case did not run: the rules it tests are invalid. */
  | 'invalid-rules';

/** One problem of a test file or of a case, as data: where it is (1-based) and what is wrong. */
export interface TestProblem {
  code: TestProblemCode;
  file: string;
  line: number;
  column: number;
  /** Field path inside the test file, e.g. `cases[1].awards[0]` ('' when none). */
  path: string;
  message: string;
}

/** `file:line:column: path: message`, as `accolade validate` prints rule issues. */
export function formatProblem(problem: TestProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`}`;
}
