import type { IdentityList } from './message.js';

/** The raw parts of a message a schema reads from. */
export interface RawMessage {
  readonly topic: string;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, unknown>>;
}

/**
 * How to read identity from the messages of one topic, as fedora-messaging
 * message schemas do (`agent_name`, `usernames`, `packages`...).
 */
export type MessageSchema = {
  /** Topic suffix the schema applies to, e.g. `bodhi.update.comment` (matched on dot boundaries). */
  readonly topic: string;
  readonly agent_name?: (message: RawMessage) => string | null | undefined;
} & { readonly [K in IdentityList]?: (message: RawMessage) => readonly string[] | null | undefined };

/** Message schemas by topic suffix; the longest matching suffix wins. */
export class MessageSchemaRegistry {
  private readonly bySuffix = new Map<string, MessageSchema>();
  private readonly cache = new Map<string, MessageSchema | null>();

  constructor(schemas: Iterable<MessageSchema> = []) {
    for (const schema of schemas) this.register(schema);
  }

  register(schema: MessageSchema): this {
    this.bySuffix.set(schema.topic, schema);
    this.cache.clear();
    return this;
  }

  get size(): number {
    return this.bySuffix.size;
  }

  lookup(topic: string): MessageSchema | undefined {
    let found = this.cache.get(topic);
    if (found === undefined) {
      found = null;
      // Try each dotted suffix of the topic, longest first.
      for (let i = 0; ; ) {
        found = this.bySuffix.get(topic.slice(i)) ?? null;
        const dot = topic.indexOf('.', i);
        if (found !== null || dot < 0) break;
        i = dot + 1;
      }
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(topic, found);
    }
    return found ?? undefined;
  }
}
