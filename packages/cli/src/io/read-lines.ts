import { createReadStream } from 'node:fs';
import { access, constants, stat } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { UsageError } from './cli-io.js';

/** The path that means standard input, as for most Unix tools. */
export const STDIN = '-';
/** How input files are named in reports (`<stdin>:4: skipped: ...`). */
export const STDIN_NAME = '<stdin>';

/** Fail early, with exit code 2, when an input file cannot be read (a folder included: reading it would fail mid-run). */
export async function assertReadable(file: string, what: string): Promise<void> {
  let isFolder: boolean;
  try {
    await access(file, constants.R_OK);
    isFolder = (await stat(file)).isDirectory();
  } catch {
    throw new UsageError(`cannot read ${what} '${file}'`);
  }
  if (isFolder) throw new UsageError(`cannot read ${what} '${file}': it is a folder, not a file`);
}

export interface Line {
  /** 1-based, blank lines counted. */
  line: number;
  text: string;
}

/**
 * An input opened once, with its first bytes already read so that they can
 * be looked at before the run starts. A pipe, standard input or `<(zcat ...)`
 * can be read only once: the head is kept and handed out again by `lines`.
 */
export interface LineInput {
  /** The path as given, or `<stdin>`. */
  name: string;
  /** The first bytes (up to `HEAD_BYTES`, or all of a shorter input). */
  head: Buffer;
  /** True when the head is the whole input. */
  headIsAll: boolean;
  /** A regular file: it can be read again, e.g. to count its lines. */
  regularFile: boolean;
  /** The non-blank lines, streamed (once). */
  lines(): AsyncGenerator<Line>;
  /** Let the input go when it will not be read (a run stopped early). */
  close(): void;
}

export const HEAD_BYTES = 64 * 1024;

type Chunks = AsyncIterator<Buffer | string>;
const toBuffer = (chunk: Buffer | string | Uint8Array): Buffer => (typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));

/**
 * Open `path` (`-` is standard input, read from `stdin`) and read its head:
 * `HEAD_BYTES`, or less once `enough` says so. A file that cannot be read is
 * a usage error naming it (`what`: "messages", "history", ...).
 */
export async function openInput(path: string, what: string, stdin?: () => AsyncIterable<Buffer | string | Uint8Array>, enough: (head: Buffer) => boolean = () => false): Promise<LineInput> {
  let source: AsyncIterable<Buffer | string | Uint8Array>;
  let close: () => void;
  let regularFile = false;
  if (path === STDIN) {
    if (stdin === undefined) throw new UsageError(`${what} '-' (standard input) is not available here`);
    source = stdin();
    close = () => {};
  } else {
    await assertReadable(path, what);
    regularFile = (await stat(path)).isFile();
    const stream = createReadStream(path);
    source = stream;
    close = () => { stream.destroy(); };
  }
  const chunks = source[Symbol.asyncIterator]() as Chunks;
  const read: Buffer[] = [];
  let size = 0;
  let ended = false;
  try {
    while (size < HEAD_BYTES) {
      const next = await chunks.next();
      if (next.done === true) { ended = true; break; }
      const chunk = toBuffer(next.value);
      read.push(chunk);
      size += chunk.length;
      // A slow pipe (a live feed, a fetch script) is not held up until the head is full.
      if (size < HEAD_BYTES && enough(Buffer.concat(read))) break;
    }
  } catch (error) {
    close();
    throw new UsageError(`cannot read ${what} '${path}': ${error instanceof Error ? error.message : String(error)}`);
  }
  const buffered = Buffer.concat(read);
  const name = path === STDIN ? STDIN_NAME : path;
  return {
    name,
    head: buffered.subarray(0, HEAD_BYTES),
    headIsAll: ended && buffered.length <= HEAD_BYTES,
    regularFile,
    lines: () => splitLines((async function* () {
      yield buffered;
      if (ended) return;
      for (;;) {
        const next = await chunks.next();
        if (next.done === true) return;
        yield toBuffer(next.value);
      }
    })()),
    close,
  };
}

/** The non-blank lines of a stream of bytes (UTF-8; a BOM and `\r` before `\n` dropped). */
async function* splitLines(chunks: AsyncIterable<Buffer>): AsyncGenerator<Line> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let line = 0;
  let first = true;
  // A line as given, or null when blank; not a generator per line (a history has tens of thousands).
  const lineOf = (raw: string): Line | null => {
    let text = raw;
    line++;
    if (first) { first = false; if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); }
    if (text.endsWith('\r')) text = text.slice(0, -1);
    return text.trim() === '' ? null : { line, text };
  };
  for await (const chunk of chunks) {
    const text = rest + decoder.write(chunk);
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      const got = lineOf(text.slice(start, end));
      if (got !== null) yield got;
      start = end + 1;
    }
    rest = text.slice(start);
  }
  rest += decoder.end();
  const last = rest === '' ? null : lineOf(rest);
  if (last !== null) yield last;
}

/** The non-blank lines of a file (or of an opened input), streamed, with their 1-based line numbers. */
export async function* readLines(file: string | LineInput): AsyncGenerator<Line> {
  yield* typeof file === 'string' ? splitLines(createReadStream(file)) : file.lines();
}

/** How many lines a regular file has (a last line without a newline counted): the total a progress line counts towards. */
export async function countLines(file: string): Promise<number> {
  let lines = 0;
  let last = 0x0a;
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) lines++;
    if (chunk.length > 0) last = chunk[chunk.length - 1]!;
  }
  return last === 0x0a ? lines : lines + 1;
}
