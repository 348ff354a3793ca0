import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/engine.js';
import { MemoryAwardStore } from '../stores/memory/memory-award-store.js';
import { MemoryHistoryStore, historyRowOf } from '../stores/memory/memory-history-store.js';
import { ruleYaml, compileRuleText } from '../testing/helpers.js';
import { messageBindings } from '../engine/python-views.js';
import { asMessage, createMessage, messageHeaders, messageToJson } from './create-message.js';
import type { Message } from './message.js';
import type { MessageInput } from './message-input.js';
import { MessageError } from './message-error.js';

// This file is compiled by `pnpm typecheck` (test/tsconfig.json): each
// expected type error marked below fails the build if its line compiles.

const TOPIC = 'org.fedoraproject.prod.bodhi.update.comment';
const json: MessageInput = { id: 'j1', topic: TOPIC, body: { comment: {} }, timestamp: '2024-01-01T00:00:00Z', agent_name: 'ralph', usernames: ['ralph'] };

const engine = () => createEngine({
  rules: [compileRuleText(ruleYaml('Commenter', `trigger:\n  topic: bodhi.update.comment\nrecipient: message.agent_name`))],
  history: new MemoryHistoryStore(), awards: new MemoryAwardStore(),
});

/** The MessageError a call throws, or a failure naming what it threw instead. */
function messageError(call: () => unknown): MessageError {
  try {
    call();
  } catch (error) {
    if (error instanceof MessageError) return error;
    throw new Error(`expected a MessageError, got ${String(error)}`);
  }
  throw new Error('expected a MessageError, nothing was thrown');
}

describe('one message shape everywhere', () => {
  it('lets the engine award on fedora-messaging JSON and on a Message alike', async () => {
    expect((await engine().process(json)).map((a) => a.user)).toEqual(['ralph']);
    expect((await engine().process(createMessage(json))).map((a) => a.user)).toEqual(['ralph']);
  });

  it('does not compile a message with a camelCase field, and refuses one at run time, naming the field', async () => {
    // @ts-expect-error: `agentName` is not a message field
    const awarded = engine().process({ topic: TOPIC, agentName: 'ralph' });
    await expect(awarded).rejects.toThrow(MessageError);
    await expect(awarded).rejects.toThrow("'agentName' is not a message field; did you mean 'agent_name'?");
    // @ts-expect-error: `userNames` is not a message field
    await expect(engine().explain({ topic: TOPIC, userNames: ['ralph'] })).rejects.toThrow("did you mean 'usernames'?");
    // @ts-expect-error: `Topic` is not a message field (and the topic is missing)
    expect(messageError(() => new MemoryHistoryStore().add({ Topic: TOPIC })).code).toBe('misspelled-field');
  });

  it('keeps the fields a producer adds of its own', () => {
    expect(createMessage({ topic: TOPIC, queue: 'q', priority: 0, x_trace: 'abc' }).topic).toBe(TOPIC);
  });

  it('fills a history store from JSON as from Messages', () => {
    const fromJson = new MemoryHistoryStore([json]);
    const fromMessage = new MemoryHistoryStore();
    fromMessage.add(createMessage(json));
    expect(fromJson.find({})).toEqual(fromMessage.find({}));
    expect(fromJson.count({ users: ['ralph'], agents: ['ralph'] })).toBe(1);
    expect(historyRowOf(json)).toEqual(fromMessage.find({})[0]);
  });

  it('refuses what is not a message with a MessageError naming the fault, not a TypeError', () => {
    const store = new MemoryHistoryStore();
    // @ts-expect-error: a message needs a topic
    expect(messageError(() => store.add({ id: 'x', body: {} })).message).toBe("'topic' must be a non-empty string");
    expect(messageError(() => store.add({ topic: TOPIC, timestamp: 'soon' })).message).toBe("'timestamp' must be an ISO 8601 date or epoch seconds");
    // @ts-expect-error: usernames is a list
    expect(messageError(() => store.add({ topic: TOPIC, usernames: 'ralph' })).message).toBe("'usernames' must be a list of strings");
    expect(store.size).toBe(0);
  });

  it('gives the JSON views of a message from JSON as from a Message', () => {
    const m = createMessage(json);
    expect(messageToJson(json)).toEqual(messageToJson(m));
    expect(messageHeaders(json)).toEqual({ 'sent-at': '2024-01-01T00:00:00.000Z', fedora_messaging_user_ralph: true });
    expect(messageBindings(json).msg).toEqual(messageBindings(m).msg);
    // @ts-expect-error: `msgId` is not a message field
    expect(() => messageBindings({ topic: TOPIC, msgId: 'x' })).toThrow("did you mean 'msg_id'?");
  });

  it('gives a Message back as it is, and reads anything else', () => {
    const m: Message = createMessage(json);
    expect(asMessage(m)).toBe(m);
    expect(asMessage(json)).toEqual(m);
    // A Message-shaped object not made by createMessage is read again, and so checked.
    expect(asMessage({ ...m }).timestamp).toEqual(m.timestamp);
  });
});
