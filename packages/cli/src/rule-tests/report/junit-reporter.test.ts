import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { RuleTestCase } from '../test-file.js';
import { junitReporter } from './junit-reporter.js';

const testCase = (name: string, line: number): RuleTestCase => ({
  name, line, column: 5, path: 'cases[0]', history: [], messages: [], awards: [], existingAwards: [], skipUsers: [], optedOut: [],
  locate: () => ({ line, column: 5 }),
});

/** A report of a passing case, a failing one, a file with broken rules and a broken test file. */
function report(): string {
  let out = '';
  const reporter = junitReporter((text) => { out += text; });
  reporter.caseDone({ file: 'a.test.yml', testCase: testCase('passes', 3) }, { passed: true, failures: [] }, 0.0123);
  reporter.caseDone({ file: 'a.test.yml', testCase: testCase('fails <here> & "there"', 9) }, {
    passed: false,
    failures: [
      { code: 'missing-award', file: 'a.test.yml', line: 12, column: 9, path: 'cases[1].awards[0]', message: 'expected, not awarded: b -> u' },
      { code: 'unexpected-award', file: 'a.test.yml', line: 11, column: 5, path: 'cases[1].awards', message: 'awarded, not expected: c -> u (message m<1>)' },
    ],
  }, 0.5);
  reporter.invalidRules('b.test.yml', [testCase('never runs', 3)], {
    all: [{ code: 'schema', severity: 'error', file: 'rules/r.yml', line: 6, column: 10, path: 'trigger', message: 'must be a mapping' }], fresh: [],
  });
  reporter.invalidTestFile('c.test.yml', [{ code: 'yaml-syntax', file: 'c.test.yml', line: 5, column: 1, path: '', message: 'YAML syntax error: bad' }]);
  reporter.end({ passed: 1, failed: 3 });
  return out;
}

type Node = Record<string, unknown>;
const list = (v: unknown): Node[] => (Array.isArray(v) ? v : [v]) as Node[];

describe('junitReporter', () => {
  it('writes well-formed JUnit XML: testsuites, a testsuite per file, a testcase per case', () => {
    const xml = report();
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false }).parse(xml) as { testsuites: Node };
    const root = doc.testsuites;
    expect(root).toMatchObject({ name: 'accolade test', tests: '4', failures: '1', errors: '2' });
    const suites = list(root['testsuite']);
    expect(suites.map((s) => [s['name'], s['tests'], s['failures'], s['errors']])).toEqual([
      ['a.test.yml', '2', '1', '0'], ['b.test.yml', '1', '0', '1'], ['c.test.yml', '1', '0', '1'],
    ]);
    const [pass, fail] = list(suites[0]!['testcase']);
    expect(pass).toEqual({ name: 'passes', classname: 'a.test.yml', file: 'a.test.yml', line: '3', time: '0.012' });
    expect(fail).toMatchObject({ name: 'fails <here> & "there"', file: 'a.test.yml', line: '9' });
    expect(fail!['failure']).toEqual({
      message: 'a.test.yml:12:9: cases[1].awards[0]: expected, not awarded: b -> u (and 1 more)',
      type: 'missing-award',
      '#text': 'a.test.yml:12:9: cases[1].awards[0]: expected, not awarded: b -> u\na.test.yml:11:5: cases[1].awards: awarded, not expected: c -> u (message m<1>)',
    });
    // Rule problems reported for an earlier file are still the reason this file's cases did not run.
    expect(list(suites[1]!['testcase'])[0]!['error']).toMatchObject({ type: 'invalid-rules', '#text': 'rules/r.yml:6:10: trigger: must be a mapping' });
    expect(list(suites[2]!['testcase'])[0]).toMatchObject({ name: 'the test file', line: '5', error: { type: 'yaml-syntax', message: 'the test file is invalid: c.test.yml:5:1: YAML syntax error: bad' } });
  });
});
