import { DeliveryError } from './delivery-error.js';

/** What a consumer gets from the broker, reduced to what the wire format uses. */
export interface Delivery {
  readonly routingKey: string;
  readonly messageId: unknown;
  readonly headers: Readonly<Record<string, unknown>> | undefined;
  readonly content: Buffer;
}

/** fedora-messaging's message as JSON, the input createMessage takes. */
export interface WireMessage {
  id: string;
  topic: string;
  headers: Record<string, unknown>;
  body: Record<string, unknown>;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Read a delivery in fedora-messaging's wire format: the routing key is the
 * topic, `properties.message_id` the id, `properties.headers` the headers
 * (with `sent-at`), the body a UTF-8 JSON object. Anything else is a
 * DeliveryError naming what is wrong.
 */
export function decodeDelivery(delivery: Delivery): WireMessage {
  const id = delivery.messageId;
  if (typeof id !== 'string' || id.trim() === '') throw new DeliveryError('no-message-id', 'the delivery has no message_id property');
  if (delivery.routingKey === '') throw new DeliveryError('no-topic', `message ${id}: the routing key (the topic) is empty`);
  let text: string;
  try {
    text = utf8.decode(delivery.content);
  } catch (error) {
    throw new DeliveryError('not-utf8', `message ${id}: the body is not UTF-8`, { cause: error });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new DeliveryError('not-json', `message ${id}: the body is not JSON (${(error as Error).message})`, { cause: error });
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new DeliveryError('not-an-object', `message ${id}: the body is JSON but not an object`);
  }
  return { id, topic: delivery.routingKey, headers: { ...normaliseHeaders(delivery.headers ?? {}) }, body: body as Record<string, unknown> };
}

/** AMQP tables may carry Buffers (long strings from some clients) and Dates; rules see JSON values. */
function normaliseHeaders(headers: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(headers)) out[key] = jsonValue(value);
  return out;
}

function jsonValue(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(jsonValue);
  if (value !== null && typeof value === 'object') return normaliseHeaders(value as Record<string, unknown>);
  return value;
}
