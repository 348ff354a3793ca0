import { createReadStream } from 'node:fs';
import { access, constants, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { UsageError } from './cli-io.js';

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

/** The non-blank lines of a file, streamed, with their 1-based line numbers. */
export async function* readLines(file: string): AsyncGenerator<{ line: number; text: string }> {
  const input = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() !== '') yield { line, text };
  }
}
