import { randomUUID } from 'node:crypto';

/** A message to publish as fedora-messaging does: JSON with at least a topic and a body. */
export interface PublishableMessage {
  id?: string;
  topic: string;
  headers?: Record<string, unknown>;
  body: unknown;
  /** Used for `sent-at` when the headers have none (ISO 8601 or a Date). */
  timestamp?: string | Date;
}

/**
 * A message in fedora-messaging's wire format: the topic as routing key, the
 * id as message_id, the headers with `sent-at`, the body as UTF-8 JSON.
 * The inverse of decodeDelivery, for publishers and tests.
 */
export function encodeMessage(message: PublishableMessage): { routingKey: string; content: Buffer; properties: { messageId: string; contentType: string; contentEncoding: string; persistent: boolean; headers: Record<string, unknown> } } {
  const headers: Record<string, unknown> = { ...message.headers };
  if (headers['sent-at'] === undefined) {
    const at = message.timestamp === undefined ? new Date() : new Date(message.timestamp);
    headers['sent-at'] = at.toISOString();
  }
  return {
    routingKey: message.topic,
    content: Buffer.from(JSON.stringify(message.body), 'utf8'),
    properties: { messageId: message.id ?? randomUUID(), contentType: 'application/json', contentEncoding: 'utf-8', persistent: true, headers },
  };
}
