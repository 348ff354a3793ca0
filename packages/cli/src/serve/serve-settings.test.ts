import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_AMQP_URL, type ServeFlags, resolveServeSettings } from './serve-settings.js';

const dir = mkdtempSync(join(tmpdir(), 'accolade-serve-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const flags = (over: Partial<ServeFlags> = {}): ServeFlags => ({ rules: [], bind: [], ...over });

describe('serve settings: the config file, the environment and the flags', () => {
  it('has the contract defaults', async () => {
    expect(await resolveServeSettings(flags({ rules: ['r'], store: 'pglite:/tmp/x' }), {})).toEqual({
      rules: ['r'], store: 'pglite:/tmp/x', amqp: DEFAULT_AMQP_URL, queue: 'accolade', exchange: 'amq.topic', bind: ['#'],
      prefetch: 10, history: 'insert', historyWait: 30, runningCounts: false, logLevel: 'info', watch: true,
    });
  });

  it('reads every setting from TOML; the environment wins over the file and the flags over both', async () => {
    const config = file('full.toml', `
rules = ["rules/a", "rules/b"]
store = "postgres://db.example/badges"
amqp = "amqps://user:pw@bus.example/%2Fpubsub"
queue = "badges"
exchange = "amq.topic"
bind = ["org.fedoraproject.prod.#"]
topic_prefix = "org.fedoraproject.prod"
prefetch = 50
metrics = "0.0.0.0:9100"
history = "external"
history_wait = 60
log_level = "warn"
watch = false
`);
    const fromFile = await resolveServeSettings(flags({ config }), {});
    expect(fromFile).toMatchObject({
      rules: ['rules/a', 'rules/b'], store: 'postgres://db.example/badges', amqp: 'amqps://user:pw@bus.example/%2Fpubsub', queue: 'badges',
      bind: ['org.fedoraproject.prod.#'], topicPrefix: 'org.fedoraproject.prod', prefetch: 50, metrics: { host: '0.0.0.0', port: 9100 },
      history: 'external', historyWait: 60, logLevel: 'warn', watch: false,
    });
    const env = { ACCOLADE_QUEUE: 'from-env', ACCOLADE_PREFETCH: '5', ACCOLADE_AMQP_URL: 'amqp://env/' };
    expect(await resolveServeSettings(flags({ config }), env)).toMatchObject({ queue: 'from-env', prefetch: 5, amqp: 'amqp://env/' });
    expect(await resolveServeSettings(flags({ rules: ['r'], store: 'pglite:x', runningCounts: true }), {})).toMatchObject({ runningCounts: true });
    expect(await resolveServeSettings(flags({ config, queue: 'from-flag', prefetch: '7', rules: ['only'], watch: true }), env)).toMatchObject({ queue: 'from-flag', prefetch: 7, rules: ['only'], watch: true, amqp: 'amqp://env/' });
  });

  it.each([
    ['an unknown key', 'rules = "r"\nstore = "pglite:x"\nprefech = 3\n', /bad\.toml: prefech: unknown setting/],
    ['a wrong type', 'rules = "r"\nstore = "pglite:x"\nprefetch = "many"\n', /bad\.toml: prefetch: must be a whole number, got string "many"/],
    ['a list where a string goes', 'rules = "r"\nstore = ["pglite:x"]\n', /bad\.toml: store: must be a string, got a list/],
    ['a value out of range', 'rules = "r"\nstore = "pglite:x"\nprefetch = 0\n', /bad\.toml: prefetch: must be between 1 and 65535, got 0/],
    ['an unknown history mode', 'rules = "r"\nstore = "pglite:x"\nhistory = "both"\n', /bad\.toml: history: must be 'insert' or 'external'/],
    ['a store that is no database', 'rules = "r"\nstore = "memory"\n', /bad\.toml: store: must be postgres:\/\/\.\.\. or pglite:<dir>/],
    ['running counts with an external writer', 'rules = "r"\nstore = "pglite:x"\nhistory = "external"\nrunning_counts = true\n', /bad\.toml: running_counts: needs history 'insert'/],
    ['running counts not a boolean', 'rules = "r"\nstore = "pglite:x"\nrunning_counts = "yes"\n', /bad\.toml: running_counts: /],
    ['broken TOML', 'rules = "r\n', /bad\.toml:1:\d+: TOML: /],
  ])('names the file, the key and what is wrong for %s', async (_what, text, message) => {
    await expect(resolveServeSettings(flags({ config: file('bad.toml', text) }), {})).rejects.toThrow(message);
  });

  it('names the flag or the variable a wrong value came from', async () => {
    await expect(resolveServeSettings(flags({ rules: ['r'], store: 'pglite:x', prefetch: 'ten' }), {})).rejects.toThrow("command line: --prefetch: must be a whole number, got 'ten'");
    await expect(resolveServeSettings(flags({ rules: ['r'], store: 'pglite:x' }), { ACCOLADE_AMQP_URL: 'http://bus' })).rejects.toThrow("environment: $ACCOLADE_AMQP_URL: must be amqp://... or amqps://..., got 'http://bus'");
    await expect(resolveServeSettings(flags({ rules: ['r'], store: 'pglite:x', metrics: 'localhost' }), {})).rejects.toThrow("--metrics: must be host:port, got 'localhost'");
  });

  it('requires rules and a store, and a config file that exists', async () => {
    await expect(resolveServeSettings(flags({ store: 'pglite:x' }), {})).rejects.toThrow(/--rules <path> is required/);
    await expect(resolveServeSettings(flags({ rules: ['r'] }), {})).rejects.toThrow(/--store <url> is required/);
    await expect(resolveServeSettings(flags({ config: join(dir, 'nope.toml') }), {})).rejects.toThrow(/cannot read config file .*nope\.toml.*no such file/);
  });

  it('reads --metrics as host:port, :port or a port', async () => {
    const base = { rules: ['r'], store: 'pglite:x' };
    expect((await resolveServeSettings(flags({ ...base, metrics: '9100' }), {})).metrics).toEqual({ host: '127.0.0.1', port: 9100 });
    expect((await resolveServeSettings(flags({ ...base, metrics: ':9100' }), {})).metrics).toEqual({ host: '127.0.0.1', port: 9100 });
    expect((await resolveServeSettings(flags({ ...base, metrics: '[::1]:9100' }), {})).metrics).toEqual({ host: '::1', port: 9100 });
  });
});
