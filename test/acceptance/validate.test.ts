import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, runCli } from './run-cli.js';

describe('accolade validate', () => {
  it('reports every problem in every file as file:line:column: path: message, and exits 1', async () => {
    const { code, stdout, stderr } = await runCli(['validate', '.'], fixture('invalid'));
    expect(code).toBe(1);
    expect(stderr).toBe(readFileSync(fixture('invalid', 'expected-errors.txt'), 'utf8'));
    expect(stdout).toBe('16 problems in 12 files; 1 rule valid\n');
  });

  it('exits 0 and says so when every rule is valid', async () => {
    const { code, stdout, stderr } = await runCli(['validate', fixture('replay', 'triggers', 'rules'), fixture('replay', 'filters', 'rules', 'f01-users.yml')]);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toBe('13 rules valid\n');
  });

  it('prints warnings for 1.x rules but accepts them', async () => {
    const { code, stderr } = await runCli(['validate', 'rules'], fixture('replay', 'legacy'));
    expect(code).toBe(0);
    expect(stderr.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/^rules\/git-pusher\.yml:12:1: warning: criteria: fedbadges 1\.x rule/),
      expect.stringMatching(/^rules\/updater\.yml:8:1: warning: criteria: fedbadges 1\.x rule/),
    ]);
  });

  it('writes machine-readable issues with --format json', async () => {
    const { code, stdout } = await runCli(['validate', 'bad-trigger.yml', '--format', 'json'], fixture('invalid'));
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ code: 'schema', severity: 'error', file: 'bad-trigger.yml', line: 7, column: 3, path: 'trigger' });
  });

  it('prints the JSON Schema that @accolade/core exports for editors', async () => {
    const { code, stdout } = await runCli(['schema']);
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as { required: string[]; properties: Record<string, unknown> };
    expect(printed).toEqual(createRequire(import.meta.url)('@accolade/core/rule.schema.json'));
    expect(printed.required).toEqual(['name', 'description', 'creator', 'discussion', 'image_url', 'trigger']);
    expect(Object.keys(printed.properties)).toEqual(expect.arrayContaining(['previous', 'condition', 'recipient', 'recipient_krb2fas', 'issuer_id', 'tags']));
  });

  it('exits 2 for a path that does not exist, naming it, and still checks the others', async () => {
    const { code, stderr } = await runCli(['validate', 'nope.yml', 'bad-trigger.yml'], fixture('invalid'));
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe("accolade: cannot read rules 'nope.yml': no such file or folder");
    expect(stderr).toMatch(/^bad-trigger\.yml:7:3: trigger: /m);
    const absolute = await runCli(['validate', '/nope']);
    expect([absolute.code, absolute.stderr]).toEqual([2, "accolade: cannot read rules '/nope': no such file or folder\n"]);
  });
});

describe('accolade validate in a rules repository', () => {
  let repo: string;
  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), 'accolade-repo-'));
    const put = (path: string, text: string | Buffer): void => {
      mkdirSync(dirname(join(repo, path)), { recursive: true });
      writeFileSync(join(repo, path), text);
    };
    put('rules/good.yml', readFileSync(fixture('invalid', 'good.yml')));
    put('rules/good.test.yml', 'rules: good.yml\ncases:\n  - messages: []\n    awards: []\n');
    put('.github/workflows/ci.yml', 'on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n');
    put('.pre-commit-config.yaml', 'repos: []\n');
    put('node_modules/some-package/.travis.yml', 'language: node_js\n');
    put('only-tests/a.test.yml', 'rules: ../rules\ncases: []\n');
    mkdirSync(join(repo, 'empty'));
    put('binary/logo.yml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x0d, 0x0a, 0x1a]));
  });
  afterAll(() => { rmSync(repo, { recursive: true, force: true }); });

  it('passes over workflows, hidden files, node_modules and rule tests when searching a folder', async () => {
    const { code, stdout, stderr } = await runCli(['validate', '.', '--format', 'text'], join(repo));
    // binary/logo.yml is a rule file by name; it is reported below. Everything else here is not a rule.
    expect(stderr).toBe('binary/logo.yml:1:1: this is not a text file (it contains NUL bytes)\n');
    expect([code, stdout]).toEqual([1, '1 problem in 1 file; 1 rule valid\n']);
    const rules = await runCli(['validate', 'rules'], repo);
    expect([rules.code, rules.stdout, rules.stderr]).toEqual([0, '1 rule valid\n', '']);
  });

  it('still reads a file named on the command line, whatever its name', async () => {
    const { code, stderr } = await runCli(['validate', '.github/workflows/ci.yml'], repo);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^\.github\/workflows\/ci\.yml:1:1: missing required field 'name'/);
  });

  it('exits 2 for a folder holding no rules, saying so, in validate and in replay', async () => {
    for (const folder of ['empty', 'only-tests']) {
      const { code, stderr } = await runCli(['validate', folder], repo);
      expect(code).toBe(2);
      expect(stderr).toMatch(new RegExp(`^accolade: no rules in '${folder}': the folder '${folder}' holds no rule files`));
    }
    writeFileSync(join(repo, 'm.jsonl'), '{"topic": "a"}\n');
    const replay = await runCli(['replay', '--rules', 'empty', 'm.jsonl'], repo);
    expect(replay.code).toBe(2);
    expect(replay.stderr).toMatch(/^accolade: no rules in 'empty'/);
    expect(replay.stdout).toBe('');
  });
});
