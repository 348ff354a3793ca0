import { type Message, createMessage } from '@accolade/core';
import { Draw, Weighted } from './random.js';
import { type People, TOPICS, type TopicSpec } from './topics.js';

const PREFIX = 'org.fedoraproject.prod.';
const WELL_KNOWN_PACKAGES = ['kernel', 'python3', 'firefox', 'glibc', 'gcc', 'systemd', 'rust', 'golang', 'nodejs', 'podman'];

export interface StreamOptions {
  seed: number;
  /** Accounts in the population; activity per account is long-tailed. */
  people: number;
  packages: number;
  /** Seconds since the epoch of message 0; one message every `spacing` seconds. */
  epoch: number;
  spacing: number;
}

export const DEFAULT_STREAM: StreamOptions = { seed: 1, people: 20_000, packages: 3_000, epoch: 1_700_000_000, spacing: 3 };

/** The headers fedora-messaging's publisher sets: the time, and a flag per user and package the schema names. */
function publisherHeaders(sentAt: string, usernames: readonly string[], packages: readonly string[]): Record<string, unknown> {
  const headers: Record<string, unknown> = { 'sent-at': sentAt, fedora_messaging_severity: 20 };
  for (const u of usernames) headers[`fedora_messaging_user_${u}`] = true;
  for (const p of packages) headers[`fedora_messaging_rpm_${p}`] = true;
  return headers;
}

/**
 * Fedora-shaped messages in any number: message `i` depends only on the
 * seed and `i`, so history and stream are two ranges of one sequence
 * (history first, stream after), generated lazily.
 */
export class MessageSequence {
  private readonly topics = new Weighted<TopicSpec>(TOPICS, (t) => t.weight);

  constructor(readonly options: StreamOptions = DEFAULT_STREAM) {}

  raw(i: number): Record<string, unknown> {
    const { seed, people, packages, epoch, spacing } = this.options;
    const d = Draw.forItem(seed, i);
    const who: People = {
      user: () => `user${d.skewed(people)}`,
      pkg: () => {
        const n = d.skewed(packages, 2);
        return n < WELL_KNOWN_PACKAGES.length ? WELL_KNOWN_PACKAGES[n]! : `pkg${n}`;
      },
    };
    const spec = this.topics.pick(d);
    const { body, agent, usernames, packages: pkgs } = spec.build(d, who);
    const seconds = epoch + i * spacing;
    return {
      id: `${seed}-${i}`,
      topic: PREFIX + spec.topic,
      headers: publisherHeaders(new Date(seconds * 1000).toISOString().replace('.000Z', '+00:00'), usernames, pkgs),
      body,
      timestamp: seconds,
      agent_name: agent,
      usernames,
      packages: pkgs,
    };
  }

  message(i: number): Message {
    return createMessage(this.raw(i));
  }

  /** Messages `from` (inclusive) to `to` (exclusive). */
  range(from: number, to: number): Message[] {
    const out: Message[] = [];
    for (let i = from; i < to; i++) out.push(this.message(i));
    return out;
  }
}
