import { type Message, type MessageInput, asMessage, messageHeaders } from '@accolade/core';

/** A message to publish: a Message or fedora-messaging JSON, as everywhere else (see MessageInput). */
export type PublishableMessage = Message | MessageInput;

/**
 * A message in fedora-messaging's wire format: the topic as routing key, the
 * id as message_id, the headers with `sent-at` (from the timestamp when they
 * have none) and a `fedora_messaging_<kind>_<name>` header for each explicit
 * identity name (see messageHeaders; an explicit `agent_name` has no header),
 * the body as UTF-8 JSON. The inverse of decodeDelivery, for publishers and
 * tests. A MessageError names what is wrong with a message that is not one.
 */
export function encodeMessage(input: PublishableMessage): { routingKey: string; content: Buffer; properties: { messageId: string; contentType: string; contentEncoding: string; persistent: boolean; headers: Record<string, unknown> } } {
  const message = asMessage(input);
  return {
    routingKey: message.topic,
    content: Buffer.from(JSON.stringify(message.body), 'utf8'),
    properties: { messageId: message.id, contentType: 'application/json', contentEncoding: 'utf-8', persistent: true, headers: messageHeaders(message) },
  };
}
