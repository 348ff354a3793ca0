import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { type CliResult, ROOT, fixture, runCli } from './run-cli.js';

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

/** As runCli, with `input` piped to standard input. */
function runCliWithInput(args: readonly string[], input: string | Buffer, cwd = ROOT): Promise<CliResult> {
  const bin = fileURLToPath(new URL('../../packages/cli/bin/accolade.js', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [bin, ...args], { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') { reject(error); return; }
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
    child.stdin!.end(input);
  });
}

describe('accolade replay input', () => {
  const triggers = (file: string): string => fixture('replay', 'triggers', file);
  const filters = (file: string): string => fixture('replay', 'filters', file);
  const recipients = (file: string): string => fixture('replay', 'recipients', file);
  const messages = readFileSync(triggers('messages.jsonl'), 'utf8');
  const parsed = messages.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown);
  const tmp = mkdtempSync(join(tmpdir(), 'accolade-replay-input-'));
  afterAll(() => { rmSync(tmp, { recursive: true, force: true }); });
  const write = (name: string, content: string | Buffer): string => {
    const file = join(tmp, name);
    writeFileSync(file, content);
    return file;
  };

  it("reads the messages from standard input when the file is '-'", async () => {
    const fromFile = await runCli(['replay', '--rules', triggers('rules'), triggers('messages.jsonl'), '--format', 'json']);
    const fromStdin = await runCliWithInput(['replay', '--rules', triggers('rules'), '-', '--format', 'json'], messages);
    expect(fromStdin).toEqual({ ...fromFile, stderr: '' });
    expect(fromStdin.stdout.split('\n').length).toBeGreaterThan(10);
  });

  it("reads the history from standard input with --history -", async () => {
    const { code, stdout } = await runCliWithInput(['replay', '--rules', filters('rules'), '--history', '-', filters('messages.jsonl'), '--format', 'json'], readFileSync(filters('history.jsonl')));
    expect(code).toBe(0);
    expect(stdout).toBe(readFileSync(filters('expected.jsonl'), 'utf8'));
  });

  it("refuses '-' for more than one input", async () => {
    const { code, stderr } = await runCliWithInput(['replay', '--rules', triggers('rules'), '--history', '-', '-'], messages);
    expect(code).toBe(2);
    expect(stderr).toBe("accolade: only one input can be standard input ('-'); got it for messages and --history\n");
  });

  it('counts the lines skipped, of the messages and of the history, in the closing summary', async () => {
    const { code, stdout, stderr } = await runCli(['replay', '--rules', recipients('rules'), '--history', recipients('messages.jsonl'), recipients('messages.jsonl')]);
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/^\d+ awards? from \d+ messages, 1 line skipped; \d+ rules, \d+ history messages \(1 line skipped\), \d+ rule triggers$/);
    // Each skipped line is still reported on its own, once for the history and once for the messages.
    expect(stderr.match(/messages\.jsonl:4: skipped: not valid JSON/g)).toHaveLength(2);
  });

  it('runs JSON Lines with bad lines, a truncated first one included: each reported, skipped and counted', async () => {
    const file = write('bad-lines.jsonl', `{"id": "cut", "topic": "org.fedo\n${messages}not json\n[1, 2]\n`);
    const { code, stdout, stderr } = await runCli(['replay', '--rules', triggers('rules'), file]);
    expect(code).toBe(0);
    expect(stderr.split('\n').filter((l) => l.includes(': skipped: ')).map((l) => l.slice(file.length + 1).split(':')[0])).toEqual(['1', String(parsed.length + 2), String(parsed.length + 3)]);
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/^15 awards from 16 messages, 3 lines skipped; /);
  });

  describe('refuses, up front and with exit 2, an input that cannot be read as lines of text', () => {
    const cases: Array<[name: string, content: () => string | Buffer, message: (file: string) => string]> = [
      ['messages.jsonl.gz', () => gzipSync(messages), (f) => `is gzip-compressed, not JSON Lines; decompress it first, e.g. gunzip -c ${f} | accolade replay ... -`],
      ['messages.bin', () => Buffer.from([0x7b, 0x00, 0x01, 0x02, 0x0a]), () => 'is binary (it holds NUL bytes), not JSON Lines'],
    ];

    it.each(cases)('messages %s', async (name, content, message) => {
      const file = write(name, content());
      const { code, stdout, stderr } = await runCli(['replay', '--rules', triggers('rules'), file]);
      expect({ code, stdout, stderr }).toEqual({ code: 2, stdout: '', stderr: `accolade: messages '${file}' ${message(file)}\n` });
    });
  });

  describe('names text that is clearly not JSON Lines, then reports and skips its lines as the contract says (exit 0)', () => {
    const cases: Array<[name: string, content: () => string, message: (file: string) => string]> = [
      ['pretty.json', () => JSON.stringify(parsed[0], null, 2), (f) => `is one JSON document, not JSON Lines; put one message per line, e.g. jq -c . ${f}`],
      ['jq-dot.json', () => parsed.map((m) => JSON.stringify(m, null, 2)).join('\n'), (f) => `is one JSON document, not JSON Lines; put one message per line, e.g. jq -c . ${f}`],
      ['array.json', () => JSON.stringify(parsed, null, 2), (f) => `is one JSON document (an array), not JSON Lines; put one message per line, e.g. jq -c '.[]' ${f}`],
      ['compact-array.json', () => JSON.stringify(parsed), (f) => `is one JSON document (an array), not JSON Lines; put one message per line, e.g. jq -c '.[]' ${f}`],
      ['README.md', () => '# Accolade\n\nBadges for activity on a message bus.\n\n```sh\npnpm exec accolade replay --rules rules/ messages.jsonl\n```\n', () => 'is not JSON Lines: none of its lines is a JSON object; one JSON object per line expected'],
    ];

    it.each(cases)('messages %s', async (name, content, message) => {
      const text = content();
      const file = write(name, text);
      const { code, stdout, stderr } = await runCli(['replay', '--rules', triggers('rules'), file]);
      expect(code).toBe(0);
      const [warning, ...reports] = stderr.trimEnd().split('\n');
      expect(warning).toBe(`accolade: warning: messages '${file}' ${message(file)}; each line that is no message is reported and skipped`);
      const lines = text.split('\n').filter((l) => l.trim() !== '').length;
      expect(reports.length).toBe(lines);
      for (const r of reports) expect(r).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: skipped: `));
      expect(stdout.trimEnd().split('\n').at(-1)).toMatch(new RegExp(`^0 awards from 0 messages, ${lines} lines? skipped; `));
    });
  });

  describe('other inputs', () => {
    it('history and awards files, and standard input, are checked the same way', async () => {
      const gz = write('history.jsonl.gz', gzipSync(messages));
      const pretty = write('awards.json', JSON.stringify([{ badge_id: 'b', user: 'u' }], null, 2));
      const history = await runCli(['replay', '--rules', triggers('rules'), '--history', gz, triggers('messages.jsonl')]);
      expect([history.code, history.stderr]).toEqual([2, `accolade: history '${gz}' is gzip-compressed, not JSON Lines; decompress it first, e.g. gunzip -c ${gz} | accolade replay ... --history -\n`]);
      const awards = await runCli(['replay', '--rules', triggers('rules'), '--awards', pretty, triggers('messages.jsonl')]);
      expect([awards.code, awards.stderr.split('\n')[0]]).toEqual([0, `accolade: warning: awards '${pretty}' is one JSON document (an array), not JSON Lines; put one award per line, e.g. jq -c '.[]' ${pretty}; each line that is no award is reported and skipped`]);
      const piped = await runCliWithInput(['replay', '--rules', triggers('rules'), '-'], gzipSync(messages));
      expect([piped.code, piped.stdout, piped.stderr]).toEqual([2, '', "accolade: messages '<stdin>' is gzip-compressed, not JSON Lines; decompress it first, e.g. ... | gunzip -c | accolade replay ... -\n"]);
    });
  });

  it("documents '-' and --no-progress in replay --help", async () => {
    const { code, stdout } = await runCli(['replay', '--help']);
    expect(code).toBe(0);
    const help = stdout.replace(/\s+/g, ' ');
    expect(help).toContain("messages messages, one JSON object per line (.jsonl); '-' reads standard input");
    expect(help).toContain("--history <file> messages loaded into the history first, never evaluated (.jsonl; '-' for standard input)");
    expect(help).toContain('--no-progress no progress on stderr');
  });

  it('silences a backfill\'s progress with --no-progress', async () => {
    const args = ['replay', '--rules', triggers('rules'), '--store', 'pglite:memory', '--since', '2024-01-01'];
    const loud = await runCli(args);
    expect([loud.code, loud.stderr]).toEqual([0, expect.stringMatching(/^backfill: 0 of 0 messages.*done in/m)]);
    const quiet = await runCli([...args, '--no-progress']);
    expect([quiet.code, quiet.stderr]).toEqual([0, expect.not.stringMatching(/backfill:/)]);
  });
});
