import { randomUUID } from 'node:crypto';
import { toDateTime } from '../expressions/python/datetime.js';
import { MessageError } from './message-error.js';
import { type IdentityList, IDENTITY_LISTS, type Message, categoryOf } from './message.js';
import type { MessageInput } from './message-input.js';
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

/** The top-level fields a message (MessageInput, or a Message given back) may have. */
const FIELDS = ['id', 'topic', 'headers', 'body', 'timestamp', 'agent_name', ...IDENTITY_LISTS, 'msg_id', 'msg', 'queue', 'priority', 'category'] as const;
const KNOWN_FIELDS = new Set<string>(FIELDS);
/** A field name with case, `_` and `-` ignored: `agentName` and `AGENT-NAME` are `agent_name` misspelled. */
const looseName = (key: string): string => key.toLowerCase().replace(/[^a-z0-9]/g, '');
const FIELDS_BY_LOOSE_NAME = new Map<string, string>(FIELDS.map((f) => [looseName(f), f]));

/**
 * Refuse a field that is a known one spelled another way (`agentName`,
 * `userNames`, `Topic`): it would be ignored, and the message silently
 * award nothing. Other unknown fields are left alone (producers add their own).
 */
function checkFieldNames(input: Record<string, unknown>): void {
  for (const key of Object.keys(input)) {
    if (KNOWN_FIELDS.has(key)) continue;
    const meant = FIELDS_BY_LOOSE_NAME.get(looseName(key));
    if (meant !== undefined) throw new MessageError('misspelled-field', `'${key}' is not a message field; did you mean '${meant}'?`);
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function tooDeep(field: string): never {
  throw new MessageError('too-deep', `'${field}' nests more than ${MAX_MESSAGE_DEPTH} levels of lists and objects`);
}

const wallClock = (): Date => new Date();

function invalid(field: string, expected: string): never {
  throw new MessageError('invalid-field', `'${field}' must be ${expected}`);
}

function stringList(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) invalid(field, 'a list of strings');
  // Most lists name one or two: no Set (and no copy) needed when there is nothing to drop.
  if (value.length === 1 || (value.length === 2 && value[0] !== value[1])) return value as string[];
  return [...new Set(value as string[])];
}

/** Message time: a top-level timestamp (ISO 8601 or epoch seconds), else headers['sent-at'], else now. */
function readTimestamp(input: Record<string, unknown>, headers: Record<string, unknown>, now: () => Date): Date {
  const field = input['timestamp'] !== undefined && input['timestamp'] !== null ? 'timestamp' : 'headers.sent-at';
  const raw = field === 'timestamp' ? input['timestamp'] : headers['sent-at'];
  if (raw === undefined || raw === null) return now();
  if (raw instanceof Date && !Number.isNaN(raw.getTime())) return raw;
  if (typeof raw === 'string') {
    const quick = commonIsoTime(raw);
    if (quick !== undefined) return quick;
  }
  const parsed = typeof raw === 'number' || typeof raw === 'string' ? toDateTime(raw) : null;
  if (parsed === null) invalid(field, 'an ISO 8601 date or epoch seconds');
  return parsed.toDate();
}

/** What fedora-messaging writes in sent-at (`2024-05-01T12:00:00.123456+00:00`), and the same with a space, `Z` or no zone. */
const COMMON_ISO = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d(?:\.\d+)?)(?:Z|([+-])(\d\d):(\d\d))?$/;
const DAYS_IN_MONTH = [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The time toDateTime gives for the usual sent-at shapes, without its
 * general ISO 8601 parser, which costs more than the rest of a message.
 * Mirrors that parser's arithmetic and checks step by step (seconds as a
 * float, hour 24 only at 24:00:00, zone minutes below 60, a Date clipping
 * to whole milliseconds), so the answer is the same to the millisecond;
 * undefined for anything else, which then takes the general path.
 */
function commonIsoTime(text: string): Date | undefined {
  const m = COMMON_ISO.exec(text);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]) - 1;
  const day = Number(m[3]);
  // Date.UTC reads years below 100 as 19xx; leave those to the general parser.
  if (year < 100) return undefined;
  const leap = year % 400 === 0 || (year % 4 === 0 && year % 100 !== 0);
  if (month < 0 || month > 11 || day < 1 || day > (DAYS_IN_MONTH[month] || (leap ? 29 : 28))) return undefined;
  const hours = Number(m[4]);
  const minutes = Number(m[5]);
  const seconds = Number.parseFloat(m[6]!) || 0;
  const timeValid = hours === 24 ? minutes === 0 && seconds === 0 : seconds >= 0 && seconds < 60 && minutes >= 0 && minutes < 60 && hours >= 0 && hours < 25;
  if (!timeValid) return undefined;
  let offset = 0;
  if (m[7] !== undefined) {
    const zoneMinutes = Number(m[9]);
    if (zoneMinutes > 59) return undefined;
    offset = (m[7] === '+' ? -1 : 1) * (Number(m[8]) * 3_600_000 + zoneMinutes * 60_000);
  }
  const date = new Date(Date.UTC(year, month, day) + (hours * 3_600_000 + minutes * 60_000 + seconds * 1000) + offset);
  return Number.isNaN(date.getTime()) ? undefined : date;
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
  // Indexed and for-in loops: Object.values would allocate an array for every object of every message.
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (nestsDeeper(value[i], limit - 1)) return true;
    return false;
  }
  for (const key in value) if (Object.hasOwn(value, key) && nestsDeeper((value as Record<string, unknown>)[key], limit - 1)) return true;
  return false;
}

const FEDORA_MESSAGING = 'fedora_messaging_';
const NO_NAMES: readonly string[] = Object.freeze([]);

/** A header key's identity list and name, or null for other keys; null too when its value is false. */
type HeaderIdentity = { field: IdentityList; name: string } | null;

/**
 * What each header key means, remembered: the keys are the accounts and
 * packages of the bus, which repeat, so the prefixes are tried once per key
 * and every message naming an account shares one copy of the name. Cleared
 * when full, so a stream of new names cannot grow it without bound.
 */
const headerKeys = new Map<string, HeaderIdentity>();

function headerIdentity(key: string): HeaderIdentity {
  let known = headerKeys.get(key);
  if (known !== undefined) return known;
  known = null;
  if (key.startsWith(FEDORA_MESSAGING)) {
    // No prefix is a prefix of another: at most one matches.
    for (const field of IDENTITY_LISTS) {
      const prefix = HEADER_PREFIXES[field];
      if (key.length > prefix.length && key.startsWith(prefix)) { known = { field, name: key.slice(prefix.length) }; break; }
    }
  }
  if (headerKeys.size >= 100_000) headerKeys.clear();
  headerKeys.set(key, known);
  return known;
}

/** Every identity list the headers carry, in one pass over them. */
function fromHeaders(headers: Record<string, unknown>): Record<IdentityList, string[]> {
  const lists: Record<IdentityList, string[]> = { usernames: [], packages: [], groups: [], containers: [], modules: [], flatpaks: [] };
  for (const k of Object.keys(headers)) {
    const identity = headerIdentity(k);
    if (identity !== null && headers[k] !== false) lists[identity.field].push(identity.name);
  }
  return lists;
}

/**
 * The list as kept on the message: shared when empty, else frozen at its
 * exact size (a list built by push reserves room for 17 names, and every
 * history message keeps its lists).
 */
function frozen(names: readonly string[]): readonly string[] {
  if (names.length === 0) return NO_NAMES;
  const exact = new Array<string>(names.length);
  for (let i = 0; i < names.length; i++) exact[i] = names[i]!;
  return Object.freeze(exact);
}

/**
 * Build a Message from a fedora-messaging JSON object (a MessageInput; the
 * argument is `unknown` because parsed JSON is, and is checked here). Identity fields come
 * from, in order: explicit fields on the object; the schema registered for
 * the topic; the fedora-messaging headers.
 */
export function createMessage(input: unknown, options: CreateMessageOptions = {}): Message {
  if (!isRecord(input)) throw new MessageError('not-an-object', 'a message must be a JSON object');
  checkFieldNames(input);
  const topic = input['topic'];
  if (typeof topic !== 'string' || topic === '') invalid('topic', 'a non-empty string');
  const id = input['id'] ?? input['msg_id'];
  if (id !== undefined && id !== null && typeof id !== 'string') invalid('id', 'a string');
  const headers = input['headers'] ?? {};
  if (!isRecord(headers)) invalid('headers', 'an object');
  const body = input['body'] ?? input['msg'] ?? {};
  if (nestsDeeper(body, MAX_MESSAGE_DEPTH)) tooDeep('body');
  if (nestsDeeper(headers, MAX_MESSAGE_DEPTH)) tooDeep('headers');
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
  let headerLists: Record<IdentityList, string[]> | undefined;
  const list = (field: IdentityList): readonly string[] => {
    if (Object.hasOwn(input, field)) return frozen(stringList(input[field], field));
    const fromSchema = schema?.[field]?.(raw);
    if (fromSchema !== undefined && fromSchema !== null) return frozen([...new Set(fromSchema)]);
    return frozen((headerLists ??= fromHeaders(headers))[field]);
  };

  // In IDENTITY_LISTS order, before the time and the agent, so a message with several faults reports the same one as before.
  const usernames = list('usernames');
  const packages = list('packages');
  const groups = list('groups');
  const containers = list('containers');
  const modules = list('modules');
  const flatpaks = list('flatpaks');
  const message: Message = Object.freeze({
    id: (id as string | undefined | null) ?? randomUUID(),
    topic,
    body,
    headers,
    timestamp: readTimestamp(input, headers, options.now ?? wallClock),
    category: categoryOf(topic),
    agent_name: agent(),
    usernames, packages, groups, containers, modules, flatpaks,
  });
  created.add(message);
  return message;
}

/**
 * The message itself when it is one createMessage made, else createMessage
 * of it: how every public entry that takes `Message | MessageInput` reads
 * its argument (a MessageError names what is wrong with a bad one).
 */
export function asMessage(input: Message | MessageInput, options: CreateMessageOptions = {}): Message {
  return isMessage(input) ? input : createMessage(input, options);
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

/**
 * The headers to publish the message with, so that a consumer reading only
 * the headers (as createMessage does without explicit fields or a schema)
 * gets the same identity: the message's headers, `sent-at` from its
 * timestamp when they have none, and `fedora_messaging_<kind>_<name>: true`
 * for each name of its identity lists not already there. fedora-messaging
 * has no header for the agent: `agent_name` is left to the topic's schema.
 */
export function messageHeaders(input: Message | MessageInput): Record<string, unknown> {
  const message = asMessage(input);
  const headers: Record<string, unknown> = { ...message.headers };
  if (headers['sent-at'] === undefined) headers['sent-at'] = message.timestamp.toISOString();
  for (const field of IDENTITY_LISTS) {
    for (const name of message[field]) {
      const key = HEADER_PREFIXES[field] + name;
      if (headers[key] === undefined) headers[key] = true;
    }
  }
  return headers;
}

/** The message (a Message or JSON, read by createMessage) as fedora-messaging would serialise it, plus its identity fields. */
export function messageToJson(input: Message | MessageInput): Record<string, unknown> {
  const message = asMessage(input);
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
