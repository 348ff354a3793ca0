import { readFile } from 'node:fs/promises';
import { TomlError, parse as parseToml } from 'smol-toml';
import { UsageError } from '../io/cli-io.js';

/** Everything `serve` runs with, after the file, the environment and the flags are merged. */
export interface ServeSettings {
  rules: string[];
  store: string;
  amqp: string;
  queue: string;
  exchange: string;
  bind: string[];
  topicPrefix?: string;
  prefetch: number;
  metrics?: { host: string; port: number };
  preset?: 'fedora';
  fasjson?: string;
  fedbadgesConfig?: string;
  history: 'insert' | 'external';
  /** With `history: external`: how long to wait for datanommer, in seconds. */
  historyWait: number;
  /** Counts from running counters in the database (PostgresHistoryStore's runningCounts); only with history insert. */
  runningCounts: boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Reload the rules when their files change. */
  watch: boolean;
}

/** The flags as commander parses them (all optional: the file and the environment fill the gaps). */
export interface ServeFlags {
  rules: string[];
  store?: string;
  amqp?: string;
  queue?: string;
  exchange?: string;
  bind: string[];
  topicPrefix?: string;
  prefetch?: string;
  metrics?: string;
  config?: string;
  preset?: 'fedora';
  fasjson?: string;
  fedbadgesConfig?: string;
  history?: string;
  historyWait?: string;
  runningCounts?: boolean;
  logLevel?: string;
  watch?: boolean;
}

export const DEFAULT_AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672/%2F';

/** A setting that is wrong, and where it came from (`file: key`, `--flag`, `$VARIABLE`). */
export class ServeConfigError extends UsageError {
  constructor(readonly source: string, readonly key: string, readonly problem: string) {
    super(`${source}: ${key}: ${problem}`);
  }
}

type Kind = 'string' | 'strings' | 'integer' | 'boolean';
/** The keys a config file may hold, as snake_case TOML keys, with their types. */
const FILE_KEYS: Record<string, { kind: Kind; setting: keyof ServeSettings; env?: string }> = {
  rules: { kind: 'strings', setting: 'rules' },
  store: { kind: 'string', setting: 'store', env: 'ACCOLADE_STORE' },
  amqp: { kind: 'string', setting: 'amqp', env: 'ACCOLADE_AMQP_URL' },
  queue: { kind: 'string', setting: 'queue', env: 'ACCOLADE_QUEUE' },
  exchange: { kind: 'string', setting: 'exchange', env: 'ACCOLADE_EXCHANGE' },
  bind: { kind: 'strings', setting: 'bind' },
  topic_prefix: { kind: 'string', setting: 'topicPrefix', env: 'ACCOLADE_TOPIC_PREFIX' },
  prefetch: { kind: 'integer', setting: 'prefetch', env: 'ACCOLADE_PREFETCH' },
  metrics: { kind: 'string', setting: 'metrics', env: 'ACCOLADE_METRICS' },
  preset: { kind: 'string', setting: 'preset' },
  fasjson: { kind: 'string', setting: 'fasjson', env: 'ACCOLADE_FASJSON_URL' },
  fedbadges_config: { kind: 'string', setting: 'fedbadgesConfig' },
  history: { kind: 'string', setting: 'history' },
  history_wait: { kind: 'integer', setting: 'historyWait' },
  running_counts: { kind: 'boolean', setting: 'runningCounts' },
  log_level: { kind: 'string', setting: 'logLevel', env: 'ACCOLADE_LOG_LEVEL' },
  watch: { kind: 'boolean', setting: 'watch' },
};

type Raw = Partial<Record<keyof ServeSettings, unknown>>;

/**
 * Merge the settings: flags win over the environment, which wins over the
 * config file, which wins over the defaults. Every value is checked, and a
 * wrong one names where it came from and what is wrong.
 */
export async function resolveServeSettings(flags: ServeFlags, env: NodeJS.ProcessEnv = process.env): Promise<ServeSettings> {
  const layers: Array<{ source: (key: string) => string; values: Raw }> = [];
  if (flags.config !== undefined) layers.push(await readConfigFile(flags.config));
  layers.push(fromEnv(env));
  layers.push(fromFlags(flags));
  const merged: Raw = {};
  const origin: Partial<Record<keyof ServeSettings, string>> = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer.values) as Array<[keyof ServeSettings, unknown]>) {
      if (value === undefined) continue;
      merged[key] = value;
      origin[key] = layer.source(key);
    }
  }
  const where = (key: keyof ServeSettings): string => origin[key] ?? 'settings';
  const fail = (key: keyof ServeSettings, problem: string): never => {
    const [source, name] = splitOrigin(where(key));
    throw new ServeConfigError(source, name, problem);
  };
  const rules = (merged.rules as string[] | undefined) ?? [];
  if (rules.length === 0) throw new UsageError('--rules <path> is required (or `rules` in the config file)');
  const store = merged.store as string | undefined;
  if (store === undefined || store === '') throw new UsageError('--store <url> is required (or `store` in the config file, or $ACCOLADE_STORE): memory would lose history and awards at a restart');
  if (!/^(postgres(ql)?:\/\/|pglite:)/.test(store)) fail('store', `must be postgres://... or pglite:<dir>, got '${store}'`);
  const amqp = (merged.amqp as string | undefined) ?? DEFAULT_AMQP_URL;
  if (!/^amqps?:\/\//.test(amqp)) fail('amqp', `must be amqp://... or amqps://..., got '${amqp}'`);
  const prefetch = toInteger(merged.prefetch ?? 10, (p) => fail('prefetch', p));
  if (prefetch < 1 || prefetch > 65_535) fail('prefetch', `must be between 1 and 65535, got ${prefetch}`);
  const history = (merged.history as string | undefined) ?? 'insert';
  if (history !== 'insert' && history !== 'external') fail('history', `must be 'insert' or 'external', got '${history}'`);
  const historyWait = toInteger(merged.historyWait ?? 30, (p) => fail('historyWait', p));
  if (historyWait < 1) fail('historyWait', 'must be at least 1 (seconds)');
  const runningCounts = (merged.runningCounts as boolean | undefined) ?? false;
  // Counters are folded under the recording lock; rows another writer commits out of id order could be missed.
  if (runningCounts && history === 'external') fail('runningCounts', "needs history 'insert' (with an external writer the counters could miss rows committed out of id order)");
  const preset = merged.preset as string | undefined;
  if (preset !== undefined && preset !== 'fedora') fail('preset', `must be 'fedora', got '${preset}'`);
  const logLevel = (merged.logLevel as string | undefined) ?? 'info';
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) fail('logLevel', `must be debug, info, warn or error, got '${logLevel}'`);
  const metricsText = merged.metrics as string | undefined;
  const bind = (merged.bind as string[] | undefined) ?? [];
  const queue = (merged.queue as string | undefined) ?? 'accolade';
  if (queue === '') fail('queue', 'must not be empty');
  return {
    rules, store, amqp, queue,
    exchange: (merged.exchange as string | undefined) ?? 'amq.topic',
    bind: bind.length === 0 ? ['#'] : bind,
    ...(merged.topicPrefix === undefined ? {} : { topicPrefix: merged.topicPrefix as string }),
    prefetch,
    ...(metricsText === undefined ? {} : { metrics: parseListen(metricsText, (p) => fail('metrics', p)) }),
    ...(preset === undefined ? {} : { preset: 'fedora' as const }),
    ...(merged.fasjson === undefined ? {} : { fasjson: merged.fasjson as string }),
    ...(merged.fedbadgesConfig === undefined ? {} : { fedbadgesConfig: merged.fedbadgesConfig as string }),
    history: history as ServeSettings['history'], historyWait, runningCounts,
    logLevel: logLevel as ServeSettings['logLevel'],
    watch: (merged.watch as boolean | undefined) ?? true,
  };
}

function splitOrigin(origin: string): [string, string] {
  const at = origin.lastIndexOf('|');
  return at < 0 ? [origin, ''] : [origin.slice(0, at), origin.slice(at + 1)];
}

async function readConfigFile(file: string): Promise<{ source: (key: string) => string; values: Raw }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read config file '${file}': ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  let table: Record<string, unknown>;
  try {
    table = parseToml(text) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof TomlError) throw new ServeConfigError(`${file}:${error.line}:${error.column}`, 'TOML', error.message.split('\n')[0]!);
    throw error;
  }
  const values: Raw = {};
  const keyOf = new Map<string, string>();
  for (const [key, value] of Object.entries(table)) {
    const spec = FILE_KEYS[key];
    if (spec === undefined) {
      throw new ServeConfigError(file, key, `unknown setting (known: ${Object.keys(FILE_KEYS).join(', ')})`);
    }
    values[spec.setting] = checkType(value, spec.kind, (problem) => { throw new ServeConfigError(file, key, problem); });
    keyOf.set(spec.setting, key);
  }
  return { source: (setting) => `${file}|${keyOf.get(setting) ?? setting}`, values };
}

function checkType(value: unknown, kind: Kind, fail: (problem: string) => never): unknown {
  switch (kind) {
    case 'string': return typeof value === 'string' ? value : fail(`must be a string, got ${describe(value)}`);
    case 'integer': return typeof value === 'number' && Number.isInteger(value) ? value : fail(`must be a whole number, got ${describe(value)}`);
    case 'boolean': return typeof value === 'boolean' ? value : fail(`must be true or false, got ${describe(value)}`);
    case 'strings':
      if (typeof value === 'string') return [value];
      if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
      return fail(`must be a string or a list of strings, got ${describe(value)}`);
  }
}

const describe = (value: unknown): string => Array.isArray(value) ? 'a list' : value === null ? 'null' : typeof value === 'object' ? 'a table' : `${typeof value} ${JSON.stringify(value)}`;

function fromEnv(env: NodeJS.ProcessEnv): { source: (key: string) => string; values: Raw } {
  const values: Raw = {};
  const names = new Map<string, string>();
  for (const spec of Object.values(FILE_KEYS)) {
    if (spec.env === undefined) continue;
    const value = env[spec.env];
    if (value === undefined || value === '') continue;
    values[spec.setting] = value;
    names.set(spec.setting, spec.env);
  }
  return { source: (setting) => `environment|$${names.get(setting) ?? setting}`, values };
}

const FLAG_NAMES: Partial<Record<keyof ServeSettings, string>> = {
  topicPrefix: '--topic-prefix', fedbadgesConfig: '--fedbadges-config', historyWait: '--history-wait', runningCounts: '--running-counts', logLevel: '--log-level',
};

function fromFlags(flags: ServeFlags): { source: (key: string) => string; values: Raw } {
  const values: Raw = {
    rules: flags.rules.length === 0 ? undefined : flags.rules,
    bind: flags.bind.length === 0 ? undefined : flags.bind,
    store: flags.store, amqp: flags.amqp, queue: flags.queue, exchange: flags.exchange, topicPrefix: flags.topicPrefix,
    prefetch: flags.prefetch, metrics: flags.metrics, preset: flags.preset, fasjson: flags.fasjson,
    fedbadgesConfig: flags.fedbadgesConfig, history: flags.history, historyWait: flags.historyWait, runningCounts: flags.runningCounts, logLevel: flags.logLevel, watch: flags.watch,
  };
  return { source: (setting) => `command line|${FLAG_NAMES[setting as keyof ServeSettings] ?? `--${setting}`}`, values };
}

function toInteger(value: unknown, fail: (problem: string) => never): number {
  if (typeof value === 'number') return value;
  const text = String(value);
  return /^\d+$/.test(text) ? Number(text) : fail(`must be a whole number, got '${text}'`);
}

/** `host:port`, `:port` or `port`. */
function parseListen(text: string, fail: (problem: string) => never): { host: string; port: number } {
  const match = /^(?:(.*):)?(\d+)$/.exec(text);
  if (match === null) return fail(`must be host:port, got '${text}'`);
  const port = Number(match[2]);
  if (port > 65_535) return fail(`port must be at most 65535, got ${port}`);
  const host = (match[1] ?? '').replace(/^\[(.*)\]$/, '$1');
  return { host: host === '' ? '127.0.0.1' : host, port };
}
