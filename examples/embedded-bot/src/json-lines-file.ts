import { appendFileSync, existsSync, readFileSync } from 'node:fs';

/**
 * Read a file of one JSON value per line. A missing file is empty. The last
 * line may be torn (the process died while appending it, so it has no
 * newline and does not parse): it is dropped, and the next append starts a
 * fresh line. Any other bad line is corruption and throws with its line.
 */
export function readJsonLines(file: string): unknown[] {
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const values: unknown[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    try {
      values.push(JSON.parse(line));
    } catch (error) {
      const torn = i === lines.length - 1;
      if (torn) {
        appendFileSync(file, '\n');
        break;
      }
      throw new Error(`${file}:${i + 1}: not a JSON line: ${(error as Error).message}`);
    }
  }
  return values;
}

/**
 * Append one value as a line. Synchronous on purpose: the caller updates its
 * in-memory state only after the line is written, so a failed write leaves
 * the store as it was and the error reaches the engine, which rejects the
 * message for the caller to retry.
 */
export function appendJsonLine(file: string, value: unknown): void {
  appendFileSync(file, `${JSON.stringify(value)}\n`);
}
