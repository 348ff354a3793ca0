import { readFileSync } from 'node:fs';
import { type CliIo, main } from '@accolade/cli';
import { describe, expect, it } from 'vitest';
import { fixture } from './run-cli.js';

/**
 * Progress on stderr is redrawn on a terminal and written as lines
 * elsewhere, every few seconds of a long run: these tests run the command
 * line in process, with a stderr that says it is a terminal (or is not) and
 * a clock they drive.
 */
type Write = { to: 'stdout' | 'stderr'; text: string };

/** A clock that stands still (every run is short) or moves a second each time it is read (every run is long). */
const still = (): (() => number) => () => 0;
const racing = (): (() => number) => { let t = 0; return () => (t += 1_000); };

async function replay(args: string[], stderrIsTty: boolean, now = still(), stdin?: string): Promise<{ code: number; writes: Write[] }> {
  const writes: Write[] = [];
  const io: CliIo = {
    stdout: (text) => { writes.push({ to: 'stdout', text }); },
    stderr: (text) => { writes.push({ to: 'stderr', text }); },
    stderrIsTty,
    now,
    ...(stdin === undefined ? {} : { stdin: async function* () { yield Buffer.from(stdin); } }),
  };
  const code = await main(['replay', ...args], io);
  return { code, writes };
}

const text = (writes: Write[], to: Write['to']): string => writes.filter((w) => w.to === to).map((w) => w.text).join('');
const CLEAR = '\r\x1b[2K';
const filters = (file: string): string => fixture('replay', 'filters', file);
const args = ['--rules', filters('rules'), '--history', filters('history.jsonl'), filters('messages.jsonl')];
const messageLines = readFileSync(filters('messages.jsonl'), 'utf8').split('\n').length - 1;

describe('replay progress on a terminal', () => {
  it('shows history loaded and messages replayed with the total, and wipes the line at the end', async () => {
    const { code, writes } = await replay(args, true);
    expect(code).toBe(0);
    const stderr = text(writes, 'stderr');
    expect(stderr).toMatch(/\r\x1b\[2Khistory: 1 of 6 lines \(16\.7 %\), \d+ lines\/s/);
    expect(stderr).toContain(`${CLEAR}replay: 1 of ${messageLines} lines (`);
    expect(stderr.endsWith(CLEAR)).toBe(true);
    // stdout is what it is without a terminal.
    expect(text(writes, 'stdout')).toBe(text((await replay(args, false)).writes, 'stdout'));
  });

  it('gives the rate and the time left on a long run', async () => {
    const stderr = text((await replay(args, true, racing())).writes, 'stderr');
    expect(stderr).toMatch(new RegExp(`\\r\\x1b\\[2Kreplay: \\d+ of ${messageLines} lines \\(\\d+\\.\\d %\\), \\d+ lines/s, ETA \\d+s, \\d+ awards?`));
  });

  it('wipes the counter before each award line, so both can share a terminal', async () => {
    const { writes } = await replay([...args, '--format', 'json'], true);
    expect(text(writes, 'stdout')).toBe(readFileSync(filters('expected.jsonl'), 'utf8'));
    expect(writes.some((w) => w.to === 'stderr' && w.text.startsWith(`${CLEAR}replay:`))).toBe(true);
    // Whenever a counter has been drawn, a wipe comes before the next line of output.
    let drawn = false;
    for (const w of writes) {
      if (w.to === 'stderr') drawn = w.text !== CLEAR;
      else expect(drawn, `${JSON.stringify(w.text)} written over the counter`).toBe(false);
    }
  });

  it('wipes the counter before a skipped line is reported', async () => {
    const dir = (file: string): string => fixture('replay', 'recipients', file);
    const { writes } = await replay(['--rules', dir('rules'), dir('messages.jsonl')], true);
    const report = writes.findIndex((w) => w.text.includes('messages.jsonl:4: skipped'));
    expect(report).toBeGreaterThan(0);
    expect(writes[report - 1]).toEqual({ to: 'stderr', text: CLEAR });
  });
});

describe('replay progress off a terminal (CI, nohup, a pipe)', () => {
  it('writes nothing for a short run', async () => {
    const { writes } = await replay(args, false);
    expect(text(writes, 'stderr')).toBe('');
  });

  it('writes a line every 5 seconds of a long run, with total, rate and time left, and a last line', async () => {
    const { code, writes } = await replay([...args, '--format', 'json'], false, racing());
    expect(code).toBe(0);
    // stdout stays exactly the award lines.
    expect(text(writes, 'stdout')).toBe(readFileSync(filters('expected.jsonl'), 'utf8'));
    const stderr = text(writes, 'stderr');
    expect(stderr).not.toContain('\r');
    const lines = stderr.trimEnd().split('\n');
    const replaying = lines.filter((l) => l.startsWith('replay: '));
    expect(replaying.length).toBeGreaterThan(1);
    for (const line of replaying.slice(0, -1)) expect(line).toMatch(new RegExp(`^replay: \\d+ of ${messageLines} lines \\(\\d+\\.\\d %\\), \\d+ lines/s, ETA \\d+s, \\d+ awards?$`));
    expect(replaying.at(-1)).toMatch(new RegExp(`^replay: ${messageLines} of ${messageLines} lines \\(100\\.0 %\\), \\d+ lines/s, 23 awards; done in (\\d+m )?\\d+s$`));
  });

  it('counts lines, with no total, when the messages come from standard input', async () => {
    const { code, writes } = await replay(['--rules', filters('rules'), '-'], false, racing(), readFileSync(filters('messages.jsonl'), 'utf8'));
    expect(code).toBe(0);
    expect(text(writes, 'stderr')).toMatch(/^replay: \d+ lines, \d+ lines\/s, \d+ awards?$/m);
  });

  it('says nothing with --no-progress, on a terminal or not', async () => {
    for (const tty of [true, false]) {
      const { code, writes } = await replay([...args, '--no-progress'], tty, racing());
      expect(code).toBe(0);
      expect(text(writes, 'stderr')).toBe('');
    }
  });
});
