import { type AwardResult, MemoryUserDirectory, createEngine } from '@accolade/core';
import { logEngineEvent, awardLine } from '../commands/replay.js';
import { type CliIo, UsageError } from '../io/cli-io.js';
import { loadOptional } from '../io/optional-packages.js';
import { openJsonLines, readAwards, readUsers, splitList } from '../io/input-files.js';
import { type PresetCliOptions, presetFromOptions, withKnownUsers } from '../io/preset.js';
import { assertReadable } from '../io/read-lines.js';
import { loadRulesForRun } from '../io/rule-set.js';
import { renderTable } from '../io/table.js';
import { BackfillProgress, duration, progressLine } from './backfill-progress.js';
import { type Checkpoint, readCheckpoint, writeCheckpoint } from './checkpoint.js';

export interface BackfillCliOptions extends PresetCliOptions {
  rules: string[];
  store: string;
  since: string;
  until?: string;
  checkpoint?: string;
  awards?: string;
  users?: string;
  skipUsers?: string;
  optedOut?: string;
  format: 'table' | 'json';
  verbose?: boolean;
  /** False: no progress on stderr (`--no-progress`). */
  progress?: boolean;
}

/** An instant from an option: ISO 8601 (a date alone is midnight UTC) or seconds since the epoch. */
export function parseTime(value: string, option: string): Date {
  const when = /^\d+(\.\d+)?$/.test(value) ? new Date(Number(value) * 1000) : new Date(Date.parse(value));
  if (Number.isNaN(when.getTime())) throw new UsageError(`${option} '${value}' is not a time (ISO 8601, e.g. 2024-01-31 or 2024-01-31T12:00:00Z, or seconds since the epoch)`);
  return when;
}

const CHECKPOINT_EVERY_MS = 2_000;

/**
 * `accolade replay --store <url> --since <time>`: the rules over the
 * messages already in the store's history (datanommer's tables), oldest
 * first, awarding what the past earned; `--checkpoint` makes it resumable.
 */
export async function replayBackfill(options: BackfillCliOptions, io: CliIo, now: () => number = Date.now): Promise<number> {
  const since = parseTime(options.since, '--since');
  const until = options.until === undefined ? undefined : parseTime(options.until, '--until');
  if (until !== undefined && until < since) throw new UsageError(`--until ${options.until} is before --since ${options.since}`);
  for (const [file, what] of [[options.awards, 'awards'], [options.users, 'users']] as const) {
    if (file !== undefined) await assertReadable(file, what);
  }
  const window = { since: since.toISOString(), until: until?.toISOString() ?? null };
  const resumed = options.checkpoint === undefined ? null : await readCheckpoint(options.checkpoint, window);
  const preset = await presetFromOptions(options, io);
  const rules = await loadRulesForRun(options.rules, io);

  const pg = await loadOptional('postgres', '--store');
  let stores: Awaited<ReturnType<typeof pg.openStores>>;
  try {
    stores = await pg.openStores(options.store, { history: { countCache: true } });
  } catch (error) {
    if (error instanceof pg.StoreUrlError) throw new UsageError(error.message);
    throw new UsageError(`cannot open store '${options.store}': ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const { client, history, awards } = stores;
    await awards.ensureBadges(rules.map((r) => r.badge));
    const known = new Set(rules.map((r) => r.badge.id));
    for (const a of options.awards === undefined ? [] : await readAwards(await openJsonLines(options.awards, 'awards', io), io)) {
      if (known.has(a.badgeId)) await awards.award({ badgeId: a.badgeId, user: a.user, messageId: null, issuedAt: new Date(0) });
    }
    for (const user of splitList(options.optedOut)) await awards.setOptedOut(user);

    const progress = new BackfillProgress(io, now, { enabled: options.progress !== false });
    const directory = options.users === undefined ? undefined : new MemoryUserDirectory({ users: await readUsers(options.users) });
    const users = withKnownUsers(directory, preset.users);
    const engine = createEngine({
      rules, history, awards, ...(users ? { users } : {}),
      options: {
        skipUsers: [...splitList(options.skipUsers), ...preset.skipUsers],
        recordMessages: false,
        logger: logEngineEvent(io, options.verbose ?? false, progress),
      },
    });

    const checkpoint: Checkpoint = resumed ?? { kind: 'accolade-backfill', ...window, lastRowId: null, processed: 0, awards: 0, done: false, updated: '' };
    const afterId = checkpoint.lastRowId ?? undefined;
    const scope = { since, ...(until === undefined ? {} : { until }), ...(afterId === undefined ? {} : { afterId }) };
    const total = await pg.countStoredMessages(client, scope);
    if (resumed !== null) io.stderr(`backfill: resuming after row ${resumed.lastRowId ?? 'none'} (${resumed.processed} messages and ${resumed.awards} awards done before)${resumed.done ? '; it had finished' : ''}\n`);
    const save = async (): Promise<void> => {
      if (options.checkpoint === undefined) return;
      checkpoint.updated = new Date(now()).toISOString();
      await writeCheckpoint(options.checkpoint, checkpoint);
    };

    const started = now();
    let savedAt = started;
    let done = 0;
    const made: AwardResult[] = [];
    let lines = '';
    const flush = (): void => {
      if (lines === '') return;
      progress.clear();
      io.stdout(lines);
      lines = '';
    };
    try {
      await pg.backfill({
        client, engine, history, ...scope, ...(preset.schemas === undefined ? {} : { schemas: preset.schemas }),
        onMessage: async ({ rowId, awards: given }) => {
          done++;
          for (const award of given) {
            if (options.format === 'json') lines += `${awardLine(award)}\n`;
            made.push(award);
          }
          if (lines.length >= 65_536) flush();
          // Awards of a message are committed before this runs: a checkpoint here loses nothing, and one behind repeats nothing (awards are given once).
          checkpoint.lastRowId = rowId;
          checkpoint.processed++;
          checkpoint.awards += given.length;
          const t = now();
          if (t - savedAt >= CHECKPOINT_EVERY_MS) { savedAt = t; flush(); await save(); }
          progress.tick(() => progressLine(done, total, made.length, (now() - started) / 1000));
        },
      });
      checkpoint.done = true;
    } finally {
      flush();
      await save();
    }
    const seconds = (now() - started) / 1000;
    progress.finish(`${progressLine(done, total, made.length, seconds)}; done in ${duration(seconds)}`);
    if (options.format === 'table') {
      if (made.length > 0) io.stdout(renderTable(['badge', 'user', 'message'], made.map((a) => [a.badgeId, a.user, a.messageId])));
      const { stats } = engine;
      const problems = stats.expressionErrors > 0 ? `, ${stats.expressionErrors} expression errors (see above)` : '';
      io.stdout(`${made.length} award${made.length === 1 ? '' : 's'} from ${done} stored message${done === 1 ? '' : 's'} since ${window.since}${window.until ? ` until ${window.until}` : ''}; ${rules.length} rules, ${stats.triggered} rule triggers${problems}\n`);
    }
    return 0;
  } finally {
    await stores.close();
  }
}
