import { type Message, createMessage } from '@accolade/core';

export const PREFIX = 'org.fedoraproject.prod.';
export const at = (iso: string): number => Date.parse(iso) / 1000;

let counter = 0;
/** A message on `org.fedoraproject.prod.<topic>` (or the full topic given), identity fields as given. */
export function message(topic: string, body: unknown = {}, extra: Record<string, unknown> = {}): Message {
  counter++;
  return createMessage({
    id: `msg-${counter}`,
    topic: topic.startsWith('org.') ? topic : PREFIX + topic,
    body,
    timestamp: 1_700_000_000 + counter,
    ...extra,
  });
}
