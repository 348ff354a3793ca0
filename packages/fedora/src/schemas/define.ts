import type { MessageSchema, RawMessage } from '@accolade/core';

type ListReader = (body: unknown, message: RawMessage) => readonly string[] | null | undefined;

/** How one topic family reads identity; each reader gets the body first. */
export interface SchemaParts {
  agent_name?: (body: unknown, message: RawMessage) => string | null | undefined;
  usernames?: ListReader;
  packages?: ListReader;
  groups?: ListReader;
  containers?: ListReader;
  modules?: ListReader;
  flatpaks?: ListReader;
}

const LISTS = ['usernames', 'packages', 'groups', 'containers', 'modules', 'flatpaks'] as const;

/**
 * A core MessageSchema for each topic suffix. A reader that throws (a body
 * shaped in a way no schema expects) reads as "unknown": null, so the
 * message falls back to its headers instead of being lost.
 */
export function defineSchemas(topics: readonly string[], parts: SchemaParts): MessageSchema[] {
  const guard = <T>(read: ((body: unknown, m: RawMessage) => T) | undefined) =>
    read === undefined ? undefined : (m: RawMessage): T | null => {
      try {
        return read(m.body, m);
      } catch {
        return null;
      }
    };
  return topics.map((topic) => {
    const schema: Record<string, unknown> = { topic };
    const agent = guard(parts.agent_name);
    if (agent) schema['agent_name'] = agent;
    for (const field of LISTS) {
      const read = guard(parts[field]);
      if (read) schema[field] = read;
    }
    return schema as MessageSchema;
  });
}
