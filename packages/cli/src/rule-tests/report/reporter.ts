import type { RuleIssue } from '@accolade/core';
import type { CaseResult } from '../run-case.js';
import type { RuleTestCase } from '../test-file.js';
import type { TestProblem } from '../test-problem.js';

/** A case as reports name it: its file, line and name. */
export interface CaseRef {
  file: string;
  testCase: RuleTestCase;
}

/**
 * What `accolade test` tells as it goes; each output format is one of these.
 * A rule issue shared by several test files (one rules folder, many tests) is
 * `fresh` only for the first; formats that print as they go print it once.
 */
export interface TestReporter {
  /** The test file cannot be run at all: it counts as one failure. */
  invalidTestFile(file: string, problems: readonly TestProblem[]): void;
  /** The rules a test file names are invalid: its cases fail without running. */
  invalidRules(file: string, cases: readonly RuleTestCase[], issues: { all: readonly RuleIssue[]; fresh: readonly RuleIssue[] }): void;
  caseDone(ref: CaseRef, result: CaseResult, seconds: number): void;
  end(summary: { passed: number; failed: number }): void;
}
