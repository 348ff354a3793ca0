import type { ServiceEvent } from '@accolade/amqp';
import { type Logger, pino } from 'pino';
import type { ServeSettings } from './serve-settings.js';

/** JSON lines on stderr, written at once so that nothing is lost when the process is killed. */
export function createServiceLogger(level: ServeSettings['logLevel']): Logger {
  return pino({ level, base: { service: 'accolade' }, timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } }, pino.destination({ fd: 2, sync: true }));
}

/** One line per award, per error and per change of state; a processed message only at debug level. */
export function logServiceEvent(log: Logger, event: ServiceEvent): void {
  switch (event.type) {
    case 'award':
      log.info({ event: 'award', badge_id: event.badgeId, user: event.user, message_id: event.messageId, rule: event.file }, `awarded ${event.badgeId} to ${event.user}`);
      break;
    case 'announced':
      log.debug({ event: 'announced', badge_id: event.badgeId, user: event.user, announcement_id: event.announcementId, message_id: event.messageId }, 'announced');
      break;
    case 'processed':
      log.debug({ event: 'processed', message_id: event.messageId, topic: event.topic, awards: event.awards, seconds: event.seconds, redelivered: event.redelivered }, 'processed');
      break;
    case 'rule-error':
      log.warn({ event: 'rule-error', badge_id: event.badgeId, at: `${event.file}:${event.line}:${event.column}`, path: event.path, message_id: event.messageId }, event.text);
      break;
    case 'dead-lettered':
      log.warn({ event: 'dead-lettered', message_id: event.messageId, topic: event.topic, reason: event.reason }, `dead-lettered: ${event.reason}`);
      break;
    case 'store-fault':
      log.error({ event: 'store-fault', message_id: event.messageId, attempt: event.attempt, retry_in_ms: event.retryInMs }, `store unavailable: ${event.error}`);
      break;
    case 'processing-failed':
      log.error({ event: 'processing-failed', message_id: event.messageId, attempt: event.attempt, retry_in_ms: event.retryInMs }, `processing failed: ${event.error}`);
      break;
    case 'broker-lost':
      log.error({ event: 'broker-lost', retry_in_ms: event.retryInMs }, `broker unavailable: ${event.error}`);
      break;
    case 'ready':
      log.info({ event: 'ready', rules: event.rules }, `the badges of ${event.rules} rules exist; evaluating`);
      break;
    case 'broker-connected':
      log.info({ event: 'broker-connected', queue: event.queue }, `consuming ${event.queue}`);
      break;
    case 'health':
      log.info({ event: 'health', healthy: event.healthy, broker: event.broker, store: event.store }, event.healthy ? 'healthy' : 'unhealthy');
      break;
    case 'rules-reloaded':
      log.info({ event: 'rules-reloaded', rules: event.rules }, `running ${event.rules} rules`);
      break;
    case 'queue-depth':
      break;
    case 'stopped':
      log.info({ event: 'stopped' }, 'stopped');
      break;
  }
}
