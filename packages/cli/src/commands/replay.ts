import { type AwardResult, type CompiledRule, type EngineEvent, MemoryUserDirectory, createEngine, pythonJsonDumps } from '@accolade/core';
import type { CliIo } from '../io/cli-io.js';
import { assertOneStdin, openJsonLines, readAwards, readMessages, readUsers, splitList } from '../io/input-files.js';
import { InputProgress } from '../io/input-progress.js';
import { count } from '../io/progress.js';
import { type LineInput, assertReadable } from '../io/read-lines.js';
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
  /** False with `--no-progress`: no progress line on stderr. */
  progress?: boolean;
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
  return `{"badge_id": ${jsonString(award.badgeId)}, "user": ${jsonString(award.user)}, "message_id": ${jsonString(award.messageId)}}`;
}

/** What json.dumps (ensure_ascii off) writes for a string: as it is, quoted, unless it holds a quote, a backslash or a control character. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f]/;
const jsonString = (s: string): string => (NEEDS_ESCAPE.test(s) ? pythonJsonDumps(s, { ensureAscii: false }) : `"${s}"`);

export async function replay(messagesPath: string, options: ReplayOptions, io: CliIo): Promise<number> {
  assertOneStdin([[messagesPath, 'messages'], [options.history, '--history'], [options.awards, '--awards']]);
  // Every input is opened and looked at before anything runs: a gzip file or a JSON document is refused up front.
  const opened: LineInput[] = [];
  const open = async (path: string, what: string): Promise<LineInput> => {
    const input = await openJsonLines(path, what, io);
    opened.push(input);
    return input;
  };
  try {
    const inputs: Inputs = {
      messages: await open(messagesPath, 'messages'),
      history: options.history === undefined ? undefined : await open(options.history, 'history'),
      awards: options.awards === undefined ? undefined : await open(options.awards, 'awards'),
    };
    if (options.users !== undefined) await assertReadable(options.users, 'users');
    const preset = await presetFromOptions(options, io);
    const rules = await loadRulesForRun(options.rules, io);

    const provider = await storesFor(options.store, { freshSchemaPerRun: false });
    try {
      const stores = await provider.open({ badges: rules.map((r) => r.badge) });
      try {
        return await run(inputs, options, io, rules, stores, preset);
      } finally {
        await stores.close();
      }
    } finally {
      await provider.close();
    }
  } finally {
    for (const input of opened) input.close();
  }
}

interface Inputs {
  messages: LineInput;
  history: LineInput | undefined;
  awards: LineInput | undefined;
}

async function run(inputs: Inputs, options: ReplayOptions, io: CliIo, rules: CompiledRule[], stores: RunStores, preset: PresetSetup): Promise<number> {
  const enabled = options.progress !== false;
  const { history } = stores;
  let historyCount = 0;
  let historySkipped = 0;
  if (inputs.history !== undefined) {
    const loading = await InputProgress.start('history', inputs.history, io, { enabled });
    try {
      for await (const message of readMessages(inputs.history, io, preset.schemas, loading)) {
        await history.add(message);
        historyCount++;
        loading.tick();
      }
    } catch (error) {
      loading.stop();
      throw error;
    }
    loading.finish();
    historySkipped = loading.tally.skipped;
  }
  await stores.seed({
    awards: inputs.awards === undefined ? [] : await readAwards(inputs.awards, io),
    optedOut: splitList(options.optedOut),
  });
  const { awards } = stores;
  const known = options.users === undefined ? undefined : new MemoryUserDirectory({ users: await readUsers(options.users) });
  const users = withKnownUsers(known, preset.users);
  const made: AwardResult[] = [];
  const replaying = await InputProgress.start('replay', inputs.messages, io, { enabled, extra: () => ({ awards: made.length }) });
  const engine = createEngine({
    rules, history, awards, ...(users ? { users } : {}),
    options: { skipUsers: [...splitList(options.skipUsers), ...preset.skipUsers], recordMessages: true, logger: logEngineEvent(io, options.verbose ?? false, replaying.progress) },
  });

  let messages = 0;
  // Award lines go out in chunks: one write per line was a twentieth of a large replay's time.
  let lines = '';
  const flush = (): void => {
    if (lines === '') return;
    replaying.progress.clear();
    io.stdout(lines);
    lines = '';
  };
  try {
    for await (const message of readMessages(inputs.messages, io, preset.schemas, replaying)) {
      const awarded = await engine.process(message);
      messages++;
      for (const award of awarded) {
        if (options.format === 'json') lines += `${awardLine(award)}\n`;
        made.push(award);
      }
      if (lines.length >= 65_536) flush();
      replaying.tick();
    }
  } catch (error) {
    replaying.stop();
    throw error;
  } finally {
    // Awards already recorded are printed even when a later message fails the run.
    flush();
  }
  replaying.finish();

  if (options.format === 'table') {
    if (made.length > 0) io.stdout(renderTable(['badge', 'user', 'message'], made.map((a) => [a.badgeId, a.user, a.messageId])));
    const { stats } = engine;
    const problems = stats.expressionErrors > 0 ? `, ${stats.expressionErrors} expression errors (see above)` : '';
    const { skipped } = replaying.tally;
    const messagesSkipped = skipped > 0 ? `, ${count(skipped, 'line')} skipped` : '';
    const historyNote = historySkipped > 0 ? ` (${count(historySkipped, 'line')} skipped)` : '';
    io.stdout(`${count(made.length, 'award')} from ${count(messages, 'message')}${messagesSkipped}; ${rules.length} rules, ${historyCount} history messages${historyNote}, ${stats.triggered} rule triggers${problems}\n`);
  }
  return 0;
}
