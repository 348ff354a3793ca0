import { type AwardStore, type HistoryStore, type Message, MemoryAwardStore, MemoryHistoryStore, createEngine } from '@accolade/core';
import { describe, expect, it } from 'vitest';
import { Random } from './random.js';
import { randomMessage } from './random-history.js';
import { STREAM_RULES, compileRule } from './rules.js';

export interface OpenedStores {
  history: HistoryStore;
  awards: AwardStore;
  close(): Promise<void>;
}

/** The awards of one engine over a stream, as the CLI prints them. */
export async function replayAwards(stores: { history: HistoryStore; awards: AwardStore }, messages: readonly Message[]): Promise<string[]> {
  const engine = createEngine({ rules: STREAM_RULES.map((r, i) => compileRule(r, `r${i}.yml`)), history: stores.history, awards: stores.awards });
  const out: string[] = [];
  for (const m of messages) for (const a of await engine.process(m)) out.push(`${a.badgeId} ${a.user} ${a.messageId}`);
  return out;
}

/**
 * A random stream of `n` messages (some ids repeated, as a redelivery
 * would), among `people` users: with many, awards keep coming all along
 * the stream instead of running out early.
 */
export function randomStream(seed: number, n: number, people = 0): Message[] {
  const r = new Random(seed);
  const users = people > 0 ? Array.from({ length: people }, (_, i) => `u${i}`) : undefined;
  return Array.from({ length: n }, (_, i) => randomMessage(r, r.chance(0.02) && i > 0 ? r.int(i) : i, users));
}

/** An engine on the stores under test gives exactly the in-memory engine's awards, in the same order. */
export type OpenStores = () => Promise<OpenedStores>;

export function describeEngineDifferential(label: string, open: OpenStores, n = 400, people = 0): void {
  describe(`${label}: an engine gives the in-memory engine's awards`, () => {
    it(`on a random stream of ${n} messages${people > 0 ? ` among ${people} users` : ''}`, async () => {
      const stream = randomStream(7, n, people);
      const expected = await replayAwards({ history: new MemoryHistoryStore(), awards: new MemoryAwardStore() }, stream);
      expect(expected.length).toBeGreaterThan(10);
      const stores = await open();
      try {
        expect(await replayAwards(stores, stream)).toEqual(expected);
      } finally {
        await stores.close();
      }
    });
  });
}
