import { type Message, MessageError, type MessageSchemaRegistry, parseMessage } from '@accolade/core';
import { type CliIo, UsageError } from './cli-io.js';
import { type NotJsonLines, checkJsonLinesHead, opensAsJsonLines } from './json-lines-check.js';
import { type LineInput, STDIN, openInput, readLines } from './read-lines.js';

/**
 * Open a JSON Lines input (`-` is standard input). One that cannot be read
 * as lines of text (compressed, binary, not UTF-8) is refused as a usage
 * error naming it (the contract's unreadable file). Text that is clearly no
 * JSON Lines (one JSON document spread over lines, a README) is named with a
 * warning on stderr, then read as the contract says: each line that is no
 * message reported and skipped.
 */
export async function openJsonLines(path: string, what: string, io: CliIo, command = 'replay'): Promise<LineInput> {
  const input = await openInput(path, what, io.stdin, opensAsJsonLines);
  const found = checkJsonLinesHead(input.head, input.headIsAll);
  if (found === null) return input;
  const description = `${what} '${input.name}' ${found.reason}${hint(found, path, what, command)}`;
  if (found.readable === true) {
    io.stderr(`accolade: warning: ${description}; each line that is no ${what === 'awards' ? 'award' : 'message'} is reported and skipped\n`);
    return input;
  }
  input.close();
  throw new UsageError(description);
}

/** How to get JSON Lines instead, with the file's name in it. */
function hint(refused: NotJsonLines, path: string, what: string, command: string): string {
  const onStdin = path === STDIN;
  if (refused.decompress !== undefined) {
    const target = what === 'messages' ? '-' : `--${what} -`;
    return `; decompress it first, e.g. ${onStdin ? '... | ' : ''}${refused.decompress}${onStdin ? '' : ` ${path}`} | accolade ${command} ... ${target}`;
  }
  if (refused.fix === undefined) return '';
  const fix = what === 'awards' ? refused.fix.replace('one message per line', 'one award per line') : refused.fix;
  return `; ${onStdin ? fix.replaceAll(' FILE', '') : fix.replaceAll('FILE', path)}`;
}

/** At most one input can be standard input. */
export function assertOneStdin(inputs: ReadonlyArray<[path: string | undefined, what: string]>): void {
  const fromStdin = inputs.filter(([path]) => path === STDIN).map(([, what]) => what);
  if (fromStdin.length > 1) throw new UsageError(`only one input can be standard input ('-'); got it for ${fromStdin.join(' and ')}`);
}

/** Where a read stands: the last line read (blank lines counted) and the lines skipped. */
export interface ReadTally {
  line: number;
  skipped: number;
}

export interface ReadWatch {
  /** Wiped before a skipped line is reported. */
  progress?: { clear(): void };
  tally?: ReadTally;
}

const nameOf = (source: string | LineInput): string => (typeof source === 'string' ? source : source.name);

/** Messages of a .jsonl file; a bad line is reported with its number and skipped. */
export async function* readMessages(source: string | LineInput, io: CliIo, schemas?: MessageSchemaRegistry, watch: ReadWatch = {}): AsyncGenerator<Message> {
  const file = nameOf(source);
  for await (const { line, text } of readLines(source)) {
    if (watch.tally) watch.tally.line = line;
    let message: Message;
    try {
      message = parseMessage(text, schemas ? { schemas } : {});
    } catch (error) {
      if (!(error instanceof MessageError)) throw error;
      if (watch.tally) watch.tally.skipped++;
      watch.progress?.clear();
      io.stderr(`${file}:${line}: skipped: ${error.message}\n`);
      continue;
    }
    yield message;
  }
}

/** Existing awards: lines of {"badge_id": ..., "user": ...}. */
export async function readAwards(source: string | LineInput, io: CliIo): Promise<Array<{ badgeId: string; user: string }>> {
  const file = nameOf(source);
  const awards: Array<{ badgeId: string; user: string }> = [];
  for await (const { line, text } of readLines(source)) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = null;
    }
    const record = value as { badge_id?: unknown; user?: unknown } | null;
    if (record === null || typeof record !== 'object' || typeof record.badge_id !== 'string' || typeof record.user !== 'string') {
      io.stderr(`${file}:${line}: skipped: an award line must be {"badge_id": "...", "user": "..."}\n`);
      continue;
    }
    awards.push({ badgeId: record.badge_id, user: record.user });
  }
  return awards;
}

/** Known accounts, one per line (blank lines and # comments ignored). */
export async function readUsers(file: string): Promise<string[]> {
  const users: string[] = [];
  for await (const { text } of readLines(file)) {
    const name = text.trim();
    if (!name.startsWith('#')) users.push(name);
  }
  return users;
}

export function splitList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
}
