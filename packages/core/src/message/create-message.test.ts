import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toDateTime } from '../expressions/python/datetime.js';
import { MAX_MESSAGE_DEPTH, createMessage, parseMessage } from './create-message.js';
import { MessageError } from './message-error.js';
import { MessageSchemaRegistry } from './message-schema.js';

const schemas = new MessageSchemaRegistry([{
  topic: 'bodhi.update.comment',
  agent_name: ({ body }) => (body as { comment: { user: { name: string } } }).comment.user.name,
  usernames: ({ body }) => [(body as { comment: { user: { name: string } } }).comment.user.name, 'from-schema'],
}]);

const base = {
  id: 'abc',
  topic: 'org.fedoraproject.prod.bodhi.update.comment',
  headers: { 'sent-at': '2024-05-01T12:00:00+00:00', fedora_messaging_user_alice: true, fedora_messaging_rpm_kernel: true, fedora_messaging_user_gone: false },
  body: { comment: { user: { name: 'ralph' } } },
};

describe('creating a message', () => {
  it('reads the fedora-messaging shape, category as fedbadges computes it', () => {
    const m = createMessage(base);
    expect(m).toMatchObject({ id: 'abc', topic: base.topic, category: 'bodhi', body: base.body });
    expect(m.timestamp.toISOString()).toBe('2024-05-01T12:00:00.000Z');
  });

  it('takes identity from explicit fields first, then the topic schema, then the headers', () => {
    expect(createMessage({ ...base, agent_name: 'explicit', usernames: ['x'] }, { schemas })).toMatchObject({ agent_name: 'explicit', usernames: ['x'], packages: ['kernel'] });
    expect(createMessage(base, { schemas })).toMatchObject({ agent_name: 'ralph', usernames: ['ralph', 'from-schema'] });
    expect(createMessage(base)).toMatchObject({ agent_name: null, usernames: ['alice'], packages: ['kernel'] });
  });

  it('matches schemas on dotted suffixes only', () => {
    expect(createMessage({ ...base, topic: 'org.fedoraproject.prod.xbodhi.update.comment' }, { schemas }).agent_name).toBeNull();
    expect(createMessage({ ...base, topic: 'bodhi.update.comment' }, { schemas }).agent_name).toBe('ralph');
  });

  it('takes the time from timestamp (ISO or epoch seconds), then sent-at, then now', () => {
    expect(createMessage({ ...base, timestamp: 0 }).timestamp.toISOString()).toBe('1970-01-01T00:00:00.000Z');
    expect(createMessage({ ...base, timestamp: '2024-02-03T04:05:06' }).timestamp.toISOString()).toBe('2024-02-03T04:05:06.000Z');
    const now = new Date('2030-01-01T00:00:00Z');
    expect(createMessage({ topic: 'a.b' }, { now: () => now }).timestamp).toBe(now);
  });

  it('has no category when the topic is short', () => {
    expect(createMessage({ topic: 'a.b.c' }).category).toBeNull();
  });

  it('refuses what is not a message, naming the field', () => {
    const reason = (input: unknown): string => {
      try {
        createMessage(input);
        return 'accepted';
      } catch (e) {
        expect(e).toBeInstanceOf(MessageError);
        return (e as Error).message;
      }
    };
    expect(reason([])).toBe('a message must be a JSON object');
    expect(reason({ body: {} })).toBe("'topic' must be a non-empty string");
    expect(reason({ topic: 'a', usernames: 'ralph' })).toBe("'usernames' must be a list of strings");
    expect(reason({ topic: 'a', agent_name: 3 })).toBe("'agent_name' must be a string or null");
    expect(reason({ topic: 'a', timestamp: 'yesterday' })).toBe("'timestamp' must be an ISO 8601 date or epoch seconds");
    expect(reason({ topic: 'a', headers: [] })).toBe("'headers' must be an object");
    expect(() => parseMessage('{"topic": ')).toThrow(/not valid JSON/);
  });

  it('keeps __proto__ in a body as plain data', () => {
    const m = parseMessage('{"topic": "a.b", "body": {"__proto__": {"polluted": 1}}}');
    expect(Object.hasOwn(m.body as object, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses a body or headers nested deeper than the stores and printers can walk', () => {
    const nested = (levels: number): string => `${'{"a": '.repeat(levels)}1${'}'.repeat(levels)}`;
    expect(() => parseMessage(`{"topic": "a.b", "body": ${nested(MAX_MESSAGE_DEPTH)}}`)).not.toThrow();
    for (const field of ['body', 'headers']) {
      const text = `{"topic": "a.b", "${field}": ${nested(20_000)}}`;
      expect(() => parseMessage(text)).toThrow(MessageError);
      expect(() => parseMessage(text)).toThrow(`'${field}' nests more than ${MAX_MESSAGE_DEPTH} levels`);
    }
    expect(() => parseMessage(`{"topic": "a.b", "body": {"list": ${'['.repeat(MAX_MESSAGE_DEPTH)}${']'.repeat(MAX_MESSAGE_DEPTH)}}}`)).toThrow(MessageError);
  });
});

describe("the quick path for sent-at's usual shapes", () => {
  /** The time as the general ISO 8601 path reads it, or null when it refuses the text. */
  const general = (text: string): number | null => toDateTime(text)?.toDate().getTime() ?? null;
  const viaMessage = (text: string): number | null => {
    try {
      return createMessage({ topic: 'a.b', headers: { 'sent-at': text } }).timestamp.getTime();
    } catch (error) {
      if (!(error instanceof MessageError)) throw error;
      return null;
    }
  };
  const two = (max: number): fc.Arbitrary<string> => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));

  it('reads exactly what the general parser reads, to the millisecond, valid or not', () => {
    const year = fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(1900, 2000, 2024, 2100, 99, 100)).map((n) => String(n).padStart(4, '0'));
    const fraction = fc.oneof(fc.constant(''), fc.stringMatching(/^\.\d{1,9}$/), fc.constantFrom('.5', '.999999', '.0005', '.9995'));
    const zone = fc.oneof(fc.constantFrom('', 'Z', '+00:00', '-00:00', 'z', '+0000', '+05'), fc.tuple(fc.constantFrom('+', '-'), two(99), two(99)).map(([s, h, m]) => `${s}${h}:${m}`));
    const text = fc.tuple(year, two(13), two(32), fc.constantFrom('T', ' ', 't'), two(25), two(61), two(61), fraction, zone)
      .map(([y, mo, d, sep, h, mi, s, f, z]) => `${y}-${mo}-${d}${sep}${h}:${mi}:${s}${f}${z}`);
    fc.assert(fc.property(text, (t) => { expect(viaMessage(t)).toBe(general(t)); }), { numRuns: 20_000, seed: 7 });
    for (const t of ['2024-02-29T24:00:00+00:00', '2023-02-29T12:00:00Z', '2024-12-31T23:59:59.9999+00:00', '1970-01-01T00:00:00.0005-00:00', '0099-01-01T00:00:00Z', ' 2024-01-01T00:00:00Z']) {
      expect(viaMessage(t)).toBe(general(t));
    }
  });
});
