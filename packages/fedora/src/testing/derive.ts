import { type Message, createMessage } from '@accolade/core';
import { fedoraSchemas } from '../schemas/fedora-schemas.js';

const schemas = fedoraSchemas();

/** The message Accolade makes of a bare fedora-messaging object (no explicit identity fields) with the Fedora schemas. */
export function derive(topic: string, body: unknown, headers: Record<string, unknown> = {}): Message {
  return createMessage({ id: 'test', topic: topic.includes('.prod.') ? topic : `org.fedoraproject.prod.${topic}`, headers, body }, { schemas });
}

/** The identity fields only, for compact expectations. */
export function identity(m: Message): Record<string, unknown> {
  const out: Record<string, unknown> = { agent_name: m.agent_name, usernames: [...m.usernames].sort(), packages: [...m.packages].sort() };
  for (const k of ['groups', 'containers', 'modules', 'flatpaks'] as const) if (m[k].length > 0) out[k] = [...m[k]];
  return out;
}
