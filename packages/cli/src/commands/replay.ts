import { type AwardResult, type CompiledRule, type EngineEvent, MemoryUserDirectory, createEngine, pythonJsonDumps } from '@accolade/core';
import type { CliIo } from '../io/cli-io.js';
import { readAwards, readMessages, readUsers, splitList } from '../io/input-files.js';
import { Progress, count } from '../io/progress.js';
import { assertReadable } from '../io/read-lines.js';
import { type PresetCliOptions, type PresetSetup, presetFromOptions, withKnownUsers } from '../io/preset.js';
import { loadRulesForRun } from '../io/rule-set.js';
import { type RunStores, storesFor } from '../io/run-stores.js';
import { renderTable } from '../io/table.js';

export interface ReplayOptions extends PresetCliOptions {
  rules: string[];
  history?: string;
  awards?: string;
  users?: string;
  skipUsers?: string;
  optedOut?: string;
  format: 'table' | 'json';
  verbose?: boolean;
  /** `postgres://...` or `pglite:<dir>`: history and awards live there instead of in memory. */
  store?: string;
}

/** Engine events worth a line on stderr: warnings always, missing keys with --verbose. */
export function logEngineEvent(io: CliIo, verbose: boolean, progress?: { clear(): void }): (event: EngineEvent) => void {
  return (event) => {
    if (event.level === 'debug' && !verbose) return;
    progress?.clear();
    const who = event.recipient === undefined ? '' : ` for ${event.recipient}`;
    io.stderr(`${event.file}:${event.line}:${event.column}: ${event.path}: ${event.text} (message ${event.messageId}${who})\n`);
  };
}

/** One line per award, exactly as the CLI contract writes it. */
export function awardLine(award: Pick<AwardResult, 'badgeId' | 'user' | 'messageId'>): string {
  return pythonJsonDumps({ badge_id: award.badgeId, user: award.user, message_id: award.messageId }, { ensureAscii: false });
}

export async function replay(messagesFile: string, options: ReplayOptions, io: CliIo): Promise<number> {
  await assertReadable(messagesFile, 'messages');
  for (const [file, what] of [[options.history, 'history'], [options.awards, 'awards'], [options.users, 'users']] as const) {
    if (file !== undefined) await assertReadable(file, what);
  }
  const preset = await presetFromOptions(options, io);
  const rules = await loadRulesForRun(options.rules, io);

  const provider = await storesFor(options.store, { freshSchemaPerRun: false });
  try {
    const stores = await provider.open({ badges: rules.map((r) => r.badge) });
    try {
      return await run(messagesFile, options, io, rules, stores, preset);
    } finally {
      await stores.close();
    }
  } finally {
    await provider.close();
  }
}

async function run(messagesFile: string, options: ReplayOptions, io: CliIo, rules: CompiledRule[], stores: RunStores, preset: PresetSetup): Promise<number> {
  const { history } = stores;
  let historyCount = 0;
  if (options.history !== undefined) {
    const loading = new Progress(io);
    for await (const message of readMessages(options.history, io, preset.schemas, loading)) {
      await history.add(message);
      historyCount++;
      loading.update(() => `loaded ${count(historyCount, 'history message')}`);
    }
    loading.done();
  }
  const progress = new Progress(io);
  await stores.seed({
    awards: options.awards === undefined ? [] : await readAwards(options.awards, io),
    optedOut: splitList(options.optedOut),
  });
  const { awards } = stores;
  const known = options.users === undefined ? undefined : new MemoryUserDirectory({ users: await readUsers(options.users) });
  const users = withKnownUsers(known, preset.users);
  const engine = createEngine({
    rules, history, awards, ...(users ? { users } : {}),
    options: { skipUsers: [...splitList(options.skipUsers), ...preset.skipUsers], recordMessages: true, logger: logEngineEvent(io, options.verbose ?? false, progress) },
  });

  const made: AwardResult[] = [];
  let messages = 0;
  // Award lines go out in chunks: one write per line was a twentieth of a large replay's time.
  let lines = '';
  const flush = (): void => {
    if (lines === '') return;
    progress.clear();
    io.stdout(lines);
    lines = '';
  };
  try {
    for await (const message of readMessages(messagesFile, io, preset.schemas, progress)) {
      const awarded = await engine.process(message);
      messages++;
      for (const award of awarded) {
        if (options.format === 'json') lines += `${awardLine(award)}\n`;
        made.push(award);
      }
      if (lines.length >= 65_536) flush();
      progress.update(() => `replayed ${count(messages, 'message')}, ${count(made.length, 'award')}`);
    }
  } finally {
    // Awards already recorded are printed even when a later message fails the run.
    flush();
  }
  progress.done();

  if (options.format === 'table') {
    if (made.length > 0) io.stdout(renderTable(['badge', 'user', 'message'], made.map((a) => [a.badgeId, a.user, a.messageId])));
    const { stats } = engine;
    const problems = stats.expressionErrors > 0 ? `, ${stats.expressionErrors} expression errors (see above)` : '';
    io.stdout(`${made.length} award${made.length === 1 ? '' : 's'} from ${messages} message${messages === 1 ? '' : 's'}; ${rules.length} rules, ${historyCount} history messages, ${stats.triggered} rule triggers${problems}\n`);
  }
  return 0;
}
