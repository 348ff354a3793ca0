import { formatIssue } from '@accolade/core';
import { type TestProblem, formatProblem } from '../test-problem.js';
import type { TestReporter } from './reporter.js';
import { xmlAttributes, xmlText } from './xml.js';

interface JunitCase {
  name: string;
  file: string;
  line: number;
  seconds: number;
  /** `failure`: the case ran and the awards differ; `error`: it could not run. */
  outcome?: { kind: 'failure' | 'error'; type: string; message: string; details: string[] };
}

interface JunitSuite {
  file: string;
  cases: JunitCase[];
}

const seconds = (s: number): string => s.toFixed(3);
const more = (n: number): string => (n > 1 ? ` (and ${n - 1} more)` : '');

/**
 * `--format junit`: JUnit XML on stdout once every file has run, as GitHub and
 * GitLab test reporters read it: `<testsuites>`, a `<testsuite>` per test file,
 * a `<testcase>` per case with `file` and `line`; a failed case holds a
 * `<failure>` (awards differ) or an `<error>` (it could not run), whose message
 * is the first problem as `file:line:column: message` and whose text lists them all.
 */
export function junitReporter(write: (text: string) => void): TestReporter {
  const suites: JunitSuite[] = [];
  const suiteOf = (file: string): JunitSuite => {
    let suite = suites.find((s) => s.file === file);
    if (suite === undefined) suites.push((suite = { file, cases: [] }));
    return suite;
  };
  return {
    invalidTestFile(file, problems) {
      const first = problems[0]!;
      const details = problems.map(formatProblem);
      suiteOf(file).cases.push({
        name: 'the test file', file, line: first.line, seconds: 0,
        outcome: { kind: 'error', type: first.code, message: `the test file is invalid: ${details[0]!}${more(details.length)}`, details },
      });
    },
    // Each case that could not run says why, whichever file reported the rule issues first.
    invalidRules(file, cases, { all }) {
      const details = all.map(formatIssue);
      for (const c of cases) {
        suiteOf(file).cases.push({
          name: c.name, file, line: c.line, seconds: 0,
          outcome: { kind: 'error', type: 'invalid-rules', message: `not run: the rules under test are invalid: ${details[0] ?? ''}${more(details.length)}`, details },
        });
      }
    },
    caseDone({ file, testCase }, result, time) {
      const first = result.failures[0];
      const details = result.failures.map(formatProblem);
      suiteOf(file).cases.push({
        name: testCase.name, file, line: testCase.line, seconds: time,
        ...(first === undefined ? {} : { outcome: { kind: 'failure' as const, type: first.code, message: `${details[0]!}${more(details.length)}`, details } }),
      });
    },
    end() {
      write(render(suites));
    },
  };
}

const count = (cases: readonly JunitCase[], kind: 'failure' | 'error'): number => cases.filter((c) => c.outcome?.kind === kind).length;
const total = (cases: readonly JunitCase[]): number => cases.reduce((sum, c) => sum + c.seconds, 0);

function render(suites: readonly JunitSuite[]): string {
  const all = suites.flatMap((s) => s.cases);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  out.push(`<testsuites${xmlAttributes({ name: 'accolade test', tests: all.length, failures: count(all, 'failure'), errors: count(all, 'error'), time: seconds(total(all)) })}>\n`);
  for (const suite of suites) {
    out.push(`  <testsuite${xmlAttributes({ name: suite.file, tests: suite.cases.length, failures: count(suite.cases, 'failure'), errors: count(suite.cases, 'error'), skipped: 0, time: seconds(total(suite.cases)), file: suite.file })}>\n`);
    for (const c of suite.cases) {
      const attributes = xmlAttributes({ name: c.name, classname: c.file, file: c.file, line: c.line, time: seconds(c.seconds) });
      if (c.outcome === undefined) {
        out.push(`    <testcase${attributes}/>\n`);
        continue;
      }
      const { kind, type, message, details } = c.outcome;
      out.push(`    <testcase${attributes}>\n`);
      out.push(`      <${kind}${xmlAttributes({ message, type })}>${xmlText(details.join('\n'))}</${kind}>\n`);
      out.push('    </testcase>\n');
    }
    out.push('  </testsuite>\n');
  }
  out.push('</testsuites>\n');
  return out.join('');
}
