import { formatIssue } from '@accolade/core';
import { type TestProblem, formatProblem } from '../test-problem.js';
import type { TestReporter } from './reporter.js';

/** The default: one line per case (`PASS`/`FAIL file:line: name`), what differed below it, `N passed, N failed` last. */
export function textReporter(write: (text: string) => void): TestReporter {
  const details = (problems: readonly TestProblem[]): void => { for (const p of problems) write(`  ${formatProblem(p)}\n`); };
  return {
    invalidTestFile(file, problems) {
      write(`FAIL ${file}: the test file is invalid\n`);
      details(problems);
    },
    invalidRules(file, _cases, { all, fresh }) {
      const before = all.length - fresh.length;
      const note = before === 0 ? '' : fresh.length === 0 ? ' (problems reported above)' : ` (${before} more reported above)`;
      write(`FAIL ${file}: the rules under test are invalid${note}\n`);
      for (const issue of fresh) write(`  ${formatIssue(issue)}\n`);
    },
    caseDone({ file, testCase }, result) {
      write(`${result.passed ? 'PASS' : 'FAIL'} ${file}:${testCase.line}: ${testCase.name}\n`);
      details(result.failures);
    },
    end({ passed, failed }) {
      write(`${passed} passed, ${failed} failed\n`);
    },
  };
}
