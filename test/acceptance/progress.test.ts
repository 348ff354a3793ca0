import { readFileSync } from 'node:fs';
import { type CliIo, main } from '@accolade/cli';
import { describe, expect, it } from 'vitest';
import { fixture } from './run-cli.js';

/**
 * Progress on stderr is for terminals, so these tests run the command line
 * in process with a stderr that says it is one (or is not).
 */
type Write = { to: 'stdout' | 'stderr'; text: string };

async function replay(args: string[], stderrIsTty: boolean): Promise<{ code: number; writes: Write[] }> {
  const writes: Write[] = [];
  const io: CliIo = {
    stdout: (text) => { writes.push({ to: 'stdout', text }); },
    stderr: (text) => { writes.push({ to: 'stderr', text }); },
    stderrIsTty,
  };
  const code = await main(['replay', ...args], io);
  return { code, writes };
}

const text = (writes: Write[], to: Write['to']): string => writes.filter((w) => w.to === to).map((w) => w.text).join('');
const CLEAR = '\r\x1b[2K';
const filters = (file: string): string => fixture('replay', 'filters', file);
const args = ['--rules', filters('rules'), '--history', filters('history.jsonl'), filters('messages.jsonl')];

describe('replay progress on a terminal', () => {
  it('counts history loaded and messages replayed on stderr, and wipes the line at the end', async () => {
    const { code, writes } = await replay(args, true);
    expect(code).toBe(0);
    const stderr = text(writes, 'stderr');
    expect(stderr).toContain(`${CLEAR}loaded 1 history message`);
    expect(stderr).toContain(`${CLEAR}replayed 1 message, 1 award`);
    expect(stderr.endsWith(CLEAR)).toBe(true);
    // stdout is what it is without a terminal.
    expect(text(writes, 'stdout')).toBe(text((await replay(args, false)).writes, 'stdout'));
  });

  it('writes nothing of the kind when stderr is not a terminal', async () => {
    const { writes } = await replay(args, false);
    expect(text(writes, 'stderr')).toBe('');
  });

  it('wipes the counter before each award line, so both can share a terminal', async () => {
    const { writes } = await replay([...args, '--format', 'json'], true);
    expect(text(writes, 'stdout')).toBe(readFileSync(filters('expected.jsonl'), 'utf8'));
    expect(writes.some((w) => w.to === 'stderr' && w.text.startsWith(`${CLEAR}replayed`))).toBe(true);
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
