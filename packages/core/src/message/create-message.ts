import { randomUUID } from 'node:crypto';
import { toDateTime } from '../expressions/python/datetime.js';
import { MessageError } from './message-error.js';
import { type IdentityList, IDENTITY_LISTS, type Message, categoryOf } from './message.js';
import type { MessageSchemaRegistry, RawMessage } from './message-schema.js';

const created = new WeakSet<object>();

/** True for messages made by createMessage (already checked and complete). */
export function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && created.has(value);
}

export interface CreateMessageOptions {
  schemas?: MessageSchemaRegistry;
  /** The time to use when the message carries none (defaults to now). */
  now?: () => Date;
}

/** fedora-messaging puts identity in headers: `fedora_messaging_user_<name>: true` and friends. */
const HEADER_PREFIXES: Record<IdentityList, string> = {
  usernames: 'fedora_messaging_user_',
  packages: 'fedora_messaging_rpm_',
  groups: 'fedora_messaging_group_',
  containers: 'fedora_messaging_container_',
  modules: 'fedora_messaging_module_',
  flatpaks: 'fedora_messaging_flatpak_',
};

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function invalid(field: string, expected: string): never {
  throw new MessageError('invalid-field', `'${field}' must be ${expected}`);
}

function stringList(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) invalid(field, 'a list of strings');
  return [...new Set(value as string[])];
}

/** Message time: a top-level timestamp (ISO 8601 or epoch seconds), else headers['sent-at'], else now. */
function readTimestamp(input: Record<string, unknown>, headers: Record<string, unknown>, now: () => Date): Date {
  const field = input['timestamp'] !== undefined && input['timestamp'] !== null ? 'timestamp' : 'headers.sent-at';
  const raw = field === 'timestamp' ? input['timestamp'] : headers['sent-at'];
  if (raw === undefined || raw === null) return now();
  if (raw instanceof Date && !Number.isNaN(raw.getTime())) return raw;
  const parsed = typeof raw === 'number' || typeof raw === 'string' ? toDateTime(raw) : null;
  if (parsed === null) invalid(field, 'an ISO 8601 date or epoch seconds');
  return parsed.toDate();
}

/**
 * How deep a message's body and headers may nest. Real messages nest a few
 * levels; what every store and printer walks recursively must stay well
 * within the stack, and Python's json.dumps (datanommer's) fails near 1,000.
 */
export const MAX_MESSAGE_DEPTH = 100;

/** Deeper than `limit` levels of lists and objects? Stops descending as soon as it knows. */
function nestsDeeper(value: unknown, limit: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (limit === 0) return true;
  for (const item of Array.isArray(value) ? value : Object.values(value)) if (nestsDeeper(item, limit - 1)) return true;
  return false;
}

function fromHeaders(headers: Record<string, unknown>, prefix: string): string[] {
  return Object.keys(headers).filter((k) => k.startsWith(prefix) && headers[k] !== false && k.length > prefix.length).map((k) => k.slice(prefix.length));
}

/**
 * Build a Message from a fedora-messaging JSON object. Identity fields come
 * from, in order: explicit fields on the object; the schema registered for
 * the topic; the fedora-messaging headers.
 */
export function createMessage(input: unknown, options: CreateMessageOptions = {}): Message {
  if (!isRecord(input)) throw new MessageError('not-an-object', 'a message must be a JSON object');
  const topic = input['topic'];
  if (typeof topic !== 'string' || topic === '') invalid('topic', 'a non-empty string');
  const id = input['id'] ?? input['msg_id'];
  if (id !== undefined && id !== null && typeof id !== 'string') invalid('id', 'a string');
  const headers = input['headers'] ?? {};
  if (!isRecord(headers)) invalid('headers', 'an object');
  const body = input['body'] ?? input['msg'] ?? {};
  for (const [field, value] of [['body', body], ['headers', headers]] as const) {
    if (nestsDeeper(value, MAX_MESSAGE_DEPTH)) throw new MessageError('too-deep', `'${field}' nests more than ${MAX_MESSAGE_DEPTH} levels of lists and objects`);
  }
  const raw: RawMessage = { topic, body, headers };
  const schema = options.schemas?.lookup(topic);

  const agent = (): string | null => {
    if (Object.hasOwn(input, 'agent_name')) {
      const v = input['agent_name'];
      if (v !== null && typeof v !== 'string') invalid('agent_name', 'a string or null');
      return v;
    }
    return schema?.agent_name?.(raw) ?? null;
  };
  const list = (field: IdentityList): string[] => {
    if (Object.hasOwn(input, field)) return stringList(input[field], field);
    const fromSchema = schema?.[field]?.(raw);
    if (fromSchema !== undefined && fromSchema !== null) return [...new Set(fromSchema)];
    return fromHeaders(headers, HEADER_PREFIXES[field]);
  };

  const lists = Object.fromEntries(IDENTITY_LISTS.map((f) => [f, Object.freeze(list(f))])) as Record<IdentityList, readonly string[]>;
  const message: Message = Object.freeze({
    id: (id as string | undefined | null) ?? randomUUID(),
    topic,
    body,
    headers,
    timestamp: readTimestamp(input, headers, options.now ?? (() => new Date())),
    category: categoryOf(topic),
    agent_name: agent(),
    ...lists,
  });
  created.add(message);
  return message;
}

/** Parse one JSON text into a Message. */
export function parseMessage(text: string, options: CreateMessageOptions = {}): Message {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new MessageError('invalid-json', `not valid JSON: ${(error as Error).message}`);
  }
  return createMessage(value, options);
}

/** The message as fedora-messaging would serialise it, plus its identity fields. */
export function messageToJson(message: Message): Record<string, unknown> {
  return {
    id: message.id,
    topic: message.topic,
    headers: message.headers,
    body: message.body,
    timestamp: message.timestamp.toISOString(),
    agent_name: message.agent_name,
    ...Object.fromEntries(IDENTITY_LISTS.map((f) => [f, message[f]])),
  };
}
