import { readFile, rename, writeFile } from 'node:fs/promises';
import { UsageError } from '../io/cli-io.js';

/** Where a backfill stands: the window it covers and the last row it finished. */
export interface Checkpoint {
  kind: 'accolade-backfill';
  since: string;
  until: string | null;
  /** Every message up to this row is done (its awards committed). */
  lastRowId: number | null;
  processed: number;
  awards: number;
  done: boolean;
  updated: string;
}

/** The checkpoint in `file`, or null when there is none yet; one for another window is refused. */
export async function readCheckpoint(file: string, window: { since: string; until: string | null }): Promise<Checkpoint | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new UsageError(`cannot read checkpoint '${file}': ${(error as Error).message}`);
  }
  let value: Partial<Checkpoint>;
  try {
    value = JSON.parse(text) as Partial<Checkpoint>;
  } catch {
    throw new UsageError(`checkpoint '${file}' is not JSON (an accolade backfill checkpoint was expected)`);
  }
  if (value.kind !== 'accolade-backfill' || typeof value.since !== 'string' || (value.lastRowId !== null && !Number.isSafeInteger(value.lastRowId))) {
    throw new UsageError(`checkpoint '${file}' is not an accolade backfill checkpoint`);
  }
  if (value.since !== window.since || (value.until ?? null) !== window.until) {
    throw new UsageError(`checkpoint '${file}' is for --since ${value.since}${value.until ? ` --until ${value.until}` : ''}, not this window; use another file or the same window`);
  }
  return {
    kind: 'accolade-backfill', since: value.since, until: value.until ?? null, lastRowId: value.lastRowId ?? null,
    processed: Number(value.processed ?? 0), awards: Number(value.awards ?? 0), done: value.done === true, updated: String(value.updated ?? ''),
  };
}

/** Written beside the file, then renamed over it: a crash mid-write leaves the previous checkpoint whole. */
export async function writeCheckpoint(file: string, checkpoint: Checkpoint): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(checkpoint, null, 2)}\n`);
  await rename(temporary, file);
}
