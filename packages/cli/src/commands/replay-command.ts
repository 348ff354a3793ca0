import { type BackfillCliOptions, replayBackfill } from '../backfill/backfill-command.js';
import { type CliIo, UsageError } from '../io/cli-io.js';
import { type ReplayOptions, replay } from './replay.js';

type ReplayCliOptions = ReplayOptions & Partial<Pick<BackfillCliOptions, 'since' | 'until' | 'checkpoint'>>;

/** `replay <messages>` runs a stream; `replay --store <url> --since <time>` backfills from the store's history. */
export async function replayCommand(messages: string | undefined, options: ReplayCliOptions, io: CliIo): Promise<number> {
  if (options.since === undefined) {
    if (options.until !== undefined || options.checkpoint !== undefined) throw new UsageError(`${options.until !== undefined ? '--until' : '--checkpoint'} needs --since (a backfill)`);
    if (messages === undefined) throw new UsageError("missing the messages file (or '--store <url> --since <time>' to backfill from the store's history)");
    return replay(messages, options, io);
  }
  if (messages !== undefined) throw new UsageError(`--since backfills from the store's history: give no messages file (got '${messages}')`);
  if (options.store === undefined) throw new UsageError('--since needs --store <url>: the history to backfill from is the store\'s (datanommer\'s tables)');
  if (options.history !== undefined) throw new UsageError('--history cannot be used with --since: the history is the store\'s');
  return replayBackfill({ ...options, store: options.store, since: options.since }, io);
}
