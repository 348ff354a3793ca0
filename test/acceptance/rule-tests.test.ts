import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, runCli } from './run-cli.js';

const RULES = fixture('rule-tests', 'rules');
const COMMENT = '{id: m1, topic: org.fedoraproject.prod.bodhi.update.comment, body: {comment: {user: {name: ralph}}}, usernames: [ralph]}';

describe('accolade test', () => {
  it('runs every case, one line each, and exits 0 when all pass', async () => {
    const { code, stdout } = await runCli(['test', 'commenter.test.yml'], fixture('rule-tests'));
    expect(code).toBe(0);
    expect(stdout).toBe([
      'PASS commenter.test.yml:4: the third comment earns it',
      'PASS commenter.test.yml:9: two comments are not enough',
      'PASS commenter.test.yml:14: a holder gets nothing again',
      '3 passed, 0 failed',
      '',
    ].join('\n'));
  });

  it('says what differs, at file:line:column, and exits 1 when a case fails', async () => {
    const { code, stdout } = await runCli(['test', 'failing/wrong.test.yml'], fixture('rule-tests'));
    expect(code).toBe(1);
    expect(stdout).toBe([
      'FAIL failing/wrong.test.yml:3: expects an award that does not come',
      '  failing/wrong.test.yml:7:9: cases[0].awards[0]: expected, not awarded: commenter-iii -> ralph',
      'FAIL failing/wrong.test.yml:8: a message that is not one',
      "  failing/wrong.test.yml:10:9: cases[1].messages[0]: 'topic' must be a non-empty string",
      '0 passed, 2 failed',
      '',
    ].join('\n'));
  });

  it('says that no loaded rule defines an expected badge id, where the expectation is', async () => {
    const { code, stdout } = await runCli(['test', 'failing/unknown-badge.test.yml'], fixture('rule-tests'));
    expect(code).toBe(1);
    expect(stdout).toContain("\n  failing/unknown-badge.test.yml:8:9: cases[0].awards[0]: expected commenter-iv -> ralph, but no loaded rule defines the badge id 'commenter-iv' (defined: commenter-iii)\n");
    // What the rules did award is still told, at the case's `awards:`.
    expect(stdout).toContain('\n  failing/unknown-badge.test.yml:7:5: cases[0].awards: awarded, not expected: commenter-iii -> ralph (message m1)\n');
    expect(stdout).not.toContain('expected, not awarded');
  });

  it('reports a YAML error in a test file as file:line:column', async () => {
    const { code, stdout } = await runCli(['test', 'invalid/yaml-error.test.yml'], fixture('rule-tests'));
    expect(code).toBe(1);
    expect(stdout).toMatch(/^FAIL invalid\/yaml-error\.test\.yml: the test file is invalid\n {2}invalid\/yaml-error\.test\.yml:6:5: YAML syntax error: \S.*\n0 passed, 1 failed\n$/);
  });

  it('puts every field error of a test file at the offending node', async () => {
    const { code, stdout } = await runCli(['test', 'invalid/fields.test.yml'], fixture('rule-tests'));
    expect(code).toBe(1);
    expect(stdout).toBe([
      'FAIL invalid/fields.test.yml: the test file is invalid',
      "  invalid/fields.test.yml:4:5: cases[0].mesages: unknown field 'mesages'; expected one of: name, history, messages, awards, existing_awards, users, skip_users, opted_out",
      "  invalid/fields.test.yml:6:9: cases[0].awards[0]: missing required field 'user'",
      "  invalid/fields.test.yml:7:48: cases[0].awards[1].message-id: unknown field 'message-id'; expected one of: badge_id, user, message_id",
      '  invalid/fields.test.yml:8:17: cases[0].skip_users: must be a string or a list',
      '0 passed, 1 failed',
      '',
    ].join('\n'));
  });

  it('reports a rules path that does not exist at the line of the test file naming it', async () => {
    const { code, stdout } = await runCli(['test', 'invalid/missing-rules.test.yml'], fixture('rule-tests'));
    expect(code).toBe(1);
    expect(stdout).toContain("\n  invalid/missing-rules.test.yml:1:19: rules: cannot read 'no-such-folder': no such file or folder\n");
  });

  it('reports a broken rule once, however many test files use it, and fails their cases', async () => {
    const { code, stdout } = await runCli(['test', 'broken-rules'], fixture('rule-tests'));
    expect(code).toBe(1);
    expect(stdout).toBe([
      'FAIL broken-rules/first.test.yml: the rules under test are invalid',
      '  broken-rules/rules/broken.yml:6:10: trigger: must be a mapping',
      'FAIL broken-rules/second.test.yml: the rules under test are invalid (problems reported above)',
      '0 passed, 3 failed',
      '',
    ].join('\n'));
  });

  it('writes JSON lines with --format json: problems once, a line per case, a summary last', async () => {
    const { code, stdout } = await runCli(['test', '--format', 'json', 'broken-rules', 'failing/wrong.test.yml', 'invalid/yaml-error.test.yml'], fixture('rule-tests'));
    expect(code).toBe(1);
    const lines = stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.filter((l) => l['type'] === 'rule-problem')).toEqual([
      expect.objectContaining({ code: 'schema', file: 'broken-rules/rules/broken.yml', line: 6, column: 10, path: 'trigger', text: 'broken-rules/rules/broken.yml:6:10: trigger: must be a mapping' }),
    ]);
    expect(lines.filter((l) => l['type'] === 'case').map((l) => [l['file'], l['line'], l['name'], l['passed']])).toEqual([
      ['broken-rules/first.test.yml', 3, 'first case', false],
      ['broken-rules/first.test.yml', 5, 'second case', false],
      ['broken-rules/second.test.yml', 3, 'third case', false],
      ['failing/wrong.test.yml', 3, 'expects an award that does not come', false],
      ['failing/wrong.test.yml', 8, 'a message that is not one', false],
    ]);
    expect(lines.find((l) => l['name'] === 'expects an award that does not come')?.['failures']).toEqual([
      { code: 'missing-award', file: 'failing/wrong.test.yml', line: 7, column: 9, path: 'cases[0].awards[0]', message: 'expected, not awarded: commenter-iii -> ralph', text: 'failing/wrong.test.yml:7:9: cases[0].awards[0]: expected, not awarded: commenter-iii -> ralph' },
    ]);
    expect(lines.filter((l) => l['type'] === 'test-file-problem')).toEqual([
      expect.objectContaining({ code: 'yaml-syntax', file: 'invalid/yaml-error.test.yml', line: 6, column: 5 }),
    ]);
    expect(lines.at(-1)).toEqual({ type: 'summary', passed: 0, failed: 6 });
  });

  it('writes JUnit XML with --format junit: a testsuite per file, a testcase per case, failures at file:line', async () => {
    const { code, stdout } = await runCli(['test', '--format', 'junit', 'commenter.test.yml', 'failing/wrong.test.yml', 'broken-rules/second.test.yml'], fixture('rule-tests'));
    expect(code).toBe(1);
    expect(stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="accolade test" tests="6" failures="2" errors="1" time="')).toBe(true);
    expect(stdout.match(/<testsuite /g)).toHaveLength(3);
    expect(stdout.match(/<testcase /g)).toHaveLength(6);
    expect(stdout).toContain('<testsuite name="failing/wrong.test.yml" tests="2" failures="2" errors="0" skipped="0" time="');
    expect(stdout).toMatch(/<testcase name="the third comment earns it" classname="commenter.test.yml" file="commenter.test.yml" line="4" time="\d+\.\d{3}"\/>/);
    expect(stdout).toContain('<failure message="failing/wrong.test.yml:7:9: cases[0].awards[0]: expected, not awarded: commenter-iii -&gt; ralph" type="missing-award">failing/wrong.test.yml:7:9: cases[0].awards[0]: expected, not awarded: commenter-iii -&gt; ralph</failure>');
    expect(stdout).toContain('<error message="not run: the rules under test are invalid: broken-rules/rules/broken.yml:6:10: trigger: must be a mapping" type="invalid-rules">');
    expect(stdout.endsWith('</testsuites>\n')).toBe(true);
  });

  it('describes the test file format in test --help and points to the docs', async () => {
    const { code, stdout } = await runCli(['test', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/--format <format> +output: text .*json .*junit/s);
    for (const field of ['rules:', 'history:', 'cases:', 'messages:', 'awards:', 'existing_awards:', 'users:', 'skip_users:', 'opted_out:', 'message_id']) expect(stdout).toContain(field);
    expect(stdout).toContain('accolade schema --test-file');
    expect(stdout).toContain('docs/cli.md#test');
  });

  it('prints the test file JSON Schema that @accolade/cli ships with schema --test-file', async () => {
    const { code, stdout } = await runCli(['schema', '--test-file']);
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as { required: string[] };
    expect(printed).toEqual(createRequire(import.meta.url)('@accolade/cli/test-file.schema.json'));
    expect(printed.required).toEqual(['rules', 'cases']);
  });

  it('exits 2 when there is nothing to run, or a path does not exist', async () => {
    const none = await runCli(['test', 'rules'], fixture('rule-tests'));
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no test files found/);
    const missing = await runCli(['test', 'nope.test.yml'], fixture('rule-tests'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("accolade: cannot read tests 'nope.test.yml'\n");
  });

  describe('in a rules repository', () => {
    let repo: string;
    beforeAll(async () => {
      repo = await mkdtemp(join(tmpdir(), 'accolade-rule-tests-'));
      const test = (name: string): string => `rules: ${JSON.stringify(RULES)}\ncases:\n  - name: ${name}\n    messages: []\n`;
      for (const dir of ['tests/nested', 'tests/.git', 'tests/node_modules/pkg', 'tests/.github', 'dangling']) await mkdir(join(repo, dir), { recursive: true });
      await writeFile(join(repo, 'tests/a.test.yml'), test('found as .test.yml'));
      await writeFile(join(repo, 'tests/nested/b.test.yaml'), test('found as .test.yaml'));
      await writeFile(join(repo, 'tests/not-a-test.yml'), 'not: a test\n');
      await symlink(join(repo, 'nowhere.test.yml'), join(repo, 'dangling/gone.test.yml'));
      for (const hidden of ['tests/.git/c.test.yml', 'tests/node_modules/pkg/d.test.yml', 'tests/.github/e.test.yml', 'tests/.f.test.yml']) await writeFile(join(repo, hidden), test('never found'));
      await writeFile(join(repo, 'escaping.test.yml'), [
        `rules: ${JSON.stringify(RULES)}`,
        'cases:',
        `  - name: "<b>\\"Tom\\" & 'Jerry'</b>\\x01"`,
        `    messages: [${COMMENT}, ${COMMENT.replace('m1', 'm2')}, ${COMMENT.replace('m1', '"a<b>&c"')}]`,
        '',
      ].join('\n'));
    });
    afterAll(async () => { await rm(repo, { recursive: true, force: true }); });

    it('finds tests as it finds rules: hidden folders and node_modules are passed over', async () => {
      const { code, stdout } = await runCli(['test', 'tests'], repo);
      expect(code).toBe(0);
      expect(stdout).toBe('PASS tests/a.test.yml:3: found as .test.yml\nPASS tests/nested/b.test.yaml:3: found as .test.yaml\n2 passed, 0 failed\n');
    });

    it('exits 2, naming it, for a test file found that cannot be read', async () => {
      const { code, stderr } = await runCli(['test', 'dangling'], repo);
      expect(code).toBe(2);
      expect(stderr).toBe("accolade: cannot read tests 'dangling/gone.test.yml': no such file or folder\n");
    });

    it('escapes what it writes into JUnit XML', async () => {
      const { code, stdout } = await runCli(['test', '--format', 'junit', 'escaping.test.yml'], repo);
      expect(code).toBe(1);
      expect(stdout).toContain('<testcase name="&lt;b&gt;&quot;Tom&quot; &amp; &apos;Jerry&apos;&lt;/b&gt;\uFFFD" classname="escaping.test.yml"');
      expect(stdout).toContain('awarded, not expected: commenter-iii -&gt; ralph (message a&lt;b&gt;&amp;c)</failure>');
    });
  });
});
