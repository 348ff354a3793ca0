import { readFileSync } from 'node:fs';
import { type Message, createMessage } from '@accolade/core';

/** A seeded PRNG (mulberry32): the same history on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Template {
  json: string;
  names: string[];
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Realistic messages in any number: the example Fedora messages (bodhi,
 * koji, git, wiki, discourse...) as templates, each copy with a new id, a
 * later time, and its people replaced by users drawn from `people` accounts
 * with a skewed distribution (a few very active accounts, a long tail), so
 * counts for one user range from a handful to tens of thousands of rows.
 */
export class SyntheticMessages {
  private readonly templates: Template[];

  constructor(files: readonly string[], private readonly people = 20_000, private readonly seed = 1) {
    this.templates = files.flatMap((f) => readFileSync(f, 'utf8').split('\n').filter((l) => l.trim() !== '')).map((json) => {
      const raw = JSON.parse(json) as Record<string, unknown>;
      const names = new Set<string>();
      if (typeof raw['agent_name'] === 'string') names.add(raw['agent_name']);
      for (const n of (raw['usernames'] as string[] | undefined) ?? []) names.add(n);
      for (const key of Object.keys((raw['headers'] as Record<string, unknown> | undefined) ?? {})) {
        if (key.startsWith('fedora_messaging_user_')) names.add(key.slice('fedora_messaging_user_'.length));
      }
      return { json, names: [...names].filter((n) => n.length >= 3).sort((a, b) => b.length - a.length) };
    });
  }

  /** The i-th message of the sequence starting at `epoch` seconds, one every few seconds. */
  message(i: number, epoch = 1_600_000_000): Message {
    const next = random(this.seed * 1_000_003 + i);
    const template = this.templates[Math.floor(next() * this.templates.length)]!;
    let text = template.json;
    for (const name of template.names) {
      const user = `user${Math.floor(this.people * next() ** 3)}`;
      text = text.replace(new RegExp(`\\b${escape(name)}\\b`, 'g'), user);
    }
    const raw = JSON.parse(text) as Record<string, unknown>;
    const seconds = epoch + i * 3;
    const headers = { ...(raw['headers'] as Record<string, unknown> | undefined), 'sent-at': new Date(seconds * 1000).toISOString() };
    return createMessage({ ...raw, id: `bench-${this.seed}-${i}`, headers, timestamp: seconds });
  }
}
