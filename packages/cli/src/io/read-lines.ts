import { createReadStream } from 'node:fs';
import { access, constants } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { UsageError } from './cli-io.js';

/** Fail early, with exit code 2, when an input file cannot be read. */
export async function assertReadable(file: string, what: string): Promise<void> {
  try {
    await access(file, constants.R_OK);
  } catch {
    throw new UsageError(`cannot read ${what} '${file}'`);
  }
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
