/**
 * A message as fedora-messaging serialises it to JSON (what a message file
 * or a `.jsonl` line holds), plus the optional explicit identity fields.
 * Every public entry that takes a message takes this or a `Message`, and
 * reads it with createMessage: see that function for the precedence of
 * explicit fields, message schemas and headers.
 *
 * The field names are fedora-messaging's, in snake_case: an object literal
 * with `agentName` does not compile, and createMessage refuses one at run time.
 */
export interface MessageInput {
  /** The message id; a random UUID when absent. */
  readonly id?: string;
  readonly topic: string;
  /** fedora-messaging headers: `sent-at`, `fedora_messaging_user_<name>: true`, ... */
  readonly headers?: Readonly<Record<string, unknown>>;
  readonly body?: unknown;
  /** ISO 8601 text, epoch seconds or a Date; else `headers['sent-at']`, else the time it is read. */
  readonly timestamp?: string | number | Date | null;
  readonly agent_name?: string | null;
  readonly usernames?: readonly string[];
  readonly packages?: readonly string[];
  readonly groups?: readonly string[];
  readonly containers?: readonly string[];
  readonly modules?: readonly string[];
  readonly flatpaks?: readonly string[];
  /** datanommer's name for `id` (a history row's); used when `id` is absent. */
  readonly msg_id?: string;
  /** datanommer's name for `body`; used when `body` is absent. */
  readonly msg?: unknown;
  /** Written by fedora-messaging's serialisation; not used. */
  readonly queue?: string | null;
  /** Written by fedora-messaging's serialisation; not used. */
  readonly priority?: number | null;
}
