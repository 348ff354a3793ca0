/**
 * Whether the head of an input can be JSON Lines, decided before a run so
 * that a gzip file is refused with one clear message instead of thousands of
 * skipped lines, and a pretty-printed JSON document or a README is named for
 * what it is before its lines are reported and skipped. A JSON Lines file
 * with bad lines among good ones (a truncated first line included) gets
 * neither.
 */

/** What the input is instead; `fix` is a hint the message ends with (`FILE` stands for the input). */
export interface NotJsonLines {
  reason: string;
  fix?: string;
  /** For compressed input: the command that decompresses FILE to stdout. */
  decompress?: string;
  /**
   * True when the input is text that can be read line by line (one JSON
   * document, a README): the contract then reports and skips each line that
   * is no message, so this is a warning, not a refusal.
   */
  readable?: true;
}

const MAGIC: ReadonlyArray<[bytes: number[], kind: string, decompress?: string]> = [
  [[0x1f, 0x8b], 'gzip-compressed', 'gunzip -c'],
  [[0x28, 0xb5, 0x2f, 0xfd], 'zstd-compressed', 'zstd -dc'],
  [[0x42, 0x5a, 0x68], 'bzip2-compressed', 'bzip2 -dc'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'xz-compressed', 'xz -dc'],
  [[0x50, 0x4b, 0x03, 0x04], 'a zip archive'],
];

/** Lines looked at for one that starts like a JSON object. */
const LOOK_AT_LINES = 20;

const startsWith = (head: Uint8Array, bytes: readonly number[]): boolean => bytes.every((b, i) => head[i] === b);

function parses(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

const isObject = (text: string): boolean => {
  const parsed = parses(text);
  return parsed.ok && typeof parsed.value === 'object' && parsed.value !== null && !Array.isArray(parsed.value);
};

/** The head decoded, or null when it is not UTF-8 (a multi-byte character cut by the end of the head is not an error). */
function decodeUtf8(head: Uint8Array, isAll: boolean): string | null {
  let end = head.length;
  if (!isAll) {
    // Back up over the bytes of a last character the head may have cut.
    let back = 0;
    while (back < 3 && end - back > 0 && (head[end - back - 1]! & 0xc0) === 0x80) back++;
    if (end - back > 0 && head[end - back - 1]! >= 0xc0) end = end - back - 1;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
  } catch {
    return null;
  }
}

/**
 * `head`: the first bytes of the input; `isAll`: whether they are all of it.
 * Returns null when the input may be JSON Lines.
 */
export function checkJsonLinesHead(head: Uint8Array, isAll: boolean): NotJsonLines | null {
  for (const [bytes, kind, decompress] of MAGIC) {
    if (startsWith(head, bytes)) return { reason: `is ${kind}, not JSON Lines`, ...(decompress === undefined ? {} : { decompress }) };
  }
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return { reason: 'is UTF-16 text, not UTF-8 JSON Lines', fix: 'convert it, e.g. iconv -f UTF-16 -t UTF-8 FILE' };
  if (head.includes(0)) return { reason: 'is binary (it holds NUL bytes), not JSON Lines' };
  let text = decodeUtf8(head, isAll);
  if (text === null) return { reason: 'is not UTF-8 text, not JSON Lines' };
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  const all = text.split('\n');
  // Without the end of the input, the last line may be cut short; it is looked at only when it is the first.
  const complete = isAll ? all : all.slice(0, -1);
  const lines = (complete.length > 0 ? complete : all).map((l) => l.trim()).filter((l) => l !== '');
  const [first, second] = lines;
  if (first === undefined || isObject(first)) return null;

  // A document that spans lines: the whole input parses as one value, or it opens like one.
  const document = (array: boolean): NotJsonLines => array
    ? { reason: 'is one JSON document (an array), not JSON Lines', fix: "put one message per line, e.g. jq -c '.[]' FILE", readable: true }
    : { reason: 'is one JSON document, not JSON Lines', fix: 'put one message per line, e.g. jq -c . FILE', readable: true };
  if (isAll && lines.length > 1) {
    const whole = parses(text);
    if (whole.ok && typeof whole.value === 'object' && whole.value !== null) return document(Array.isArray(whole.value));
  }
  if (first.startsWith('[')) {
    // A line of JSON Lines is never an array: this opens one, unless the next line is a message after all.
    if (second === undefined || !isObject(second)) return document(true);
    return null;
  }
  if (first.startsWith('{')) {
    // A pretty-printed object goes on with `"key": ...` or `}`; JSON Lines goes on with the next object.
    if (second !== undefined && !second.startsWith('{')) return document(false);
    return null;
  }
  if (!lines.slice(0, LOOK_AT_LINES).some((l) => l.startsWith('{'))) {
    const looked = Math.min(lines.length, LOOK_AT_LINES);
    const which = isAll && lines.length <= LOOK_AT_LINES
      ? (looked === 1 ? 'its only line is not' : 'none of its lines is')
      : (looked === 1 ? 'its first line is not' : `none of its first ${looked} lines is`);
    return { reason: `is not JSON Lines: ${which} a JSON object`, fix: 'one JSON object per line expected', readable: true };
  }
  return null;
}

/** True once the head shows JSON Lines for sure: its first line, complete, is a JSON object. */
export function opensAsJsonLines(head: Uint8Array): boolean {
  const text = decodeUtf8(head, false);
  if (text === null) return false;
  const complete = text.replace(/^\ufeff/, '').split('\n').slice(0, -1);
  const first = complete.map((l) => l.trim()).find((l) => l !== '');
  return first !== undefined && isObject(first);
}
