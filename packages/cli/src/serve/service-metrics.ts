import { createServer, type Server } from 'node:http';
import type { ServiceEvent } from '@accolade/amqp';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The metrics the CLI contract lists, and what an operator watches beside them. */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly processed = new Counter({ name: 'accolade_messages_processed_total', help: 'Messages evaluated and acked', registers: [this.registry] });
  private readonly awards = new Counter({ name: 'accolade_awards_total', help: 'Badges awarded', registers: [this.registry] });
  private readonly ruleAwards = new Counter({ name: 'accolade_rule_awards_total', help: 'Badges awarded, by rule (badge id)', labelNames: ['rule'], registers: [this.registry] });
  private readonly deadLettered = new Counter({ name: 'accolade_messages_dead_lettered_total', help: 'Deliveries sent to the dead-letter queue', registers: [this.registry] });
  private readonly ruleErrors = new Counter({ name: 'accolade_rule_errors_total', help: 'Expression failures, by rule (badge id)', labelNames: ['rule'], registers: [this.registry] });
  private readonly announced = new Counter({ name: 'accolade_announcements_total', help: 'Award announcements confirmed by the broker', registers: [this.registry] });
  private readonly storeFaults = new Counter({ name: 'accolade_store_faults_total', help: 'Attempts that failed because the store was unavailable', registers: [this.registry] });
  private readonly brokerLosses = new Counter({ name: 'accolade_broker_disconnects_total', help: 'Broker connections lost or refused', registers: [this.registry] });
  private readonly redelivered = new Counter({ name: 'accolade_messages_redelivered_total', help: 'Messages the broker delivered again (after a crash or a lost connection)', registers: [this.registry] });
  private readonly duration = new Histogram({
    name: 'accolade_message_duration_seconds', help: 'Time from a delivery to its ack', registers: [this.registry],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  private readonly lag = new Gauge({ name: 'accolade_queue_lag_seconds', help: "Age (from its sent-at) of the last message processed", registers: [this.registry] });
  private readonly depth = new Gauge({ name: 'accolade_queue_messages', help: 'Messages waiting in the queue (as last read)', registers: [this.registry] });
  private readonly healthy = new Gauge({ name: 'accolade_up', help: '1 when the broker and the store are connected', labelNames: ['part'], registers: [this.registry] });
  private readonly rulesLoaded = new Gauge({ name: 'accolade_rules_loaded', help: 'Rules in the running rule set', registers: [this.registry] });

  constructor(rules: number) {
    collectDefaultMetrics({ register: this.registry });
    this.rulesLoaded.set(rules);
    for (const part of ['broker', 'store']) this.healthy.set({ part }, 0);
  }

  observe(event: ServiceEvent): void {
    switch (event.type) {
      case 'processed':
        this.processed.inc();
        this.duration.observe(event.seconds);
        this.lag.set(event.lagSeconds);
        if (event.redelivered) this.redelivered.inc();
        break;
      case 'award':
        this.awards.inc();
        this.ruleAwards.inc({ rule: event.badgeId });
        break;
      case 'announced': this.announced.inc(); break;
      case 'dead-lettered': this.deadLettered.inc(); break;
      case 'rule-error': this.ruleErrors.inc({ rule: event.badgeId }); break;
      case 'store-fault': this.storeFaults.inc(); break;
      case 'broker-lost': this.brokerLosses.inc(); break;
      case 'queue-depth': this.depth.set(event.messages); break;
      case 'rules-reloaded': this.rulesLoaded.set(event.rules); break;
      case 'health':
        this.healthy.set({ part: 'broker' }, event.broker ? 1 : 0);
        this.healthy.set({ part: 'store' }, event.store ? 1 : 0);
        break;
      default: break;
    }
  }
}

/** `GET /metrics` (Prometheus text) and `GET /healthz` (200 when healthy, else 503, with the parts as JSON). */
export function startMetricsServer(metrics: ServiceMetrics, health: () => { healthy: boolean; broker: boolean; store: boolean }, listen: { host: string; port: number }): Promise<Server> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/metrics') {
      metrics.registry.metrics().then(
        (text) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
        (error: unknown) => response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error)),
      );
    } else if (path === '/healthz') {
      const now = health();
      response.writeHead(now.healthy ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(now) + '\n');
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /metrics or /healthz\n');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
