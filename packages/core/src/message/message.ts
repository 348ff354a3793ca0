/**
 * A bus message as the engine sees it: what fedora-messaging serialises
 * (id, topic, headers, body) plus the identity fields rules depend on.
 */
export interface Message {
  readonly id: string;
  readonly topic: string;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, unknown>>;
  readonly timestamp: Date;
  /** `topic.split('.')[3]`, as fedbadges computes it; null when the topic is shorter. */
  readonly category: string | null;
  readonly agent_name: string | null;
  readonly usernames: readonly string[];
  readonly packages: readonly string[];
  readonly groups: readonly string[];
  readonly containers: readonly string[];
  readonly modules: readonly string[];
  readonly flatpaks: readonly string[];
}

/** The identity fields a message schema or the headers can supply. */
export const IDENTITY_LISTS = ['usernames', 'packages', 'groups', 'containers', 'modules', 'flatpaks'] as const;
export type IdentityList = (typeof IDENTITY_LISTS)[number];

/** fedbadges' category: the fourth dotted part of the topic. */
export function categoryOf(topic: string): string | null {
  return topic.split('.')[3] ?? null;
}

/** datanommer's category column: the third part for VirtualTopic topics, else the fourth; 'Unclassified' when missing. */
export function historyCategoryOf(topic: string): string {
  const index = topic.includes('VirtualTopic') ? 2 : 3;
  return topic.split('.')[index] ?? 'Unclassified';
}
