import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkJsonLinesHead, opensAsJsonLines } from './json-lines-check.js';

const message = (id: string): Record<string, unknown> => ({ id, topic: 'org.example.t', headers: { 'sent-at': '2024-01-01T00:00:00+00:00' }, body: { user: 'ana' } });
const jsonl = (...ids: string[]): string => ids.map((id) => `${JSON.stringify(message(id))}\n`).join('');
const check = (text: string | Buffer, isAll = true): ReturnType<typeof checkJsonLinesHead> => checkJsonLinesHead(typeof text === 'string' ? Buffer.from(text) : text, isAll);

describe('refusing what is clearly not JSON Lines', () => {
  it('lets JSON Lines through, bad lines and all', () => {
    expect(check(jsonl('a', 'b', 'c'))).toBeNull();
    expect(check('')).toBeNull();
    expect(check('\n  \n')).toBeNull();
    // A truncated first line, a line of junk, a stray array line: the good lines after them still count.
    expect(check(`{"id": "a", "topic"\n${jsonl('b')}`)).toBeNull();
    expect(check(`this line is not json\n${jsonl('b')}`)).toBeNull();
    expect(check(`[1, 2]\n${jsonl('b')}`)).toBeNull();
    expect(check(`{\n${jsonl('b')}`)).toBeNull();
    // One message alone on a line is JSON Lines, even though the file is also one JSON document.
    expect(check(jsonl('a'))).toBeNull();
    // A UTF-8 BOM and CRLF line ends.
    expect(check(`\ufeff${jsonl('a', 'b').replaceAll('\n', '\r\n')}`)).toBeNull();
  });

  it('looks only at the complete lines of a head that is not the whole input', () => {
    const text = jsonl('a', 'b');
    expect(check(text.slice(0, text.length - 10), false)).toBeNull();
    // A first line longer than the head.
    expect(check(`{"id": "${'x'.repeat(1000)}`, false)).toBeNull();
    // A character cut in the middle by the end of the head is not bad UTF-8.
    const accented = Buffer.from(`${jsonl('a')}{"id": "é`);
    expect(check(accented.subarray(0, accented.length - 1), false)).toBeNull();
  });

  it('refuses compressed and binary content', () => {
    expect(check(gzipSync(jsonl('a')))).toEqual({ reason: 'is gzip-compressed, not JSON Lines', decompress: 'gunzip -c' });
    expect(check(Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 1, 2]))?.reason).toBe('is zstd-compressed, not JSON Lines');
    expect(check(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2]))?.reason).toBe('is a zip archive, not JSON Lines');
    expect(check(Buffer.from([0x7b, 0x00, 0x7d]))?.reason).toBe('is binary (it holds NUL bytes), not JSON Lines');
    expect(check(Buffer.from(`\ufeff${jsonl('a')}`, 'utf16le'))?.reason).toBe('is UTF-16 text, not UTF-8 JSON Lines');
    expect(check(Buffer.concat([Buffer.from('{"id": "'), Buffer.from([0xe9]), Buffer.from('"}\n')]))?.reason).toBe('is not UTF-8 text, not JSON Lines');
  });

  it('names one JSON document spread over lines (readable: a warning), with the jq command that makes it JSON Lines', () => {
    const object = { reason: 'is one JSON document, not JSON Lines', fix: 'put one message per line, e.g. jq -c . FILE', readable: true };
    const array = { reason: 'is one JSON document (an array), not JSON Lines', fix: "put one message per line, e.g. jq -c '.[]' FILE", readable: true };
    expect(check(JSON.stringify(message('a'), null, 2))).toEqual(object);
    expect(check(JSON.stringify([message('a'), message('b')], null, 2))).toEqual(array);
    expect(check(JSON.stringify([message('a'), message('b')]))).toEqual(array);
    expect(check(`[\n${jsonl('a', 'b').replaceAll('}\n', '},\n')}]\n`)).toEqual(array);
    // `jq .` over JSON Lines: pretty-printed objects one after the other.
    expect(check(`${JSON.stringify(message('a'), null, 2)}\n${JSON.stringify(message('b'), null, 2)}\n`)).toEqual(object);
    // Bigger than the head: known by how it opens.
    expect(check(JSON.stringify([message('a'), message('b')], null, 2).slice(0, 50), false)).toEqual(array);
    expect(check(JSON.stringify(message('a'), null, 4).slice(0, 50), false)).toEqual(object);
    expect(check(`[${JSON.stringify(message('a'))}, {"id": `, false)).toEqual(array);
  });

  it('names text in which no line is a JSON object, such as a README (readable: a warning)', () => {
    expect(check('# Accolade\n\nBadges for Fedora.\n')).toEqual({ reason: 'is not JSON Lines: none of its lines is a JSON object', fix: 'one JSON object per line expected', readable: true });
    expect(check('id,topic\n')?.reason).toBe('is not JSON Lines: its only line is not a JSON object');
    expect(check('id,topic\nx,y', false)?.reason).toBe('is not JSON Lines: its first line is not a JSON object');
    const long = Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n');
    expect(check(`${long}\n${jsonl('a')}`)?.reason).toBe('is not JSON Lines: none of its first 20 lines is a JSON object');
  });

  it('knows JSON Lines for sure once the first line is complete and a JSON object', () => {
    expect(opensAsJsonLines(Buffer.from(`\n${jsonl('a')}{"id": `))).toBe(true);
    expect(opensAsJsonLines(Buffer.from(jsonl('a').slice(0, -1)))).toBe(false);
    expect(opensAsJsonLines(Buffer.from('{\n"id": "a",\n'))).toBe(false);
    expect(opensAsJsonLines(Buffer.from('# title\n'))).toBe(false);
  });
});
