import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from './cli-io.js';
import { HEAD_BYTES, type Line, countLines, openInput, readLines } from './read-lines.js';

let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'accolade-read-lines-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

const all = async (lines: AsyncIterable<Line>): Promise<Line[]> => {
  const out: Line[] = [];
  for await (const l of lines) out.push(l);
  return out;
};

describe('reading lines', () => {
  it('gives the non-blank lines with their numbers, without BOM or CR, the last one without a newline too', async () => {
    const file = join(dir, 'a.jsonl');
    await writeFile(file, '\ufeff{"a": 1}\r\n\n  \n{"b": 2}\n{"c": 3}');
    expect(await all(readLines(file))).toEqual([{ line: 1, text: '{"a": 1}' }, { line: 4, text: '{"b": 2}' }, { line: 5, text: '{"c": 3}' }]);
    expect(await countLines(file)).toBe(5);
    await writeFile(file, 'x\ny\n');
    expect(await countLines(file)).toBe(2);
  });

  it('reads standard input once: the head looked at first is handed out again, characters split across chunks intact', async () => {
    const text = `{"name": "é"}\n${'{"n": 1}\n'.repeat(HEAD_BYTES / 8)}`;
    const bytes = Buffer.from(text);
    const cut = bytes.indexOf(0xc3) + 1;
    const stdin = async function* (): AsyncGenerator<Buffer> {
      yield bytes.subarray(0, cut);
      yield bytes.subarray(cut, HEAD_BYTES + 7);
      yield bytes.subarray(HEAD_BYTES + 7);
    };
    const input = await openInput('-', 'messages', stdin);
    expect(input.name).toBe('<stdin>');
    expect(input.regularFile).toBe(false);
    expect(input.headIsAll).toBe(false);
    expect(input.head.length).toBe(HEAD_BYTES);
    const lines = await all(input.lines());
    expect(lines[0]).toEqual({ line: 1, text: '{"name": "é"}' });
    expect(lines.length).toBe(text.split('\n').length - 1);
  });

  it('stops reading the head of a slow pipe once it has enough', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => { open = resolve; });
    const stdin = async function* (): AsyncGenerator<string> {
      yield '{"a": 1}\n';
      await gate;
      yield '{"b": 2}\n';
    };
    // Resolves while the pipe still waits: the run starts on the first line.
    const input = await openInput('-', 'messages', stdin, (head) => head.includes(0x0a));
    expect(input.head.toString()).toBe('{"a": 1}\n');
    open();
    expect((await all(input.lines())).map((l) => l.text)).toEqual(['{"a": 1}', '{"b": 2}']);
  });

  it('opens a file as a regular file, and names a file it cannot read', async () => {
    const file = join(dir, 'b.jsonl');
    await writeFile(file, '{"a": 1}\n');
    const input = await openInput(file, 'history');
    expect([input.regularFile, input.headIsAll, input.head.toString()]).toEqual([true, true, '{"a": 1}\n']);
    expect(await all(input.lines())).toEqual([{ line: 1, text: '{"a": 1}' }]);
    await expect(openInput(join(dir, 'none.jsonl'), 'history')).rejects.toThrow(new UsageError(`cannot read history '${join(dir, 'none.jsonl')}'`));
  });
});
