import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwardService, Backoff, type ServiceEvent } from '@accolade/amqp';
import type { AnnouncementOutbox, AwardStore, HistoryStore } from '@accolade/core';
import type { Logger } from 'pino';
import { type CliIo, UsageError } from '../io/cli-io.js';
import { loadOptional } from '../io/optional-packages.js';
import { type PresetSetup, presetFromOptions } from '../io/preset.js';
import { InvalidRules, throwPathProblems } from '../io/rule-set.js';
import { RuleReloader, issueLine, loadRuleSet } from './rule-reloader.js';
import { createServiceLogger, logServiceEvent } from './service-log.js';
import { ServiceMetrics, startMetricsServer } from './service-metrics.js';
import { type ServeFlags, type ServeSettings, resolveServeSettings } from './serve-settings.js';

interface OpenedStores {
  history: HistoryStore;
  awards: AwardStore;
  outbox: AnnouncementOutbox;
  close(): Promise<void>;
}

/**
 * `accolade serve`: the badge awarder on RabbitMQ until SIGTERM or SIGINT.
 * Resolves to the exit code: 0 after a graceful stop, 1 when the rules are
 * invalid at start; usage errors are thrown (exit 2).
 */
export async function serve(flags: ServeFlags, io: CliIo): Promise<number> {
  const settings = await resolveServeSettings(flags);
  const log = createServiceLogger(settings.logLevel);
  const preset = await presetFromOptions(
    { ...(settings.preset === undefined ? {} : { preset: settings.preset }), ...(settings.fasjson === undefined ? {} : { fasjson: settings.fasjson }), ...(settings.fedbadgesConfig === undefined ? {} : { fedbadgesConfig: settings.fedbadgesConfig }) },
    io,
  );
  const loaded = await loadRuleSet(settings.rules);
  throwPathProblems(loaded.issues, io);
  for (const issue of loaded.issues) log[issue.severity === 'error' ? 'error' : 'warn']({ event: 'rule-issue', ...issueLine(issue) }, issueLine(issue).text);
  if (loaded.rules === null) {
    log.error({ event: 'invalid-rules' }, 'the rules have errors: not starting');
    throw new InvalidRules();
  }
  const rules = loaded.rules;

  const stop = new AbortController();
  const signals = onStopSignals(() => stop.abort(), log);
  const metrics = new ServiceMetrics(rules.length);
  let service: AwardService | null = null;
  let server: Server | null = null;
  let stores: OpenedStores | null = null;
  try {
    if (settings.metrics !== undefined) {
      server = await startMetricsServer(metrics, () => service?.health ?? { healthy: false, broker: false, store: false }, settings.metrics).catch((error: unknown) => {
        throw new UsageError(`cannot listen on ${settings.metrics!.host}:${settings.metrics!.port} for --metrics: ${(error as Error).message}`);
      });
      const bound = server.address() as AddressInfo;
      log.info({ event: 'metrics', listen: `${bound.address}:${bound.port}` }, 'serving /metrics and /healthz');
    }
    stores = await openStoresUntilUp(settings, preset, log, stop.signal);
    if (stores === null) return 0;
    const onEvent = (event: ServiceEvent): void => {
      metrics.observe(event);
      logServiceEvent(log, event);
    };
    service = new AwardService({
      amqpUrl: settings.amqp,
      topology: { queue: settings.queue, exchange: settings.exchange, bindings: settings.bind, prefetch: settings.prefetch },
      ...(settings.topicPrefix === undefined ? {} : { topicPrefix: settings.topicPrefix }),
      engine: {
        rules, history: stores.history, awards: stores.awards,
        ...(preset.users === undefined ? {} : { users: preset.users }),
        ...(preset.schemas === undefined ? {} : { schemas: preset.schemas }),
        options: { skipUsers: preset.skipUsers },
      },
      outbox: stores.outbox,
      onEvent,
      connectionName: `accolade serve (pid ${process.pid})`,
    });
    const running = service;
    const reloader = new RuleReloader(settings.rules, async (why) => {
      const next = await loadRuleSet(settings.rules);
      for (const issue of next.issues) log[issue.severity === 'error' ? 'error' : 'warn']({ event: 'rule-issue', ...issueLine(issue) }, issueLine(issue).text);
      if (next.rules === null) {
        log.error({ event: 'reload-refused', why }, 'the new rules have errors: still running the old ones');
        return;
      }
      await running.reload(next.rules).catch((error: unknown) => {
        log.error({ event: 'reload-refused', why }, `the new rules could not start (${(error as Error).message}): still running the old ones`);
      });
    });
    log.info({ event: 'starting', rules: rules.length, queue: settings.queue, exchange: settings.exchange, bind: settings.bind, history: settings.history }, `starting with ${rules.length} rules`);
    service.start();
    reloader.start(settings.watch);
    await new Promise<void>((resolve) => stop.signal.addEventListener('abort', () => resolve(), { once: true }));
    log.info({ event: 'stopping' }, 'stopping: finishing the messages in flight');
    await reloader.close();
    await service.stop();
    return 0;
  } finally {
    signals.dispose();
    await stores?.close().catch(() => {});
    await new Promise<void>((resolve) => (server === null ? resolve() : server.close(() => resolve())));
    log.flush();
  }
}

/** The store may not be up yet (a machine that boots): wait for it, as for the broker, until stopped. */
async function openStoresUntilUp(settings: ServeSettings, preset: PresetSetup, log: Logger, signal: AbortSignal): Promise<OpenedStores | null> {
  const pg = await loadOptional('postgres', 'accolade serve');
  let location: ReturnType<typeof pg.parseStoreUrl>;
  try {
    location = pg.parseStoreUrl(settings.store);
  } catch (error) {
    if (error instanceof pg.StoreUrlError) throw new UsageError(error.message);
    throw error;
  }
  const backoff = new Backoff({ maxMs: 10_000 });
  while (!signal.aborted) {
    try {
      const opened = await pg.openStores(location, {
        history: { horizon: 'message', recording: settings.history, externalWaitMs: settings.historyWait * 1000, ...(settings.runningCounts ? { runningCounts: true } : {}) },
        awards: { outbox: true, ...awardOptions(preset, pg.DEFAULT_ISSUER) },
      });
      return { history: opened.history, awards: opened.awards, outbox: opened.outbox!, close: opened.close };
    } catch (error) {
      const delay = backoff.next();
      log.error({ event: 'store-fault', attempt: backoff.attempts, retry_in_ms: delay }, `cannot open the store: ${(error as Error).message}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
      });
    }
  }
  return null;
}

/** fedbadges' config (with --preset fedora --fedbadges-config): accounts' e-mail domain and the badges' issuer, as fedbadges records them. */
function awardOptions(preset: PresetSetup, defaults: { origin: string; name: string; org: string; contact: string }): { emailDomain?: string; issuer?: typeof defaults } {
  const i = preset.badgeIssuer;
  return {
    ...(preset.emailDomain === undefined ? {} : { emailDomain: preset.emailDomain }),
    ...(i === undefined ? {} : {
      issuer: { origin: i.issuerOrigin ?? defaults.origin, name: i.issuerName ?? defaults.name, org: i.issuerUrl ?? defaults.org, contact: i.issuerEmail ?? defaults.contact },
    }),
  };
}

/**
 * SIGTERM and SIGINT stop gracefully. A second SIGINT (Ctrl-C again) exits
 * at once; a second SIGTERM does not, since process managers and wrappers
 * (systemd's process group, npx) often deliver the same SIGTERM twice.
 */
function onStopSignals(stop: () => void, log: Logger): { dispose(): void } {
  let stopping = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (stopping && signal === 'SIGTERM') return;
    if (stopping) {
      log.warn({ event: 'forced-exit', signal }, `${signal} again: exiting without finishing`);
      log.flush();
      process.exit(1);
    }
    stopping = true;
    log.info({ event: 'signal', signal }, `${signal}: stopping`);
    stop();
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
  return { dispose: () => { process.off('SIGTERM', handler); process.off('SIGINT', handler); } };
}
