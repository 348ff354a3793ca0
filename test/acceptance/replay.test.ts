import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runCli } from './run-cli.js';

/**
 * Each folder under fixtures/replay is one scenario: rules/, messages.jsonl,
 * optional history.jsonl and args.json, and expected.jsonl, the exact
 * `--format json` output the CLI contract promises (and, where the scenario
 * has one, expected-stderr.txt, the exact warnings).
 */
const scenarios = readdirSync(fixture('replay'));

function replayArgs(dir: string): string[] {
  const args = ['replay', '--rules', 'rules'];
  if (existsSync(join(dir, 'history.jsonl'))) args.push('--history', 'history.jsonl');
  if (existsSync(join(dir, 'args.json'))) args.push(...JSON.parse(readFileSync(join(dir, 'args.json'), 'utf8')) as string[]);
  return [...args, 'messages.jsonl'];
}

describe('accolade replay', () => {
  it.each(scenarios)('%s: gives exactly the expected awards', async (name) => {
    const dir = fixture('replay', name);
    const result = await runCli([...replayArgs(dir), '--format', 'json'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(readFileSync(join(dir, 'expected.jsonl'), 'utf8'));
    if (existsSync(join(dir, 'expected-stderr.txt'))) expect(result.stderr).toBe(readFileSync(join(dir, 'expected-stderr.txt'), 'utf8'));
  });

  it('with --verbose also reports missing keys, with file, line, column and candidate', async () => {
    const dir = fixture('replay', 'candidates');
    const { code, stderr } = await runCli([...replayArgs(dir), '--format', 'json', '--verbose'], dir);
    expect(code).toBe(0);
    expect(stderr.split('\n').filter((l) => l.includes('KeyError'))).toEqual([
      `rules/ca-operation-keyerror.yml:12:38: previous.operation.lambda: KeyError: 'nope' (message m1 for agent1)`,
      `rules/ca-recipient-keyerror.yml:8:25: recipient: KeyError: 'missing' (message m1)`,
    ]);
  });

  it('reports a line that is not a message with its number, and goes on', async () => {
    const dir = fixture('replay', 'recipients');
    const { stderr } = await runCli([...replayArgs(dir), '--format', 'json'], dir);
    expect(stderr).toMatch(/^messages\.jsonl:4: skipped: not valid JSON/m);
  });

  it('prints a readable table and a summary by default', async () => {
    const dir = fixture('replay', 'triggers');
    const { code, stdout } = await runCli(replayArgs(dir), dir);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^badge\s+user\s+message$/);
    expect(lines[2]).toMatch(/^trigger-topic\s+a1\s+m1$/);
    expect(lines.at(-1)).toBe('15 awards from 16 messages; 12 rules, 0 history messages, 15 rule triggers');
  });

  it('evaluates nothing when a rule is invalid (exit 1), and reports it as validate does', async () => {
    const messages = fixture('replay', 'triggers', 'messages.jsonl');
    const { code, stdout, stderr } = await runCli(['replay', '--rules', fixture('invalid', 'bad-lambda.yml'), '--rules', fixture('replay', 'triggers', 'rules'), messages, '--format', 'json']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/bad-lambda\.yml:9:35: trigger\.all\[1\]\.lambda: SyntaxError/);
  });

  it.each([
    [['replay', 'missing.jsonl', '--rules', '.'], /cannot read messages 'missing\.jsonl'/],
    [['replay', fixture('replay', 'triggers', 'messages.jsonl')], /--rules <path> is required/],
    [['replay', fixture('replay', 'triggers', 'messages.jsonl'), '--rules', 'no/such/rules'], /cannot read rules 'no\/such\/rules'/],
    [['replay', fixture('replay', 'triggers', 'messages.jsonl'), '--rules', '.', '--history', 'nope.jsonl'], /cannot read history 'nope\.jsonl'/],
    [['replay', fixture('replay', 'triggers', 'messages.jsonl'), '--rules', '.', '--awards', 'nope.jsonl'], /cannot read awards 'nope\.jsonl'/],
    [['replay', fixture('replay', 'triggers', 'messages.jsonl'), '--rules', '.', '--users', 'nope.txt'], /cannot read users 'nope\.txt'/],
    [['replay', fixture('replay', 'triggers', 'messages.jsonl'), '--rules', '.', '--format', 'xml'], /argument 'xml' is invalid/],
    [['replay', '--bogus'], /unknown option '--bogus'/],
    [['replay', fixture('replay'), '--rules', fixture('replay', 'triggers', 'rules')], /cannot read messages '.*replay': it is a folder, not a file/],
    [['replay', fixture('replay', 'triggers', 'messages.jsonl'), '--rules', fixture('replay', 'triggers', 'rules'), '--history', fixture('replay')], /cannot read history '.*replay': it is a folder/],
  ])('exits 2 for usage errors and unreadable files: %j', async (args, message) => {
    const { code, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});
