import {
  type AnnouncementOutbox, type AwardStore, type CompiledRule, type Engine, type EngineConfig, type EngineEvent, type Message, createEngine, createMessage,
} from '@accolade/core';
import type { ConsumeMessage } from 'amqplib';
import { Backoff, type BackoffOptions, sleep } from '../broker/backoff.js';
import { BrokerSession, type Publication } from '../broker/broker-session.js';
import { DEFAULT_TOPOLOGY, type Topology, deadLetterQueue } from '../broker/topology.js';
import { DeliveryError } from '../wire/delivery-error.js';
import { decodeDelivery } from '../wire/decode-delivery.js';
import { encodeAnnouncement } from '../wire/encode-announcement.js';
import type { ServiceEvent, ServiceListener } from './service-events.js';
import { isMessageFault, isUnavailable } from './store-faults.js';

export interface AwardServiceConfig {
  /** `amqp://user:pass@host:port/vhost` */
  amqpUrl: string;
  topology?: Partial<Topology>;
  /** Announcements go to `<prefix>.fedbadges.badge.award`. */
  topicPrefix?: string;
  /** The engine's rules and stores; the history must record messages once per id, the award store fill `outbox`. */
  engine: EngineConfig;
  /** The awards waiting to be announced, written with each award (e.g. PostgresOutbox). */
  outbox: AnnouncementOutbox;
  onEvent?: ServiceListener;
  /** Between retries of a message while the store is unavailable. */
  retry?: BackoffOptions;
  /** Between attempts to reach the broker. */
  reconnect?: BackoffOptions;
  /** A message that fails this many times for a reason other than an unavailable store is dead-lettered. Default 5. */
  maxAttempts?: number;
  /** How often awards left unannounced (by a process that died) are looked for. Default 5 s. */
  sweepIntervalMs?: number;
  /** How long a claimed announcement is reserved for this process. Default 15 s. */
  announceLeaseMs?: number;
  /** Shown in the broker's connection list. */
  connectionName?: string;
}

/** Why the service is or is not healthy. */
export interface ServiceHealth {
  readonly healthy: boolean;
  readonly broker: boolean;
  readonly store: boolean;
}

const REASON_HEADER = 'x-accolade-reason';

/**
 * The badge awarder on a queue. For each delivery, in order: decode it,
 * record it in the history once per id and evaluate it (engine.process),
 * commit its awards (with their outbox rows), announce them with publisher
 * confirms, mark them announced, and only then ack. A crash anywhere in
 * between leaves the delivery unacked: it comes again, counts as of itself
 * again, awards nothing twice, and whatever was committed but not announced
 * is announced by the next sweep of the outbox (here or in another process).
 */
export class AwardService {
  private engine: Engine;
  private readonly topology: Topology;
  private readonly abort = new AbortController();
  private chain: Promise<void> = Promise.resolve();
  private session: BrokerSession | null = null;
  private stopping = false;
  private storeUp = true;
  private brokerUp = false;
  private lastHealth: boolean | null = null;
  private sweepQueued = false;
  private running: Promise<void> | null = null;

  constructor(private readonly config: AwardServiceConfig) {
    this.topology = { ...DEFAULT_TOPOLOGY, ...config.topology };
    this.engine = this.engineFor(config.engine.rules);
  }

  get health(): ServiceHealth {
    return { healthy: this.brokerUp && this.storeUp, broker: this.brokerUp, store: this.storeUp };
  }

  get rules(): readonly CompiledRule[] {
    return this.engine.rules;
  }

  /** Start consuming; resolves at once. The service keeps trying to reach the broker and the store until stop(). */
  start(): void {
    if (this.running !== null) return;
    this.chain = this.untilReady();
    this.running = this.run();
  }

  /** Stop consuming, finish the deliveries held, close. What was not finished is redelivered later. */
  async stop(): Promise<void> {
    if (this.stopping) return this.running ?? undefined;
    this.stopping = true;
    await this.session?.stopConsuming().catch(() => {});
    // Finish the deliveries already held; retries waiting on an outage give up at once (those deliveries stay unacked).
    const drain = this.chain;
    this.abort.abort();
    await drain;
    await this.session?.close();
    await this.running;
    this.emit({ type: 'stopped' });
  }

  /**
   * Swap in a new rule set between two messages. Its badges are created
   * first; if that fails, the running rules stay and the error is thrown.
   */
  reload(rules: readonly CompiledRule[]): Promise<void> {
    const swapped = this.chain.then(async () => {
      const next = this.engineFor(rules);
      await next.ready();
      this.engine = next;
      this.emit({ type: 'rules-reloaded', rules: rules.length });
    });
    this.chain = swapped.catch(() => {});
    return swapped;
  }

  private engineFor(rules: readonly CompiledRule[]): Engine {
    const base = this.config.engine;
    const userLogger = base.options?.logger;
    const files = new Map(rules.map((r) => [r.badgeId, r.file]));
    // Told by the store, not by process()'s result: an award committed before a fault (then retried) is logged too.
    const store = base.awards;
    const awards: AwardStore = {
      has: (badgeId, user) => store.has(badgeId, user),
      isOptedOut: (user) => store.isOptedOut(user),
      award: async (award) => {
        const outcome = await store.award(award);
        if (outcome === 'awarded') this.emit({ type: 'award', badgeId: award.badgeId, user: award.user, messageId: award.messageId ?? '', file: files.get(award.badgeId) ?? '' });
        return outcome;
      },
      ...(store.ensureBadges === undefined ? {} : { ensureBadges: (badges: Parameters<NonNullable<AwardStore['ensureBadges']>>[0]) => store.ensureBadges!(badges) }),
    };
    return createEngine({
      ...base, rules, awards,
      options: {
        ...base.options, recordMessages: true,
        logger: (event) => {
          userLogger?.(event);
          if (event.level === 'warn') this.ruleError(event);
        },
      },
    });
  }

  private ruleError(e: EngineEvent): void {
    this.emit({ type: 'rule-error', badgeId: e.badgeId, file: e.file, line: e.line, column: e.column, path: e.path, messageId: e.messageId, text: e.text });
  }

  private emit(event: ServiceEvent): void {
    this.config.onEvent?.(event);
  }

  private setHealth(broker: boolean, store: boolean): void {
    this.brokerUp = broker;
    this.storeUp = store;
    const { healthy } = this.health;
    if (healthy !== this.lastHealth) {
      this.lastHealth = healthy;
      this.emit({ type: 'health', ...this.health });
    }
  }

  /** The badges exist and the history is prepared before the first message, however long the store takes to come up. */
  private async untilReady(): Promise<void> {
    const backoff = new Backoff(this.config.retry);
    while (!this.stopping) {
      try {
        await this.engine.ready();
        this.setHealth(this.brokerUp, true);
        this.emit({ type: 'ready', rules: this.engine.rules.length });
        return;
      } catch (error) {
        const delay = backoff.next();
        this.setHealth(this.brokerUp, false);
        this.emit({ type: 'store-fault', messageId: null, error: describe(error), attempt: backoff.attempts, retryInMs: delay });
        await sleep(delay, this.abort.signal);
      }
    }
  }

  private async run(): Promise<void> {
    const backoff = new Backoff(this.config.reconnect);
    while (!this.stopping) {
      let session: BrokerSession;
      try {
        session = await BrokerSession.open(this.config.amqpUrl, this.topology, this.config.connectionName ?? 'accolade serve');
      } catch (error) {
        await this.brokerLost(error, backoff);
        continue;
      }
      if (this.stopping) {
        await session.close();
        break;
      }
      this.session = session;
      backoff.reset();
      this.setHealth(true, this.storeUp);
      this.emit({ type: 'broker-connected', queue: this.topology.queue });
      const sweeper = setInterval(() => this.queueSweep(session), this.config.sweepIntervalMs ?? 5_000);
      try {
        this.queueSweep(session);
        await session.consume(this.topology.queue, (delivery) => this.queueDelivery(session, delivery));
        const reason = await session.closed;
        if (this.stopping) break;
        await this.brokerLost(reason, backoff);
      } catch (error) {
        if (this.stopping) break;
        await this.brokerLost(error, backoff);
      } finally {
        clearInterval(sweeper);
        await session.close();
      }
    }
    this.setHealth(false, this.storeUp);
  }

  private async brokerLost(error: unknown, backoff: Backoff): Promise<void> {
    this.setHealth(false, this.storeUp);
    if (this.stopping) return;
    const delay = backoff.next();
    this.emit({ type: 'broker-lost', error: describe(error), retryInMs: delay });
    await sleep(delay, this.abort.signal);
  }

  private queueDelivery(session: BrokerSession, delivery: ConsumeMessage): void {
    this.chain = this.chain.then(() => this.handle(session, delivery)).catch((error) => {
      // handle() settles every delivery itself; reaching here is a bug, and the delivery stays unacked.
      this.emit({ type: 'processing-failed', messageId: String(delivery.properties.messageId), error: describe(error), attempt: 0, retryInMs: 0 });
    });
  }

  private async handle(session: BrokerSession, delivery: ConsumeMessage): Promise<void> {
    if (!session.isOpen) return; // the broker will deliver it again
    let message: Message;
    try {
      const wire = decodeDelivery({
        routingKey: delivery.fields.routingKey, messageId: delivery.properties.messageId, headers: delivery.properties.headers, content: delivery.content,
      });
      message = createMessage(wire, this.config.engine.schemas ? { schemas: this.config.engine.schemas } : {});
    } catch (error) {
      await this.deadLetter(session, delivery, error);
      return;
    }
    const backoff = new Backoff(this.config.retry);
    const maxAttempts = this.config.maxAttempts ?? 5;
    while (session.isOpen) {
      const started = performance.now();
      try {
        const awards = await this.engine.process(message);
        // An award earned by an earlier attempt (then a fault) is committed but has not been announced: look then too.
        // Otherwise a message that awarded nothing has nothing waiting, and the round trip is saved.
        if (awards.length > 0 || backoff.attempts > 0 || delivery.fields.redelivered) await this.announce(session, message.id);
        this.setHealth(this.brokerUp, true);
        if (session.ack(delivery)) {
          this.emit({
            type: 'processed', messageId: message.id, topic: message.topic, awards: awards.length,
            seconds: (performance.now() - started) / 1000, lagSeconds: Math.max(0, (Date.now() - message.timestamp.getTime()) / 1000),
            redelivered: delivery.fields.redelivered,
          });
        }
        return;
      } catch (error) {
        if (!session.isOpen) return;
        if (isMessageFault(error)) {
          await this.deadLetter(session, delivery, error);
          return;
        }
        const unavailable = isUnavailable(error);
        if (!unavailable && backoff.attempts + 1 >= maxAttempts) {
          await this.deadLetter(session, delivery, new Error(`failed ${maxAttempts} times: ${describe(error)}`));
          return;
        }
        const delay = backoff.next();
        if (unavailable) {
          this.setHealth(this.brokerUp, false);
          this.emit({ type: 'store-fault', messageId: message.id, error: describe(error), attempt: backoff.attempts, retryInMs: delay });
        } else {
          this.emit({ type: 'processing-failed', messageId: message.id, error: describe(error), attempt: backoff.attempts, retryInMs: delay });
        }
        await sleep(delay, this.abort.signal);
        if (this.abort.signal.aborted) return; // stopping: left unacked, it is redelivered
      }
    }
  }

  /** Publish the pending announcements (of one message, or any) and mark them announced once confirmed. */
  private async announce(session: BrokerSession, messageId?: string): Promise<number> {
    const pending = await this.config.outbox.claim({
      ...(messageId === undefined ? {} : { messageId }), limit: 100, leaseMs: this.config.announceLeaseMs ?? 15_000,
    });
    if (pending.length === 0) return 0;
    const publications: Publication[] = pending.map((p) => {
      const out = encodeAnnouncement(p, this.config.topicPrefix === undefined ? {} : { topicPrefix: this.config.topicPrefix });
      return { exchange: this.topology.exchange, routingKey: out.routingKey, content: out.content, options: out.properties };
    });
    await session.publish(publications);
    await this.config.outbox.markPublished(pending.map((p) => p.id));
    for (const p of pending) this.emit({ type: 'announced', badgeId: p.badgeId, user: p.user, announcementId: p.announcementId, messageId: p.messageId });
    return pending.length;
  }

  /** Announce what others left behind (a process that died after committing), and read the queue depth. */
  private queueSweep(session: BrokerSession): void {
    if (this.sweepQueued || this.stopping) return;
    this.sweepQueued = true;
    this.chain = this.chain.then(async () => {
      this.sweepQueued = false;
      if (!session.isOpen) return;
      try {
        while ((await this.announce(session)) === 100 && session.isOpen);
        this.setHealth(this.brokerUp, true);
        this.emit({ type: 'queue-depth', messages: await session.queueDepth(this.topology.queue) });
      } catch (error) {
        if (isUnavailable(error)) this.setHealth(this.brokerUp, false);
      }
    });
  }

  /** Into `<queue>.dead` with the reason, confirmed, then acked: it awards nothing, and it is not lost. */
  private async deadLetter(session: BrokerSession, delivery: ConsumeMessage, error: unknown): Promise<void> {
    const reason = error instanceof DeliveryError || error instanceof Error ? error.message : String(error);
    const messageId = typeof delivery.properties.messageId === 'string' ? delivery.properties.messageId : null;
    try {
      await session.publish([{
        exchange: '', routingKey: deadLetterQueue(this.topology.queue), content: delivery.content,
        options: {
          persistent: true,
          ...(messageId === null ? {} : { messageId }),
          ...(delivery.properties.contentType === undefined ? {} : { contentType: delivery.properties.contentType }),
          headers: { ...delivery.properties.headers, [REASON_HEADER]: reason, 'x-accolade-routing-key': delivery.fields.routingKey },
        },
      }]);
    } catch {
      return; // not confirmed: leave it unacked, it comes again
    }
    if (session.ack(delivery)) this.emit({ type: 'dead-lettered', messageId, topic: delivery.fields.routingKey, reason });
  }
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return error.errors.map(describe).join('; ');
  return error instanceof Error ? error.message || error.name : String(error);
}
