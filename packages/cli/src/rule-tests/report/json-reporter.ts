import { formatIssue } from '@accolade/core';
import { type TestProblem, formatProblem } from '../test-problem.js';
import type { TestReporter } from './reporter.js';

const located = (p: TestProblem): TestProblem & { text: string } => ({ ...p, text: formatProblem(p) });

/**
 * `--format json`: JSON lines, one object per event, each with a `type`:
 * `test-file-problem`, `rule-problem`, `case` and a last `summary`.
 */
export function jsonReporter(write: (text: string) => void): TestReporter {
  const line = (value: object): void => write(`${JSON.stringify(value)}\n`);
  return {
    invalidTestFile(_file, problems) {
      for (const p of problems) line({ type: 'test-file-problem', ...located(p) });
    },
    invalidRules(file, cases, { fresh }) {
      for (const issue of fresh) line({ type: 'rule-problem', ...issue, text: formatIssue(issue) });
      for (const c of cases) {
        const failure: TestProblem = { code: 'invalid-rules', file, line: c.line, column: c.column, path: c.path, message: 'not run: the rules under test are invalid' };
        line({ type: 'case', file, line: c.line, column: c.column, name: c.name, passed: false, failures: [located(failure)] });
      }
    },
    caseDone({ file, testCase: c }, result, seconds) {
      line({ type: 'case', file, line: c.line, column: c.column, name: c.name, passed: result.passed, failures: result.failures.map(located), seconds: Math.round(seconds * 1000) / 1000 });
    },
    end({ passed, failed }) {
      line({ type: 'summary', passed, failed });
    },
  };
}
