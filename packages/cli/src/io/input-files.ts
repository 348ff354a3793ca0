import { type Message, MessageError, type MessageSchemaRegistry, parseMessage } from '@accolade/core';
import type { CliIo } from './cli-io.js';
import type { Progress } from './progress.js';
import { readLines } from './read-lines.js';

/** Messages of a .jsonl file; a bad line is reported with its number and skipped. */
export async function* readMessages(file: string, io: CliIo, schemas?: MessageSchemaRegistry, progress?: Progress): AsyncGenerator<Message> {
  for await (const { line, text } of readLines(file)) {
    try {
      yield parseMessage(text, schemas ? { schemas } : {});
    } catch (error) {
      if (!(error instanceof MessageError)) throw error;
      progress?.clear();
      io.stderr(`${file}:${line}: skipped: ${error.message}\n`);
    }
  }
}

/** Existing awards: lines of {"badge_id": ..., "user": ...}. */
export async function readAwards(file: string, io: CliIo): Promise<Array<{ badgeId: string; user: string }>> {
  const awards: Array<{ badgeId: string; user: string }> = [];
  for await (const { line, text } of readLines(file)) {
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
