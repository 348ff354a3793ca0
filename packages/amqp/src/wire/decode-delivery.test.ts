import { createMessage } from '@accolade/core';
import { describe, expect, it } from 'vitest';
import { decodeDelivery } from './decode-delivery.js';

const delivery = (over: Partial<Parameters<typeof decodeDelivery>[0]> = {}) => ({
  routingKey: 'org.fedoraproject.prod.git.receive',
  messageId: '2024-8a1c',
  headers: { 'sent-at': '2024-05-01T10:00:00+00:00', fedora_messaging_user_ann: true, fedora_messaging_schema: 'base.message' },
  content: Buffer.from(JSON.stringify({ commit: { username: 'ann', repo: 'rpms/nano' } })),
  ...over,
});

describe("fedora-messaging's wire format", () => {
  it('takes the topic from the routing key, the id from message_id, the time from sent-at, the body from JSON', () => {
    const wire = decodeDelivery(delivery());
    expect(wire).toEqual({
      id: '2024-8a1c', topic: 'org.fedoraproject.prod.git.receive',
      headers: { 'sent-at': '2024-05-01T10:00:00+00:00', fedora_messaging_user_ann: true, fedora_messaging_schema: 'base.message' },
      body: { commit: { username: 'ann', repo: 'rpms/nano' } },
    });
    const message = createMessage(wire);
    expect(message.timestamp.toISOString()).toBe('2024-05-01T10:00:00.000Z');
    expect(message.usernames).toEqual(['ann']);
    expect(message.category).toBe('git');
  });

  it('reads headers other clients send as byte strings, and AMQP timestamps, as JSON values', () => {
    const wire = decodeDelivery(delivery({ headers: { 'sent-at': Buffer.from('2024-05-01T10:00:00Z'), when: new Date('2024-01-01T00:00:00Z'), n: 3n } as never }));
    expect(wire.headers).toEqual({ 'sent-at': '2024-05-01T10:00:00Z', when: '2024-01-01T00:00:00.000Z', n: 3 });
  });

  it.each([
    ['no message id', { messageId: undefined }, 'no-message-id'],
    ['an empty message id', { messageId: ' ' }, 'no-message-id'],
    ['an empty routing key', { routingKey: '' }, 'no-topic'],
    ['a body that is not UTF-8', { content: Buffer.from([0xff, 0xfe, 0x7b]) }, 'not-utf8'],
    ['a body that is not JSON', { content: Buffer.from('{"commit": ') }, 'not-json'],
    ['a JSON array', { content: Buffer.from('[1, 2]') }, 'not-an-object'],
    ['JSON null', { content: Buffer.from('null') }, 'not-an-object'],
  ])('refuses %s with a DeliveryError naming it', (_what, over, code) => {
    expect(() => decodeDelivery(delivery(over))).toThrow(expect.objectContaining({ name: 'DeliveryError', code }));
  });

  it('names the message in the reason when it has an id', () => {
    expect(() => decodeDelivery(delivery({ content: Buffer.from('not json') }))).toThrow(/^message 2024-8a1c: the body is not JSON/);
  });
});

describe('publishing in the wire format', () => {
  it('encodes what decodeDelivery reads back, with sent-at from the timestamp when the headers have none', async () => {
    const { encodeMessage } = await import('./encode-message.js');
    const out = encodeMessage({ id: 'm1', topic: 'org.fedoraproject.prod.fas.user.create', body: { user: 'ann' }, timestamp: '2024-05-01T10:00:00Z' });
    const back = decodeDelivery({ routingKey: out.routingKey, messageId: out.properties.messageId, headers: out.properties.headers, content: out.content });
    expect(back).toEqual({ id: 'm1', topic: 'org.fedoraproject.prod.fas.user.create', headers: { 'sent-at': '2024-05-01T10:00:00.000Z' }, body: { user: 'ann' } });
    expect(encodeMessage({ topic: 't', body: {} }).properties.messageId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
