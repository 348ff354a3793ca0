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

/**
 * Per-topic answers, kept because a bus repeats a few hundred topics and
 * every message would otherwise split its topic (and keep its own copy of
 * the part). Cleared when full, so odd topics cannot grow it without bound.
 */
function memo<V>(compute: (topic: string) => V): (topic: string) => V {
  const known = new Map<string, V>();
  return (topic) => {
    let v = known.get(topic);
    if (v === undefined && !known.has(topic)) {
      if (known.size >= 10_000) known.clear();
      known.set(topic, (v = compute(topic)));
    }
    return v as V;
  };
}

/** fedbadges' category: the fourth dotted part of the topic. */
export const categoryOf: (topic: string) => string | null = memo((topic) => topic.split('.')[3] ?? null);

/** datanommer's category column: the third part for VirtualTopic topics, else the fourth; 'Unclassified' when missing. */
export const historyCategoryOf: (topic: string) => string = memo((topic) => {
  const index = topic.includes('VirtualTopic') ? 2 : 3;
  return topic.split('.')[index] ?? 'Unclassified';
});
