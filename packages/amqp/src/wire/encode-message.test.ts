import { MessageError, createMessage } from '@accolade/core';
import { describe, expect, it } from 'vitest';
import { decodeDelivery } from './decode-delivery.js';
import { encodeMessage } from './encode-message.js';

const TOPIC = 'org.fedoraproject.prod.bodhi.update.comment';
/** Publish, deliver, read: what a consumer makes of the message. */
const roundTrip = (input: Parameters<typeof encodeMessage>[0]) => {
  const out = encodeMessage(input);
  return createMessage(decodeDelivery({ routingKey: out.routingKey, messageId: out.properties.messageId, headers: out.properties.headers, content: out.content }));
};

describe('encoding a message for the bus', () => {
  it('carries explicit identity lists as fedora-messaging headers, so the consumer reads the same names', () => {
    const back = roundTrip({ id: 'm1', topic: TOPIC, body: { a: 1 }, timestamp: 1_714_557_600, usernames: ['ralph', 'lmacken'], packages: ['kernel'], groups: ['qa'] });
    expect(back).toMatchObject({ id: 'm1', topic: TOPIC, body: { a: 1 }, usernames: ['ralph', 'lmacken'], packages: ['kernel'], groups: ['qa'] });
    expect(back.timestamp.toISOString()).toBe('2024-05-01T10:00:00.000Z');
  });

  it('takes a Message as it takes JSON, keeping the headers it has', () => {
    const m = createMessage({ id: 'm2', topic: TOPIC, headers: { 'sent-at': '2024-05-01T12:00:00+00:00', fedora_messaging_user_ann: true }, body: {} });
    expect(encodeMessage(m).properties.headers).toEqual({ 'sent-at': '2024-05-01T12:00:00+00:00', fedora_messaging_user_ann: true });
    expect(roundTrip(m).usernames).toEqual(['ann']);
  });

  it('refuses what is not a message with a MessageError', () => {
    // @ts-expect-error: `agentName` is not a message field
    expect(() => encodeMessage({ topic: TOPIC, agentName: 'ralph' })).toThrow(MessageError);
  });
});
